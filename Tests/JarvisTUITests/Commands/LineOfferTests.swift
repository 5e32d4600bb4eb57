import Completion
import Foundation
import Testing

@testable import JarvisTUI

/// The `--plain` offer lists what the full-screen offer lists: a project-relative cycle script is looked up in the
/// project, not in the folder the command was started from.
@Suite struct LineOfferTests {
    func project() throws -> (Project, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jt-line-offer-\(UUID().uuidString)")
        let script = root.appendingPathComponent("scripts/reflect.sh")
        try FileManager.default.createDirectory(
            at: script.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try "#!/bin/sh\necho reflecting\n".write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let project = Project(root: root)
        try FileManager.default.createDirectory(
            at: project.configFile.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try "session_completion:\n  cycles:\n    reflection: { command: [\"scripts/reflect.sh\"] }\n"
            .write(to: project.configFile, atomically: true, encoding: .utf8)
        return (project, root)
    }

    @Test func aProjectRelativeScriptIsAvailableFromAnyFolder() throws {
        let (project, root) = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(FileManager.default.currentDirectoryPath != root.path)
        let environment = ProcessInfo.processInfo.environment
        let resolved = try ConfigurationResolver.resolve(
            project: project,
            commandLine: CommandLineOverrides(),
            environment: environment
        )
        let offer = LineOffer(
            preview: OfferPreview.make(
                project: project,
                configuration: resolved.configuration,
                environment: environment
            )
        )
        let reflection = try #require(offer.prompt.split(separator: "\n").first { $0.contains("Self-Reflection") })
        #expect(!reflection.contains("unavailable"), "\(reflection)")
        #expect(try offer.choose("1").get() == CycleSelection(cycles: [.reflection]))
        #expect(try offer.choose("").get() == CycleSelection())
        #expect(try offer.choose("q").get() == nil)
        guard case .failure(let retry) = offer.choose("2") else {
            Issue.record("an unavailable cycle was accepted")
            return
        }
        #expect(retry.sentence.contains("Pick available cycles"))
    }

    /// A missing tool with a long path: the reason wraps to the terminal's width, indented under its cycle, and
    /// nothing of it is cut.
    @Test(arguments: [80, 120])
    func aLongReasonWrapsUnderItsCycle(width: Int) throws {
        let (project, root) = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let tool = "/opt/team-tools/research/bin/" + String(repeating: "deep-research-", count: 9) + "tool"
        try "session_completion:\n  cycles:\n    research: { command: [\"\(tool)\"] }\n"
            .write(to: project.configFile, atomically: true, encoding: .utf8)
        let environment = ProcessInfo.processInfo.environment
        let resolved = try ConfigurationResolver.resolve(
            project: project,
            commandLine: CommandLineOverrides(),
            environment: environment
        )
        let preview = OfferPreview.make(
            project: project,
            configuration: resolved.configuration,
            environment: environment
        )
        let reason = try #require(preview.cycles.first { $0.cycle == .research }?.reason)
        #expect(reason.count > width, "the reason must be longer than a line: \(reason)")
        let offer = LineOffer(preview: preview, width: width)
        let lines = offer.prompt.split(separator: "\n").map(String.init)
        let research = try #require(lines.firstIndex { $0.contains("R&D Cycles") })
        let under = lines[(research + 1)...].prefix { $0.hasPrefix(LineOffer.indent) }
        #expect(under.count >= 2, "\(offer.prompt)")
        for line in lines.dropLast() { #expect(line.count <= width, "too wide: \(line)") }
        // The path is longer than a line, so it is broken where it must be: compare without the spaces.
        let joined = under.joined().filter { $0 != " " }
        #expect(joined == ("unavailable: " + reason).filter { $0 != " " })
    }
}
