import Foundation

/// The agent's notes as JSON: `accomplishments`, `decisions`, `blockers`, `next_step`, `files`, `corrections`,
/// `self_corrections`.
/// Decisions, blockers and files take either a string (`"decision: rationale"`) or an object
/// (`{"decision", "rationale"}`, `{"blocker", "status"}`, `{"path", "purpose"}`); `files` may also be an object
/// mapping paths to purposes.
enum AgentNotesJSON {
    static let keys = [
        "accomplishments", "decisions", "blockers", "next_step", "files", "corrections", "self_corrections",
    ]

    static func parse(_ data: Data, source: String) throws(AgentNotesError) -> AgentNotes {
        let root: OrderedJSON
        do { root = try OrderedJSON.parse(data) } catch {
            throw AgentNotesError(
                source: source,
                line: error.line,
                message: "malformed JSON (column \(error.column)): \(error.message)"
            )
        }
        guard case .object(let members) = root else {
            throw AgentNotesError(
                source: source,
                line: 1,
                message: "the notes must be a JSON object with \(keys.joined(separator: ", "))"
            )
        }
        var notes = AgentNotes()
        for member in members {
            let fail = { (message: String) in AgentNotesError(source: source, line: member.line, message: message) }
            switch member.key {
            case "accomplishments": notes.accomplishments = try strings(member, fail)
            case "corrections": notes.corrections = try strings(member, fail)
            case "self_corrections": notes.selfCorrections = try strings(member, fail)
            case "next_step":
                guard case .string(let text) = member.value else {
                    if member.value == .null { continue }
                    throw fail("next_step must be a string")
                }
                notes.nextStep = text.isEmpty ? nil : text
            case "decisions":
                notes.decisions = try pairs(member, ("decision", "rationale"), fail).map {
                    .init(decision: $0, rationale: $1)
                }
            case "blockers":
                notes.blockers = try pairs(member, ("blocker", "status"), fail).map { .init(blocker: $0, status: $1) }
            case "files": notes.files = try files(member, fail)
            default: throw fail("unknown key “\(member.key)”; use \(keys.joined(separator: ", "))")
            }
        }
        return notes
    }

    static func strings(
        _ member: OrderedJSON.Member,
        _ fail: (String) -> AgentNotesError
    ) throws(AgentNotesError) -> [String] {
        guard case .array(let items) = member.value else { throw fail("\(member.key) must be a list of strings") }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw fail("\(member.key) must be a list of strings") }
            if !text.isEmpty { result.append(text) }
        }
        return result
    }

    static func pairs(
        _ member: OrderedJSON.Member,
        _ names: (String, String),
        _ fail: (String) -> AgentNotesError
    ) throws(AgentNotesError) -> [(String, String?)] {
        guard case .array(let items) = member.value else { throw fail("\(member.key) must be a list") }
        var result: [(String, String?)] = []
        for item in items {
            switch item {
            case .string(let text): result.append(AgentNotesParser.split(text))
            case .object:
                guard let head = item[names.0]?.stringValue, !head.isEmpty else {
                    throw fail("each of \(member.key) needs \"\(names.0)\" (and may have \"\(names.1)\")")
                }
                result.append((head, item[names.1]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }))
            default: throw fail("each of \(member.key) is a string or an object")
            }
        }
        return result
    }

    static func files(
        _ member: OrderedJSON.Member,
        _ fail: (String) -> AgentNotesError
    ) throws(AgentNotesError) -> [AgentNotes.FilePurpose] {
        if case .object(let entries) = member.value {
            return try entries.map { entry throws(AgentNotesError) in
                guard let purpose = entry.value.stringValue else {
                    throw fail("the purpose of \(entry.key) must be a string")
                }
                return .init(path: entry.key, purpose: purpose)
            }
        }
        return try pairs(member, ("path", "purpose"), fail).map { path, purpose throws(AgentNotesError) in
            guard let purpose else { throw fail("the file \(path) needs its purpose") }
            return .init(path: path, purpose: purpose)
        }
    }
}
