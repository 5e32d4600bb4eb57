import Foundation

/// Where the session's transcript was found, and how.
package struct TranscriptLocation: Sendable, Equatable {
    package enum Source: String, Sendable {
        case commandLine = "--transcript"
        case hookRecord = "the SessionEnd hook record"
        case projectsFolder = "the Claude Code projects folder"
    }

    package var url: URL
    package var source: Source
}

/// Finds the Claude Code transcript (`.jsonl`) of the session being completed, in this order:
/// 1. `--transcript` (the hook's `transcript_path`);
/// 2. the newest entry for this project in `.claude/state/jarvis-tui/sessions.jsonl` (written by the hook);
/// 3. `projects/<project path with every non-alphanumeric character replaced by '-'>/` under each root of
///    `$CLAUDE_CONFIG_DIR` (comma-separated) or `~/.claude`: the newest `*.jsonl` whose lines carry this project's
///    `cwd` (the folder name is lossy: `/a/b-c` and `/a/b/c` share it).
/// A session id (`--session-id`) narrows every choice to that session.
package struct TranscriptLocator {
    package let project: Project
    package let explicitPath: String?
    package let sessionID: String?
    package let environment: [String: String]

    package init(project: Project, explicitPath: String?, sessionID: String?, environment: [String: String]) {
        self.project = project
        self.explicitPath = explicitPath
        self.sessionID = sessionID
        self.environment = environment
    }

    package struct Result: Sendable, Equatable {
        package var location: TranscriptLocation?
        /// Every place looked at, for the "no transcript found" message.
        package var searched: [String] = []
        package var warnings: [String] = []
    }

    package func locate() -> Result {
        var result = Result()
        let files = FileManager.default
        if let explicitPath, !explicitPath.isEmpty {
            // A relative path is taken from the current directory, as the shell that typed it meant.
            let url = URL(fileURLWithPath: (explicitPath as NSString).expandingTildeInPath).standardizedFileURL
            result.searched.append(url.path)
            if let refusal = RegularFileInput.refusal(url.path), Self.exists(url) {
                result.warnings.append(
                    "the transcript given with --transcript (\(url.path)) is refused: \(refusal.reason); "
                        + "step 4 is skipped"
                )
                return result
            }
            if Self.isReadableFile(url) {
                result.location = TranscriptLocation(url: url, source: .commandLine)
                return result
            }
            result.warnings.append(
                "the transcript given with --transcript (\(url.path)) \(files.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"); looking for it elsewhere"
            )
        }

        let record = project.toolStateFolder.appendingPathComponent("sessions.jsonl")
        result.searched.append(project.relativePath(of: record))
        switch fromHookRecord(record) {
        case .found(let url):
            result.location = TranscriptLocation(url: url, source: .hookRecord)
            return result
        case .refused(let url, let reason):
            // Never read, never searched past: a FIFO or a device recorded for this session is no transcript.
            result.warnings.append(
                "the transcript recorded by the session-end hook (\(url.path)) is refused: \(reason); "
                    + "step 4 is skipped"
            )
            return result
        case .none:
            break
        }

        for root in Self.configRoots(environment: environment) {
            let folder = root.appendingPathComponent("projects", isDirectory: true)
                .appendingPathComponent(Self.folderName(for: project.root.path), isDirectory: true)
            result.searched.append(folder.path)
            if let url = fromProjectsFolder(folder) {
                result.location = TranscriptLocation(url: url, source: .projectsFolder)
                return result
            }
        }
        return result
    }

    /// Claude Code's folder name for a project: every character that is not an ASCII letter or digit becomes '-'.
    package static func folderName(for path: String) -> String {
        String(
            path.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? Character(scalar) : "-"
            }
        )
    }

    /// `$CLAUDE_CONFIG_DIR` split on commas, else `~/.claude`.
    package static func configRoots(environment: [String: String]) -> [URL] {
        if let value = environment["CLAUDE_CONFIG_DIR"], !value.trimmingCharacters(in: .whitespaces).isEmpty {
            return value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            .map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath, isDirectory: true) }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".claude", isDirectory: true)]
    }

    private enum HookRecordEntry {
        case found(URL)
        case refused(URL, String)
    }

    private func fromHookRecord(_ record: URL) -> HookRecordEntry? {
        guard let data = FileManager.default.contents(atPath: record.path) else { return nil }
        var newest: (url: URL, ended: String)?
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let path = object["transcript_path"] as? String, !path.isEmpty
            else { continue }
            if let sessionID, object["session_id"] as? String != sessionID { continue }
            if let cwd = object["cwd"] as? String, !cwd.isEmpty, !isThisProject(cwd) { continue }
            let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
            guard Self.exists(url) else { continue }
            let ended = object["ended_at"] as? String ?? ""
            // Entries are appended in order; a later line wins ties.
            if newest == nil || ended >= newest!.ended { newest = (url, ended) }
        }
        guard let url = newest?.url else { return nil }
        if let refusal = RegularFileInput.refusal(url.path) { return .refused(url, refusal.reason) }
        return Self.isReadableFile(url) ? .found(url) : nil
    }

    private func fromProjectsFolder(_ folder: URL) -> URL? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        // `agent-*.jsonl` beside the sessions are subagent transcripts (older Claude Code versions), never a session.
        let candidates = names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix("agent-") }.map {
            folder.appendingPathComponent($0)
        }
        .map { ($0, Self.modified($0)) }.sorted { $0.1 > $1.1 }.map(\.0)
        if let sessionID {
            if let named = candidates.first(where: { $0.deletingPathExtension().lastPathComponent == sessionID }),
                carriesThisProject(named)
            {
                return named
            }
            return candidates.first { carriesThisProject($0, session: sessionID) }
        }
        return candidates.first { carriesThisProject($0) }
    }

    /// True when one of the file's first lines names this project as its `cwd` (and the session, when given).
    private func carriesThisProject(_ url: URL, session: String? = nil) -> Bool {
        var found = false
        var scanned = 0
        _ = try? TranscriptLineReader(url: url, chunkBytes: 256 << 10, maxLineBytes: 1 << 20).forEachLine { raw in
            scanned += raw.bytes.count
            if raw.oversized == nil, case .line(let line) = TranscriptLineScanner.scan(raw.bytes), let cwd = line.cwd {
                if isThisProject(cwd), session.map({ line.sessionID == $0 }) ?? true {
                    found = true
                    return false
                }
            }
            return scanned < 4 << 20
        }
        return found
    }

    /// The subagent transcripts of a session: `<folder>/<session>/subagents/*.jsonl` (current Claude Code) and
    /// `<folder>/agent-*.jsonl` whose lines carry the session id (older versions).
    package static func subagentTranscripts(of transcript: URL, sessionID: String) -> [URL] {
        let folder = transcript.deletingLastPathComponent()
        let files = FileManager.default
        var found: [URL] = []
        let nested = folder.appendingPathComponent(sessionID, isDirectory: true).appendingPathComponent(
            "subagents",
            isDirectory: true
        )
        if let names = try? files.contentsOfDirectory(atPath: nested.path) {
            found += names.filter { $0.hasSuffix(".jsonl") }.sorted().map { nested.appendingPathComponent($0) }
        }
        if let names = try? files.contentsOfDirectory(atPath: folder.path) {
            for name in names.sorted() where name.hasPrefix("agent-") && name.hasSuffix(".jsonl") {
                let url = folder.appendingPathComponent(name)
                if url != transcript, firstSessionID(url) == sessionID { found.append(url) }
            }
        }
        return found.filter(isReadableFile)
    }

    static func firstSessionID(_ url: URL) -> String? {
        var session: String?
        _ = try? TranscriptLineReader(url: url, chunkBytes: 64 << 10, maxLineBytes: 1 << 20).forEachLine { raw in
            if raw.oversized == nil, case .line(let line) = TranscriptLineScanner.scan(raw.bytes),
                let id = line.sessionID
            {
                session = id
                return false
            }
            return raw.number < 50
        }
        return session
    }

    private func isThisProject(_ cwd: String) -> Bool {
        let paths = [project.root.path, project.root.resolvingSymlinksInPath().path]
        let given = URL(fileURLWithPath: cwd).standardizedFileURL.path
        return paths.contains(given) || paths.contains { given.hasPrefix($0 + "/") }
    }

    /// A regular file this process may read (a FIFO or a device never is one).
    static func isReadableFile(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(url.path, R_OK) == 0
    }

    static func exists(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0
    }

    static func modified(_ url: URL) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
    }
}
