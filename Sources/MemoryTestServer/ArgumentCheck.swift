import MCP

/// Checks a call's arguments against the schema the server advertised, as a strict third-party server does
/// (pydantic, zod): a missing required property, a value of the wrong type, or a property the schema does not
/// name is an invalid call.
enum ArgumentCheck {
    /// The first problem, or nil when the arguments fit.
    static func problem(_ value: Value, _ schema: Value, root: Value, path: String = "arguments") -> String? {
        guard var node = schema.objectValue else { return nil }
        for _ in 0..<16 {
            guard let reference = node["$ref"]?.stringValue else { break }
            node = resolve(reference, in: root)?.objectValue ?? [:]
        }
        if let alternatives = node["anyOf"]?.arrayValue {
            let fits = alternatives.contains { problem(value, $0, root: root, path: path) == nil }
            return fits ? nil : "\(path) matches none of its alternatives"
        }
        switch node["type"]?.stringValue {
        case "object":
            guard let object = value.objectValue else { return "\(path) must be an object" }
            return objectProblem(object, node, root: root, path: path)
        case "array":
            guard let list = value.arrayValue else { return "\(path) must be an array" }
            guard let items = node["items"] else { return nil }
            for (index, item) in list.enumerated() {
                if let found = problem(item, items, root: root, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case "string":
            return value.stringValue == nil ? "\(path) must be a string" : nil
        case "number", "integer":
            return value.intValue == nil && value.doubleValue == nil ? "\(path) must be a number" : nil
        default:
            return nil
        }
    }

    static func objectProblem(_ object: [String: Value], _ node: [String: Value], root: Value, path: String) -> String?
    {
        let properties = node["properties"]?.objectValue ?? [:]
        for name in node["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            return "\(path).\(name) is required"
        }
        for key in object.keys.sorted() {
            guard let property = properties[key] else { return "\(path).\(key) is not a known property" }
            if let found = problem(object[key]!, property, root: root, path: "\(path).\(key)") { return found }
        }
        return nil
    }

    static func resolve(_ reference: String, in root: Value) -> Value? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Value? = root
        for part in reference.dropFirst(2).split(separator: "/") { node = node?.objectValue?[String(part)] }
        return node
    }
}
