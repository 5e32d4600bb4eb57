import Foundation

/// What gathering learned from the session's transcript and todo list, read-only, before any step runs: the
/// statistics feed session-state and the memory entity (steps 1–2); step 4 archives the file it points to.
package struct TranscriptFindings: Sendable, Equatable {
    package var location: TranscriptLocation?
    package var searched: [String] = []
    package var analysis: TranscriptAnalysis?
    package var todos: SessionTodos?
    package var warnings: [String] = []

    /// Locates and reads the transcript and the todos. Never throws: what cannot be read becomes a warning.
    package static func gather(
        project: Project,
        transcriptPath: String?,
        sessionID: String?,
        environment: [String: String]
    ) -> TranscriptFindings {
        let located = TranscriptLocator(
            project: project,
            explicitPath: transcriptPath,
            sessionID: sessionID,
            environment: environment
        ).locate()
        var findings = TranscriptFindings(
            location: located.location,
            searched: located.searched,
            warnings: located.warnings
        )
        if let location = located.location {
            do {
                var analyzer = TranscriptAnalyzer()
                analyzer.reviews = true
                var analysis = try analyzer.analyze(location.url)
                if let warning = analysis.issues.warning(path: location.url.path) { findings.warnings.append(warning) }
                if let session = analysis.statistics.sessionID {
                    for subagent in TranscriptLocator.subagentTranscripts(of: location.url, sessionID: session) {
                        do { try analyzer.addSubagent(subagent, to: &analysis) } catch {
                            findings.warnings.append("\(ErrorSentence.describe(error)); its tokens are not counted")
                        }
                    }
                    findings.warnings += analysis.subagentWarnings
                }
                findings.analysis = analysis
            } catch {
                findings.warnings.append("\(ErrorSentence.describe(error)); session statistics are unknown")
            }
        }
        let session =
            sessionID ?? findings.analysis?.statistics.sessionID
            ?? located.location.map { $0.url.deletingPathExtension().lastPathComponent }
        if let session {
            findings.todos = SessionTodos.fromTodoFiles(
                sessionID: session,
                configRoots: TranscriptLocator.configRoots(environment: environment),
                warnings: &findings.warnings
            )
        }
        if findings.todos == nil, let items = findings.analysis?.lastTodoWrite, !items.isEmpty {
            findings.todos = SessionTodos(items: items, source: "the last TodoWrite in the transcript")
        }
        return findings
    }

    /// Fills the record's statistics and todos; what the record already knows from the user is kept.
    package func apply(to record: inout SessionRecord, sessionGiven: Bool) {
        record.transcript = self
        if let stats = analysis?.statistics {
            if stats.assistantResponses > 0 {
                record.tokensUsed = stats.tokensUsed
                record.contextUsed = stats.contextUsed
            }
            if let model = stats.model { record.model = model }
            if let first = stats.firstTimestamp { record.startedAt = first }
            if record.branch == nil, let branch = stats.gitBranch { record.branch = branch }
            if !sessionGiven, let id = stats.sessionID { record.sessionID = id }
        }
        todos?.apply(to: &record)
    }
}
