import Foundation

/// Self-Reflection (AC-05) without a model: reads this session's transcript (`TranscriptReview`), streams what
/// went wrong, writes `.claude/reports/reflections/reflection-YYYY-MM-DD[-N].md` (what went wrong, what was
/// learned, the counts) and records the lessons in the lessons files (`SessionLessons`, shared with step 2).
struct BuiltInReflection: Sendable {
    let project: Project
    let session: CycleSession
    let now: Date
    let interruption: @Sendable () -> String?
    let output: @Sendable (String) -> Void

    func run() -> CycleRun {
        guard let transcript = session.transcript else {
            let reason = "no transcript of this session was found: nothing to reflect on"
            output(reason)
            return CycleRun(outcome: .skipped(reason))
        }
        let review: TranscriptReview
        do {
            guard let read = try TranscriptReview.read(transcript, shouldStop: { interruption() != nil }) else {
                return CycleRun(outcome: .skipped(interruption() ?? "skipped by the user"))
            }
            review = read
        } catch {
            return CycleRun(outcome: .failed("the transcript could not be read: \(ErrorSentence.describe(error))"))
        }
        stream(review)
        let day = Timestamp.day(now)
        var findings = [
            "Reflection: \(review.corrections.count) user correction(s), \(review.retried.count) retried failing "
                + "tool call(s) of \(review.failedCalls) failed, \(review.repeatedErrors.count) repeated error(s)"
        ]
        var problems: [String] = []
        let (user, agent) = SessionLessons.gather(review: review, notes: session.notes)
        do {
            let tally = try SessionLessons.record(
                user: user,
                agent: agent,
                project: project,
                day: day,
                session: session.sessionID,
                write: { try ProjectFiles(project).write($0, to: $1) }
            )
            if !user.isEmpty || !agent.isEmpty {
                let line = "lessons: " + tally.sentence(LessonsFiles(project: project), project: project)
                output(line)
                findings.append("Reflection: \(line)")
            }
        } catch {
            problems.append("the lessons files were not updated (\(ErrorSentence.describe(error)))")
        }
        do {
            let url = try ReflectionReport.nextFile(in: project, day: day)
            let text = ReflectionReport.render(
                review,
                session: session,
                day: day,
                transcript: transcript,
                lessons: (user, agent)
            )
            try ProjectFiles(project).write(text, to: url)
            output("wrote \(project.relativePath(of: url))")
            findings.append("Reflection: report \(project.relativePath(of: url))")
        } catch {
            problems.append("the report was not written (\(ErrorSentence.describe(error)))")
        }
        findings = SecretRedaction.redact(findings)
        if problems.isEmpty { return CycleRun(outcome: .done, findings: findings) }
        problems.forEach(output)
        return CycleRun(outcome: .degraded(problems.joined(separator: "; ")), findings: findings)
    }

    /// What went wrong, a line each, as the cycle's live output.
    private func stream(_ review: TranscriptReview) {
        output(
            "read \(review.lines) transcript line(s): \(review.userTurns) user turn(s), \(review.toolCalls) tool call(s)"
        )
        for correction in review.corrections.prefix(20) {
            output("user correction (line \(correction.line)): \(ReflectionReport.quote(correction.text))")
        }
        for failure in review.retried.prefix(20) {
            let outcome = failure.retrySucceeded == false ? "failed again" : "worked"
            output(
                "retried after failing (line \(failure.line)): \(ReflectionReport.inline(failure.call)) — "
                    + "\(ReflectionReport.inline(failure.error)); the retry (line \(failure.retriedAtLine ?? 0)) \(outcome)"
            )
        }
        for repeated in review.repeatedErrors.prefix(10) {
            output("repeated error ×\(repeated.count): \(ReflectionReport.inline(repeated.error))")
        }
        if review.corrections.isEmpty && review.failedCalls == 0 { output("no corrections and no failed tool calls") }
    }
}

/// What the built-in reflection knows of the session besides the project: its transcript, its id, the notes.
package struct CycleSession: Sendable {
    package var transcript: URL?
    package var sessionID: String
    package var notes: AgentNotes?

    package init(_ transcript: URL?, _ sessionID: String, _ notes: AgentNotes?) {
        self.transcript = transcript
        self.sessionID = sessionID
        self.notes = notes
    }
}
