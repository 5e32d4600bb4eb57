import Foundation
import Testing

@testable import Completion

/// The labelled prompt table through real UserPromptSubmit payloads, as Claude Code sends them: a "run now" on a
/// prompt of ordinary work would end a session the user is still working in, so precision must be total; a missed
/// farewell only costs the user typing `/end-session`, so recall may fall just short of it.
@Suite("UserPromptSubmit hook: the labelled prompt table")
struct PromptTableTests {
    @Test("precision 100 % and recall ≥ 97 % over the labelled table")
    func table() throws {
        let rows = PromptTable.all
        #expect(rows.count >= 200)
        #expect(PromptTable.nothing.count >= 80, "negatives mentioning the phrases inside other work")
        let test = try HooksTestProject()
        defer { test.remove() }
        let handler = HookHandler(environment: [:])
        var misses: [String] = []
        var misfires: [String] = []
        var runNowOnOthers = 0
        var runNowTotal = 0
        for (prompt, label) in rows {
            let reply = handler.handle(
                .userPromptSubmit,
                input: HooksPayload.userPromptSubmit(prompt, cwd: test.root.path)
            )
            #expect(reply.exitCode == 0 && reply.stderr.isEmpty, "\(prompt)")
            let decision = try Self.decision(reply)
            if decision == .nothing { #expect(reply.stdout.isEmpty, "\(prompt)") }
            if decision == .runNow {
                runNowTotal += 1
                if label != .runNow { runNowOnOthers += 1 }
            }
            if label == .nothing, decision != .nothing { misfires.append("\(decision): \(prompt)") }
            if label != .nothing, decision != label { misses.append("\(decision) for \(label): \(prompt)") }
        }
        let positives = PromptTable.runNow.count + PromptTable.confirm.count
        let precision = runNowTotal == 0 ? 1 : Double(runNowTotal - runNowOnOthers) / Double(runNowTotal)
        let recall = Double(positives - misses.count) / Double(positives)
        print(
            "prompt table: \(rows.count) prompts; run-now precision \(Self.percent(precision)), "
                + "recall \(Self.percent(recall)) (\(positives - misses.count) of \(positives) positives), "
                + "\(misfires.count) of \(PromptTable.nothing.count) negatives fired"
        )
        misses.forEach { print("  missed: \($0)") }
        #expect(runNowOnOthers == 0, "a run-now on a prompt not labelled run-now")
        #expect(misfires.isEmpty, "negatives that fired: \(misfires)")
        #expect(recall >= 0.97, "missed: \(misses)")
    }

    @Test("an ordinary prompt is settled by the word list alone, which covers every standard phrase")
    func wordListCoversThePhrases() {
        #expect(Vocabulary.standard.words.subtracting(Vocabulary.standardWords).isEmpty)
        #expect(PromptIntent.classify("refactor the token refresh and end the session") == .none)
        #expect(PromptIntent.classify("ok, over and out", extraPhrases: ["over and out"]) == .departure)
    }

    static func decision(_ reply: HookReply) throws -> PromptTable.Label {
        switch try hooksContext(reply, event: "UserPromptSubmit") {
        case nil: return .nothing
        case let text? where text.contains("The user asked to end this session"): return .runNow
        case let text? where text.contains("Ask the user to confirm"): return .confirm
        case let text?:
            Issue.record("unexpected context: \(text)")
            return .nothing
        }
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f %%", fraction * 100)
    }
}
