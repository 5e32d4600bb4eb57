/// The handoff quality rubric (0–100): how much of what the next session needs was actually delivered.
/// Each point is documented in docs/handoff-quality.md; `breakdown` lists what earned or lost points.
package struct HandoffQuality: Sendable {
    package struct Item: Sendable {
        package let name: String
        package let earned: Int
        package let possible: Int
    }

    package let items: [Item]
    package var score: Int { items.reduce(0) { $0 + $1.earned } }
    package var possible: Int { items.reduce(0) { $0 + $1.possible } }

    /// Scores the record. Steps that have not finished yet (2, 4 and 5–7 when the summary is written) score nothing and are
    /// left out of `possible`, so the committed summary says "n of m points so far".
    package static func assess(_ record: SessionRecord) -> HandoffQuality {
        func outcome(_ step: StepID) -> Outcome? { record.steps.first { $0.step == step }?.outcome }
        func stepItem(_ name: String, _ step: StepID, _ points: Int, partial: Int = 0) -> Item? {
            guard let result = outcome(step) else { return nil }
            switch (result.kind, result.cause) {
            case (.done, _), (.skipped, .nothingToCommit): return Item(name: name, earned: points, possible: points)
            case (.degraded, _): return Item(name: name, earned: partial, possible: points)
            case (.skipped, .unspecified), (.failed, _): return Item(name: name, earned: 0, possible: points)
            }
        }
        var items: [Item] = [
            Item(name: "next step recorded", earned: record.nextStep == nil ? 0 : 15, possible: 15),
            Item(name: "accomplishments listed", earned: record.accomplishments.isEmpty ? 0 : 10, possible: 10),
        ]
        items += [
            stepItem("session state captured", .stateCapture, 15),
            stepItem("memory persisted (queued: half)", .memory, 10, partial: 5),
            stepItem("priorities updated", .contextFiles, 5),
            stepItem("conversation preserved", .chatHistory, 10, partial: 5),
            stepItem("work committed", .git, 15, partial: 10),
            stepItem("checkpoint written", .handoff, 15),
            stepItem("transients cleaned", .cleanup, 5, partial: 2),
        ].compactMap { $0 }
        return HandoffQuality(items: items.filter { $0.possible > 0 })
    }

    /// A 0–100 percentage of the points possible so far.
    package var percent: Int { possible == 0 ? 0 : Int((Double(score) * 100 / Double(possible)).rounded()) }
}
