import Foundation

extension SecretCorpus {
    static func keysAndTokens(_ k: inout FakeKeys) -> [CorpusSample] {
        func pem(_ label: String, _ body: String) -> String {
            "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n"
        }
        return [
            .init(
                label: "private-key",
                path: "config/deploy_key.txt",
                text: pem("RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA" + k.base64(64) + "\n" + k.base64(64))
            ),
            .init(
                label: "private-key",
                path: ".github/workflows/ssh.yml",
                text: "      ssh_key: |\n        "
                    + pem("OPENSSH PRIVATE KEY", "        b3BlbnNzaC1rZXktdjEAAAAA" + k.base64(48))
            ),
            .init(
                label: "private-key",
                path: "keys/signing.asc",
                text: pem("PGP PRIVATE KEY BLOCK", "\nlQOYBF" + k.base64(64))
            ),
            .init(label: "private-key", path: "certs/ec.txt", text: pem("EC PRIVATE KEY", "MHcCAQEEI" + k.base64(56))),
            .init(
                label: "age",
                path: "secrets/keys.txt",
                text: "# created: 2025-01-01\nAGE-SECRET-KEY-1\(k.draw(58, from: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"))\n"
            ),
            .init(
                label: "jwt",
                path: "api/requests.http",
                text: "GET https://api.acme.io/me\nAuthorization: Bearer \(k.jwt())\n"
            ),
            .init(label: "jwt", path: "web/src/session.js", text: "localStorage.setItem(\"token\", \"\(k.jwt())\");\n"),
            .init(label: "generic", path: "app/settings.py", text: "CLIENT_SECRET = \"\(k.alnum(32))\"\n"),
            .init(label: "generic", path: "config/app.yml", text: "api_secret: \(k.base64(40))\n"),
            .init(
                label: "generic",
                path: "mysite/settings.py",
                text: "SECRET_KEY = '\(k.draw(50, from: FakeKeys.lower + FakeKeys.digits + "!@#$%^&*(-_=+)"))'\n"
            ),
            .init(
                label: "generic",
                path: "config/secrets.yml",
                text: "production:\n  secret_key_base: \(k.hex(128))\n"
            ),
            .init(label: "generic", path: "src/api.ts", text: "export const API_KEY = \"\(k.alnum(40))\";\n"),
            .init(
                label: "generic",
                path: "scripts/fetch.sh",
                text: "curl -H \"X-Api-Key: \(k.alnum(32))\" https://api.vendor.io/v1/items\n"
            ),
            .init(
                label: "http-credentials",
                path: "scripts/health.sh",
                text: "curl -s -H \"Authorization: Bearer \(k.alnum(40))\" https://api.acme.io/health\n"
            ),
            .init(
                label: "http-credentials",
                path: "tests/http/basic.http",
                text:
                    "GET /admin\nAuthorization: Basic \(Data("svc-backup:\(k.password(12))".utf8).base64EncodedString())\n"
            ),
            .init(
                label: "http-credentials",
                path: "ops/jenkins.sh",
                text: "curl -u admin:\(k.password(10)) https://jenkins.acme.io/api/json\n"
            ),
        ]
    }

    static func passwords(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "password",
                path: "src/main/resources/application.yml",
                text:
                    "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: Wint3r2025!\n"
            ),
            .init(
                label: "password",
                path: "src/main/resources/application.properties",
                text: "spring.datasource.password=\(k.password(11))\n"
            ),
            .init(
                label: "password",
                path: "config/database.ini",
                text: "[database]\nhost = db.internal\npassword = \(k.password(8))\n"
            ),
            .init(
                label: "password",
                path: "config/app.toml",
                text: "[db]\nuser = \"app\"\npassword = \"\(k.password(10))\"\n"
            ),
            .init(label: "password", path: "docker/db.conf", text: "DB_HOST=db\nDB_PASSWORD=\(k.password(12))\n"),
            .init(
                label: "password",
                path: "config/settings.json",
                text: "{\n  \"db\": {\n    \"user\": \"app\",\n    \"password\": \"\(k.password(9))\"\n  }\n}\n"
            ),
            .init(
                label: "password",
                path: "docker-compose.db.yml",
                text: "  db:\n    environment:\n      POSTGRES_PASSWORD: pg_\(k.password(9))\n"
            ),
            .init(
                label: "password",
                path: "scripts/run-mysql.sh",
                text: "docker run -e MYSQL_ROOT_PASSWORD=\(k.password(8)) -d mysql:8\n"
            ),
            .init(
                label: "password",
                path: "ansible/group_vars/all.yml",
                text: "ansible_become_password: Sup3r$\(k.lowerAlnum(6))\n"
            ),
            .init(label: "password", path: "config/database.php", text: "    'password' => '\(k.password(8))',\n"),
            .init(
                label: "password",
                path: "scripts/backup.sh",
                text: "mysqldump --user=backup --password=\(k.password(10)) app > app.sql\n"
            ),
            .init(
                label: "password",
                path: "tests/smoke.py",
                text: "session.login(username=\"ops\", password=\"\(k.password(10))\")\n"
            ),
            .init(label: "password", path: "scripts/psql.sh", text: "PGPASSWORD=\(k.password(10)) psql -h db -U app\n"),
            .init(
                label: "password",
                path: "config/ldap.yml",
                text: "ldap:\n  bind_dn: cn=svc,dc=acme,dc=io\n  bind_password: \(k.password(14))\n"
            ),
            .init(
                label: "password",
                path: "config/mail.yml",
                text: "smtp:\n  user: mailer\n  pass: \(k.password(10))\n"
            ),
            .init(
                label: "password",
                path: "k8s/values.yaml",
                text: "postgresql:\n  auth:\n    postgresPassword: \"\(k.password(12))\"\n"
            ),
        ]
    }

    static func connectionURLs(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "connection-url",
                path: "config/database.yml",
                text: "production:\n  url: postgres://app:\(k.password(12))@db.internal:5432/app\n"
            ),
            .init(
                label: "connection-url",
                path: "src/db.js",
                text: "const pool = mysql.createPool('mysql://root:\(k.password(10))@127.0.0.1:3306/shop');\n"
            ),
            .init(
                label: "connection-url",
                path: "src/mongo.py",
                text:
                    "client = MongoClient(\"mongodb+srv://admin:\(k.password(12))@cluster0.\(k.lowerAlnum(5)).mongodb.net/?retryWrites=true\")\n"
            ),
            .init(
                label: "connection-url",
                path: "config/cache.yml",
                text: "redis_url: redis://:\(k.password(16))@cache.internal:6379/0\n"
            ),
            .init(
                label: "connection-url",
                path: "config/queue.env.sh",
                text: "export BROKER_URL=amqp://app:\(k.password(12))@rabbit.internal:5672/vhost\n"
            ),
            .init(
                label: "connection-url",
                path: "config/mail.py",
                text: "EMAIL_URL = \"smtp://mailer:\(k.password(10))@smtp.acme.io:587\"\n"
            ),
            .init(
                label: "connection-url",
                path: "deploy/ftp.sh",
                text: "lftp ftp://deploy:\(k.password(10))@ftp.acme.io -e 'mirror -R dist /www'\n"
            ),
            .init(
                label: "connection-url",
                path: "scripts/mirror.sh",
                text: "git remote add backup https://deploy:\(k.password(14))@git.acme.io/app.git\n"
            ),
            .init(
                label: "connection-url",
                path: "config/prod.exs",
                text: "config :app, App.Repo, url: \"ecto://postgres:\(k.password(12))@db/app\", pool_size: 10\n"
                    + "config :app, :redis, url: \"rediss://default:\(k.password(20))@eu1.upstash.io:6379\"\n"
            ),
        ]
    }

    static func moreProviders(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(label: "adobe", path: "config/adobe.json", text: "{\"client_secret\": \"p8e-\(k.alnum(32))\"}\n"),
            .init(
                label: "facebook",
                path: "social/fb.py",
                text: "graph = facebook.GraphAPI(access_token=\"EAAC\(k.alnum(180))\")\n"
            ),
            .init(
                label: "grafana",
                path: "monitoring/cloud.sh",
                text: "export GRAFANA_CLOUD_TOKEN=glc_\(k.base64(120))\n"
            ),
            .init(label: "intra42", path: "school/oauth.py", text: "CLIENT_SECRET = 's-s4t2ud-\(k.hex(64))'\n"),
            .init(label: "planetscale", path: "db/.pscale.sh", text: "DATABASE_PASSWORD=pscale_pw_\(k.token(43))\n"),
            .init(
                label: "digitalocean",
                path: "ops/spaces.py",
                text: "client = pydo.Client(token=\"dop_v1_\(k.hex(64))\")\n"
            ),
            .init(
                label: "square",
                path: "payments/sq.js",
                text: "const client = new Client({ accessToken: 'sq0atp-\(k.token(22))' });\n"
            ),
            .init(
                label: "gitlab",
                path: "ops/gitlab.tf",
                text: "provider \"gitlab\" {\n  token = \"glpat-\(k.token(20))\"\n}\n"
            ),
            .init(
                label: "sendgrid",
                path: "mail/sendgrid.yml",
                text: "sendgrid:\n  api_key: SG.\(k.token(22)).\(k.token(43))\n"
            ),
            .init(
                label: "telegram",
                path: "bot/.env.sh",
                text: "export TELEGRAM_BOT_TOKEN=\(k.digitString(9)):AA\(k.token(33))\n"
            ),
        ]
    }
}
