/// A URL that carries a password: `postgres://user:pass@host/db`, `mongodb+srv://…`, `redis://:pass@…`,
/// `amqp://`, `smtp://`, `ftp://`, `https://user:token@host`. Only the password is the secret, so a redaction
/// keeps the scheme, user and host readable.
enum SecretConnectionURL {
    static let schemes: Set<String> = [
        "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
        "smtp", "smtps", "ftp", "ftps", "sftp", "http", "https", "ldap", "ldaps", "mssql", "sqlserver", "oracle",
        "cockroachdb", "clickhouse", "nats", "mqtt", "mqtts", "ssh", "git", "svn", "imap", "imaps", "pop3", "couchdb",
        "neo4j", "neo4j+s", "bolt", "ecto", "jdbc", "cassandra", "elasticsearch", "kafka", "memcached", "snowflake",
        "rabbitmq",
    ]

    /// Called at the `:` of `://`.
    static func match(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("://", at: i) else { return nil }
        var schemeStart = i
        while schemeStart > 0, i - schemeStart < 16, isSchemeByte(s[schemeStart - 1]) { schemeStart -= 1 }
        guard schemeStart < i, schemes.contains(s.lowercasedString(schemeStart..<i)) else { return nil }
        let userStart = i + 3
        // The authority ends at the first `/`, `?`, `#`, quote or space; the credentials at its last `@`.
        let authorityEnd = s.run(from: userStart, limit: 512) { b in
            b > 0x20 && b < 0x7F && !"/?#\"'`<>\\".utf8.contains(b)
        }
        var at = authorityEnd
        while at > userStart, s[at - 1] != UInt8(ascii: "@") { at -= 1 }
        guard at > userStart else { return nil }
        let credentialsEnd = at - 1
        var colon = userStart
        while colon < credentialsEnd, s[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < credentialsEnd else { return nil }
        let password = (colon + 1)..<credentialsEnd
        guard isRealPassword(s, password) else { return nil }
        return password
    }

    static func isSchemeByte(_ b: UInt8) -> Bool {
        ByteClass.isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
    }

    /// Not a placeholder (`pass`, `password`, `${DB_PASSWORD}`, `<password>`, `****`, `%s`).
    static func isRealPassword(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        guard range.count >= 3 else { return false }
        let lowered = s.lowercasedString(range)
        if SecretValueFilters.isPlaceholderPassword(lowered) { return false }
        let markers = ["${", "$(", "{{", "%s", "%(", "<", "xxx", "***", "…"]
        if markers.contains(where: lowered.contains) { return false }
        // A password made only of `$NAME` is an environment variable.
        if lowered.hasPrefix("$") { return false }
        return true
    }
}
