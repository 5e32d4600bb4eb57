import Foundation

/// Reads a Claude Code JSON settings file as an object, for the keys this tool consults.
enum SettingsFile {
    struct Problem: Error { let message: String }

    /// nil when there is no such file; a failure names the file and what is wrong with it. A symlink is followed
    /// only for files outside the project (the user's own); inside the project it is refused, since a cloned
    /// repository can point one anywhere.
    static func readObject(
        _ url: URL,
        shown: String,
        limit: Int = 1 << 20,
        refuseSymlink: Bool = false
    ) -> Result<[String: Any], Problem>? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        if refuseSymlink && (info.st_mode & S_IFMT) == S_IFLNK {
            return .failure(Problem(message: "\(shown) is a symlink: its settings are ignored"))
        }
        if stat(url.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            return .failure(Problem(message: "\(shown) is not a regular file: its settings are ignored"))
        }
        guard Int(info.st_size) <= limit else {
            return .failure(Problem(message: "\(shown) is larger than \(limit) bytes: its settings are ignored"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(Problem(message: "cannot read \(shown): check its permissions"))
        }
        if data.allSatisfy({ [0x20, 0x09, 0x0a, 0x0d].contains($0) }) { return .success([:]) }
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return .failure(Problem(message: "\(shown) is not a JSON object: its settings are ignored"))
            }
            return .success(object)
        } catch {
            let location = JSONErrorLocation.describe(error, in: data)
            return .failure(
                Problem(
                    message: "\(shown) is not valid JSON (\(location)): "
                        + "its settings are ignored until it is fixed"
                )
            )
        }
    }
}
