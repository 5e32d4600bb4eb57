/// Secret fixtures for the guard's tests, one per family, plus near-misses that must pass. Every value is
/// assembled from pieces at run time so this source file itself never trips a secret scanner.
enum GitSecretFixtures {
    static let body36 = "R7d2Kq9ZxW4mLp0Tn5Vb8Hc3Jf6Gs1Ya2Qe7"
    static let body40 = "wJalr" + "XUtnFEMI/K7MDENG/bPxRfiCY9q3ZrT8mL2x"

    /// Family name → a line of source that holds a real-looking secret of that family.
    static let secrets: [(family: String, text: String)] = [
        (
            "private-key",
            "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7d2Kq9ZxW4mLp0Tn5Vb8\n-----END "
                + "RSA PRIVATE KEY-----\n"
        ),
        (
            "private-key",
            "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END "
                + "OPENSSH PRIVATE KEY-----\n"
        ),
        ("aws-access-key", "aws_access_key_id = " + "AKIA" + "Z7Q3MX5TR2WN8VPL\n"),
        ("github-token", "token: " + "ghp_" + body36 + "\n"),
        (
            "github-token",
            "GITHUB_TOKEN=" + "github_pat_" + "11ABCDE2F0" + body36 + "_" + "xY8kL3mN7pQ2rS5tU9vW1zA4bC6dE0fG" + "\n"
        ),
        ("gitlab-token", "let t = \"" + "glpat-" + "x9Kd2LmQ7vN4pR8sT1wZ" + "\"\n"),
        ("slack-token", "SLACK=" + "xoxb-" + "1234567890-0987654321098-" + "Ab3Cd9Ef2Gh7Ij5Kl1Mn8Op4" + "\n"),
        (
            "slack-token",
            "url = \"https://" + "hooks.slack.com/services/" + "T0A1B2C3D/B4E5F6G7H/" + "q8W2e4R6t8Y0u2I4o6P8a1S3"
                + "\"\n"
        ),
        ("anthropic-key", "ANTHROPIC_API_KEY=" + "sk-ant-" + "api03-" + body36 + "Xy7_Kp3-Lm9Qr2St5" + "\n"),
        ("openai-key", "openai.api_key = \"" + "sk-" + "proj-" + body36 + "T3Blbk" + "FJ" + "a9Zq" + "\"\n"),
        ("stripe-key", "Stripe.apiKey = '" + "sk_" + "live_" + "51Hq8Lm2Kd9Zx7Wp4Tn3Vb6C" + "'\n"),
        ("google-key", "const key = \"" + "AIza" + "SyB7d2Kq9ZxW4mLp0Tn5Vb8Hc3Jf6Gs1YaZ" + "\";\n"),
        (
            "jwt",
            "Authorization: Bearer " + "eyJ" + "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + "." + "eyJ"
                + "zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ" + "." + "Qm9vLxT4u8PzR2sWn6Yc1Jk5Hd0Ae3Gf7Lb9Vq2Ntx8"
                + "\n"
        ),
        ("generic-secret", "db_password = \"" + "q7Z!".dropLast() + "q7ZpL2xR9vKm4TbW8s" + "\"\n"),
        ("generic-secret", "client_secret: " + "u8Hs2Kd9Lq4Zm7Xp3Vt6Nb1Rc5" + "\n"),
        ("generic-secret", "{\"api_key\": \"" + body40 + "\"}\n"),
    ]

    /// Text that looks close to a secret but is not one: the guard must let it through.
    static let nearMisses: [String] = [
        "-----BEGIN " + "PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END " + "PUBLIC KEY-----\n",
        "-----BEGIN " + "CERTIFICATE-----\n",
        "aws_access_key_id = " + "AKIA" + "IOSFODNN7" + "EXAMPLE\n",  // AWS's documented sample
        "id = " + "AKIA" + "Z7Q3MX5TR2WN8VP\n",  // one character short
        "token: " + "ghp_" + String(repeating: "x", count: 36) + "\n",  // placeholder body
        "see ghp_ tokens in the docs\n",
        "risk-free task-" + "1234567890abcdefghijklmnopqrstuvwxyz1234\n",  // 'sk-' inside a word
        "password = \"${DB_PASSWORD}\"\n",
        "api_key = os.environ[\"API_KEY\"]\n",
        "secret_key = \"changeme-changeme-changeme\"\n",
        "token = \"aaaaaaaaaaaaaaaaaaaaaaaa\"\n",
        "if token == \"Zx8Kq2Lm9Vb4Tn7Wp3Rs6Yd1\" {\n",
        "keyboard_layout = \"english-international\"\n",
        "name = \"Zx8Kq2Lm9Vb4Tn7Wp3Rs6Yd1\"\n",  // random, but not a secret name
        "let url = \"https://example.com/path?key=value\"\n",
        "eyJ" + "hbGciOiJIUzI1NiJ9 is just a header\n",
        "sk_" + "live_" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        "AIza" + "tooShort\n",
        "db_password = \"" + "q7ZpL2xR9vKm4TbW8s" + "\"  # pragma: allowlist secret\n",
        "Authorization: Bearer " + LookAlikeCorpus.jwtIOSample + "\n",  // jwt.io's published sample
        "idempotency_key = \"" + "3f1c9a2e-8b7d-4e6f-a1c2-9d8e7f6a5b4c" + "\"\n",  // a UUID
    ]
}
