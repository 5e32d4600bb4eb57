/// One labelled file of the corpus: what it is, where it would live, and its text.
struct CorpusSample {
    let label: String
    let path: String
    let text: String
}

/// The labelled secrets: each a fake credential in its provider's format, in the kind of file and line where
/// people paste one (a code call, a config file, a dotenv, a shell command, a CI workflow).
enum SecretCorpus {
    static var secrets: [CorpusSample] {
        var k = FakeKeys(seed: 0x5EC2E7)
        return cloud(&k) + sourceHosting(&k) + messaging(&k) + payments(&k) + aiAndData(&k) + devTools(&k)
            + observability(&k) + keysAndTokens(&k) + passwords(&k) + connectionURLs(&k) + moreProviders(&k)
    }

    static func cloud(_ k: inout FakeKeys) -> [CorpusSample] {
        let aws = "AKIA" + k.upperDigit(16), awsSecret = k.base64(40)
        return [
            .init(label: "aws", path: "deploy/env.ps1", text: "$env:AWS_ACCESS_KEY_ID = \"\(aws)\"\n"),
            .init(
                label: "aws",
                path: "config/aws.ini",
                text: "[default]\naws_access_key_id = ASIA\(k.upperDigit(16))\nregion = eu-west-1\n"
            ),
            .init(
                label: "aws",
                path: "terraform/provider.tf",
                text: "provider \"aws\" {\n  region     = \"us-east-1\"\n  secret_key = \"\(awsSecret)\"\n}\n"
            ),
            .init(
                label: "aws",
                path: "scripts/upload.py",
                text:
                    "s3 = boto3.client(\"s3\", aws_access_key_id=\"AKIA\(k.upperDigit(16))\", region_name=\"eu-west-1\")\n"
            ),
            .init(
                label: "aws",
                path: "ci/deploy.sh",
                text: "export AWS_SECRET_ACCESS_KEY=\(k.base64(40))\naws s3 sync dist s3://bucket\n"
            ),
            .init(
                label: "gcp",
                path: "android/app/src/main/res/values/keys.xml",
                text: "<resources>\n    <string name=\"maps_key\">AIza\(k.token(35))</string>\n</resources>\n"
            ),
            .init(
                label: "gcp",
                path: "client_secret_web.json",
                text:
                    "{\"web\": {\"client_id\": \"\(k.digitString(12))-abc.apps.googleusercontent.com\", \"client_secret\": \"GOCSPX-\(k.token(28))\"}}\n"
            ),
            .init(
                label: "gcp",
                path: "scripts/call.sh",
                text:
                    "curl -H \"Authorization: Bearer ya29.\(k.token(150))\" https://www.googleapis.com/drive/v3/files\n"
            ),
            .init(
                label: "gcp",
                path: "keys/service-account.json",
                text: "{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN "
                    + "PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\(k.base64(60))\\n-----END PRIVATE KEY-----\\n\"\n}\n"
            ),
            .init(
                label: "azure",
                path: "src/Api/appsettings.json",
                text: "{\n  \"AzureAd\": {\n    \"ClientSecret\": \"\(k.alnum(3))8Q~\(k.token(34))\"\n  }\n}\n"
            ),
            .init(
                label: "azure",
                path: "src/Api/appsettings.Production.json",
                text:
                    "{\"Storage\": \"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=\(k.base64(86))==;EndpointSuffix=core.windows.net\"}\n"
            ),
            .init(
                label: "digitalocean",
                path: "ops/bootstrap.sh",
                text: "doctl auth init --access-token dop_v1_\(k.hex(64))\n"
            ),
            .init(
                label: "heroku",
                path: ".github/workflows/deploy.yml",
                text: "env:\n  HEROKU_API_KEY: HRKU-AA\(k.token(58))\n"
            ),
            .init(label: "heroku", path: "config/heroku.yml", text: "heroku_api_key: \(k.uuid())\n"),
            .init(label: "alibaba", path: "config/oss.yml", text: "access_key_id: LTAI\(k.alnum(20))\n"),
            .init(
                label: "cloudflare",
                path: ".github/workflows/pages.yml",
                text: "      CLOUDFLARE_API_TOKEN: \(k.token(40))\n"
            ),
            .init(
                label: "terraform",
                path: "ops/terraformrc",
                text:
                    "credentials \"app.terraform.io\" {\n  token = \"\(k.lowerAlnum(14)).atlasv1.\(k.token(67))\"\n}\n"
            ),
            .init(label: "vault", path: "ops/README-vault.sh", text: "vault login hvs.\(k.token(91))\n"),
            .init(label: "vault", path: ".gitlab-ci.yml", text: "variables:\n  VAULT_TOKEN: hvb.\(k.token(140))\n"),
            .init(label: "flyio", path: "fly/deploy.sh", text: "FLY_API_TOKEN=fo1_\(k.token(43)) flyctl deploy\n"),
        ]
    }

    static func sourceHosting(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "github",
                path: "scripts/clone.sh",
                text: "git clone https://ghp_\(k.alnum(36))@github.com/acme/app.git\n"
            ),
            .init(
                label: "github",
                path: "tools/oauth.json",
                text: "{\"oauth_token\": \"gho_\(k.alnum(36))\", \"user\": \"octocat\"}\n"
            ),
            .init(
                label: "github",
                path: ".npmrc",
                text: "//npm.pkg.github.com/:_authToken=github_pat_11\(k.alnum(20))_\(k.alnum(59))\n"
            ),
            .init(
                label: "github",
                path: ".github/workflows/release.yml",
                text: "    env:\n      GH_TOKEN: ghs_\(k.alnum(36))\n"
            ),
            .init(
                label: "github",
                path: "src/github.js",
                text: "const octokit = new Octokit({ auth: 'ghu_\(k.alnum(36))' });\n"
            ),
            .init(label: "github", path: "ci/refresh.py", text: "refresh = \"ghr_\(k.alnum(36))\"\n"),
            .init(
                label: "gitlab",
                path: "scripts/gitlab-api.sh",
                text: "curl --header \"PRIVATE-TOKEN: glpat-\(k.token(20))\" https://gitlab.com/api/v4/projects\n"
            ),
            .init(
                label: "gitlab",
                path: "runner/config.toml",
                text: "[[runners]]\n  name = \"builder\"\n  token = \"glrt-\(k.token(20))\"\n"
            ),
            .init(
                label: "gitlab",
                path: "deploy/login.sh",
                text: "docker login -u gitlab+deploy-token-1 -p gldt-\(k.token(20)) registry.gitlab.com\n"
            ),
            .init(
                label: "gitlab",
                path: "ci/trigger.sh",
                text:
                    "curl -X POST -F token=glptt-\(k.hex(40)) -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline\n"
            ),
            .init(label: "atlassian", path: "scripts/jira.py", text: "JIRA_API_TOKEN = \"ATATT3\(k.token(186))\"\n"),
            .init(
                label: "atlassian",
                path: "bitbucket-pipelines.yml",
                text: "          BITBUCKET_APP_PASSWORD: ATBB\(k.alnum(32))\n"
            ),
            .init(
                label: "npm",
                path: "ci/publish.sh",
                text: "npm config set //registry.npmjs.org/:_authToken npm_\(k.alnum(36))\nnpm publish\n"
            ),
            .init(
                label: "npm",
                path: "packages/ui/.npmrc",
                text: "//registry.npmjs.org/:_authToken=npm_\(k.alnum(36))\n"
            ),
            .init(
                label: "pypi",
                path: "scripts/release.sh",
                text: "twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmc\(k.token(70)) dist/*\n"
            ),
            .init(
                label: "rubygems",
                path: "ci/gem.sh",
                text: "GEM_HOST_API_KEY=rubygems_\(k.hex(48)) gem push pkg/app.gem\n"
            ),
            .init(label: "clojars", path: "ci/deploy-clj.sh", text: "export CLOJARS_TOKEN=CLOJARS_\(k.alnum(60))\n"),
            .init(label: "artifactory", path: "gradle.properties", text: "artifactory_api_key=AKCp\(k.alnum(69))\n"),
        ]
    }

    static func messaging(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "slack",
                path: "bot/app.py",
                text: "client = WebClient(token=\"xoxb-\(k.digitString(10))-\(k.digitString(13))-\(k.alnum(24))\")\n"
            ),
            .init(
                label: "slack",
                path: "src/notify.js",
                text:
                    "await fetch(\"https://hooks.slack.com/services/T\(k.upperDigit(8))/B\(k.upperDigit(10))/\(k.alnum(24))\", opts);\n"
            ),
            .init(
                label: "slack",
                path: "config/slack.yml",
                text: "app_token: xapp-1-A\(k.upperDigit(10))-\(k.digitString(13))-\(k.hex(64))\n"
            ),
            .init(
                label: "slack",
                path: "cmd/post/main.go",
                text:
                    "api := slack.New(\"xoxp-\(k.digitString(11))-\(k.digitString(12))-\(k.digitString(13))-\(k.hex(32))\")\n"
            ),
            .init(
                label: "twilio",
                path: "sms/send.py",
                text: "client = Client(\"AC\(k.hex(32))\", \"\(k.hex(32))\")\n"
            ),
            .init(label: "twilio", path: "config/twilio.properties", text: "twilio.api.key=SK\(k.hex(32))\n"),
            .init(
                label: "sendgrid",
                path: "mail/send.js",
                text: "sgMail.setApiKey('SG.\(k.token(22)).\(k.token(43))');\n"
            ),
            .init(
                label: "mailgun",
                path: "mail/send.py",
                text: "requests.post(url, auth=(\"api\", \"key-\(k.hex(32))\"), data=data)\n"
            ),
            .init(
                label: "mailchimp",
                path: "newsletter/client.php",
                text: "$mailchimp->setConfig(['apiKey' => '\(k.hex(32))-us21', 'server' => 'us21']);\n"
            ),
            .init(label: "discord", path: "bot/main.py", text: "client.run(\"\(k.discordBotToken())\")\n"),
            .init(
                label: "discord",
                path: "alerts/config.py",
                text: "DISCORD_WEBHOOK = \"https://discord.com/api/webhooks/\(k.digitString(18))/\(k.token(68))\"\n"
            ),
            .init(
                label: "telegram",
                path: "bot/telegram.py",
                text: "bot = telebot.TeleBot(\"\(k.digitString(10)):AA\(k.token(33))\")\n"
            ),
            .init(
                label: "teams",
                path: "alerts/teams.ps1",
                text:
                    "$hook = \"https://acme.webhook.office.com/webhookb2/\(k.uuid())@\(k.uuid())/IncomingWebhook/\(k.hex(32))/\(k.uuid())\"\n"
            ),
            .init(
                label: "sendinblue",
                path: "mail/brevo.rb",
                text: "config.api_key['api-key'] = 'xkeysib-\(k.hex(64))-\(k.alnum(16))'\n"
            ),
            .init(
                label: "twitter",
                path: "social/.env.production.sh",
                text: "TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAA\(k.alnum(80))\n"
            ),
        ]
    }

    static func payments(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "stripe",
                path: "config/initializers/stripe.rb",
                text: "Stripe.api_key = 'sk_live_\(k.alnum(99))'\n"
            ),
            .init(
                label: "stripe",
                path: "server/payments.js",
                text: "const stripe = require('stripe')('rk_live_\(k.alnum(99))');\n"
            ),
            .init(label: "square", path: "config/square.yml", text: "square:\n  access_token: EAAA\(k.token(60))\n"),
            .init(label: "square", path: "payments/square.py", text: "SQUARE_APP_SECRET = 'sq0csp-\(k.token(43))'\n"),
            .init(
                label: "shopify",
                path: "shop/setup.rb",
                text: "ShopifyAPI::Context.setup(api_key: 'app', api_secret_key: 'shpss_\(k.hex(32))')\n"
            ),
            .init(
                label: "shopify",
                path: "shop/admin.js",
                text: "const client = new Shopify.Clients.Rest(shop, 'shpat_\(k.hex(32))');\n"
            ),
            .init(
                label: "shippo",
                path: "shipping/client.py",
                text: "shippo.config.api_key = \"shippo_live_\(k.hex(40))\"\n"
            ),
            .init(
                label: "duffel",
                path: "travel/duffel.ts",
                text: "const duffel = new Duffel({ token: 'duffel_live_\(k.token(43))' });\n"
            ),
            .init(
                label: "easypost",
                path: "shipping/easypost.rb",
                text: "EasyPost::Client.new(api_key: 'EZAK\(k.alnum(54))')\n"
            ),
            .init(
                label: "flutterwave",
                path: "pay/flw.js",
                text: "const flw = new Flutterwave(PUBLIC, 'FLWSECK-\(k.hex(32))-X');\n"
            ),
        ]
    }

    static func aiAndData(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "anthropic",
                path: "agent/llm.py",
                text: "client = anthropic.Anthropic(api_key=\"sk-ant-api03-\(k.token(93))AA\")\n"
            ),
            .init(
                label: "openai",
                path: "docker-compose.yml",
                text:
                    "services:\n  api:\n    environment:\n      - OPENAI_API_KEY=sk-proj-\(k.token(74))T3BlbkFJ\(k.token(74))\n"
            ),
            .init(
                label: "openai",
                path: "notebooks/setup.py",
                text: "openai.api_key = \"sk-\(k.alnum(20))T3BlbkFJ\(k.alnum(20))\"\n"
            ),
            .init(label: "huggingface", path: "train/hub.py", text: "login(token=\"hf_\(k.letters(34))\")\n"),
            .init(
                label: "databricks",
                path: "ops/databrickscfg",
                text: "[DEFAULT]\nhost = https://adb-1.azuredatabricks.net\ntoken = dapi\(k.hex(32))\n"
            ),
            .init(
                label: "perplexity",
                path: "agent/search.ts",
                text: "const pplx = new OpenAI({ apiKey: 'pplx-\(k.alnum(48))', baseURL });\n"
            ),
            .init(label: "groq", path: "agent/groq.py", text: "client = Groq(api_key=\"gsk_\(k.alnum(52))\")\n"),
            .init(
                label: "xai",
                path: "agent/grok.sh",
                text: "curl https://api.x.ai/v1/chat -H \"Authorization: Bearer xai-\(k.alnum(80))\"\n"
            ),
            .init(
                label: "replicate",
                path: "ml/run.py",
                text: "os.environ[\"REPLICATE_API_TOKEN\"] = \"r8_\(k.alnum(37))\"\n"
            ),
            .init(
                label: "planetscale",
                path: "db/connect.sh",
                text: "pscale auth login --service-token pscale_tkn_\(k.token(43))\n"
            ),
            .init(
                label: "notion",
                path: "sync/notion.js",
                text: "const notion = new Client({ auth: 'secret_\(k.alnum(43))' });\n"
            ),
            .init(
                label: "notion",
                path: "sync/config.toml",
                text: "[notion]\ntoken = \"ntn_\(k.digitString(11))\(k.alnum(35))\"\n"
            ),
            .init(
                label: "linear",
                path: "tools/linear.ts",
                text: "const linear = new LinearClient({ apiKey: 'lin_api_\(k.alnum(40))' });\n"
            ),
            .init(
                label: "asana",
                path: "tools/asana.py",
                text: "client = asana.Client.access_token('1/\(k.digitString(16)):\(k.hex(32))')\n"
            ),
            .init(label: "dropbox", path: "backup/dropbox.py", text: "dbx = dropbox.Dropbox(\"sl.\(k.token(135))\")\n"),
        ]
    }

    static func devTools(_ k: inout FakeKeys) -> [CorpusSample] {
        [
            .init(
                label: "postman",
                path: "api/run.sh",
                text: "postman login --with-api-key PMAK-\(k.hex(24))-\(k.hex(34))\n"
            ),
            .init(label: "doppler", path: "Dockerfile", text: "ENV DOPPLER_TOKEN=\"dp.st.prd.\(k.alnum(43))\"\n"),
            .init(
                label: "pulumi",
                path: ".github/workflows/infra.yml",
                text: "      PULUMI_ACCESS_TOKEN: pul-\(k.hex(40))\n"
            ),
            .init(label: "prefect", path: "flows/deploy.sh", text: "prefect cloud login -k pnu_\(k.alnum(36))\n"),
            .init(label: "readme", path: "docs/sync.js", text: "rdme.auth('rdme_\(k.lowerAlnum(70))');\n"),
            .init(
                label: "scalingo",
                path: "ops/scalingo.sh",
                text: "scalingo login --api-token tk-us-\(k.token(48))\n"
            ),
            .init(
                label: "harness",
                path: "ci/harness.sh",
                text: "harness login --api-key pat.\(k.token(22)).\(k.alnum(24)).\(k.alnum(20))\n"
            ),
            .init(
                label: "infracost",
                path: ".github/workflows/cost.yml",
                text: "          api-key: ico-\(k.alnum(32))\n"
            ),
            .init(
                label: "octopus",
                path: "deploy/octo.ps1",
                text: "octo push --package app.zip --server https://octo.acme.io --apiKey API-\(k.upperDigit(26))\n"
            ),
            .init(
                label: "openshift",
                path: "ops/oc-login.sh",
                text: "oc login --token=sha256~\(k.token(43)) --server=https://api.cluster:6443\n"
            ),
            .init(label: "frameio", path: "media/frame.py", text: "client = FrameioClient(\"fio-u-\(k.token(64))\")\n"),
            .init(
                label: "settlemint",
                path: "chain/.settlemintrc.sh",
                text: "export SETTLEMINT_ACCESS_TOKEN=sm_pat_\(k.alnum(16))\n"
            ),
            .init(
                label: "onepassword",
                path: "ci/op.sh",
                text: "export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ\(k.base64(260))\n"
            ),
        ]
    }

    static func observability(_ k: inout FakeKeys) -> [CorpusSample] {
        let sentryClaims = FakeKeys.base64URL(
            #"{"iat":1700000000.0,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"acme"}"#
        )
        return [
            .init(
                label: "datadog",
                path: "docker-compose.monitoring.yml",
                text: "  agent:\n    environment:\n      DD_API_KEY: \(k.hex(32))\n"
            ),
            .init(label: "datadog", path: "monitoring/datadog.yaml", text: "datadog_app_key: \"\(k.hex(40))\"\n"),
            .init(label: "newrelic", path: "newrelic.ini", text: "[newrelic]\nlicense_key = \(k.hex(40))\n"),
            .init(
                label: "newrelic",
                path: "web/monitor.js",
                text: "const nr = new NerdGraph({ apiKey: 'NRAK-\(k.upperDigit(27))' });\n"
            ),
            .init(
                label: "sentry",
                path: ".sentryclirc.sh",
                text: "export SENTRY_AUTH_TOKEN=sntrys_\(sentryClaims)_\(k.alnum(43))\n"
            ),
            .init(label: "sentry", path: "ci/sentry.yml", text: "sentry_token: sntryu_\(k.hex(64))\n"),
            .init(
                label: "okta",
                path: "src/main/resources/okta.yml",
                text: "okta:\n  client:\n    token: 00\(k.token(40))\n"
            ),
            .init(
                label: "grafana",
                path: "monitoring/grafana.sh",
                text:
                    "curl -H \"Authorization: Bearer glsa_\(k.alnum(32))_\(k.hex(8))\" https://grafana.acme.io/api/dashboards\n"
            ),
            .init(
                label: "dynatrace",
                path: "monitoring/dt.yaml",
                text: "apiToken: dt0c01.\(k.upperDigit(24)).\(k.upperDigit(64))\n"
            ),
        ]
    }
}
