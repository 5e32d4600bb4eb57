import Foundation

/// Files that hold secrets by their name alone, whatever they contain. Documented samples (`.env.example`,
/// `.env.sample`, `.env.template`, `.env.dist`) and public keys (`id_rsa.pub`) pass.
package enum SecretNames {
    package static func reason(forPath path: String) -> String? {
        let name = (path as NSString).lastPathComponent.lowercased()
        if path == ".claude/settings.local.json" {
            return "secret by name (.claude/settings.local.json holds local credentials)"
        }
        if name == ".env" || (name.hasPrefix(".env.") && !isSample(name))
            || (name.hasSuffix(".env") && name != ".env" && !name.hasPrefix("."))
        {
            return "secret by name (.env file)"
        }
        for suffix in [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".kdbx", ".ppk"]
        where name.hasSuffix(suffix) {
            return "secret by name (*\(suffix))"
        }
        for prefix in ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"]
        where name.hasPrefix(prefix) && !name.hasSuffix(".pub") {
            return "secret by name (\(prefix)* private key)"
        }
        if name.hasPrefix("credentials") && name.hasSuffix(".json") { return "secret by name (credentials*.json)" }
        if [".netrc", "_netrc", ".git-credentials", ".pypirc", ".htpasswd"].contains(name) {
            return "secret by name (\(name))"
        }
        return nil
    }

    static func isSample(_ name: String) -> Bool {
        [".example", ".sample", ".template", ".dist", ".defaults"].contains { name.hasSuffix($0) }
    }
}
