import MCP

/// Fits the arguments jarvis-tui means, written with the reference memory server's names, to the input schema a
/// server advertises for a tool, as a model building the call from that schema would. Each advertised property
/// takes our field of the same or an equivalent name (`FieldSynonyms`); nested objects and array items follow
/// their own schemas, through `$ref`, `anyOf` and `oneOf`. Fields the schema has no place for are left out (a
/// strict server rejects unknown names) and reported as dropped. A required property we have no value for, and
/// the schema gives no default for, makes the call impossible: that is said here rather than sent to be refused.
package struct ArgumentShaper: Sendable {
    package struct Shaped: Sendable, Equatable {
        package var arguments: [String: Value]
        /// Our fields the schema has no place for, as paths (`entities[].observations`).
        package var dropped: Set<String>
    }

    package struct Unfit: Error, Sendable, Equatable, CustomStringConvertible {
        package let description: String
        init(_ description: String) { self.description = description }
    }

    /// A schema nested deeper than this, or needing more steps per call than `stepBudget`, is not a memory
    /// tool's: it is refused instead of walked (a hostile server could advertise an exponential `anyOf` tree).
    /// A session's call takes a few steps per entity or relation, a few hundred in all.
    static let maximumDepth = 24
    static let stepBudget = 20_000

    let root: Value

    package init(schema: Value) { root = schema }

    package func shape(_ arguments: [String: Value]) throws -> Shaped {
        var walk = Walk()
        let fitted = try fit(.object(arguments), root, path: "", depth: 0, &walk)
        return Shaped(arguments: fitted.objectValue ?? arguments, dropped: walk.dropped)
    }

    struct Walk {
        var dropped: Set<String> = []
        var steps = 0
    }

    func fit(_ value: Value, _ schema: Value, path: String, depth: Int, _ walk: inout Walk) throws -> Value {
        walk.steps += 1
        guard depth < Self.maximumDepth, walk.steps < Self.stepBudget else {
            throw Unfit("its input schema is too deeply nested to follow")
        }
        // `true`, `{}`, or a `$ref` that leads nowhere: anything goes.
        guard let node = resolve(schema)?.objectValue else { return value }
        if let alternatives = (node["anyOf"] ?? node["oneOf"])?.arrayValue {
            return try fitAny(value, alternatives, path: path, depth: depth, &walk)
        }
        if let all = node["allOf"]?.arrayValue, all.count == 1 {
            return try fit(value, all[0], path: path, depth: depth + 1, &walk)
        }
        switch Self.expectedType(node, for: value) {
        case "object":
            return try fitObject(value, node, path: path, depth: depth, &walk)
        case "array":
            let items = node["items"] ?? .bool(true)
            let list = value.arrayValue ?? [value]
            return .array(try list.map { try fit($0, items, path: path + "[]", depth: depth + 1, &walk) })
        case "string":
            if case .string = value { return value }
            if let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) {
                return .string(list.compactMap(\.stringValue).joined(separator: "\n"))
            }
            throw Unfit("it wants a text for `\(Self.shown(path))`")
        case let type?:
            throw Unfit("it wants a \(type) for `\(Self.shown(path))`, which jarvis-tui has no value for")
        case nil:
            return value
        }
    }

    /// The first alternative our value fits; a `null` alternative only takes a null.
    func fitAny(_ value: Value, _ alternatives: [Value], path: String, depth: Int, _ walk: inout Walk) throws -> Value {
        var firstFailure: Error?
        for alternative in alternatives {
            if resolve(alternative)?.objectValue?["type"]?.stringValue == "null", value != .null { continue }
            var attempt = walk
            do {
                let fitted = try fit(value, alternative, path: path, depth: depth + 1, &attempt)
                walk = attempt
                return fitted
            } catch {
                walk.steps = attempt.steps
                if walk.steps >= Self.stepBudget { throw error }
                firstFailure = firstFailure ?? error
            }
        }
        throw firstFailure ?? Unfit("no alternative of its schema for `\(Self.shown(path))` takes our value")
    }

    func fitObject(
        _ value: Value,
        _ node: [String: Value],
        path: String,
        depth: Int,
        _ walk: inout Walk
    ) throws
        -> Value
    {
        guard let fields = value.objectValue else { throw Unfit("it wants an object for `\(Self.shown(path))`") }
        let properties = resolve(node["properties"])?.objectValue ?? [:]
        let required = node["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if properties.isEmpty && required.isEmpty && node["additionalProperties"] != .bool(false) { return value }
        var pairs = FieldSynonyms.pair(ours: fields.keys.sorted(), theirs: properties.keys.sorted())
        Self.pairLastOne(&pairs, fields: fields, required: required, properties: properties)
        var result: [String: Value] = [:]
        for theirs in pairs.keys.sorted() {
            let ours = pairs[theirs]!
            let inner = Self.joined(path, ours)
            result[theirs] = try fit(fields[ours]!, properties[theirs]!, path: inner, depth: depth + 1, &walk)
        }
        for name in required where result[name] == nil {
            guard let fallback = Self.defaultValue(resolve(properties[name])) else {
                throw Unfit("it requires `\(Self.joined(Self.shown(path), name))`, which jarvis-tui has no value for")
            }
            result[name] = fallback
        }
        let paired = Set(pairs.values)
        for field in fields.keys where !paired.contains(field) { walk.dropped.insert(Self.joined(path, field)) }
        return .object(result)
    }

    /// One required property left without a field, and one field of ours left without a property: they are
    /// the same thing under a name we do not know (`{"data": [...]}` for `entities`), when their kinds agree.
    static func pairLastOne(
        _ pairs: inout [String: String],
        fields: [String: Value],
        required: [String],
        properties: [String: Value]
    ) {
        let open = required.filter { pairs[$0] == nil && properties[$0] != nil }
        let paired = Set(pairs.values)
        let spare = fields.keys.filter { !paired.contains($0) }
        guard open.count == 1, spare.count == 1, let schema = properties[open[0]]?.objectValue else { return }
        let type = schema["type"]?.stringValue
        if type == nil || type == kind(of: fields[spare[0]]!) { pairs[open[0]] = spare[0] }
    }

    /// Follows local `$ref`s (`#/$defs/Relation`), a bounded number of times.
    func resolve(_ schema: Value?) -> Value? {
        var current = schema
        for _ in 0..<16 {
            guard let reference = current?.objectValue?["$ref"]?.stringValue else { return current }
            current = pointer(reference)
        }
        return nil
    }

    func pointer(_ reference: String) -> Value? {
        guard reference.hasPrefix("#") else { return nil }
        var node: Value? = root
        for part in reference.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?.objectValue?[key]
        }
        return node
    }

    static func expectedType(_ node: [String: Value], for value: Value) -> String? {
        if let type = node["type"]?.stringValue { return type }
        if let types = node["type"]?.arrayValue?.compactMap(\.stringValue), !types.isEmpty {
            let ours = kind(of: value)
            return types.contains(ours) ? ours : types.first { $0 != "null" }
        }
        if node["properties"] != nil { return "object" }
        if node["items"] != nil { return "array" }
        return nil
    }

    static func kind(of value: Value) -> String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string, .data: "string"
        case .int: "integer"
        case .double: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    static func defaultValue(_ schema: Value?) -> Value? {
        guard let node = schema?.objectValue else { return nil }
        if let value = node["default"] ?? node["const"] { return value }
        if let choices = node["enum"]?.arrayValue, choices.count == 1 { return choices[0] }
        return nil
    }

    static func joined(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
    static func shown(_ path: String) -> String { path.isEmpty ? "the arguments" : path }
}
