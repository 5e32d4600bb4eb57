import Completion
import Foundation
import Testing

/// A real sample project (git repository, bare remote, uncommitted work) with one Tier 2 cycle configured.
struct TerminalSampleProject {
    let demo: DemoProject
    var project: Project { demo.project }
    var root: URL { demo.project.root }

    /// `cycle` is the maintenance command (argv); `autoPush: false` makes the engine ask gate G-06; `reviewPause`
    /// is `review_pause` (the progress view waits for Enter after the steps: `always`, `auto`, `never`).
    static func make(
        cycle: [String] = ["git", "count-objects", "-v"],
        autoPush: Bool = true,
        reviewPause: String = "always"
    ) throws -> TerminalSampleProject {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("jt-ui-tests")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let demo = try DemoProject.create(in: parent)
        let config = demo.project.configFile
        var text = try String(contentsOf: config, encoding: .utf8)
        let argv = cycle.map { "\"\($0)\"" }.joined(separator: ", ")
        text = text.replacingOccurrences(
            of: "    # maintenance: { command: [\"claude\", \"-p\", \"/maintain\"], timeout_seconds: 600 }",
            with: "    maintenance: { command: [\(argv)], timeout_seconds: 60 }"
        )
        // Only the maintenance cycle is available here: the others get a program that is not installed (the
        // built-in reflection, and Claude Code where it is installed, would make them available).
        for name in ["reflection", "evolution", "research"] {
            text = text.replacingOccurrences(
                of: "    # \(name):",
                with: "    \(name): { command: [\"\(name)-not-installed-here\"] }  #"
            )
        }
        if !autoPush { text = text.replacingOccurrences(of: "auto_push: true ", with: "auto_push: false") }
        // A quick clean run would go straight to the review under `auto`; the tests expect the same view every time.
        text = text.replacingOccurrences(of: "# review_pause: auto ", with: "review_pause: \(reviewPause)")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return TerminalSampleProject(demo: demo)
    }

    /// The sample project with `count` unknown configuration keys: a run of it has `count` warnings.
    static func withUnknownKeys(_ count: Int) throws -> TerminalSampleProject {
        let sample = try TerminalSampleProject.make()
        let config = sample.project.configFile
        var text = try String(contentsOf: config, encoding: .utf8)
        let keys = (1...count).map { String(format: "  unknown_setting_%03d: 1", $0) }.joined(separator: "\n")
        text = text.replacingOccurrences(of: "session_completion:\n", with: "session_completion:\n" + keys + "\n")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return sample
    }

    /// Every event of the runs so far, from the run log files (`.claude/logs/runs/`), which every front end writes
    /// as the events happen.
    var runLog: String {
        let folder = RunLogFile.folder(project)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted().compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined()
    }

    func git(_ arguments: String...) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    var summaries: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: project.summariesFolder.path))?.filter {
            $0.hasSuffix(".md")
        } ?? []
    }

    func remove() { try? FileManager.default.removeItem(at: demo.folder) }
}
