import Foundation

/// Reads what the session left behind — state files, priorities, git history — into a `SessionRecord`.
/// It only reads; nothing is written here. The record it returns has every secret in that text redacted.
package struct SessionGatherer {
    let project: Project
    let configuration: Configuration
    let now: Date
    let environment: [String: String]
    /// Told the working tree's `git status` as soon as it is read, while the transcript may still be parsed: the
    /// engine starts hashing the session's files from it (`EarlyStaging`) without waiting for the rest.
    let statusRead: (@Sendable ([StatusEntry]) -> Void)?

    package init(
        project: Project,
        configuration: Configuration,
        now: Date,
        environment: [String: String],
        statusRead: (@Sendable ([StatusEntry]) -> Void)? = nil
    ) {
        self.project = project
        self.configuration = configuration
        self.now = now
        self.environment = environment
        self.statusRead = statusRead
    }

    /// `transcriptPath` and `sessionID` come from `--transcript` / `--session-id` (the hook passes both).
    /// `resume` carries what an interrupted run of this session had fixed: its summary name and its baseline, so
    /// the re-run writes the same files and does not mistake the interrupted run's commit for the session start.
    /// `knownTranscript` reuses what an earlier gather of the same run found: parsing a large transcript again
    /// after the cycles would cost seconds and find the same thing.
    package func gather(
        sessionID: String?,
        transcriptPath: String? = nil,
        resume: RunJournal? = nil,
        knownTranscript: TranscriptFindings? = nil
    ) -> (SessionRecord, [String]) {
        var warnings: [String] = []
        var record = newRecord(sessionID: sessionID, resume: resume)
        // The transcript (possibly hundreds of MB) is read on its own thread while git is asked about the session.
        let pendingTranscript =
            knownTranscript == nil ? readTranscript(transcriptPath: transcriptPath, sessionID: sessionID) : nil
        let git = GitRepository(root: project.root, environment: environment)
        let pendingStatus =
            GitRepository.gitAvailable(environment: environment) && git.isRepository ? readStatus(git) : nil
        let state = SessionStateNotes.read(project, limit: Self.itemsKept, warnings: &warnings)
        // A missing priorities file is step 3's to report, with the fix; saying it here too doubled the warning.
        let priorities = readDocument(project.prioritiesFile, warnings: &warnings)
        if let state { readState(state, into: &record, warnings: &warnings) }
        if let pendingStatus {
            readGit(git, status: pendingStatus, into: &record, resume: resume, priorities: priorities)
        }

        let transcript = knownTranscript ?? pendingTranscript!.wait()
        transcript.apply(to: &record, sessionGiven: sessionID != nil)
        warnings += transcript.warnings

        if let priorities, record.nextStep == nil {
            record.nextStep = priorities.checklist().first(where: { !$0.checked })?.text
        }
        if record.nextStep == nil { record.nextStep = record.pendingTodos.first }
        // Everything above came from outside the tool: from here on the record holds no secret.
        record.redactOutsideText()
        return (record, SecretRedaction.redact(warnings))
    }

    /// The record before anything is read: an interrupted run's day and ordinal are kept so it writes the same files.
    private func newRecord(sessionID: String?, resume: RunJournal?) -> SessionRecord {
        let day = resume?.day ?? Self.dayStamp(now)
        var record = SessionRecord(
            sessionID: sessionID ?? resume?.sessionID ?? Self.generatedSessionID(now),
            endedAt: now,
            day: day,
            ordinal: resume?.ordinal ?? SummaryLocator(project: project).nextOrdinal(day: day),
            contextWindow: configuration.contextWindow
        )
        record.mcpKeywords = configuration.mcpKeywords
        return record
    }

    /// The working tree's status, the slowest of git's answers, asked first on a thread of its own: the early
    /// staging starts hashing from it while the history is still being read.
    private func readStatus(_ git: GitRepository) -> ThreadWork<[StatusEntry]?> {
        ThreadWork { [statusRead] in
            guard let status = try? git.status() else { return nil }
            statusRead?(status)
            return status
        }
    }

    private func readTranscript(transcriptPath: String?, sessionID: String?) -> ThreadWork<TranscriptFindings> {
        ThreadWork { [project, environment] in
            TranscriptFindings.gather(
                project: project,
                transcriptPath: transcriptPath,
                sessionID: sessionID,
                environment: environment
            )
        }
    }

    /// What session-state.md says: the current work, the next step and the lists (each cut to `itemsKept`).
    private func readState(_ state: SessionStateNotes, into record: inout SessionRecord, warnings: inout [String]) {
        // The user's `## Current Work` section is their own account; the field is the tool's copy of it.
        record.currentWork =
            nonEmpty(state.currentWorkSection.kept.first)
            ?? nonEmpty(state.fields["Current Work"] ?? state.fields["Current Task"])
        // Jarvis keeps the next steps as a numbered list under `**Next Session Pickup:**`; its first is the next.
        record.nextStep = nonEmpty(state.nextSessionPickup.first) ?? nonEmpty(state.fields["Next Step"])
        func items(_ list: SessionStateNotes.UserList, _ what: String) -> [String] {
            guard list.total > Self.itemsKept else { return list.kept }
            warnings.append(
                "session-state.md lists \(list.total) \(what); the first \(Self.itemsKept) are carried into the "
                    + "summary, the checkpoint and memory (your list stays as it is)"
            )
            return list.kept
        }
        record.blockers = items(state.blockers, "blockers")
        record.decisions = items(state.decisions, "decisions")
        record.accomplishments = items(state.accomplishments, "accomplishments")
        record.pendingTodos = items(state.pendingTodos, "pending todos")
    }

    /// What git says about the session: branch, baseline, commits, changed files, and accomplishments from the
    /// commit subjects and the priorities checked since the baseline.
    private func readGit(
        _ git: GitRepository,
        status: ThreadWork<[StatusEntry]?>,
        into record: inout SessionRecord,
        resume: RunJournal?,
        priorities: MarkdownDocument?
    ) {
        record.branch = git.branch
        let baseline =
            resume != nil
            ? resume?.baselineCommit
            : Self.baseline(git: git, checkpoint: project.checkpointFile, files: ProjectFiles(project))
        record.baselineCommit = baseline
        readChanges(git, since: baseline, status: status, into: &record)
        var known = Set(record.accomplishments)
        for subject in git.commitSubjects(since: baseline) where known.insert(subject).inserted {
            record.accomplishments.append(subject)
        }
        if let priorities, let baseline {
            for item in newlyChecked(priorities, git: git, since: baseline) where known.insert(item).inserted {
                record.accomplishments.append(item)
            }
        }
    }

    /// The files modified: those committed since the baseline, then those changed in the working tree (each once;
    /// the tool's own files left out); also the commit count, the start time and the status read.
    private func readChanges(
        _ git: GitRepository,
        since baseline: String?,
        status pendingStatus: ThreadWork<[StatusEntry]?>,
        into record: inout SessionRecord
    ) {
        var seen = Set<[UInt8]>()
        var files: [FileChange] = []
        if let baseline {
            record.commitsDuringSession = Int(git.output(["rev-list", "--count", "\(baseline)..HEAD"]) ?? "0") ?? 0
            for change in git.committedChanges(since: baseline) where seen.insert(change.rawPath).inserted {
                files.append(change)
            }
            // `git log`, not `git show`: show reads more set-up (ten times as long among many loose objects).
            if record.startedAt == nil, let stamp = git.output(["log", "-1", "--format=%cI", baseline]) {
                record.startedAt = Timestamp.parseISO(stamp)
            }
        }
        if let status = pendingStatus.wait() {
            record.gatheredStatus = status
            for entry in status where seen.insert(entry.rawPath).inserted {
                let relative = entry.path
                if PostCommitPaths.isToolOwned(relative) { continue }
                files.append(entry.fileChange)
            }
        }
        record.filesModified = files
    }

    /// The priorities checked now that were not checked at the baseline commit, in the file's order.
    private func newlyChecked(_ priorities: MarkdownDocument, git: GitRepository, since baseline: String) -> [String] {
        let before = git.fileAtCommit(baseline, path: project.relativePath(of: project.prioritiesFile))
        let checkedBefore = Set(
            (before.map(MarkdownDocument.init(text:))?.checklist() ?? []).filter(\.checked).map(\.text)
        )
        return priorities.checklist().filter { $0.checked && !checkedBefore.contains($0.text) }.map(\.text)
    }

    /// At most this many items of each of the user's lists are carried into the record: a real list holds a few
    /// dozen, and one of millions must not be copied into the summary, the checkpoint, memory and the state file.
    static let itemsKept = 200

    /// Where this session's work begins: the last session commit; else the commit before the last checkpoint was
    /// written; else where the branch left its upstream (unpushed work is this session's); else nothing known.
    static func baseline(git: GitRepository, checkpoint: URL, files: ProjectFiles) -> String? {
        if let commit = git.lastSessionCommit() { return commit }
        if let text = files.readIfSafe(checkpoint).map({ String(decoding: $0, as: UTF8.self) }),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("created: ") }),
            let created = Timestamp.parseISO(String(line.dropFirst("created: ".count))),
            let commit = git.output(["rev-list", "-1", "--before=@\(Int(created.timeIntervalSince1970))", "HEAD"]),
            !commit.isEmpty
        {
            return commit
        }
        if git.upstream != nil, let base = git.output(["merge-base", "HEAD", "@{upstream}"]), !base.isEmpty {
            return base
        }
        return nil
    }

    private func readDocument(_ url: URL, warnings: inout [String]) -> MarkdownDocument? {
        // A refused link is reported by the engine as a warning naming it; its target is never read.
        let data: Data?
        do { data = try ProjectFiles(project).read(url) } catch is RefusedPath { return nil } catch {
            warnings.append("cannot read \(project.relativePath(of: url)); check its permissions")
            return nil
        }
        return data.map { MarkdownDocument(data: $0) }
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty, !Self.isNone(value),
            !StatePlaceholder.matches(value)
        else {
            return nil
        }
        return value
    }

    static func isNone(_ text: String) -> Bool {
        // The longest word below is 8 bytes: an item with more bytes than that outside " .*_" is none of them
        // (checked first, as a list of a million items is tested item by item).
        var core = 0
        for byte in text.utf8 where byte != 0x20 && byte != 0x2E && byte != 0x2A && byte != 0x5F {
            core += 1
            if core > 8 { return false }
        }
        let lowered = text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .*_"))
        return ["none", "n/a", "—", "-", "nothing", "none yet", "tbd"].contains(lowered)
    }

    package static func dayStamp(_ date: Date) -> String { Timestamp.day(date) }

    static func generatedSessionID(_ date: Date) -> String { "session-\(Timestamp.compact(date))" }
}
