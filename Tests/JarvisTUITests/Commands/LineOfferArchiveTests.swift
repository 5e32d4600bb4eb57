import Completion
import Foundation
import TestSupport
import Testing

@testable import JarvisTUI

/// The `--plain` offer lists the archive choice after the cycles when session-state.md is long, from the same
/// `OfferPreview` as the full-screen offer, and not for a short file.
@Suite struct LineOfferArchiveTests {
    func offer(older: Int) throws -> (LineOffer, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jt-line-archive-\(UUID().uuidString)")
        let project = Project(root: root)
        try FileManager.default.createDirectory(
            at: project.sessionStateFile.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(LongSessionState.bytes(older: older)).write(to: project.sessionStateFile)
        let preview = OfferPreview.make(project: project, configuration: Configuration(), environment: [:])
        return (LineOffer(preview: preview), root)
    }

    @Test func aLongFileAddsANumberedChoiceThatCanBePickedWithCycles() throws {
        let (offer, root) = try offer(older: 14)
        defer { try? FileManager.default.removeItem(at: root) }
        let number = offer.preview.cycles.count + 1
        let lines = LongSessionState.lines(LongSessionState.bytes(older: 14)).count
        #expect(
            offer.prompt.contains(
                "  \(number). Archive session-state history (\(lines) lines; keeps the current work)\n"
            ),
            "\(offer.prompt)"
        )
        #expect(try offer.choose("\(number)").get() == CycleSelection(cycles: [], archiveState: true))
        #expect(try offer.choose("").get() == CycleSelection(), "Enter skips: nothing archived")
        guard case .failure(let retry) = offer.choose("\(number + 1)") else {
            Issue.record("a number past the choices was accepted")
            return
        }
        #expect(retry.sentence.contains("1–\(number)"))
    }

    @Test func aShortFileHasNoSuchChoice() throws {
        let (offer, root) = try offer(older: 5)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!offer.prompt.contains("Archive session-state"))
        #expect(offer.choose("\(offer.preview.cycles.count + 1)").isFailure)
    }
}

extension Result {
    fileprivate var isFailure: Bool { if case .failure = self { true } else { false } }
}
