extension LookAlikeCorpus {
    static func references(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "gcp-secret",
                path: "deploy/cloudrun.yml",
                text: "secret: projects/\(k.digitString(12))/secrets/db-password/versions/latest\n"
            ),
            .init(
                label: "gcp-secret",
                path: "config/app.env.yml",
                text: "DB_PASSWORD_SECRET=projects/acme-prod-\(k.lowerAlnum(6))/secrets/db-password/versions/3\n"
            ),
            .init(
                label: "arn",
                path: "infra/task.json",
                text:
                    "{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"arn:aws:secretsmanager:us-east-1:\(k.digitString(12)):secret:prod/db-\(k.alnum(6))\"}\n"
            ),
            .init(
                label: "arn",
                path: "infra/lambda.yml",
                text: "secret_arn: arn:aws:secretsmanager:eu-west-1:\(k.digitString(12)):secret:api-key-\(k.alnum(6))\n"
            ),
            .init(
                label: "arn",
                path: "infra/kms.tf",
                text: "  kms_key_id = \"arn:aws:kms:us-east-1:\(k.digitString(12)):key/\(k.uuid())\"\n"
            ),
            .init(
                label: "vault-path",
                path: "config/vault.hcl",
                text: "secret_path = \"secret/data/app/prod\"\ntoken_path = \"/var/run/secrets/vault-token\"\n"
            ),
            .init(
                label: "1password-ref",
                path: ".env.op.sh",
                text: "export DB_PASSWORD=\"op://prod/db/password\"\nexport API_TOKEN=\"op://prod/api/credential\"\n"
            ),
            .init(
                label: "azure-kv",
                path: "config/kv.json",
                text:
                    "{\"ClientSecret\": \"@Microsoft.KeyVault(SecretUri=https://acme.vault.azure.net/secrets/api/\(k.hex(32)))\"}\n"
            ),
            .init(
                label: "k8s-ref",
                path: "k8s/deploy.yaml",
                text:
                    "        - name: API_KEY\n          valueFrom:\n            secretKeyRef: {name: api, key: token}\n"
            ),
            .init(
                label: "actions",
                path: ".github/workflows/ci.yml",
                text:
                    "      env:\n        GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n        NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n"
            ),
            .init(
                label: "secret-name",
                path: "config/secrets.yml",
                text: "secret_name: prod/app/\(k.lowerAlnum(8))\napi_key_name: payments-\(k.lowerAlnum(12))\n"
            ),
            .init(
                label: "file-ref",
                path: "docker-compose.secrets.yml",
                text: "      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n"
            ),
        ]
    }

    static func placeholders(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(label: "env-ref", path: "config/database.yml", text: "production:\n  password: ${DB_PASSWORD}\n"),
            .init(label: "placeholder", path: "config/dev.yml", text: "db:\n  password: changeme\n"),
            .init(label: "placeholder", path: "docs/config.md", text: "password: \"<password>\"\n"),
            .init(label: "placeholder", path: "config/test.ini", text: "[db]\npassword = xxx\n"),
            .init(label: "empty", path: "config/local.json", text: "{\"password\": \"\", \"token\": null}\n"),
            .init(label: "empty", path: "config/template.yml", text: "smtp:\n  password:\n  user:\n"),
            .init(label: "empty", path: "config/blank.env.sh", text: "PASSWORD=\nAPI_KEY=\n"),
            .init(label: "template", path: "ansible/db.yml", text: "db_password: \"{{ vault_db_password }}\"\n"),
            .init(label: "template", path: "config/database.yml.erb", text: "password: <%= ENV[\"DB_PASSWORD\"] %>\n"),
            .init(label: "template", path: "config/settings.cfg", text: "password = %(db_password)s\n"),
            .init(
                label: "ansible-vault",
                path: "group_vars/prod.yml",
                text: "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n"
            ),
            .init(label: "masked", path: "logs/config-dump.txt", text: "password: ********\n"),
            .init(label: "env", path: "scripts/run.sh", text: "DB_PASSWORD=$DB_PASSWORD ./app\n"),
            .init(label: "placeholder", path: "docs/setup.md", text: "export DB_PASSWORD=your-password\n"),
            .init(
                label: "placeholder",
                path: "config/compose.yml",
                text: "      POSTGRES_PASSWORD: postgres\n      POSTGRES_USER: postgres\n"
            ),
            .init(
                label: "policy",
                path: "config/auth.yml",
                text: "password_min_length: 12\npassword_expiry_days: 90\npassword_reset_url: /reset\n"
            ),
            .init(
                label: "placeholder",
                path: "config/broker.yml",
                text: "rabbitmq:\n  user: guest\n  password: guest\n"
            ),
        ]
    }

    static func codeAroundSecrets(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "code",
                path: "src/db.py",
                text: "password = os.environ[\"DB_PASSWORD\"]\napi_key = os.getenv(\"API_KEY\")\n"
            ),
            .init(
                label: "code",
                path: "src/login.py",
                text: "password = getpass.getpass()\ntoken = request.headers.get(\"Authorization\")\n"
            ),
            .init(
                label: "code",
                path: "src/User.swift",
                text: "struct User {\n    var password: String? = nil\n    let apiToken: String\n}\n"
            ),
            .init(
                label: "code",
                path: "src/Login.swift",
                text: "func login(user: String, password: String) async throws -> Session {\n"
            ),
            .init(
                label: "code",
                path: "src/user.ts",
                text: "interface Credentials {\n  username: string;\n  password?: string;\n  token: string;\n}\n"
            ),
            .init(
                label: "code",
                path: "src/settings.py",
                text: "password = settings.DB_PASSWORD\nsecret = config.secret_key\n"
            ),
            .init(
                label: "code",
                path: "src/auth.js",
                text: "if (token === expectedToken) { return next(); }\nconst password = req.body.password;\n"
            ),
            .init(
                label: "code",
                path: "src/auth.rb",
                text: "user.password = params[:password]\nself.auth_token = SecureRandom.hex(32)\n"
            ),
            .init(
                label: "code",
                path: "src/Auth.java",
                text: "String password = System.getenv(\"DB_PASSWORD\");\nchar[] secret = console.readPassword();\n"
            ),
            .init(
                label: "code",
                path: "src/csrf.html",
                text: "<input type=\"hidden\" name=\"csrf_token\" value=\"{{ csrf_token() }}\">\n"
            ),
            .init(
                label: "code",
                path: "scripts/login.sh",
                text:
                    "echo \"$TOKEN\" | docker login ghcr.io -u bot --password-stdin\ngh auth login --with-token < token.txt\n"
            ),
            .init(
                label: "code",
                path: "scripts/api.sh",
                text:
                    "curl -u \"$API_USER:$API_PASSWORD\" https://api.acme.io\ncurl -H \"Authorization: Bearer $TOKEN\" https://api.acme.io\n"
            ),
            .init(
                label: "code",
                path: "scripts/gh.sh",
                text:
                    "export GITHUB_TOKEN=$(gh auth token)\nnpm config set //registry.npmjs.org/:_authToken \"$NPM_TOKEN\"\n"
            ),
            .init(
                label: "code",
                path: "docs/auth.md",
                text:
                    "The API uses Bearer token authentication; send `Authorization: Bearer <token>`. Basic auth is off.\n"
            ),
            .init(
                label: "prose",
                path: "docs/security.md",
                text:
                    "Set the token = refresh_token_value in the password field; the secret is to ask. disk-usage ok.\n"
            ),
            .init(
                label: "code",
                path: "src/keys.c",
                text:
                    "static const char *key_names[] = {\"api_key\", \"secret_key\", \"token\"};\nint key = KEY_ESCAPE;\n"
            ),
            .init(
                label: "code",
                path: "src/hash.go",
                text: "secretHash := sha256.Sum256([]byte(secret))\nkeyLen := len(key)\n"
            ),
            .init(
                label: "code",
                path: "tests/test_tokens.py",
                text: "def test_token_length():\n    token = generate_token()\n    assert len(token) == 32\n"
            ),
            .init(
                label: "code",
                path: "src/config.swift",
                text:
                    "let apiKey = ProcessInfo.processInfo.environment[\"API_KEY\"] ?? \"\"\nif token == expected { return }\n"
            ),
            .init(
                label: "code",
                path: "src/crypto.py",
                text:
                    "key = Fernet.generate_key()\nprivate_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)\n"
            ),
        ]
    }

    static func urls(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "url",
                path: "docs/database.md",
                text: "DATABASE_URL=postgres://user:password@localhost:5432/app\n"
            ),
            .init(
                label: "url",
                path: "config/database.yml",
                text: "url: postgres://${DB_USER}:${DB_PASSWORD}@db:5432/app\n"
            ),
            .init(
                label: "url",
                path: "config/dev.yml",
                text: "database: mysql://root@localhost/app\ncache: redis://localhost:6379/0\n"
            ),
            .init(
                label: "url",
                path: "config/broker.py",
                text: "BROKER_URL = \"amqp://guest:guest@localhost:5672//\"\n"
            ),
            .init(
                label: "url",
                path: "docs/mongo.md",
                text: "mongodb+srv://<username>:<password>@cluster0.mongodb.net/test\n"
            ),
            .init(
                label: "url",
                path: "docs/links.md",
                text: "See https://example.com/path?key=value and https://user@github.com/org/repo.git\n"
            ),
            .init(
                label: "url",
                path: "scripts/mirror.sh",
                text: "wget ftp://anonymous:anonymous@ftp.gnu.org/gnu/hello/hello-2.12.tar.gz\n"
            ),
            .init(
                label: "url",
                path: "docs/proxy.md",
                text: "export HTTPS_PROXY=http://username:password@proxy.corp:8080\n"
            ),
            .init(
                label: "url",
                path: "config/sentry.js",
                text:
                    "Sentry.init({ dsn: \"https://\(k.hex(32))@o\(k.digitString(6)).ingest.sentry.io/\(k.digitString(7))\" });\n"
            ),
            .init(
                label: "url",
                path: "docs/api.md",
                text: "curl https://api.acme.io/v1/items?page=2&per_page=50&api_version=2024-01-01\n"
            ),
            .init(
                label: "url",
                path: "config/jdbc.properties",
                text: "spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}\n"
            ),
            .init(label: "url", path: "config/pg.yml", text: "url: postgresql://app:%s@db/app\n"),
        ]
    }
}
