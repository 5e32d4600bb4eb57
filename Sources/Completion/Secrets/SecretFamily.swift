/// The kinds of secret the content guard recognises. One family per provider or format; `label` is what a
/// user reads in a warning ("held back: AWS access key on line 12") and the raw value is what a redaction
/// marker shows (`[REDACTED:aws-access-key]`).
package enum SecretFamily: String, CaseIterable, Sendable, Codable {
    case privateKey = "private-key"
    case awsAccessKey = "aws-access-key"
    case gitHubToken = "github-token"
    case gitLabToken = "gitlab-token"
    case slackToken = "slack-token"
    case anthropicKey = "anthropic-key"
    case openAIKey = "openai-key"
    case stripeKey = "stripe-key"
    case stripeTestKey = "stripe-test-key"
    case googleKey = "google-key"
    case azureSecret = "azure-secret"
    case jwt = "jwt"
    case genericSecret = "generic-secret"
    case password = "password"
    case connectionURL = "connection-url"
    case httpCredentials = "http-credentials"
    case twilio = "twilio-key"
    case sendGrid = "sendgrid-key"
    case mailgun = "mailgun-key"
    case mailchimp = "mailchimp-key"
    case npm = "npm-token"
    case pypi = "pypi-token"
    case discord = "discord-token"
    case telegram = "telegram-bot-token"
    case vault = "vault-token"
    case terraform = "terraform-token"
    case heroku = "heroku-key"
    case digitalOcean = "digitalocean-token"
    case shopify = "shopify-token"
    case square = "square-token"
    case huggingFace = "huggingface-token"
    case databricks = "databricks-token"
    case atlassian = "atlassian-token"
    case linear = "linear-key"
    case notion = "notion-token"
    case postman = "postman-key"
    case doppler = "doppler-token"
    case pulumi = "pulumi-token"
    case okta = "okta-token"
    case newRelic = "new-relic-key"
    case datadog = "datadog-key"
    case sentry = "sentry-token"
    case dropbox = "dropbox-token"
    case asana = "asana-token"
    case onePassword = "1password-token"
    case age = "age-secret-key"
    case artifactory = "artifactory-token"
    case adobe = "adobe-secret"
    case alibaba = "alibaba-key"
    case clojars = "clojars-token"
    case cloudflare = "cloudflare-key"
    case duffel = "duffel-token"
    case dynatrace = "dynatrace-token"
    case easyPost = "easypost-key"
    case facebook = "facebook-token"
    case flutterwave = "flutterwave-key"
    case flyIO = "flyio-token"
    case frameIO = "frameio-token"
    case grafana = "grafana-token"
    case harness = "harness-token"
    case infracost = "infracost-token"
    case intra42 = "intra42-secret"
    case octopus = "octopus-deploy-key"
    case openShift = "openshift-token"
    case perplexity = "perplexity-key"
    case planetScale = "planetscale-token"
    case prefect = "prefect-token"
    case readme = "readme-token"
    case rubyGems = "rubygems-token"
    case scalingo = "scalingo-token"
    case sendinblue = "sendinblue-key"
    case settlemint = "settlemint-token"
    case shippo = "shippo-token"
    case groq = "groq-key"
    case xAI = "xai-key"
    case replicate = "replicate-token"
    case teamsWebhook = "teams-webhook"
    case twitter = "twitter-token"

    /// How the git guard treats a finding: `hold` keeps the file out of the commit, `warning` commits it and
    /// names the file and family (a test-mode key opens nothing that matters, but is worth a look).
    package var severity: SecretSeverity { self == .stripeTestKey ? .warning : .hold }

    package var label: String { Self.labels[self] ?? rawValue }
}

package enum SecretSeverity: String, Sendable, Codable {
    case hold
    case warning
}

/// One secret found in a text or file. `range` holds byte offsets of the secret itself (for a generic
/// `key = "…"` only the value), `line` is 1-based.
package struct SecretFinding: Sendable, Equatable {
    package let family: SecretFamily
    package let line: Int
    package let range: Range<Int>

    package init(family: SecretFamily, line: Int, range: Range<Int>) {
        self.family = family
        self.line = line
        self.range = range
    }

    package var severity: SecretSeverity { family.severity }
}
