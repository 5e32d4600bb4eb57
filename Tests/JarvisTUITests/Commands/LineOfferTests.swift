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
}
