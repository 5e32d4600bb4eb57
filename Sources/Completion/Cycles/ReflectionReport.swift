import Foundation

/// The built-in reflection's report: `.claude/reports/reflections/reflection-YYYY-MM-DD.md`, `-2`, `-3`… for
/// later ones the same day. What went wrong, what was learned, the counts; outside text redacted and inert.
enum ReflectionReport {
    static func folder(_ project: Project) -> URL {
        project.claude.appendingPathComponent("reports/reflections", isDirectory: true)
    }

    /// The first name of the day not taken yet.
    static func nextFile(in project: Project, day: String) throws -> URL {
        let folder = folder(project)
        let taken = Set(try ProjectFiles(project).list(folder) ?? [])
        var ordinal = 1
        while taken.contains(name(day, ordinal)) { ordinal += 1 }
        return folder.appendingPathComponent(name(day, ordinal))
    }

    static func name(_ day: String, _ ordinal: Int) -> String {
        ordinal > 1 ? "reflection-\(day)-\(ordinal).md" : "reflection-\(day).md"
    }

    static func render(
        _ review: TranscriptReview,
        session: CycleSession,
        day: String,
        transcript: URL,
        lessons: (user: [String], agent: [String])
    ) -> String {
        var out = ["# Reflection — \(day)", "", "**Session**: \(inline(session.sessionID))  "]
        out.append("**Transcript**: `\(inline(transcript.path))` (\(review.lines) lines)")
        out += ["", "| Found | Count |", "| --- | --- |"]
        out.append("| User turns | \(review.userTurns) |")
        out.append("| User corrections | \(review.corrections.count) |")
        out.append("| Tool calls | \(review.toolCalls) |")
        out.append("| Failed tool calls | \(review.failedCalls) |")
        out.append("| Retried after failing | \(review.retried.count) |")
        out.append("| Repeated errors | \(review.repeatedErrors.count) |")
        out += ["", "## What went wrong", ""]
        out += wentWrong(review)
        out += ["", "## What was learned", ""]
        if lessons.user.isEmpty && lessons.agent.isEmpty {
            out.append("No lessons this session.")
        }
        if !lessons.user.isEmpty {
            out.append("From the user's corrections (kept in `.claude/context/lessons/corrections.md`):")
            out += [""] + lessons.user.map { "- \(inline($0))" } + [""]
        }
        if !lessons.agent.isEmpty {
            out.append("From the agent's own mistakes (kept in `.claude/context/lessons/self-corrections.md`):")
            out += [""] + lessons.agent.map { "- \(inline($0))" } + [""]
        }
        return SecretRedaction.redact(out.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n")
    }

    static func wentWrong(_ review: TranscriptReview) -> [String] {
        var out: [String] = []
        for correction in review.corrections {
            out.append("- The user corrected the assistant (line \(correction.line)): \(quote(correction.text))")
        }
        for failure in review.failures {
            var line = "- \(inline(failure.call)) failed (line \(failure.line)): \(inline(failure.error))"
            if let retry = failure.retriedAtLine {
                line +=
                    failure.retrySucceeded == false
                    ? "; retried at line \(retry), which failed again" : "; retried at line \(retry), which worked"
            } else {
                line += "; not retried"
            }
            out.append(line)
        }
        for repeated in review.repeatedErrors {
            out.append(
                "- The same error came back \(repeated.count) times (first at line \(repeated.firstLine)): "
                    + inline(repeated.error)
            )
        }
        return out.isEmpty ? ["Nothing the transcript shows: no corrections and no failed tool calls."] : out
    }

    /// “text”, one line, at most 200 characters.
    static func quote(_ text: String) -> String {
        let flat = inline(text)
        return "“" + (flat.count > 200 ? String(flat.prefix(200)) + "…" : flat) + "”"
    }

    static func inline(_ text: String) -> String {
        TerminalText.inert(MarkdownDocument.oneLine(text))
    }
}
