import Foundation

/// How many lessons a run recorded: the session's user corrections and self-corrections, and how many of each
/// were new to the lessons files. Metrics and the summary read this.
package struct LessonsTally: Sendable, Equatable {
    package var corrections = 0
    package var selfCorrections = 0
    package var newCorrections = 0
    package var newSelfCorrections = 0
    package init() {}

    /// "2 corrections (1 new) in …/corrections.md, 1 self-correction (1 new) in …/self-corrections.md"
    func sentence(_ files: LessonsFiles, project: Project) -> String {
        func part(_ count: Int, _ new: Int, _ noun: String, _ kind: LessonsFiles.Kind) -> String {
            "\(count) \(noun)\(count == 1 ? "" : "s") (\(new) new) in \(project.relativePath(of: files.url(kind)))"
        }
        return part(corrections, newCorrections, "correction", .user) + ", "
            + part(selfCorrections, newSelfCorrections, "self-correction", .agent)
    }
}

/// The session's lessons recorded in the lessons files: one implementation for step 2 and the reflection cycle.
/// User corrections come from the agent's notes (`## Corrections`) and the transcript (`CorrectionRule`);
/// self-corrections from the notes (`## Self-Corrections`) and the failed tool calls the agent retried.
package enum SessionLessons {
    /// The lessons of this session in the transcript and the notes.
    package static func gather(
        review: TranscriptReview?,
        notes: AgentNotes?,
        recorded: [String] = []
    )
        -> (user: [String], agent: [String])
    {
        let user = recorded + (notes?.corrections ?? []) + (review?.corrections.map(\.text) ?? [])
        let agent = (notes?.selfCorrections ?? []) + (review?.retried.map(retriedLesson) ?? [])
        return (unique(user), unique(agent))
    }

    /// A retried failure as a lesson: what failed, with what, and how the retry went.
    package static func retriedLesson(_ failure: TranscriptReview.FailedCall) -> String {
        let outcome = failure.retrySucceeded == false ? "the retry failed too" : "the retry worked"
        return "\(failure.call) failed (\(failure.error)) and was retried; \(outcome)"
    }

    /// Appends what is new to both files through `write` (the step's writer, or `ProjectFiles`); returns the tally.
    package static func record(
        user: [String],
        agent: [String],
        project: Project,
        day: String,
        session: String,
        write: (Data, URL) throws -> Void
    ) throws -> LessonsTally {
        var tally = LessonsTally()
        tally.corrections = user.count
        tally.selfCorrections = agent.count
        let files = LessonsFiles(project: project)
        for kind in LessonsFiles.Kind.allCases {
            let lessons = kind == .user ? user : agent
            guard !lessons.isEmpty else { continue }
            let url = files.url(kind)
            let existing = try ProjectFiles(project).read(url)
            guard
                let (data, added) = LessonsFiles.appending(
                    lessons,
                    kind: kind,
                    to: existing,
                    day: day,
                    session: session
                )
            else { continue }
            try write(data, url)
            if kind == .user { tally.newCorrections = added } else { tally.newSelfCorrections = added }
        }
        return tally
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert(LessonsFiles.key(LessonsFiles.clean($0))).inserted }
    }
}

extension SessionLessons {
    /// Step 2's "update corrections.md / self-corrections.md": the transcript's corrections join the record's
    /// (so the summary and the memory entity show them), then both files get what is new. A problem is a
    /// warning: the lessons never stop the memory step.
    static func record(in context: StepContext) {
        // Gathering reviewed the transcript in its one pass over it; read again only when it could not.
        var review = context.record.transcript?.analysis?.review
        if review == nil, let url = context.record.transcript?.location?.url {
            do { review = try TranscriptReview.read(url) } catch {
                context.warn("corrections in the transcript were not read: \(ErrorSentence.describe(error))")
            }
        }
        let found = review?.corrections.map(\.text) ?? []
        for text in SecretRedaction.redact(found)
        where !context.record.corrections.contains(where: { AgentNotes.same($0, text) }) {
            context.record.corrections.append(text)
        }
        let (user, agent) = gather(review: review, notes: context.options.notes, recorded: context.record.corrections)
        guard !user.isEmpty || !agent.isEmpty else { return }
        let project = context.project
        do {
            let tally = try record(
                user: user,
                agent: agent,
                project: project,
                day: context.record.day,
                session: context.record.sessionID,
                write: context.writer.write
            )
            context.record.lessons = tally
            let files = LessonsFiles(project: project)
            context.progress((context.dryRun ? "would record " : "recorded ") + tally.sentence(files, project: project))
            context.record.findings.append("Lessons: " + tally.sentence(files, project: project))
        } catch {
            context.warn("the lessons files were not updated: \(ErrorSentence.describe(error))")
        }
    }
}
