/// Tokens recognised by their shape rather than a plain prefix: Discord bot tokens (a base64 user id, a
/// timestamp and an HMAC), Telegram bot tokens (`123456789:AA…`), Twilio account credentials, SendGrid and
/// Mailchimp keys, Azure AD client secrets (`…8Q~…`), Terraform Cloud tokens (`….atlasv1.…`), Asana tokens,
/// chat webhooks, and credentials in an `Authorization` header or on a command line.
enum SecretShapeMatchers {
    static let patterns: [SecretPattern] = [
        SecretPattern(
            family: .discord,
            leads: ["MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT"],
            match: discordBotToken
        ),
        SecretPattern(family: .discord, leads: ["di"], match: discordWebhook),
        SecretPattern(family: .telegram, leads: [":A"], match: telegramBotToken),
        SecretPattern(family: .twilio, leads: ["AC"], match: twilioAccount),
        SecretPattern(family: .sendGrid, leads: ["SG"], match: sendGridKey),
        SecretPattern(family: .mailchimp, leads: ["-u"], match: mailchimpKey),
        SecretPattern(family: .azureSecret, leads: ["Q~"], match: azureClientSecret),
        SecretPattern(family: .terraform, leads: ["at"], match: terraformToken),
        SecretPattern(family: .asana, leads: ["1/", "2/"], match: asanaToken),
        SecretPattern(family: .teamsWebhook, leads: ["we"], match: teamsWebhook),
        SecretPattern(family: .httpCredentials, leads: ["Be", "be"], match: SecretCommandLine.bearer),
        SecretPattern(family: .httpCredentials, leads: ["Ba"], match: SecretCommandLine.basic),
        SecretPattern(family: .httpCredentials, leads: ["-u", "--"], match: SecretCommandLine.curlUser),
        SecretPattern(leads: ["--"], find: SecretCommandLine.passwordFlag),
    ]

    /// `[MNO]<base64 of a numeric user id>.<6 chars>.<27–38 chars>`; the id must decode to digits.
    static func discordBotToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i) else { return nil }
        let idEnd = s.run(from: i, limit: 27, ByteClass.isAlnum)
        guard (23...26).contains(idEnd - i), idEnd < s.count, s[idEnd] == UInt8(ascii: ".") else { return nil }
        let stampEnd = s.run(from: idEnd + 1, limit: 8, ByteClass.isToken)
        guard (6...7).contains(stampEnd - idEnd - 1), stampEnd < s.count,
            s[stampEnd] == UInt8(ascii: ".")
        else { return nil }
        let end = s.run(from: stampEnd + 1, limit: 41, ByteClass.isToken)
        guard (27...40).contains(end - stampEnd - 1), s.boundaryAfter(end),
            SecretPatterns.looksRandom(s, (stampEnd + 1)..<end)
        else { return nil }
        let id = Base64Peek.decode(s, i..<idEnd, maximum: 20)
        guard id.count >= 17, id.allSatisfy(ByteClass.isDigit) else { return nil }
        return i..<end
    }

    static func discordWebhook(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        var start: Int
        if s.has("discord.com/api/webhooks/", at: i) {
            start = i + 25
        } else if s.has("discordapp.com/api/webhooks/", at: i) {
            start = i + 28
        } else {
            return nil
        }
        let idEnd = s.run(from: start, limit: 21, ByteClass.isDigit)
        guard idEnd - start >= 17, idEnd < s.count, s[idEnd] == UInt8(ascii: "/") else { return nil }
        start = idEnd + 1
        let end = s.run(from: start, limit: 100, ByteClass.isToken)
        guard end - start >= 60, SecretPatterns.looksRandom(s, start..<end) else { return nil }
        return i..<end
    }

    /// `<bot id>:<35 characters starting with A>`, called at the `:`.
    static func telegramBotToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        var start = i
        while start > 0, i - start < 17, ByteClass.isDigit(s[start - 1]) { start -= 1 }
        guard i - start >= 8, s.boundaryBefore(start) else { return nil }
        let end = s.run(from: i + 1, limit: 36, ByteClass.isToken)
        guard end - i - 1 == 35, s.boundaryAfter(end), SecretPatterns.looksRandom(s, (i + 1)..<end) else { return nil }
        return start..<end
    }

    /// An account SID (`AC` + 32 hex) with its auth token (32 hex) on the same line, as in
    /// `Client("AC…", "…")`; the token is the secret, the SID alone is an identifier.
    static func twilioAccount(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i) else { return nil }
        let sidEnd = s.run(from: i + 2, limit: 33, ByteClass.isLowerHex)
        guard sidEnd - i == 34, s.boundaryAfter(sidEnd) else { return nil }
        var k = sidEnd
        let limit = min(s.count, sidEnd + 200)
        while k < limit, s[k] != 0x0A {
            if ByteClass.isLowerHex(s[k]), s.boundaryBefore(k) {
                let end = s.run(from: k, limit: 33, ByteClass.isLowerHex)
                if end - k == 32, s.boundaryAfter(end), SecretPatterns.looksRandom(s, k..<end) { return k..<end }
                k = end
            } else {
                k += 1
            }
        }
        return nil
    }

    /// `SG.<22>.<43>`.
    static func sendGridKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("SG.", at: i), s.boundaryBefore(i) else { return nil }
        let idEnd = s.run(from: i + 3, limit: 23, ByteClass.isToken)
        guard idEnd - i - 3 == 22, idEnd < s.count, s[idEnd] == UInt8(ascii: ".") else { return nil }
        let end = s.run(from: idEnd + 1, limit: 44, ByteClass.isToken)
        guard end - idEnd - 1 == 43, s.boundaryAfter(end),
            SecretPatterns.looksRandom(s, (idEnd + 1)..<end)
        else { return nil }
        return i..<end
    }

    /// `<32 hex>-us<datacenter>`, called at the `-`.
    static func mailchimpKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("-us", at: i), i >= 32 else { return nil }
        let end = s.run(from: i + 3, limit: 3, ByteClass.isDigit)
        guard (1...2).contains(end - i - 3), s.boundaryAfter(end) else { return nil }
        let start = i - 32
        guard (start..<i).allSatisfy({ ByteClass.isLowerHex(s[$0]) }), s.boundaryBefore(start),
            SecretPatterns.looksRandom(s, start..<i)
        else { return nil }
        return start..<end
    }

    static func azureByte(_ b: UInt8) -> Bool {
        ByteClass.isAlnum(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "~") || b == UInt8(ascii: ".")
    }

    /// `<3 chars><digit>Q~<31–34 chars>`, called at the `Q`.
    static func azureClientSecret(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard i >= 4, ByteClass.isDigit(s[i - 1]), (i - 4..<i - 1).allSatisfy({ azureByte(s[$0]) }) else { return nil }
        let start = i - 4
        guard start == 0 || !(azureByte(s[start - 1]) || s[start - 1] == UInt8(ascii: "-")) else { return nil }
        let tail: (UInt8) -> Bool = { azureByte($0) || $0 == UInt8(ascii: "-") }
        let end = s.run(from: i + 2, limit: 35, tail)
        guard (31...34).contains(end - i - 2), end >= s.count || !tail(s[end]),
            SecretPatterns.looksRandom(s, start..<end)
        else { return nil }
        return start..<end
    }

    /// `<14 chars>.atlasv1.<60–70 chars>`, called at `atlasv1`.
    static func terraformToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("atlasv1.", at: i), i >= 15, s[i - 1] == UInt8(ascii: ".") else { return nil }
        let start = i - 15
        guard (start..<i - 1).allSatisfy({ ByteClass.isAlnum(s[$0]) }), s.boundaryBefore(start) else { return nil }
        let end = s.run(from: i + 8, limit: 71) { ByteClass.isToken($0) || $0 == UInt8(ascii: "=") }
        guard (60...70).contains(end - i - 8), s.boundaryAfter(end),
            SecretPatterns.looksRandom(s, (i + 8)..<end)
        else { return nil }
        return start..<end
    }

    /// `1/<16 digits>:<32 hex>` and `2/<16 digits>/<16 digits>:<32 hex>`.
    static func asanaToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i) else { return nil }
        var k = s.run(from: i + 2, limit: 20, ByteClass.isDigit)
        guard k - i - 2 >= 13, k < s.count else { return nil }
        if s[k] == UInt8(ascii: "/") {
            let next = s.run(from: k + 1, limit: 20, ByteClass.isDigit)
            guard next - k - 1 >= 13 else { return nil }
            k = next
        }
        guard k < s.count, s[k] == UInt8(ascii: ":") else { return nil }
        let end = s.run(from: k + 1, limit: 33, ByteClass.isLowerHex)
        guard end - k - 1 == 32, s.boundaryAfter(end), SecretPatterns.looksRandom(s, (k + 1)..<end) else { return nil }
        return i..<end
    }

    static func teamsWebhook(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("webhook.office.com/webhookb2/", at: i) else { return nil }
        let start = i + 29
        let end = s.run(from: start, limit: 300) {
            ByteClass.isToken($0) || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/")
        }
        guard end - start >= 80, SecretPatterns.looksRandom(s, start..<end) else { return nil }
        return i..<end
    }
}
