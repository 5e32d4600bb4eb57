import Foundation

/// Ordinary files that look like secrets to a naive scanner: identifiers, digests, encoded images, samples a
/// provider publishes, references to a secret stored elsewhere, placeholders, and code that handles secrets
/// without holding one. None of them may be held back.
enum LookAlikeCorpus {
    static var samples: [CorpusSample] {
        var k = FakeKeys(seed: 0x10_0C_A1)
        return identifiers(&k) + digests(&k) + encoded(&k) + samplesAndTestKeys(&k) + references(&k) + placeholders(&k)
            + codeAroundSecrets(&k) + urls(&k)
    }

    /// jwt.io's sample token, assembled from its parts.
    static let jwtIOSample =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "."
        + "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV" + "_adQssw5c"

    static func identifiers(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(label: "uuid", path: "src/payments.py", text: "headers = {\"Idempotency-Key\": \"\(k.uuid())\"}\n"),
            .init(label: "uuid", path: "config/tenant.yml", text: "tenant_id: \(k.uuid())\nclient_id: \(k.uuid())\n"),
            .init(
                label: "uuid",
                path: "src/keys.json",
                text: "{\"keyId\": \"\(k.uuid())\", \"api_key_id\": \"\(k.uuid())\"}\n"
            ),
            .init(
                label: "uuid",
                path: "tests/fixtures/request.json",
                text: "{\"request_token\": \"\(k.uuid())\", \"trace\": \"\(k.uuid())\"}\n"
            ),
            .init(
                label: "uuid",
                path: "src/cache.ts",
                text: "const cacheKey = `user:${id}`; const sessionKey = \"\(k.uuid())\";\n"
            ),
            .init(
                label: "objectid",
                path: "tests/fixtures/users.json",
                text: "{\"_id\": {\"$oid\": \"\(k.hex(24))\"}, \"name\": \"Ada\"}\n"
            ),
            .init(label: "objectid", path: "src/seed.js", text: "const sessionKey = \"\(k.hex(24))\";\n"),
            .init(label: "objectid", path: "docs/api.md", text: "GET /users/\(k.hex(24))/tokens\n"),
            .init(
                label: "twilio-sid",
                path: "config/twilio.yml",
                text: "account_sid: AC\(k.hex(32))\nmessaging_service_sid: MG\(k.hex(32))\n"
            ),
            .init(
                label: "css-hash",
                path: "dist/index.html",
                text: "<link href=\"/assets/main.\(k.hex(8)).css\"><div class=\"css-\(k.lowerAlnum(7))\"></div>\n"
            ),
            .init(
                label: "identifiers",
                path: "db/schema.sql",
                text: "CREATE TABLE api_keys (id uuid, primary_key text, key_hash text, token_prefix text);\n"
            ),
            .init(
                label: "identifiers",
                path: "src/tokenizer.py",
                text: "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")\nmax_tokens = 4096\n"
            ),
            .init(
                label: "identifiers",
                path: "src/keyboard.swift",
                text: "let keyboardLayout = \"english-international\"\nlet hotkey = \"cmd-shift-k\"\n"
            ),
            .init(
                label: "identifiers",
                path: "infra/dynamo.tf",
                text: "  hash_key  = \"tenantId\"\n  range_key = \"createdAt\"\n  partition_key = \"pk\"\n"
            ),
            .init(
                label: "identifiers",
                path: "src/auth.go",
                text: "tokenType := \"Bearer\"\nauthorURL := \"https://acme.io/authors\"\n"
            ),
            .init(
                label: "identifiers",
                path: "config/oauth.yml",
                text: "token_url: https://auth.acme.io/oauth/token\nauthorize_url: https://auth.acme.io/authorize\n"
            ),
            .init(
                label: "identifiers",
                path: "src/kid.json",
                text: "{\"kid\": \"\(k.token(43))\", \"alg\": \"RS256\", \"use\": \"sig\"}\n"
            ),
            .init(
                label: "identifiers",
                path: "deploy/k8s.yaml",
                text:
                    "        env:\n          - name: DB_PASSWORD\n            valueFrom:\n              secretKeyRef:\n                name: db\n                key: password\n"
            ),
            .init(
                label: "identifiers",
                path: "src/i18n/en.json",
                text:
                    "{\"password\": \"Password\", \"password_hint\": \"At least 12 characters\", \"forgot_password\": \"Forgot?\"}\n"
            ),
            .init(
                label: "identifiers",
                path: "src/form.html",
                text:
                    "<input type=\"password\" name=\"password\" placeholder=\"Password\" autocomplete=\"current-password\">\n"
            ),
        ]
    }

    static func digests(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "sha256",
                path: "tests/fixtures/digest.swift",
                text: "let expectedDigest = \"\(k.hex(64))\"\n"
            ),
            .init(
                label: "sha256",
                path: "tests/hash_test.py",
                text: "EMPTY_SHA256 = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n"
            ),
            .init(label: "sha256", path: "checksums.txt", text: "\(k.hex(64))  jarvis-1.2.0-linux-x86_64.tar.gz\n"),
            .init(label: "sha256", path: "deploy/image.yml", text: "image: nginx@sha256:\(k.hex(64))\n"),
            .init(
                label: "sha256",
                path: "Cargo.lock",
                text: "[[package]]\nname = \"serde\"\nversion = \"1.0.0\"\nchecksum = \"\(k.hex(64))\"\n"
            ),
            .init(label: "sha1", path: "docs/CHANGELOG.md", text: "Fixed in commit \(k.hex(40)) (see #12).\n"),
            .init(
                label: "sha1",
                path: "vendor.json",
                text: "{\"name\": \"lib\", \"sha\": \"\(k.hex(40))\", \"ref\": \"v1\"}\n"
            ),
            .init(
                label: "md5",
                path: "assets/manifest.json",
                text: "{\"etag\": \"\(k.hex(32))\", \"md5\": \"\(k.hex(32))\"}\n"
            ),
            .init(
                label: "integrity",
                path: "package-lock.json",
                text:
                    "    \"node_modules/left-pad\": {\n      \"version\": \"1.3.0\",\n      \"integrity\": \"sha512-\(k.base64(86))==\"\n    }\n"
            ),
            .init(
                label: "integrity",
                path: "yarn.lock",
                text: "left-pad@^1.3.0:\n  version \"1.3.0\"\n  integrity sha512-\(k.base64(86))==\n"
            ),
            .init(
                label: "integrity",
                path: "web/index.html",
                text:
                    "<script src=\"https://cdn.acme.io/lib.js\" integrity=\"sha384-\(k.base64(64))\" crossorigin=\"anonymous\"></script>\n"
            ),
            .init(label: "go.sum", path: "go.sum", text: "github.com/pkg/errors v0.9.1 h1:\(k.base64(43))=\n"),
            .init(
                label: "sha256",
                path: "Package.resolved",
                text:
                    "{\"identity\": \"swift-nio\", \"state\": {\"revision\": \"\(k.hex(40))\", \"version\": \"2.65.0\"}}\n"
            ),
            .init(
                label: "hash",
                path: "src/passwords.py",
                text:
                    "password_hash = \"$2b$12$\(k.draw(53, from: FakeKeys.upper + FakeKeys.lower + FakeKeys.digits + "./"))\"\n"
            ),
            .init(label: "sha256", path: "tests/fixtures/tokens.yml", text: "token_sha256: \(k.hex(64))\n"),
        ]
    }

    static func encoded(_ k: inout FakeKeys) -> [CorpusSample] {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        return [
            .init(
                label: "base64-png",
                path: "web/logo.html",
                text: "<img src=\"data:image/png;base64,\(k.base64Blob(magic: png, bytes: 6000))\">\n"
            ),
            .init(
                label: "base64-png",
                path: "assets/icons.json",
                text: "{\"icon\": \"\(k.base64Blob(magic: png, bytes: 3000))\"}\n"
            ),
            .init(
                label: "base64-jpeg",
                path: "web/style.css",
                text:
                    ".hero { background: url(data:image/jpeg;base64,\(k.base64Blob(magic: [0xFF, 0xD8, 0xFF, 0xE0], bytes: 5000))); }\n"
            ),
            .init(
                label: "base64-font",
                path: "web/fonts.css",
                text:
                    "@font-face { src: url(data:font/woff2;base64,\(k.base64Blob(magic: Array("wOF2".utf8), bytes: 4000))); }\n"
            ),
            .init(
                label: "base64-gif",
                path: "mail/template.html",
                text: "<img src=\"data:image/gif;base64,\(k.base64Blob(magic: Array("GIF89a".utf8), bytes: 2000))\"/>\n"
            ),
            .init(
                label: "base64-pdf",
                path: "tests/fixtures/invoice.json",
                text: "{\"document\": \"\(k.base64Blob(magic: Array("%PDF-1.7\n".utf8), bytes: 4000))\"}\n"
            ),
            .init(
                label: "public-key",
                path: "keys/release.pub.txt",
                text: "-----BEGIN "
                    + "PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\(k.base64(64))\n-----END "
                    + "PUBLIC KEY-----\n"
            ),
            .init(
                label: "certificate",
                path: "certs/ca.crt.txt",
                text: "-----BEGIN " + "CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\(k.base64(64))\n-----END "
                    + "CERTIFICATE-----\n"
            ),
            .init(
                label: "ssh-public",
                path: "deploy/authorized_keys",
                text: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\(k.base64(43)) ops@acme\n"
            ),
            .init(
                label: "key-stub",
                path: "docs/ssh.md",
                text: "Your key looks like:\n\n    -----BEGIN " + "OPENSSH PRIVATE KEY-----\n    ...\n    -----END "
                    + "OPENSSH PRIVATE KEY-----\n"
            ),
            .init(label: "public-key", path: "config/jwt.yml", text: "public_key: \(k.base64(200))\n"),
            .init(
                label: "source-map",
                path: "dist/app.js.map",
                text:
                    "{\"version\":3,\"mappings\":\"\(k.draw(400, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/,;"))\"}\n"
            ),
        ]
    }

    static func samplesAndTestKeys(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "jwt.io",
                path: "docs/auth.md",
                text: "Example:\n\n    Authorization: Bearer \(jwtIOSample)\n"
            ),
            .init(label: "jwt.io", path: "tests/auth.test.js", text: "const token = \"\(jwtIOSample)\";\n"),
            .init(
                label: "aws-example",
                path: "docs/aws.md",
                text: "aws_access_key_id = AKIA"
                    + "IOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY\n"
            ),
            .init(
                label: "stripe-test",
                path: "tests/stripe_test.rb",
                text: "Stripe.api_key = 'sk_test_\(k.alnum(99))'\n"
            ),
            .init(
                label: "stripe-test",
                path: "web/checkout.js",
                text: "const stripe = Stripe('pk_test_\(k.alnum(99))');\n"
            ),
            .init(
                label: "stripe-publishable",
                path: "web/checkout.prod.js",
                text: "const stripe = Stripe('pk_live_\(k.alnum(99))');\n"
            ),
            .init(
                label: "stripe-test",
                path: "tests/fixtures/stripe.yml",
                text: "restricted_key: rk_test_\(k.alnum(99))\n"
            ),
            .init(
                label: "placeholder-token",
                path: "README.md",
                text: "Set `GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` before running.\n"
            ),
            .init(
                label: "placeholder-token",
                path: "docs/openai.md",
                text: "export OPENAI_API_KEY=sk-...\nexport ANTHROPIC_API_KEY=\"sk-ant-...\"\n"
            ),
            .init(
                label: "placeholder-token",
                path: ".env.sample.txt",
                text: "SLACK_BOT_TOKEN=xoxb-your-token\nSTRIPE_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX\n"
            ),
            .init(
                label: "placeholder-token",
                path: "docs/aws-keys.md",
                text: "aws_access_key_id = AKIAXXXXXXXXXXXXXXXX\naws_secret_access_key = <your secret key>\n"
            ),
            .init(
                label: "placeholder-token",
                path: "config/example.yml",
                text: "api_key: your_api_key_here\nsecret: REPLACE_ME\n"
            ),
            .init(
                label: "allowlisted",
                path: "tests/fixtures/token.txt",
                text: "token = \"\(k.alnum(32))\"  # pragma: allowlist secret\n"
            ),
            .init(
                label: "redacted",
                path: "logs/sample.log",
                text: "auth header: Bearer [REDACTED]\napi_key=****************\n"
            ),
        ]
    }
}
