import Foundation

extension RealisticTree {
    /// Credentials pasted where people paste them, each in its provider's documented format with a random body
    /// (prefixes are split so that this file holds nothing that looks like a key). Those in Python and TypeScript
    /// files go at the end of an ordinary module, as a real leak sits among real code.
    mutating func pastedCredentials() -> [(String, String)] {
        var pasted: [(String, String)] = []
        func paste(_ path: String, _ line: String) { pasted.append((path, line)) }
        let tokenAlphabet: [Character] = ["_", "-"] + SeededRandom.alnums
        let digits: [Character] = Array("0123456789")
        let pem: String = (0..<12).map { _ in random.base64(64) }.joined(separator: "\n")
        let keyKind: String = "RSA " + "PRIVATE KEY"
        paste("services/api/app/settings_local.py", "AWS_ACCESS_KEY_ID = \"AK" + "IA" + random.upperDigits(16) + "\"\n")
        paste(".github/workflows/release.yml", "env:\n  GH_TOKEN: gh" + "p_" + random.alnum(36) + "\n")
        let gitLab: String = random.draw(20, from: tokenAlphabet)
        paste("ci/gitlab-mirror.sh", "git push https://oauth2:gl" + "pat-" + gitLab + "@gitlab.com/acme/app.git\n")
        let slackBot: String =
            "xo" + "xb-" + random.draw(10, from: digits) + "-" + random.draw(13, from: digits) + "-" + random.alnum(24)
        paste("web/src/features/alerts/slack.ts", "const slack = new WebClient('" + slackBot + "');\n")
        let hook: String =
            "https://hooks.slack.com/services/T" + random.upperDigits(8) + "/B" + random.upperDigits(8) + "/"
            + random.alnum(24)
        paste("ops/notify.sh", "curl -X POST " + hook + " -d '{\"text\":\"deployed\"}'\n")
        paste("services/api/app/billing.py", "stripe.api_key = \"sk_" + "live_" + random.alnum(32) + "\"\n")
        let sendGrid: String = "SG." + random.draw(22, from: tokenAlphabet) + "." + random.draw(43, from: tokenAlphabet)
        paste("services/api/app/mailer.py", "sg = SendGridAPIClient(\"" + sendGrid + "\")\n")
        paste("services/api/app/sms.py", "client = Client(\"AC" + random.hex(32) + "\", \"" + random.hex(32) + "\")\n")
        paste(".npmrc", "//registry.npmjs.org/:_authToken=np" + "m_" + random.alnum(36) + "\n")
        let pypi: String = "py" + "pi-AgEIcHlwaS5vcmc" + random.draw(70, from: tokenAlphabet)
        paste("scripts/publish.sh", "twine upload -u __token__ -p " + pypi + " dist/*\n")
        paste("deploy/keys/deploy_key", "-----BEGIN " + keyKind + "-----\n" + pem + "\n-----END " + keyKind + "-----\n")
        let database: String = "postgres://importer:" + random.alnum(16) + "@db.internal:5432/finance"
        paste("docker-compose.yml", "services:\n  migrate:\n    environment:\n      DATABASE_URL: " + database + "\n")
        paste("ops/backup.sh", "mysqldump --all-databases mysql://root:" + random.alnum(14) + "@10.0.3.7:3306\n")
        let password: String = "Wint3r" + random.draw(4, from: digits) + "!"
        paste(
            "services/billing/src/main/resources/application.yml",
            "spring:\n  datasource:\n    username: billing\n    password: " + password + "\n"
        )
        let anthropic: String = "sk-" + "ant-api03-" + random.draw(93, from: tokenAlphabet) + "AA"
        paste("services/api/app/llm.py", "client = anthropic.Anthropic(api_key=\"" + anthropic + "\")\n")
        let openAI: String = "sk-" + random.alnum(20) + "T3Blbk" + "FJ" + random.alnum(20)
        paste("services/api/app/embed.py", "openai.api_key = \"" + openAI + "\"\n")
        paste(
            "web/src/features/maps/config.ts",
            "export const MAPS_KEY = 'AI" + "za" + random.draw(35, from: tokenAlphabet) + "';\n"
        )
        let telegram: String = random.draw(10, from: digits) + ":AA" + random.draw(33, from: tokenAlphabet)
        paste("services/api/app/telegram_bot.py", "bot = telebot.TeleBot(\"" + telegram + "\")\n")
        paste("ops/vault-login.sh", "vault login hv" + "s." + random.draw(91, from: tokenAlphabet) + "\n")
        paste("ops/doctl.sh", "doctl auth init --access-token do" + "p_v1_" + random.hex(64) + "\n")
        paste("ml/train/hub.py", "login(token=\"h" + "f_" + random.draw(34, from: SeededRandom.lowers) + "\")\n")
        paste(
            "web/src/features/shop/client.ts",
            "new Shopify.Clients.Rest(shop, 'sh" + "pat_" + random.hex(32) + "');\n"
        )
        let fineGrained: String = "github" + "_pat_11" + random.upperDigits(20) + "_" + random.alnum(59)
        paste("ci/release.sh", "export GITHUB_TOKEN=" + fineGrained + "\n")
        paste("deploy/terraform/do.tfvars", "aws_secret_access_key = \"" + random.base64(40) + "\"\n")
        return pasted.enumerated().map { index, item in
            let body: String =
                item.0.hasSuffix(".py")
                ? python(10_000 + index) : item.0.hasSuffix(".ts") ? typeScript(10_000 + index) : ""
            return (item.0, body + item.1)
        }
    }
}
