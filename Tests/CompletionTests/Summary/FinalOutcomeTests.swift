import Foundation
import Testing

@testable import Completion

/// The summary is saved before the commit; what happened after it (the push, steps 6–7, the final score) is kept
/// beside it and shown with it. Real binary, real repository, a bare remote whose pre-receive hook rejects pushes.
@Suite("The final outcome beside the saved summary")
struct FinalOutcomeTests {
    @Test(
        "after a rejected push, `summary` prints the saved summary and a final outcome with the pending push and its reason; the committed summary names the held-back .env"
    )
    func rejectedPush() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let hook = fixture.remote.appendingPathComponent("hooks/pre-receive")
        try Data("#!/bin/sh\necho 'pushes are frozen today' >&2\nexit 1\n".utf8).write(to: hook)
        chmod(hook.path, 0o755)
        let run = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none", "--push"], in: fixture.root)
        #expect(run.status == 0, "\(run.output)\(run.errorOutput)")

        let shown = try JarvisBinary.run(["summary", "--project", fixture.root.path], in: fixture.folder)
        #expect(shown.status == 0, "\(shown.errorOutput)")
        let text = shown.output
        #expect(text.hasPrefix("# Session Summary — "))
        let outcome = try #require(text.range(of: "## Final Outcome")).lowerBound
        let after = String(text[outcome...])
        #expect(after.contains("| 5. Git Operations |") || after.contains("| 5. "), "\(after)")
        #expect(after.contains("- **Push**: pending:"), "\(after)")
        #expect(after.contains("pushes are frozen today") || after.contains("rejected"), "\(after)")
        #expect(after.contains("- **Handoff quality**: "))

        // The file committed with the session names the held-back .env and says why, before the commit happened.
        let name = try fixture.git(["ls-files", ".claude/reports/sessions/"]).split(separator: "\n").first {
            $0.hasSuffix(".md")
        }
        let committed = try fixture.git(["show", "HEAD:\(try #require(name))"])
        #expect(committed.contains("Held back from the commit"))
        #expect(committed.contains("`.env`"), "\(committed)")
        #expect(committed.contains("held back from the commit: .env"), "the warnings of the saved summary name it too")
        #expect(!committed.contains("## Final Outcome"))
    }
}
