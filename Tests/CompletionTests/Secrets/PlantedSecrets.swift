import Foundation

@testable import Completion

/// One secret of each family, each planted in a different input of a session, in the formats the providers
/// document (random bodies, not the providers' published samples, which the guard lets through on purpose).
enum PlantedSecrets {
    static let gitHubInPrompt = "ghp_HAZt9xslXTTIQrh6bpy0VAq3GZuO2R8UziJd"
    static let gitHubInSubject = "ghp_q8WmZ2xRk4Tn7Yb3Vc6Hd1Jf5Lg9Ps0Ae2Mu"
    static let awsInAnswer = "AKIAIMJ89NV8HET0F64J"
    static let awsInBlocker = "AKIAQ7ZR2M5XK9W3TB6N"
    static let slackInToolInput = "xoxb-68506590507-590631833850-reYrmVM1JIJ5iqQt6wukvg6K"
    static let stripeInToolOutput = "sk_live_LYrvadWwbDVrEOdUmtqeVT6FbNKHRizF"
    static let sendGridInTodo = "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"
    static let twilioInTodo = "SKe09850eaa6183003f9630e70c3d11688"
    /// A GitHub token that a zero-width space splits: a reader sees it whole, so it counts by its tail.
    static let gitHubSplitInTodo = "ghp_Q7wErTyU\u{200B}iOp1AsDfGhJkLzXcVbNm2345QwEr"
    static let gitHubSplitTail = "iOp1AsDfGhJkLzXcVbNm2345QwEr"
    static let telegramInNextStep = "483216075:AAS1ZaRkeKPPpQqF_K4pGFj1Nz9UqBtLk34"
    static let postgresPassword = "Pg4Gypke7sesv6WD"
    static let postgresURL = "postgres://importer:\(postgresPassword)@db.internal:5432/finance"
    static let gitLabInNotes = "glpat-H5yXHMW5jQJjkLI7uFZ3"
    static let anthropicInNotes = "sk-ant-api03-4s97AeNpk5TjXpBJuIWCWGZis8pFqGmxaOhvFeBf"
    static let privateKeyLine = "PttINXPs3nGEBBV3WIkNZAObehT+Z2HM5u1ByAUzDWj6zTq94lqE3YDZW+QEPXBw"
    static let privateKey = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAx4UbaDzY8Jq2yXc0n5Rw3sT1vG9hKmLpQe7Fd2Wz6Nc4Bj8Va
        \(privateKeyLine)
        -----END RSA PRIVATE KEY-----
        """

    /// What must never appear: each secret (the key by its body).
    static let needles = [
        gitHubInPrompt, gitHubInSubject, awsInAnswer, awsInBlocker, slackInToolInput, stripeInToolOutput,
        gitLabInNotes, anthropicInNotes, privateKeyLine, sendGridInTodo, twilioInTodo, telegramInNextStep,
        postgresPassword, gitHubSplitTail,
    ]

    /// The needles found in `text`, as written or JSON-escaped (`/` as `\/`).
    static func leaks(in text: String) -> [String] {
        needles.filter { text.contains($0) || text.contains($0.replacingOccurrences(of: "/", with: "\\/")) }
    }

    static func leaks(in data: Data) -> [String] { leaks(in: String(decoding: data, as: UTF8.self)) }

    /// The user's blocker line, which step 1 keeps byte for byte in their session-state.md.
    static let blockerLine = "- Waiting on finance: their old config still has aws_access_key_id = \(awsInBlocker)"

    static let sessionState = """
        # Session State

        **Status**: Active
        **Current Work**: Moving the importer to \(postgresURL)
        **Next Step**: Set TELEGRAM_BOT_TOKEN=\(telegramInNextStep) on the alert job

        My own note, keep me: the importer runs nightly.

        ## Blockers

        \(blockerLine)

        ## Key Decisions

        - Use streaming parsing for large files

        """

    /// What the agent hands over with `--notes`: a decision, a file's purpose and a correction that quote tokens.
    static let notes = """
        ## Key Decisions

        - Keep the GitLab token \(gitLabInNotes) in the vault: CI reads it from there

        ## Files

        - src/bom.py: the BOM bytes; the old key \(anthropicInNotes) lived here

        ## Corrections

        - Never paste \(gitLabInNotes) into the chat

        """

    /// A session whose prompt, answers, tool input, tool output and last TodoWrite each carry a secret.
    static func transcript(cwd: String) -> [String] {
        typealias T = TranscriptFixtures
        let todos: [[String: String]] = [
            [
                "content": "Rotate the SendGrid key \(sendGridInTodo) in the mailer", "status": "pending",
                "activeForm": "Rotating",
            ],
            [
                "content": "Moved the Twilio API key \(twilioInTodo) to the vault", "status": "completed",
                "activeForm": "Moving",
            ],
            [
                "content": "Revoke the deploy token \(gitHubSplitInTodo) in CI", "status": "pending",
                "activeForm": "Revoking",
            ],
        ]
        let todoInput = String(decoding: try! JSONSerialization.data(withJSONObject: ["todos": todos]), as: UTF8.self)
        let bash = SampleTranscript.jsonString(
            "curl -H 'Authorization: Bearer \(slackInToolInput)' https://slack.com/api/auth.test"
        )
        let answer = SampleTranscript.jsonString(
            "The deploy key was in the repo:\n\(privateKey)\nand AWS key \(awsInAnswer) in the logs."
        )
        let usage = (4, 120, 2_000, 10_000)
        return [
            T.user(cwd, "2026-11-20T09:00:00.000Z", "Fix the importer. My token is \(gitHubInPrompt), use it."),
            T.assistant(
                cwd,
                "2026-11-20T09:00:05.000Z",
                id: "msg_01A",
                request: "req_01A",
                usage: usage,
                block: "{\"type\":\"text\",\"text\":\(answer)}"
            ),
            T.assistant(
                cwd,
                "2026-11-20T09:00:07.000Z",
                id: "msg_01A",
                request: "req_01A",
                usage: usage,
                block: "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Bash\","
                    + "\"input\":{\"command\":\(bash)}}"
            ),
            T.toolResult(
                cwd,
                "2026-11-20T09:00:09.000Z",
                id: "toolu_01",
                output: "STRIPE_SECRET_KEY=\(stripeInToolOutput)"
            ),
            T.assistant(
                cwd,
                "2026-11-20T09:02:00.000Z",
                id: "msg_01B",
                request: "req_01B",
                usage: usage,
                block: "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"TodoWrite\","
                    + "\"input\":\(todoInput)}"
            ),
        ]
    }
}
