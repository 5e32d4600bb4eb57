import Foundation

/// A path under the project that the tool will not read, write or delete because reaching it would mean following
/// a symlink (or `..`) that may lead out of the project. Raised by `ProjectFiles`; the run reports it as a warning
/// and carries on with everything else.
package struct RefusedPath: Error, CustomStringConvertible, Sendable, Equatable {
    /// The project-relative path of the component that was refused (the link itself, not the file asked for).
    package let path: String
    package let reason: String

    package var description: String {
        "refused \(path): \(reason); jarvis-tui never follows a link out of the project, so nothing was read, "
            + "written or deleted through it (replace it with a real folder or file)"
    }
}

/// The refusals of each project since they were last reported, so the engine can turn the ones that happen deep
/// inside a writer or cleaner into warnings of the run. Keyed by project root: tests run several projects in one
/// process at once.
package enum RefusedPaths {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var pending: [String: [RefusedPath]] = [:]

    static func record(_ refusal: RefusedPath, root: String) {
        lock.lock(); defer { lock.unlock() }
        if pending[root, default: []].contains(refusal) { return }
        pending[root, default: []].append(refusal)
    }

    /// The refusals not reported yet (each path once), oldest first.
    package static func drain(_ project: Project) -> [RefusedPath] {
        lock.lock(); defer { lock.unlock() }
        return pending.removeValue(forKey: project.root.path) ?? []
    }
}
