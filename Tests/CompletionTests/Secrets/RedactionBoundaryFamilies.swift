import Foundation
import Testing

@testable import Completion

/// One credential of every family in the labelled corpus, each as a blocker in the agent's notes (so it reaches
/// the summary, the checkpoint and therefore the next session's start): the plain output, the JSON events and
/// the `session-start` hook show each blocker, and none of the credentials; no file under the project, no commit
/// on the remote and no memory entity holds one.
extension RedactionBoundaryTests {
    /// A corpus line of one family and the part of it the rules must hide.
    struct FamilyLine {
        let family: String
        let line: String
        let needle: String
        /// The needle as it is written, or JSON-escaped, cut to 16 characters: a truncated secret is a leak too.
        func leaks(in text: String) -> Bool {
            let head = String(needle.prefix(16))
            return text.contains(head) || text.contains(head.replacingOccurrences(of: "/", with: "\\/"))
        }
    }

    /// The first line of each family's samples that the rules find on its own, with what redaction removes.
    static var familyLines: [FamilyLine] {
        var result: [FamilyLine] = []
        for sample in SecretCorpus.secrets where !result.contains(where: { $0.family == sample.label }) {
            for line in sample.text.split(separator: "\n").map(String.init) {
                let redacted = SecretRedaction.redact(line)
                guard redacted != line else { continue }
                let prefix = zip(line, redacted).prefix { $0 == $1 }.count
                let suffix = zip(line.reversed(), redacted.reversed()).prefix { $0 == $1 }.count
                let removed = line.dropFirst(prefix).dropLast(min(suffix, line.count - prefix))
                let needle = removed.split(whereSeparator: { " \"'`,;()[]{}<>".contains($0) })
                    .max { $0.count < $1.count }
                guard let needle, needle.count >= 6 else { continue }
                result.append(FamilyLine(family: sample.label, line: line, needle: String(needle)))
                break
            }
        }
        return result
    }

    static func notes(_ lines: [FamilyLine]) -> String {
        "## Blockers\n\n" + lines.map { "- family-\($0.family): \($0.line)" }.joined(separator: "\n") + "\n"
    }

    @Test("every family of the corpus: no credential in the output, the hook, the files, the remote or the memory")
    func everyFamilyIsRedactedInEveryOutput() throws {
        let lines = Self.familyLines
        let families = Set(SecretCorpus.secrets.map(\.label))
        #expect(
            lines.count >= families.count - 3,
            "families without a line the rules find alone: \(families.subtracting(lines.map(\.family)).sorted())"
        )
        let plain = try PlantedProject.make(secretInCommitSubject: false)
        defer { plain.base.remove() }
        try Data(Self.notes(lines).utf8).write(to: plain.notes)
        let before = Self.files(under: plain.root)
        let run = try plain.run(["--plain"])
        #expect(run.status == 0, "\(run.output.suffix(1500))\(run.errorOutput)")
        let hook = try plain.sessionStartHook()
        #expect(hook.status == 0, "\(hook.output)\(hook.errorOutput)")

        let json = try PlantedProject.make(secretInCommitSubject: false)
        defer { json.base.remove() }
        try Data(Self.notes(lines).utf8).write(to: json.notes)
        let events = try json.run(["--json"])
        #expect(events.status == 0, "\(events.output.suffix(1500))\(events.errorOutput)")

        let outputs = [
            ("plain output", run.stdout + run.stderr), ("session-start hook", hook.stdout + hook.stderr),
            ("JSON events", events.stdout + events.stderr),
        ]
        for (name, bytes) in outputs {
            let text = String(decoding: bytes, as: UTF8.self)
            for line in lines {
                #expect(text.contains("family-\(line.family)"), "\(name) does not show the \(line.family) blocker")
                #expect(!line.leaks(in: text), "\(name) shows the \(line.family) credential \(line.needle)")
            }
        }
        let written = try Self.writtenTexts(plain, before: before)
        // The blockers reached the summary: the files were checked with them in.
        #expect(written.contains { $0.0.hasPrefix(".claude/reports/sessions/") && $0.1.contains("family-") })
        for (name, text) in written {
            for line in lines {
                #expect(!line.leaks(in: text), "\(name) holds the \(line.family) credential \(line.needle)")
            }
        }
    }

    /// Every regular file under the project but the git directory, by project-relative path.
    static func files(under root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative == ".git" { walker?.skipDescendants(); continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            files[relative] = data
        }
        return files
    }

    /// What the run wrote: every file under the project it created or changed (the user's own files as they were
    /// and the byte copy of the transcript left out), the remote's history and the memory store, as text.
    static func writtenTexts(_ fixture: PlantedProject, before: [String: Data]) throws -> [(String, String)] {
        var texts: [(String, String)] = []
        let transcript = try Data(contentsOf: fixture.transcript)
        for (relative, data) in files(under: fixture.root) where before[relative] != data {
            if relative.hasSuffix(".jsonl.zst"), (try? ZstdStream.decompress(data)) == transcript { continue }
            texts.append((relative, String(decoding: data, as: UTF8.self)))
        }
        let remote = try ProcessRunner.run(
            ["git", "--git-dir", fixture.base.remote.path, "log", "--all", "-p", "--format=%B"],
            in: fixture.base.folder
        )
        texts.append(("the remote", String(decoding: remote.stdout, as: UTF8.self)))
        let store = (try? Data(contentsOf: fixture.store)) ?? Data()
        texts.append(("the memory store", String(decoding: store, as: UTF8.self)))
        return texts
    }
}
