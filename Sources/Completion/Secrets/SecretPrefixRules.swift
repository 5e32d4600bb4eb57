/// Tokens a provider marks with a fixed prefix (`npm_`, `dop_v1_`, `hvs.`, …), following the formats of
/// gitleaks' default rule set: the prefix, the characters of the body and its length. Matching one is a
/// prefix compare, one bounded run and an entropy check, so a hundred rules cost little more than one.
struct PrefixRule: Sendable {
    enum Body: Sendable {
        case alnum, token, tokenDot, lowerHex, hex, base64, upperDigit, base64URL, base64Token

        func accepts(_ b: UInt8) -> Bool {
            switch self {
            case .alnum: ByteClass.isAlnum(b)
            case .token: ByteClass.isToken(b)
            case .tokenDot: ByteClass.isToken(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "=")
            case .lowerHex: ByteClass.isLowerHex(b)
            case .hex: ByteClass.isHex(b)
            case .base64: ByteClass.isBase64(b)
            case .upperDigit: ByteClass.isUpperOrDigit(b)
            case .base64URL: ByteClass.isToken(b) || b == UInt8(ascii: "=")
            case .base64Token: ByteClass.isToken(b) || ByteClass.isBase64(b)
            }
        }
    }

    let prefix: [UInt8]
    let family: SecretFamily
    let body: Body
    let lengths: ClosedRange<Int>

    init(_ prefix: String, _ family: SecretFamily, _ body: Body, _ lengths: ClosedRange<Int>) {
        self.prefix = Array(prefix.utf8)
        self.family = family
        self.body = body
        self.lengths = lengths
    }

    init(_ prefix: String, _ family: SecretFamily, _ body: Body, _ length: Int) {
        self.init(prefix, family, body, length...length)
    }

    func match(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard i + prefix.count <= s.count, s.boundaryBefore(i) else { return nil }
        for k in 0..<prefix.count where s[i + k] != prefix[k] { return nil }
        let start = i + prefix.count
        let end = s.run(from: start, limit: lengths.upperBound + 1, body.accepts)
        guard lengths.contains(end - start) else { return nil }
        // The token must end there: not a longer run of token characters.
        if end < s.count, ByteClass.isToken(s[end]) || body.accepts(s[end]) { return nil }
        guard SecretPatterns.looksRandom(s, start..<end) else { return nil }
        return i..<end
    }

    var pattern: SecretPattern {
        let rule = self
        return SecretPattern(family: family, leads: [String(decoding: prefix.prefix(2), as: UTF8.self)]) { s, i in
            rule.match(s, i)
        }
    }

    static let all: [PrefixRule] = [
        .init("ghp_", .gitHubToken, .alnum, 36...255), .init("gho_", .gitHubToken, .alnum, 36...255),
        .init("ghu_", .gitHubToken, .alnum, 36...255), .init("ghs_", .gitHubToken, .alnum, 36...255),
        .init("ghr_", .gitHubToken, .alnum, 36...255), .init("github_pat_", .gitHubToken, .token, 60...255),
        .init("glpat-", .gitLabToken, .tokenDot, 20...300), .init("gldt-", .gitLabToken, .token, 20...64),
        .init("glrt-", .gitLabToken, .tokenDot, 20...300), .init("glptt-", .gitLabToken, .lowerHex, 40),
        .init("glsoat-", .gitLabToken, .token, 20...64), .init("glcbt-", .gitLabToken, .token, 20...64),
        .init("gloas-", .gitLabToken, .token, 64), .init("glft-", .gitLabToken, .token, 20...64),
        .init("glimt-", .gitLabToken, .token, 25...64), .init("glagent-", .gitLabToken, .token, 50...64),
        .init("glffct-", .gitLabToken, .token, 20...64), .init("GR1348941", .gitLabToken, .token, 20...64),
        .init("xapp-", .slackToken, .token, 20...255),
        .init("GOCSPX-", .googleKey, .token, 28...40), .init("ya29.", .googleKey, .token, 60...2048),
        .init("SK", .twilio, .hex, 32), .init("key-", .mailgun, .lowerHex, 32),
        .init("npm_", .npm, .alnum, 36), .init("pypi-AgEIcHlwaS5vcmc", .pypi, .token, 50...1000),
        .init("hvs.", .vault, .token, 24...300), .init("hvb.", .vault, .token, 24...400),
        .init("HRKU-", .heroku, .token, 40...80),
        .init("dop_v1_", .digitalOcean, .lowerHex, 64), .init("doo_v1_", .digitalOcean, .lowerHex, 64),
        .init("dor_v1_", .digitalOcean, .lowerHex, 64),
        .init("shpat_", .shopify, .hex, 32), .init("shpca_", .shopify, .hex, 32),
        .init("shppa_", .shopify, .hex, 32), .init("shpss_", .shopify, .hex, 32),
        .init("EAAA", .square, .token, 40...80), .init("sq0atp-", .square, .token, 22...60),
        .init("sq0csp-", .square, .token, 40...60),
        .init("hf_", .huggingFace, .alnum, 30...40), .init("api_org_", .huggingFace, .alnum, 30...40),
        .init("dapi", .databricks, .token, 32...34),
        .init("ATATT3", .atlassian, .base64URL, 150...300), .init("ATCTT3", .atlassian, .base64URL, 150...300),
        .init("ATBB", .atlassian, .alnum, 28...40),
        .init("lin_api_", .linear, .alnum, 40), .init("lin_oauth_", .linear, .lowerHex, 64),
        .init("ntn_", .notion, .alnum, 46), .init("secret_", .notion, .alnum, 43),
        .init("PMAK-", .postman, .token, 59),
        .init("dp.pt.", .doppler, .alnum, 40...44), .init("dp.st.", .doppler, .tokenDot, 40...60),
        .init("dp.sa.", .doppler, .alnum, 40...44), .init("dp.ct.", .doppler, .alnum, 40...44),
        .init("dp.scim.", .doppler, .alnum, 40...44), .init("dp.audit.", .doppler, .alnum, 40...44),
        .init("pul-", .pulumi, .lowerHex, 40),
        .init("NRAK-", .newRelic, .alnum, 27), .init("NRJS-", .newRelic, .hex, 19),
        .init("NRII-", .newRelic, .token, 32),
        .init("sntrys_", .sentry, .base64Token, 60...600), .init("sntryu_", .sentry, .lowerHex, 64),
        .init("sl.", .dropbox, .tokenDot, 120...200),
        .init("ops_eyJ", .onePassword, .base64, 250...4000),
        .init("AGE-SECRET-KEY-1", .age, .upperDigit, 58),
        .init("AKCp", .artifactory, .alnum, 69), .init("cmVmd", .artifactory, .alnum, 59),
        .init("p8e-", .adobe, .alnum, 32), .init("LTAI", .alibaba, .alnum, 20...30),
        .init("CLOJARS_", .clojars, .alnum, 60), .init("v1.0-", .cloudflare, .token, 165...175),
        .init("duffel_live_", .duffel, .base64URL, 43), .init("duffel_test_", .duffel, .base64URL, 43),
        .init("dt0c01.", .dynatrace, .tokenDot, 89),
        .init("EZAK", .easyPost, .alnum, 54), .init("EZTK", .easyPost, .alnum, 54),
        .init("EAAC", .facebook, .alnum, 100...400), .init("EAAM", .facebook, .alnum, 100...400),
        .init("FLWSECK-", .flutterwave, .token, 30...60), .init("FLWSECK_TEST-", .flutterwave, .token, 12...40),
        .init("fo1_", .flyIO, .token, 43), .init("fm1r_", .flyIO, .base64, 100...4000),
        .init("fm1a_", .flyIO, .base64, 100...4000), .init("fm2_", .flyIO, .base64, 100...4000),
        .init("fio-u-", .frameIO, .base64URL, 64),
        .init("glc_", .grafana, .base64, 32...400), .init("glsa_", .grafana, .token, 41),
        .init("eyJrIjoi", .grafana, .base64, 70...400),
        .init("pat.", .harness, .tokenDot, 60...80), .init("sat.", .harness, .tokenDot, 60...80),
        .init("ico-", .infracost, .alnum, 32),
        .init("s-s4t2ud-", .intra42, .lowerHex, 64), .init("s-s4t2af-", .intra42, .lowerHex, 64),
        .init("API-", .octopus, .upperDigit, 26), .init("sha256~", .openShift, .token, 43),
        .init("pplx-", .perplexity, .alnum, 48),
        .init("pscale_tkn_", .planetScale, .tokenDot, 32...64),
        .init("pscale_oauth_", .planetScale, .tokenDot, 32...64),
        .init("pscale_pw_", .planetScale, .tokenDot, 32...64),
        .init("pnu_", .prefect, .alnum, 36), .init("rdme_", .readme, .alnum, 70),
        .init("rubygems_", .rubyGems, .lowerHex, 48), .init("tk-us-", .scalingo, .token, 48),
        .init("xkeysib-", .sendinblue, .token, 81),
        .init("sm_aat_", .settlemint, .alnum, 16), .init("sm_pat_", .settlemint, .alnum, 16),
        .init("sm_sat_", .settlemint, .alnum, 16),
        .init("shippo_live_", .shippo, .hex, 40), .init("shippo_test_", .shippo, .hex, 40),
        .init("gsk_", .groq, .alnum, 52), .init("xai-", .xAI, .alnum, 80), .init("r8_", .replicate, .alnum, 37...40),
    ]
}
