import Foundation

/// The folder this process was started in, asked of the kernel: when it has been deleted (or moved out of reach)
/// there is none, and a command that needs it says so in one sentence instead of searching from a made-up path.
package enum WorkingDirectory {
    package static func current() -> URL? {
        guard let pointer = getcwd(nil, 0) else { return nil }
        defer { free(pointer) }
        let path = String(cString: pointer)
        // Linux marks a folder that was removed after the process entered it; such a path leads nowhere.
        guard path.hasPrefix("/"), !path.hasSuffix(" (deleted)") else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    package static let goneSentence =
        "the working directory no longer exists (it was deleted or moved); "
        + "cd to your project, or pass --project DIR"
}
