import Foundation

/// Remembers the user's approval of a project server the way Claude Code does: the server's name is appended to
/// `enabledMcpjsonServers` in the project's `.claude/settings.local.json`. Every other key keeps its place and its
/// text; a file that is not valid JSON is reported and left alone.
package enum ProjectServerApprovalRecord {
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// The file's new text with `name` approved; nil when it already is.
    package static func merged(existing: Data?, name: String, shown: String) throws(Failure) -> String? {
        var root: [OrderedJSON.Member] = []
        if let existing, !existing.allSatisfy({ [0x20, 0x09, 0x0a, 0x0d].contains($0) }) {
            let parsed: OrderedJSON
            do {
                parsed = try OrderedJSON.parse(existing)
            } catch {
                throw Failure(
                    description: "\(shown) is not valid JSON (\(error)): fix it, then approve again; "
                        + "the file was not changed"
                )
            }
            guard case .object(let members) = parsed else {
                throw Failure(description: "\(shown) must hold a JSON object ({ … }); the file was not changed")
            }
            root = members
        }
        var names: [OrderedJSON] = []
        let index = root.firstIndex { $0.key == "enabledMcpjsonServers" }
        if let index {
            guard case .array(let items) = root[index].value else {
                throw Failure(
                    description: "\(shown) line \(root[index].line): `enabledMcpjsonServers` must be a list "
                        + "of server names; the file was not changed"
                )
            }
            names = items
        }
        if names.contains(.string(name)) { return nil }
        names.append(.string(name))
        if let index {
            root[index].value = .array(names)
        } else {
            root.append(OrderedJSON.Member(key: "enabledMcpjsonServers", value: .array(names)))
        }
        return OrderedJSON.object(root).pretty() + "\n"
    }

    /// Writes the approval into the project's `.claude/settings.local.json` (atomically, never through a link;
    /// a new file is private to the user, as it may hold local credentials). Returns false when the server was
    /// already approved there.
    @discardableResult
    package static func record(_ name: String, project: Project) throws -> Bool {
        let url = project.localSettingsFile
        let files = ProjectFiles(project)
        try files.prepareWrite(url)
        let shown = project.relativePath(of: url)
        guard let text = try merged(existing: try files.read(url), name: name, shown: shown) else {
            return false
        }
        try files.write(text, to: url, newFileMode: 0o600)
        return true
    }
}
