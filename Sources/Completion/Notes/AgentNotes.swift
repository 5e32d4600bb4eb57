import Foundation

/// What only the agent knows about the session, handed over with `--notes`: the parts the binary cannot find in
/// git or the transcript. Merged into the session record before the steps run, so every output (session-state,
/// the summary, the memory entity, the checkpoint) carries them.
package struct AgentNotes: Sendable, Equatable {
    package struct Decision: Sendable, Equatable {
        package var decision: String
        package var rationale: String?
        /// `decision: rationale`, the form the state files and the memory store use.
        package var line: String { rationale.map { "\(decision): \($0)" } ?? decision }
    }

    package struct Blocker: Sendable, Equatable {
        package var blocker: String
        package var status: String?
        package var line: String { status.map { "\(blocker): \($0)" } ?? blocker }
    }

    package struct FilePurpose: Sendable, Equatable {
        package var path: String
        package var purpose: String
    }

    package var accomplishments: [String] = []
    package var decisions: [Decision] = []
    package var blockers: [Blocker] = []
    package var nextStep: String?
    package var files: [FilePurpose] = []
    package var corrections: [String] = []
    /// What the agent got wrong and put right itself (`## Self-Corrections`): for the lessons files only.
    package var selfCorrections: [String] = []

    package init() {}

    package var isEmpty: Bool {
        accomplishments.isEmpty && decisions.isEmpty && blockers.isEmpty && nextStep == nil && files.isEmpty
            && corrections.isEmpty && selfCorrections.isEmpty
    }
}

extension AgentNotes {
    /// Every text with control, line-separator and bidi characters escaped (`\x1b`, `\u{202e}`): the notes are
    /// written into Markdown files and shown in the terminal, where such bytes would break lines or the screen.
    func escaped() -> AgentNotes {
        let e = EscapedName.markdown
        var copy = self
        copy.accomplishments = accomplishments.map(e)
        copy.decisions = decisions.map { .init(decision: e($0.decision), rationale: $0.rationale.map(e)) }
        copy.blockers = blockers.map { .init(blocker: e($0.blocker), status: $0.status.map(e)) }
        copy.nextStep = nextStep.map(e)
        copy.files = files.map { .init(path: e($0.path), purpose: e($0.purpose)) }
        copy.corrections = corrections.map(e)
        copy.selfCorrections = selfCorrections.map(e)
        return copy
    }

    /// Adds the notes to the record without duplicates (a second run with the same notes adds nothing twice).
    /// The agent's next step wins over the one read from the state files: it is the newer word.
    func merge(into record: inout SessionRecord) {
        func add(_ items: [String], to list: inout [String]) {
            for item in items where !list.contains(where: { Self.same($0, item) }) { list.append(item) }
        }
        // The agent's own account leads; what git and the state files say follows.
        let found = record.accomplishments
        record.accomplishments = []
        add(accomplishments, to: &record.accomplishments)
        add(found, to: &record.accomplishments)
        add(decisions.map(\.line), to: &record.decisions)
        add(blockers.map(\.line), to: &record.blockers)
        add(corrections, to: &record.corrections)
        if let nextStep { record.nextStep = nextStep }
        for file in files { record.filePurposes[file.path] = file.purpose }
        // The agent may quote a token it saw: the notes are outside text like the rest of the record's.
        record.redactOutsideText()
    }

    /// Equal up to case, surrounding spaces and a final full stop: the same item written twice.
    static func same(_ a: String, _ b: String) -> Bool {
        sameKey(a) == sameKey(b)
    }

    /// What `same` compares: trimmed, lowercased, without trailing full stops.
    static func sameKey(_ s: String) -> String {
        var t = s.trimmingBlanks().lowercased()
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
