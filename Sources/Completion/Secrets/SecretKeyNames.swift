/// What the name of an assigned value says: a password key, a provider's key (so the finding names the
/// provider), or a name that only looks like a secret (`primary_key`, `token_url`, `max_tokens`, `secret_name`).
enum SecretKeyNames {
    /// Parts anywhere in a name that make it an identifier or a setting, never a credential.
    static let notSecretParts = [
        "public", "publishable", "cache", "idempot", "partition", "sort_key", "sortkey", "primary_key", "primarykey",
        "foreign", "routing", "keyboard", "monkey", "hotkey", "dedup", "tokeniz", "max_token", "maxtoken", "csrf",
        "author", "keyframe", "keyword", "keycode", "keyspace", "lookup", "forgot", "reset_password", "password_reset",
        "keystroke", "keychain_service", "key_alias", "keyalias",
    ]

    /// Last words of a name that describe the value rather than hold a secret (`api_key_id`, `secret_name`,
    /// `token_ttl`, `password_min_length`).
    static let notSecretLastParts: Set<String> = [
        "id", "ids", "name", "names", "url", "uri", "path", "file", "dir", "type", "length", "len", "size", "count",
        "ttl", "version", "prefix", "header", "field", "label", "hash", "digest", "checksum", "fingerprint", "hint",
        "prompt", "placeholder", "message", "msg", "title", "policy", "rule", "regex", "pattern", "mode", "format",
        "enabled", "required", "endpoint", "arn", "ref", "expiry", "expires", "expiration", "at", "in", "column",
        "index", "min", "max", "days", "strength", "env", "var", "location", "provider", "source", "store",
        "algorithm", "alg", "kind", "scope", "scopes", "usage", "rotation", "template", "class", "style", "icon",
    ]

    static let digestWords = [
        "sha", "md5", "hash", "digest", "checksum", "etag", "commit", "fingerprint", "integrity",
        "revision",
    ]

    static let strongWords = [
        "password", "secret", "api_key", "apikey", "api-key", "auth_token", "access_token",
        "private",
    ]

    static let providers: [(String, SecretFamily)] = [
        ("aws", .awsAccessKey), ("heroku", .heroku), ("twilio", .twilio), ("datadog", .datadog), ("dd_api", .datadog),
        ("dd_app", .datadog), ("okta", .okta), ("sentry", .sentry), ("mailgun", .mailgun), ("mailchimp", .mailchimp),
        ("discord", .discord), ("telegram", .telegram), ("slack", .slackToken), ("azure", .azureSecret),
        ("accountkey", .azureSecret), ("sharedaccesskey", .azureSecret), ("cloudflare", .cloudflare), ("asana", .asana),
        ("dropbox", .dropbox), ("twitter", .twitter), ("newrelic", .newRelic), ("new_relic", .newRelic),
        ("github", .gitHubToken), ("gitlab", .gitLabToken), ("stripe", .stripeKey), ("sendgrid", .sendGrid),
        ("google", .googleKey), ("gcp", .googleKey), ("firebase", .googleKey), ("openai", .openAIKey),
        ("anthropic", .anthropicKey), ("atlassian", .atlassian), ("jira", .atlassian), ("confluence", .atlassian),
        ("bitbucket", .atlassian), ("linear", .linear), ("notion", .notion), ("shopify", .shopify),
        ("databricks", .databricks), ("vault", .vault), ("doppler", .doppler), ("pulumi", .pulumi),
        ("postman", .postman), ("facebook", .facebook), ("hugging", .huggingFace), ("npm", .npm), ("pypi", .pypi),
        ("grafana", .grafana), ("terraform", .terraform),
    ]

    static let notSecretPartBytes = notSecretParts.map { Array($0.utf8) }

    static func isNotSecret(_ s: ScanBytes, _ name: Range<Int>) -> Bool {
        s.containsAny(notSecretPartBytes, in: name) || notSecretLastParts.contains(lastPart(s, name))
    }

    static func isPasswordName(_ lowerName: String) -> Bool {
        ["password", "passwd", "passphrase", "pwd"].contains(where: lowerName.contains) || lowerName == "pass"
            || lowerName.hasSuffix("_pass") || lowerName.hasSuffix(".pass") || lowerName.hasSuffix("-pass")
    }

    static func isStrongName(_ lowerName: String) -> Bool { strongWords.contains(where: lowerName.contains) }

    static func isDigestName(_ lowerName: String) -> Bool { digestWords.contains(where: lowerName.contains) }

    static func providerFamily(_ lowerName: String) -> SecretFamily? {
        providers.first { lowerName.contains($0.0) }?.1
    }

    /// The last word of a name, split at `_ - .` and at a camelCase hump, lowercased.
    static func lastPart(_ s: ScanBytes, _ range: Range<Int>) -> String {
        var start = range.upperBound
        while start > range.lowerBound {
            let b = s[start - 1]
            if b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { break }
            start -= 1
            if start > range.lowerBound, ByteClass.of(b) == ByteClass.upper,
                ByteClass.of(s[start - 1]) == ByteClass.lower
            {
                break
            }
        }
        return s.lowercasedString(start..<range.upperBound)
    }
}
