import Foundation
import JarvisScreen

@testable import Completion

/// The parsers that read outside text, each as a function of raw bytes. `scripts/fuzz` drives them with libFuzzer;
/// the regression tests replay every input that once crashed one of them.
enum FuzzTargets {
    static let all: [String: @Sendable (Data) -> Void] = [
        "config": config,
        "state-markdown": stateMarkdown,
        "state-bytes": stateBytes,
        "metrics-line": metricsLine,
        "git-status": gitStatus,
        "hook-input": hookInput,
        "ordered-json": orderedJSON,
        "settings-merge": settingsMerge,
        "transcript-line": transcriptLine,
        "todos": todos,
        "mcp-json": mcpJSON,
        "theme": theme,
        "digest-line": digestLine,
    ]

    /// A theme file (`themes/*.theme`, `--theme FILE`): a theme or an error, never a crash.
    static let theme: @Sendable (Data) -> Void = { data in
        do throws(ThemeError) {
            _ = try ThemeParser.parse(String(decoding: data, as: UTF8.self), name: "fuzz", source: "fuzz.theme")
        } catch {
            precondition(error.line.map { $0 >= 1 } ?? true, "an error line before the first: \(error)")
        }
    }

    /// A transcript line as the digest reads it: the byte cursor and JSONSerialization agree whenever both read it,
    /// and rendering it never crashes.
    static let digestLine: @Sendable (Data) -> Void = { data in
        data.withUnsafeBytes { bytes in
            let fast = DigestLineContent.read(bytes)
            if let fast, let foundation = DigestLineContent.readWithFoundation(bytes) {
                precondition(fast == foundation, "the digest's two readings differ")
            }
            if let content = fast?.content {
                _ = TranscriptDigest.render(content, role: "user", redactor: TranscriptRedactor())
            }
        }
    }

    /// Claude Code hook input on stdin: parsed, then classified as a prompt would be.
    static let hookInput: @Sendable (Data) -> Void = { data in
        if let input = try? HookInput.parse(data), let prompt = input.prompt {
            _ = PromptIntent.classify(prompt, extraPhrases: ["signing off"])
        }
    }

    /// `.claude/settings.json`: parse, print, parse again: the printed text means the same thing.
    static let orderedJSON: @Sendable (Data) -> Void = { data in
        guard let value = try? OrderedJSON.parse(data) else { return }
        let printed = value.pretty()
        guard let again = try? OrderedJSON.parse(Data(printed.utf8)) else {
            preconditionFailure("printed JSON does not parse: \(printed.prefix(200))")
        }
        precondition(again == value, "JSON round trip changed the value")
    }

    /// `init`'s hook merge into a settings file: never crashes; merging twice changes nothing more.
    static let settingsMerge: @Sendable (Data) -> Void = { data in
        guard let first = try? ClaudeSettingsMerger.merge(existing: data, path: "settings.json") else { return }
        let merged = first.text.map { Data($0.utf8) } ?? data
        guard let second = try? ClaudeSettingsMerger.merge(existing: merged, path: "settings.json") else {
            preconditionFailure("a merged settings file no longer parses")
        }
        precondition(second.text == nil, "merging twice is not idempotent")
    }

    static let transcriptLine: @Sendable (Data) -> Void = { data in
        _ = TranscriptLineScanner.scan(data)
        _ = SessionTodos.fromTodoWriteLine(data)
    }

    /// A todo file: JSONSerialization's reading never crashes, and the chunked reader gives the same result
    /// whether the bytes come whole or a few at a time (an item cut by a chunk boundary is read once, complete).
    static let todos: @Sendable (Data) -> Void = { data in
        _ = TodoItem.list(from: try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        func read(chunk: Int) -> TodoArrayReader.Result {
            var reader = TodoArrayReader(keepingPerStatus: 2)
            data.withUnsafeBytes { bytes in
                var start = 0
                while start < bytes.count {
                    let end = min(bytes.count, start + chunk)
                    reader.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                }
            }
            return reader.finish()
        }
        let whole = read(chunk: max(1, data.count))
        for size in [1, 3, 7] {
            precondition(read(chunk: size) == whole, "chunks of \(size) read differently from the whole")
        }
    }

    static let mcpJSON: @Sendable (Data) -> Void = { data in
        _ = MemoryServerConfiguration.parse(
            data,
            file: ".mcp.json",
            serverName: "memory",
            environment: ["HOME": "/home/u"],
            directory: nil
        )
    }

    /// `autonomy-config.yaml`: any bytes give a configuration or a positioned error, never a crash.
    static let config: @Sendable (Data) -> Void = { data in
        let text = String(decoding: data, as: UTF8.self)
        do throws(ConfigurationError) {
            _ = try ConfigurationLoader(path: "fuzz.yaml").parse(text)
        } catch {
            precondition(error.line >= 1 && error.column >= 0, "error without a position: \(error)")
        }
    }

    /// `session-state.md` / `current-priorities.md`: read every field the engine reads, edit, and check that the
    /// user's lines survive the edit.
    static let stateMarkdown: @Sendable (Data) -> Void = { data in
        let text = String(decoding: data, as: UTF8.self)
        var document = MarkdownDocument(text: text)
        _ = document.field("Next Step")
        _ = document.sectionItems(["Blockers", "Key Decisions"])
        _ = document.checklist()
        let before = document.lines
        var record = SessionRecord(
            sessionID: "fuzz",
            endedAt: Date(timeIntervalSince1970: 0),
            day: "1970-01-01",
            ordinal: 1,
            contextWindow: 1000
        )
        record.nextStep = document.field("Next Step")
        record.accomplishments = Array(document.checklist().map(\.text).prefix(5))
        WorkStateCaptureStep.apply(record, to: &document, now: Date(timeIntervalSince1970: 0))
        ContextFilesStep.apply(record, to: &document, now: Date(timeIntervalSince1970: 0))
        let after = Set(document.lines)
        let owned = ["Status", "Last Updated", "Last Completed", "Current Work", "Next Step"]
        for line in before where !after.contains(line) {
            let isOwnedField = owned.contains { MarkdownDocument.fieldMatch(line, name: $0) != nil }
            let isMarker = line.contains("<!-- jarvis-tui:") || line.contains("<!-- /jarvis-tui:")
            precondition(
                isOwnedField || isMarker || insideOldBlock(line, before),
                "lost a user line: \(line.debugDescription)"
            )
        }
        // A second pass changes nothing more than the first: edits are idempotent.
        var again = MarkdownDocument(text: document.text)
        WorkStateCaptureStep.apply(record, to: &again, now: Date(timeIntervalSince1970: 0))
        ContextFilesStep.apply(record, to: &again, now: Date(timeIntervalSince1970: 0))
        precondition(again.text == document.text, "second edit changed the file")
    }

    /// `session-state.md` / `current-priorities.md` as bytes (Latin-1, broken UTF-8, NULs): after both steps'
    /// edits, every line that is not an owned field, a marker or inside an owned block is in the output with the
    /// very bytes it had, and a second edit changes no byte.
    static let stateBytes: @Sendable (Data) -> Void = { data in
        var document = MarkdownDocument(data: data)
        var record = SessionRecord(
            sessionID: "fuzz",
            endedAt: Date(timeIntervalSince1970: 0),
            day: "1970-01-01",
            ordinal: 1,
            contextWindow: 1000
        )
        record.nextStep = document.field("Next Step")
        record.accomplishments = Array(document.checklist().map(\.text).prefix(5))
        WorkStateCaptureStep.apply(record, to: &document, now: Date(timeIntervalSince1970: 0))
        ContextFilesStep.apply(record, to: &document, now: Date(timeIntervalSince1970: 0))
        let output = document.data
        let kept = Set(byteLines(output, crlf: document.newline == "\r\n"))
        let inputLines = byteLines(data, crlf: document.newline == "\r\n")
        let texts = inputLines.map { String(decoding: $0, as: UTF8.self) }
        let owned = ["Status", "Last Updated", "Last Completed", "Current Work", "Next Step"]
        for (line, text) in zip(inputLines, texts) where !kept.contains(line) {
            let isOwnedField = owned.contains { MarkdownDocument.fieldMatch(text, name: $0) != nil }
            let isMarker = MarkdownDocument.looksLikeMarker(text)
            precondition(isOwnedField || isMarker || insideOldBlock(text, texts), "a user line changed: \(line)")
        }
        var again = MarkdownDocument(data: output)
        WorkStateCaptureStep.apply(record, to: &again, now: Date(timeIntervalSince1970: 0))
        ContextFilesStep.apply(record, to: &again, now: Date(timeIntervalSince1970: 0))
        precondition(again.data == output, "second edit changed the file's bytes")
    }

    /// The lines of a file as bytes, without the line ending (a CRLF file's CR is part of its line ending).
    private static func byteLines(_ data: Data, crlf: Bool) -> [[UInt8]] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { piece in
            crlf && piece.last == UInt8(ascii: "\r") ? Array(piece.dropLast()) : Array(piece)
        }
    }

    private static func insideOldBlock(_ line: String, _ lines: [String]) -> Bool {
        var inside = false
        for candidate in lines {
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- jarvis-tui:") {
                inside = true
            } else if trimmed.hasPrefix("<!-- /jarvis-tui:") {
                inside = false
            }
            if candidate == line && inside { return true }
        }
        return false
    }

    static let metricsLine: @Sendable (Data) -> Void = { data in
        if let line = try? JSONDecoder().decode(MetricLine.self, from: data) {
            let again = try? JSONDecoder().decode(MetricLine.self, from: Data(line.json.utf8))
            precondition(again?.metric == line.metric, "metric line does not round-trip")
        }
    }

    static let gitStatus: @Sendable (Data) -> Void = { data in
        for entry in StatusEntry.parse(porcelainZ: data) {
            _ = entry.change
            _ = entry.path
        }
    }
}
