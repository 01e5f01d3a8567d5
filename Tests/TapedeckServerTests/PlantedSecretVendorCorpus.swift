import Foundation
import Tapedeck

/// Exchanges modelled on the public API documentation of 16 vendors, in the
/// places and shapes their answers carry credentials (no value is copied from
/// a document: each is generated). `addVendorExchanges(rounds:)` adds every
/// template `rounds` times, each time with new secrets.
extension PlantedSecretGenerator {
    private static let b64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    private static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    private static let lowerHex = Array("0123456789abcdef")

    private mutating func jwt() -> String {
        plant("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + random(60).replacingOccurrences(of: "+", with: "_") + "." + random(43))
    }

    mutating func addVendorExchanges(rounds: Int) {
        for _ in 0..<rounds {
            // AWS STS AssumeRole (Query API, XML answer).
            let sigV4 = plant(random(64, from: Self.lowerHex))
            let (akid, secretKey, session) = (
                plant("ASIA" + random(16, from: Self.upper)), plant(random(40, from: Self.b64)), plant("IQoJb3JpZ2luX2Vj" + random(300, from: Self.b64))
            )
            add(
                "POST", "/sts/",
                headers: [
                    "Authorization":
                        "AWS4-HMAC-SHA256 Credential=AKIA\(random(16, from: Self.upper))/20261201/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(sigV4)",
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s&Version=2011-06-15", type: "text/xml",
                answer:
                    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials><AccessKeyId>\(akid)</AccessKeyId><SecretAccessKey>\(secretKey)</SecretAccessKey><SessionToken>\(session)</SessionToken><Expiration>2026-12-01T12:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>"
            )
            // AWS IAM CreateAccessKey.
            let (longKey, longSecret) = (plant("AKIA" + random(16, from: Self.upper)), plant(random(40, from: Self.b64)))
            add(
                "POST", "/iam/?Action=CreateAccessKey&UserName=bob&Version=2010-05-08", type: "text/xml",
                answer:
                    "<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey><UserName>bob</UserName><AccessKeyId>\(longKey)</AccessKeyId><Status>Active</Status><SecretAccessKey>\(longSecret)</SecretAccessKey></AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>"
            )
            // GCP service account key creation: the key file is base64 JSON inside the answer.
            let pem = plant("-----BEGIN PRIVATE KEY-----\n" + random(64, from: Self.b64) + "\n-----END PRIVATE KEY-----\n")
            let keyID = plant(random(40, from: Self.lowerHex))
            let keyFile =
                "{\"type\": \"service_account\", \"project_id\": \"demo\", \"private_key_id\": \"\(keyID)\", \"private_key\": \(JSONWriter().string(from: .string(pem))), \"client_email\": \"sa@demo.iam.gserviceaccount.com\"}"
            add(
                "POST", "/v1/projects/demo/serviceAccounts/sa@demo.iam.gserviceaccount.com/keys",
                body: "{\"privateKeyType\": \"TYPE_GOOGLE_CREDENTIALS_FILE\"}",
                answer:
                    "{\"name\": \"projects/demo/serviceAccounts/sa/keys/k1\", \"privateKeyType\": \"TYPE_GOOGLE_CREDENTIALS_FILE\", \"privateKeyData\": \"\(Data(keyFile.utf8).base64EncodedString())\", \"keyAlgorithm\": \"KEY_ALG_RSA_2048\"}"
            )
            let (ya29, gRefresh) = (plant("ya29.a0" + random(120)), plant("1//0" + random(60)))
            add(
                "POST", "/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body:
                    "grant_type=refresh_token&refresh_token=\(gRefresh)&client_id=1.apps.googleusercontent.com&client_secret=\(plant("GOCSPX-" + random(28)))",
                answer:
                    "{\"access_token\": \"\(ya29)\", \"expires_in\": 3599, \"scope\": \"https://www.googleapis.com/auth/cloud-platform\", \"token_type\": \"Bearer\"}"
            )
            // Azure storage listKeys and an Entra ID token.
            let (key1, key2) = (plant(random(86, from: Self.b64) + "=="), plant(random(86, from: Self.b64) + "=="))
            add(
                "POST", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct/listKeys?api-version=2023-01-01",
                answer:
                    "{\"keys\": [{\"creationTime\": \"2026-01-01T00:00:00Z\", \"keyName\": \"key1\", \"value\": \"\(key1)\", \"permissions\": \"FULL\"}, {\"keyName\": \"key2\", \"value\": \"\(key2)\", \"permissions\": \"FULL\"}]}"
            )
            add(
                "POST", "/tenant1/oauth2/v2.0/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body:
                    "client_id=c1&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&client_secret=\(plant("abc8Q~" + random(34)))&grant_type=client_credentials",
                answer: "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"access_token\": \"\(jwt())\"}")
            // Huawei Cloud IAM: a password login and temporary AK/SK.
            let hwPassword = plant("Hw" + random(10) + "!")
            add(
                "POST", "/v3/auth/tokens",
                body:
                    "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"u\", \"password\": \"\(hwPassword)\", \"domain\": {\"name\": \"d\"}}}}, \"scope\": {\"project\": {\"name\": \"cn-north-4\"}}}}",
                answer: "{\"token\": {\"expires_at\": \"2026-12-02T10:00:00.000000Z\", \"methods\": [\"password\"]}}",
                answerHeaders: ["X-Subject-Token": plant("MIIZ" + random(200, from: Self.b64))])
            let (hwAccess, hwSecret, hwToken) = (
                plant(random(20, from: Self.upper)), plant(random(40)), plant("gQpjbi1ub3J0aC00" + random(200, from: Self.b64))
            )
            add(
                "POST", "/v3.0/OS-CREDENTIAL/securitytokens", headers: ["X-Auth-Token": plant("MIIa" + random(120, from: Self.b64))],
                body: "{\"auth\": {\"identity\": {\"methods\": [\"token\"]}}}",
                answer:
                    "{\"credential\": {\"access\": \"\(hwAccess)\", \"secret\": \"\(hwSecret)\", \"securitytoken\": \"\(hwToken)\", \"expires_at\": \"2026-12-02T10:00:00Z\"}}"
            )
            // Alibaba Cloud STS AssumeRole (RPC style, signed query).
            let (stsID, stsSecret, stsToken) = (plant("STS.NT" + random(24)), plant(random(44)), plant("CAIS" + random(300, from: Self.b64)))
            add(
                "GET",
                "/?Action=AssumeRole&Format=JSON&AccessKeyId=\(plant("LTAI5t" + random(18)))&SignatureMethod=HMAC-SHA1&SignatureNonce=\(plant(random(32, from: Self.lowerHex)))&Signature=\(plant(random(27)).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)%3D",
                answer:
                    "{\"RequestId\": \"6894B13B-6D71-4EF5-88FA-F32781734A7F\", \"Credentials\": {\"SecurityToken\": \"\(stsToken)\", \"AccessKeyId\": \"\(stsID)\", \"AccessKeySecret\": \"\(stsSecret)\", \"Expiration\": \"2026-12-02T10:00:00Z\"}}"
            )
            // Yandex Cloud: IAM token exchange, an API key and a static access key.
            let (iam, apiKey, staticSecret) = (plant("t1.9euelZ" + random(120)), plant("AQVN" + random(36)), plant("YC" + random(38)))
            add(
                "POST", "/iam/v1/tokens", body: "{\"yandexPassportOauthToken\": \"\(plant("y0_AgAAAA" + random(50)))\"}",
                answer: "{\"iamToken\": \"\(iam)\", \"expiresAt\": \"2026-12-02T10:00:00Z\"}")
            add(
                "POST", "/iam/v1/apiKeys", headers: ["Authorization": "Bearer \(iam)"], body: "{\"serviceAccountId\": \"aje1\"}",
                answer: "{\"apiKey\": {\"id\": \"aje2\", \"serviceAccountId\": \"aje1\", \"createdAt\": \"2026-12-01T00:00:00Z\"}, \"secret\": \"\(apiKey)\"}")
            add(
                "POST", "/iam/aws-compatibility/v1/accessKeys", headers: ["Authorization": "Api-Key \(apiKey)"], body: "{\"serviceAccountId\": \"aje1\"}",
                answer:
                    "{\"accessKey\": {\"id\": \"aje3\", \"serviceAccountId\": \"aje1\", \"keyId\": \"\(plant("YCAJ" + random(21)))\"}, \"secret\": \"\(staticSecret)\"}"
            )
            // Open Telekom Cloud: an RDS instance created with its root password, and an agency token.
            let rdsPassword = plant("Otc-" + random(12))
            add(
                "POST", "/v3/p1/instances", headers: ["X-Auth-Token": plant("MIIb" + random(150, from: Self.b64))],
                body:
                    "{\"name\": \"db1\", \"datastore\": {\"type\": \"MySQL\", \"version\": \"8.0\"}, \"flavor_ref\": \"rds.mysql.c2.large\", \"password\": \"\(rdsPassword)\", \"port\": \"3306\"}",
                answer: "{\"instance\": {\"id\": \"f1\", \"name\": \"db1\", \"status\": \"BUILD\"}, \"job_id\": \"j1\"}")
            // Kubernetes: a Secret (data in base64, a docker config inside) and a kubeconfig in a ConfigMap.
            let (dockerPassword, tlsKey) = (plant(random(20)), plant(random(48, from: Self.b64)))
            let dockerConfig =
                "{\"auths\": {\"registry.example\": {\"username\": \"ci\", \"password\": \"\(dockerPassword)\", \"auth\": \"\(Data("ci:\(dockerPassword)".utf8).base64EncodedString())\"}}}"
            add(
                "GET", "/api/v1/namespaces/default/secrets/regcred",
                answer:
                    "{\"kind\": \"Secret\", \"apiVersion\": \"v1\", \"metadata\": {\"name\": \"regcred\"}, \"type\": \"kubernetes.io/dockerconfigjson\", \"data\": {\".dockerconfigjson\": \"\(Data(dockerConfig.utf8).base64EncodedString())\", \"tls.key\": \"\(Data(tlsKey.utf8).base64EncodedString())\"}}"
            )
            let saToken = jwt()
            let clientKey = plant("-----BEGIN RSA PRIVATE KEY-----\n" + random(64, from: Self.b64) + "\n-----END RSA PRIVATE KEY-----\n")
            let kubeconfig =
                "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: \(saToken)\n    client-key-data: \(Data(clientKey.utf8).base64EncodedString())\n"
            add(
                "GET", "/api/v1/namespaces/ci/configmaps/access",
                answer: "{\"kind\": \"ConfigMap\", \"data\": {\"config\": \(JSONWriter().string(from: .string(kubeconfig)))}}")
            // Docker registry token endpoint (Basic auth in, bearer tokens out) and the Engine's auth.
            let registryPassword = plant(random(18))
            add(
                "GET", "/token?service=registry.docker.io&scope=repository%3Alibrary%2Fubuntu%3Apull",
                headers: ["Authorization": "Basic \(Data("ci:\(registryPassword)".utf8).base64EncodedString())"],
                answer: "{\"token\": \"\(jwt())\", \"access_token\": \"\(jwt())\", \"expires_in\": 300, \"issued_at\": \"2026-12-01T00:00:00Z\"}")
            add(
                "POST", "/v1.43/auth", body: "{\"username\": \"ci\", \"password\": \"\(plant(random(22)))\", \"serveraddress\": \"registry.example\"}",
                answer: "{\"Status\": \"Login Succeeded\", \"IdentityToken\": \"\(plant(random(36)))\"}")
            // GitHub: an installation token and a repository webhook with its secret.
            add(
                "POST", "/app/installations/42/access_tokens", headers: ["Authorization": "Bearer \(jwt())", "Accept": "application/vnd.github+json"],
                answer: "{\"token\": \"\(plant("ghs_" + random(36)))\", \"expires_at\": \"2026-12-01T01:00:00Z\", \"permissions\": {\"contents\": \"read\"}}")
            add(
                "POST", "/repos/o/r/hooks", headers: ["Authorization": "token \(plant("ghp_" + random(36)))"],
                body:
                    "{\"name\": \"web\", \"config\": {\"url\": \"https://ci.example/hook\", \"content_type\": \"json\", \"secret\": \"\(plant(random(24)))\"}}",
                answer: "{\"id\": 1, \"config\": {\"url\": \"https://ci.example/hook\", \"content_type\": \"json\", \"secret\": \"********\"}}")
            // GitLab: a personal access token created, a runner registered.
            add(
                "POST", "/api/v4/users/7/personal_access_tokens", headers: ["PRIVATE-TOKEN": plant("glpat-" + random(20))],
                body: "{\"name\": \"ci\", \"scopes\": [\"api\"]}",
                answer:
                    "{\"id\": 3, \"name\": \"ci\", \"revoked\": false, \"scopes\": [\"api\"], \"token\": \"\(plant("glpat-" + random(20)))\", \"active\": true}"
            )
            add(
                "POST", "/api/v4/user/runners", headers: ["PRIVATE-TOKEN": plant("glpat-" + random(20))], body: "{\"runner_type\": \"instance_type\"}",
                answer: "{\"id\": 9, \"token\": \"\(plant("glrt-" + random(20)))\", \"token_expires_at\": null}")
            // Stripe: a webhook endpoint (form body, bearer key) and a customer made with Basic auth.
            add(
                "POST", "/v1/webhook_endpoints",
                headers: ["Authorization": "Bearer \(plant("sk_test_" + random(24)))", "Content-Type": "application/x-www-form-urlencoded"],
                body: "url=https%3A%2F%2Fshop.example%2Fhook&enabled_events[]=charge.succeeded",
                answer:
                    "{\"id\": \"we_1\", \"object\": \"webhook_endpoint\", \"secret\": \"\(plant("whsec_" + random(32)))\", \"url\": \"https://shop.example/hook\"}"
            )
            add(
                "POST", "/v1/customers",
                headers: [
                    "Authorization": "Basic \(Data("\(plant("rk_live_" + random(24))):".utf8).base64EncodedString())",
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: "email=a%40b.example&name=A", answer: "{\"id\": \"cus_1\", \"object\": \"customer\"}")
            // Slack: the OAuth v2 exchange.
            let hook = plant(random(24))
            add(
                "POST", "/api/oauth.v2.access", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body:
                    "code=\(plant(random(10, from: Array("0123456789")) + "." + random(30)))&client_id=1.2&client_secret=\(plant(random(32, from: Self.lowerHex)))",
                answer:
                    "{\"ok\": true, \"access_token\": \"\(plant("xoxb-" + random(40)))\", \"token_type\": \"bot\", \"authed_user\": {\"id\": \"U1\", \"access_token\": \"\(plant("xoxp-" + random(40)))\"}, \"incoming_webhook\": {\"channel\": \"#ci\", \"url\": \"https://hooks.slack.com/services/T\(random(8, from: Self.upper))/B\(random(8, from: Self.upper))/\(hook)\"}}"
            )
            // OAuth 2.0 / OIDC: the authorization code redirect and the token exchange with PKCE.
            let code = plant(random(32))
            add(
                "GET", "/authorize?response_type=code&client_id=app&state=s1&code_challenge=\(random(43))&code_challenge_method=S256",
                type: "text/html", answer: "<html>redirecting</html>", answerHeaders: ["Location": "https://app.example/cb?code=\(code)&state=s1"])
            add(
                "POST", "/oauth/token",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Authorization": "Basic \(Data("app:\(plant(random(30)))".utf8).base64EncodedString())",
                ],
                body: "grant_type=authorization_code&code=\(code)&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=\(plant(random(50)))",
                answer:
                    "{\"access_token\": \"\(plant(random(40)))\", \"token_type\": \"Bearer\", \"expires_in\": 3600, \"refresh_token\": \"\(plant(random(40)))\", \"id_token\": \"\(jwt())\", \"scope\": \"openid\"}"
            )
            // A browser sign-in form: CSRF token in the page, the password posted, a session cookie set.
            let csrf = plant(random(43))
            add(
                "GET", "/users/sign_in", type: "text/html",
                answer:
                    "<html><head><meta name=\"csrf-token\" content=\"\(csrf)\"></head><body><form action=\"/users/sign_in\" method=\"post\"><input type=\"hidden\" name=\"authenticity_token\" value=\"\(csrf)\"><input name=\"user[login]\"><input type=\"password\" name=\"user[password]\"></form></body></html>",
                answerHeaders: ["Set-Cookie": "_app_session=\(plant(random(60))); path=/; HttpOnly; SameSite=Lax"])
            add(
                "POST", "/users/sign_in", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "_app_session=\(plant(random(60)))"],
                body:
                    "authenticity_token=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&user%5Blogin%5D=ann&user%5Bpassword%5D=\(plant("Summer" + random(3, from: Array("0123456789")) + "!").addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&user%5Bremember_me%5D=1",
                type: "text/html", answer: "<html>ok</html>",
                answerHeaders: ["Set-Cookie": "remember_user_token=\(plant(random(80))); path=/; secure; HttpOnly"])
            addUnlistedShapes()
        }
    }

    /// Credentials in shapes no name list holds: a GraphQL variable read by the
    /// argument it fills, a JSON-RPC sign-in, a secret path segment, a typed
    /// wrapper, prose and command lines in logs, `.pgpass`, short words (`pass`,
    /// `pin`) and access codes.
    private mutating func addUnlistedShapes() {
        let digits = Array("0123456789")
        // GraphQL (GitHub's and Shopify's APIs are GraphQL): the variable's name says nothing.
        add(
            "POST", "/graphql",
            body:
                "{\"query\": \"mutation SignIn($u: String!, $p: String!) { signIn(input: {login: $u, password: $p}) { token } }\", \"variables\": {\"u\": \"ann\", \"p\": \"\(plant("pw " + random(10)))\"}}",
            answer: "{\"data\": {\"signIn\": {\"token\": \"\(plant(random(40)))\"}}}")
        // Zabbix's JSON-RPC API: user.login with positional parameters, the session as the result.
        add(
            "POST", "/api_jsonrpc.php",
            body: "{\"jsonrpc\": \"2.0\", \"method\": \"user.login\", \"params\": [\"Admin\", \"\(plant(random(12)))\"], \"id\": 1}",
            answer: "{\"jsonrpc\": \"2.0\", \"result\": \"\(plant(random(32, from: Self.lowerHex)))\", \"id\": 1}")
        // A session token as a path segment.
        add("GET", "/v1/sessions/\(plant("sess_" + random(24)))/status", answer: "{\"status\": \"active\"}")
        // DynamoDB's typed attribute values.
        add(
            "POST", "/dynamodb", headers: ["Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem"],
            body: "{\"TableName\": \"apps\", \"Key\": {\"id\": {\"S\": \"a1\"}}}", type: "application/x-amz-json-1.0",
            answer:
                "{\"Item\": {\"id\": {\"S\": \"a1\"}, \"ClientSecret\": {\"S\": \"\(plant(random(20)))\"}, \"Pin\": {\"S\": \"\(plant(random(4, from: digits)))\"}}}"
        )
        // A CI log: prose, a command line, an exported variable.
        add(
            "GET", "/jobs/7/trace", type: "text/plain",
            answer:
                "$ curl -u deploy:\(plant(random(14))) https://registry.example/v2/\nLogin failed for user 'sa' with password '\(plant(random(9)))'\n$ mysql --password \(plant(random(11))) app\n"
        )
        // A .pgpass file and mail settings with a short name.
        add("GET", "/files/pgpass", type: "text/plain", answer: "db.internal:5432:app:app:\(plant(random(16)))\n")
        add(
            "GET", "/settings/mail",
            answer:
                "{\"smtp\": {\"host\": \"smtp.example\", \"user\": \"ci\", \"pass\": \"\(plant(random(8)))\"}, \"recovery_codes\": [\"\(plant(random(4) + "-" + random(4)))\", \"\(plant(random(4) + "-" + random(4)))\"]}"
        )
    }

    /// Vendors the corpus models.
    static let vendors = [
        "AWS", "GCP", "Azure", "Huawei", "Alibaba", "Yandex", "OTC", "Kubernetes", "Docker", "GitHub", "GitLab", "Stripe", "Slack", "OAuth/OIDC",
        "browser sign-in", "Google OAuth", "GraphQL", "Zabbix (JSON-RPC)", "DynamoDB", "GitLab CI logs", "PostgreSQL",
    ]
}
