import Foundation
import MCP

/// The names the server advertises, chosen with `MEMORY_TEST_NAMES` so tests can stand in for third-party
/// memory servers: comma-separated `SCOPE.FIELD=NAME`, where SCOPE is `entity`, `relation`, `observation` (an
/// `add_observations` item) or a tool name for its top-level arguments. `relation.from=from_,relation.to=to_` is
/// a server speaking `from_`/`to_`; `relation.relationType=type,observation.contents=observations` another.
/// Calls are checked against the advertised schema (`ArgumentCheck`), then read back into the reference names;
/// replies name entities and relations the advertised way.
struct FieldNaming: Sendable {
    /// scope → reference name → advertised name
    var renames: [String: [String: String]] = [:]

    init(_ text: String?) {
        for item in (text ?? "").split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let path = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, path.count == 2, !parts[1].isEmpty else {
                FileHandle.standardError.write(Data("memory-test-server: ignored name \(item)\n".utf8))
                continue
            }
            renames[path[0], default: [:]][path[1]] = parts[1]
        }
    }

    func advertised(_ field: String, in scope: String) -> String { renames[scope]?[field] ?? field }

    func reference(_ advertised: String, in scope: String) -> String {
        renames[scope]?.first { $0.value == advertised }?.key ?? advertised
    }

    /// The scope of the objects in each top-level list argument or reply member.
    static let itemScopes = ["entities": "entity", "relations": "relation", "observations": "observation"]

    /// A call's arguments under the reference names.
    func inbound(_ tool: String, _ arguments: [String: Value]) -> [String: Value] {
        var result: [String: Value] = [:]
        for (key, value) in arguments {
            let name = reference(key, in: tool)
            result[name] = Self.itemScopes[name].map { scope in items(value) { reference($0, in: scope) } } ?? value
        }
        return result
    }

    /// A reply (a list of entities or relations, or a graph) under the advertised names.
    func outbound(_ value: Value, scope: String?) -> Value {
        if let scope { return items(value) { advertised($0, in: scope) } }
        guard var object = value.objectValue else { return value }
        for (key, scope) in Self.itemScopes where key != "observations" {
            if let list = object[key] { object[key] = items(list) { advertised($0, in: scope) } }
        }
        return .object(object)
    }

    private func items(_ value: Value, _ rename: (String) -> String) -> Value {
        guard let list = value.arrayValue else { return value }
        return .array(
            list.map { item in
                guard let object = item.objectValue else { return item }
                return .object(Dictionary(object.map { (rename($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }))
            }
        )
    }
}
