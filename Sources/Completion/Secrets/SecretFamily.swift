/// The kinds of secret the content guard recognises. One family per provider or format; `label` is what a
/// user reads in a warning ("held back: AWS access key on line 12") and in a redaction marker.
public enum SecretFamily: String, CaseIterable, Sendable, Codable {
    case privateKey = "private-key"
    case awsAccessKey = "aws-access-key"
    case gitHubToken = "github-token"
    case gitLabToken = "gitlab-token"
    case slackToken = "slack-token"
    case anthropicKey = "anthropic-key"
    case openAIKey = "openai-key"
    case stripeKey = "stripe-key"
    case googleKey = "google-key"
    case jwt = "jwt"
    case genericSecret = "generic-secret"

    public var label: String {
        switch self {
        case .privateKey: "private key"
        case .awsAccessKey: "AWS access key"
        case .gitHubToken: "GitHub token"
        case .gitLabToken: "GitLab token"
        case .slackToken: "Slack token"
        case .anthropicKey: "Anthropic API key"
        case .openAIKey: "OpenAI API key"
        case .stripeKey: "Stripe key"
        case .googleKey: "Google API key"
        case .jwt: "JSON Web Token"
        case .genericSecret: "high-entropy value assigned to a secret-looking name"
        }
    }
}

/// One secret found in a text or file. `range` holds byte offsets of the secret itself (for a generic
/// `key = "…"` only the value), `line` is 1-based.
public struct SecretFinding: Sendable, Equatable {
    public let family: SecretFamily
    public let line: Int
    public let range: Range<Int>

    public init(family: SecretFamily, line: Int, range: Range<Int>) {
        self.family = family
        self.line = line
        self.range = range
    }
}
