import Foundation
import Testing

@testable import Tapedeck

/// Secrets known by their context or by a format's convention rather than by a
/// credential's name: one-time codes, tables and source code, configuration
/// blocks and marked values, hex and HTML documents, generated values in
/// assignments, signature and challenge headers, security answers and CLI
/// tokens; and the public values beside them that stay. Each class is planted
/// with generated members.
struct RedactionContextTests {
    typealias Seeded = RedactionClassTests.Seeded

    /// Redacts a request to `path` carrying `body` of `type`, and gives its URL and body back.
    static func redactedRequest(_ body: String, type: String, path: String, method: String = "POST") -> (url: String, body: String) {
        let interaction = Interaction(
            request: RecordedRequest(
                method: method, url: "http://127.0.0.1:1" + path, headers: ["Content-Type": type], body: RecordedBody(content: .text(body))),
            response: RecordedResponse(status: 204), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let request = Redactor.standard.redact([interaction])[0].request
        switch request.body.content {
        case .text(let text): return (request.url, text)
        case .json(let value): return (request.url, JSONWriter().string(from: value))
        default: return (request.url, String(decoding: request.body.data, as: UTF8.self))
        }
    }

    /// Redacts a response to a GET of `path` with `headers`, and gives its headers back.
    static func redactedResponseHeaders(_ headers: HeaderFields) -> HeaderFields {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/api/web"), response: RecordedResponse(status: 200, headers: headers),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        return Redactor.standard.redact([interaction])[0].response.headers
    }

    static func digits(_ random: inout Seeded, _ count: Int) -> String {
        String((0..<count).map { index in Character(String(index == 0 ? 1 + random.next(9) : random.next(10))) })
    }

    static func hex(_ random: inout Seeded, _ count: Int) -> String {
        let alphabet = Array("0123456789abcdef")
        return String((0..<count).map { _ in alphabet[random.next(16)] })
    }

    // MARK: One-time codes

    /// A name that says code in any language names a secret, and a number under it is one too.
    @Test func aCodeNamedAsOneInAnyLanguageIsASecret() {
        var random = Seeded(state: 101)
        let names: [[String]] = [
            ["pass", "code"], ["verification", "code"], ["otp"], ["doğrulama", "kodu"], ["onay", "kodu"], ["codigo", "de", "verificacion"],
            ["código", "de", "confirmação"], ["codice", "di", "verifica"], ["Bestätigungscode"], ["Sicherheitscode"], ["verificatiecode"],
            ["kod", "weryfikacyjny"], ["код", "подтверждения"], ["sms", "code"], ["验证码"], ["인증번호"], ["mfa", "code"], ["totp"],
        ]
        for index in 0..<90 {
            let name = RedactionClassTests.name(random.pick(names), style: index % 6)
            let code = Self.digits(&random, 4 + random.next(5))
            #expect(CredentialName.namesCredential(name), "\(name) → \(CredentialName.words(name))")
            for body in [#"{"\#(name)": "\#(code)"}"#, #"{"\#(name)": \#(code)}"#] {
                #expect(!RedactionClassTests.redactedBody(body, type: "application/json").contains(code), "\(body)")
            }
        }
        for name in ["status_code", "country_code", "code_verifier", "error_code", "zipCode", "tokens", "session_count"] {
            #expect(RedactionClassTests.redactedBody(#"{"\#(name)": 4096}"#, type: "application/json").contains("4096"), "\(name)")
        }
    }

    /// A code under a generic name (`code`, `passCode`, `value`) is a secret in a request whose path verifies one, and only there.
    @Test func aCodeInARequestThatVerifiesOneIsASecret() {
        var random = Seeded(state: 103)
        let paths = [
            "/api/mfa/totp/verify", "/api/v1/authn/factors/ost1a2b3c4/verify", "/2fa/challenge", "/v2/Services/VA0123/VerificationCheck",
            "/account/two-factor", "/api/giris/dogrula", "/users/otp", "/login/confirm",
        ]
        for index in 0..<60 {
            let path = random.pick(paths)
            let name = random.pick(["code", "passCode", "value", "otp", "token", "answer", "Code", "verification_code"])
            let code = Self.digits(&random, 4 + random.next(5))
            let spaced = index % 5 == 0 ? String(code.prefix(3)) + " " + code.dropFirst(3) : code
            let bodies = [
                (#"{"\#(name)": "\#(spaced)", "remember_device": true}"#, "application/json"),
                (#"{"stateToken": "x", "\#(name)": \#(code)}"#, "application/json"), ("To=%2B15017122661&\(name)=\(code)", "application/x-www-form-urlencoded"),
            ]
            for (body, type) in bodies {
                let redacted = Self.redactedRequest(body, type: type, path: path)
                #expect(!redacted.body.contains(code) && !redacted.body.contains(spaced), "\(path): \(redacted.body)")
                // (Beside whom it was sent to, `To=…`, a code is a secret anywhere.)
                if !CredentialName.namesCredential(name), !body.hasPrefix("To=") {
                    #expect(Self.redactedRequest(body, type: type, path: "/api/orders").body.contains(body.contains(code) ? code : spaced), "not in \(body)")
                }
            }
            #expect(!Self.redactedRequest("", type: "text/plain", path: path + "?\(name)=\(code)", method: "GET").url.contains(code), "\(path)")
        }
        let kept = #"{"attempts": 1234, "code": "ABC-DEF", "phone": "+905551112233"}"#
        #expect(Self.redactedRequest(kept, type: "application/json", path: "/api/mfa/verify").body == kept)
    }

    /// A code in a message's text (an SMS, an e-mail) is replaced, in the languages messages are written in;
    /// numbers that are no code stay.
    @Test func aCodeInAMessageIsReplacedAndOtherNumbersStay() {
        var random = Seeded(state: 107)
        let messages: [(String) -> String] = [
            { "Your Acme verification code is \($0). It expires in 10 minutes." }, { "\($0) is your Acme verification code." },
            { "<#> \($0) is your code for Acme" }, { "G-\($0) is your Google verification code." }, { "Use code \($0) to sign in." },
            { "Your OTP: \($0)" }, { "Ihr Bestätigungscode lautet \($0)." }, { "Tu código de verificación es \($0)" },
            { "Votre code de confirmation : \($0)" }, { "Doğrulama kodunuz: \($0)" }, { "您的验证码是\($0)，5分钟内有效。" },
            { "[Acme] 인증번호 [\($0)]를 입력해주세요" }, { "Your PIN is \($0)" }, { "Enter \($0) as your passcode. It expires soon." },
            { "Hi Alice,\nyour one-time code: \($0)\nThanks" },
        ]
        for message in messages {
            let code = Self.digits(&random, 4 + random.next(5))
            let text = message(code)
            let json = #"{"to": "+15551234567", "body": \#(JSONWriter().string(from: .string(text)))}"#
            #expect(!RedactionClassTests.redactedBody(json, type: "application/json").contains(code), "\(text)")
            let form = "To=%2B1555&Body=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(!Self.redactedRequest(form, type: "application/x-www-form-urlencoded", path: "/Messages.json").body.contains(code), "\(text)")
            #expect(!RedactionClassTests.redactedBody(text, type: "text/plain").contains(code), "\(text)")
        }
        let kept = [
            "Error code 500123 occurred", "Order 12345678 shipped", "Your zip code is 94107", "Call 5551234 today", "Build 20240506 passed",
            "the code fails at app.js:1234:5", "Copyright 2024 Acme", "Total: 1234.56 EUR", "Your order #123456 has shipped",
            "promo code 2024 applies", "Your code was sent to +1 555 123 4567", "See the code at line 1234 for details", "1234 lines of code changed",
            "exit code 1234", "see line 1234 of the code", "code 1.2345 version",
        ]
        for text in kept {
            #expect(RedactionClassTests.redactedBody(#"{"message": "\#(text)"}"#, type: "application/json") == #"{"message": "\#(text)"}"#, "\(text)")
        }
    }

    // MARK: Tables and source code

    /// A CSV or TSV column headed by a credential's name has every row's cell replaced; the other columns stay.
    @Test func aCredentialColumnOfATableIsReplacedInEveryRow() {
        var random = Seeded(state: 109)
        let secretColumns = [["wachtwoord"], ["tijdelijk", "wachtwoord"], ["wachtwoord", "hash"], ["password"], ["api", "token"], ["secret"], ["pin"]]
        for index in 0..<40 {
            let delimiter = random.pick([",", ";", "\t", "|"])
            let column = RedactionClassTests.name(random.pick(secretColumns), style: index % 4)
            let quoted = index % 3 == 0
            let header = ["id", "gebruikersnaam", column, "e-mail"].map { quoted ? "\"\($0)\"" : $0 }.joined(separator: delimiter)
            var secrets: [String] = []
            var users: [String] = []
            let rows = (0..<(1 + random.next(4))).map { row -> String in
                let secret = random.secret(10 + random.next(10)) + (row % 2 == 0 ? "&;x" : "")
                let user = "user\(random.next(1000))"
                secrets.append(secret)
                users.append(user)
                let cell = quoted || secret.contains(delimiter) ? "\"\(secret)\"" : secret
                return ["\(row)", user, cell, "\(user)@example.com"].joined(separator: delimiter)
            }
            let table = ([header] + rows).joined(separator: index % 2 == 0 ? "\n" : "\r\n") + "\n"
            let redacted = RedactionClassTests.redactedBody(table, type: random.pick(["text/csv", "text/tab-separated-values", "text/plain"]))
            for secret in secrets { #expect(!redacted.contains(secret), "\(table) → \(redacted)") }
            for user in users { #expect(redacted.contains(user + "@example.com"), "\(redacted)") }
        }
        let kept = "id,name,created,status\n1,alpha,2024-01-01,active\n2,beta,2024-02-01,(none)\n"
        #expect(RedactionClassTests.redactedBody(kept, type: "text/csv") == kept)
    }

    /// Values in source code: a call's name and value arguments, a fallback after an
    /// environment lookup, assignments, escaped literals and base64 codec literals.
    @Test func secretsInSourceCodeAreReplaced() {
        var random = Seeded(state: 113)
        let sources: [(String) -> String] = [
            { "<?php\ndefine(\"PAYTM_MERCHANT_KEY\", \"\($0)\");\ndefine(\"APP_ENV\", \"production\");\n" },
            { "const API_KEY = \"\($0)\";\nexport default API_KEY;\n" }, { "const key = process.env.STRIPE_SECRET || \"\($0)\";\n" },
            { "const t = process.env[\"DB_PASSWORD\"] ?? '\($0)';\n" }, { "DB_SECRET = \"\($0)\"\nDEBUG = True\n" },
            { "password = os.getenv(\"DB_PASSWORD\", \"\($0)\")\n" }, { "$pw = getenv('MAIL_PASSWORD') ?: '\($0)';\n" },
            { "headers.set('X-Api-Key', '\($0)');\n" }, { "token = os.environ.get(\"SLACK_TOKEN\") or \"\($0)\"\n" },
            { "const c = atob(\"\(Data("svc-reports:\($0)".utf8).base64EncodedString())\");\n" },
            { "auth = \"Basic \" + btoa(\"deploy:\($0)\");\n" },
            { "cfg = base64.b64decode(\"\(Data("DB_PASSWORD=\($0)\nDB_USER=app\n".utf8).base64EncodedString())\")\n" },
            { "const e=\"\("sk-proj-\($0)\($0)\($0)".utf8.map { String(format: "\\x%02x", $0) }.joined())\";\n" },
            { "var s = '\("ghp_\($0)\($0)".utf8.map { String(format: "\\u%04x", $0) }.joined())';\n" },
        ]
        for (index, source) in sources.enumerated() {
            let secret = random.secret(16 + random.next(8))
            let text = source(secret)
            let redacted = RedactionClassTests.redactedBody(text, type: random.pick(["application/javascript", "text/x-php", "text/plain"]))
            #expect(!redacted.contains(secret) && !redacted.contains(Data(secret.utf8).base64EncodedString().dropLast(4)), "\(index): \(redacted)")
        }
        let kept = [
            "define(\"APP_ENV\", \"production\");\n", "const url = atob(\"aHR0cHM6Ly9leGFtcGxlLmNvbS9hcGk=\");\n",
            "const name = process.env.USER_NAME || \"guest\";\n", "log(\"\\x48\\x65\\x6c\\x6c\\x6f\");\n",
        ]
        for text in kept { #expect(RedactionClassTests.redactedBody(text, type: "application/javascript") == text, "\(text)") }
    }

    // MARK: Configuration and marked values

    /// Every value in a configuration block named for secrets is one, whatever its own name.
    @Test func valuesInABlockOfSecretsAreSecrets() {
        var random = Seeded(state: 127)
        let documents: [(String, String) -> String] = [
            { "acl {\n  enabled = true\n  tokens {\n    initial_management = \"\($0)\"\n    agent = \"\($1)\"\n  }\n}\nlog_level = \"INFO\"\n" },
            { "server:\n  port: 8080\n  secrets:\n    stripe: \($0)\n    github: '\($1)'\n  name: web\n" },
            { "[default]\nregion = eu\n[credentials]\nprimary = \($0)\nbackup=\($1)\n[ui]\ntheme = dark\n" },
            { "[acl.tokens]\ndefault = \"\($0)\"\nreplication = \"\($1)\"\n" },
        ]
        for document in documents {
            let (first, second) = (UUID().uuidString.lowercased(), random.secret(12))
            let text = document(first, second)
            let redacted = RedactionClassTests.redactedBody(text, type: "text/plain")
            #expect(!redacted.contains(first) && !redacted.contains(second), "\(redacted)")
            for kept in ["INFO", "8080", "web", "eu", "dark", "true"] where text.contains(kept) { #expect(redacted.contains(kept), "\(kept): \(redacted)") }
            let json = #"{"acl": {"tokens": {"initial_management": "\#(first)", "agent": "\#(second)", "created_at": "2024-01-01"}}}"#
            let redactedJSON = RedactionClassTests.redactedBody(json, type: "application/json")
            #expect(!redactedJSON.contains(first) && !redactedJSON.contains(second) && redactedJSON.contains("2024-01-01"), "\(redactedJSON)")
        }
        let workflow = "jobs:\n  publish:\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n      deploy: ${DEPLOY_KEY}\n"
        #expect(RedactionClassTests.redactedBody(workflow, type: "text/yaml") == workflow, "references to secrets")
        let listing = #"{"total_count": 1, "secrets": [{"name": "GH_TOKEN", "created_at": "2024-01-01T00:00:00Z", "visibility": "all"}]}"#
        #expect(RedactionClassTests.redactedBody(listing, type: "application/json") == listing)
    }

    /// Values their document marks secret: Terraform state's generated and sensitive attributes, outputs and variables flagged so.
    @Test func valuesMarkedSecretByTheirDocumentAreReplaced() {
        var random = Seeded(state: 131)
        let documents: [(String) -> String] = [
            {
                #"{"resources": [{"mode": "managed", "type": "random_password", "name": "db", "instances": [{"attributes": {"id": "none", "length": 24, "result": "\#($0)"}, "sensitive_attributes": []}]}]}"#
            },
            { #"{"resources": [{"type": "random_string", "name": "s", "instances": [{"attributes": {"id": "x1", "result": "\#($0)", "length": 16}}]}]}"# },
            {
                #"{"instances": [{"attributes": {"identifier": "shop", "bootstrap_value": "\#($0)", "port": 5432}, "sensitive_attributes": [[{"type": "get_attr", "value": "bootstrap_value"}]]}]}"#
            },
            { #"{"values": {"name": "db", "admin_login": "\#($0)"}, "sensitive_values": {"admin_login": true}}"# },
            { #"{"outputs": {"db_dsn": {"value": "\#($0)", "type": "string", "sensitive": true}}}"# },
            { #"[{"variable_type": "env_var", "key": "DEPLOY_TARGET", "value": "\#($0)", "protected": false, "masked": true}]"# },
            { #"{"variables": {"registry": {"value": "\#($0)", "isSecret": true}}}"# },
            { #"{"account": "NL91ABNA0417164300", "security_question": "First teacher?", "answer": "\#($0)"}"# },
        ]
        for (index, document) in documents.enumerated() {
            let secret = random.secret(8 + random.next(16))
            let redacted = RedactionClassTests.redactedBody(document(secret), type: "application/json")
            #expect(!redacted.contains(secret), "\(index): \(redacted)")
        }
        let kept =
            #"{"outputs": {"url": {"value": "https://example.com", "type": "string", "sensitive": false}}, "faq": [{"question": "Why?", "answer": "Because."}]}"#
        #expect(RedactionClassTests.redactedBody(kept, type: "application/json") == kept)
    }

    // MARK: Hex and HTML documents

    /// Text in hex inside a string is read as base64 is; a digest in hex is no text and stays.
    @Test func aDocumentInHexIsRedactedInsideAndWrittenBackInHex() {
        var random = Seeded(state: 137)
        for index in 0..<20 {
            let secret = random.secret(10 + random.next(10))
            let inner = index % 2 == 0 ? "DB_PASSWORD=\(secret)\nDB_USER=app\n" : #"{"password": "\#(secret)"}"#
            var encoded = Data(inner.utf8).map { String(format: "%02x", $0) }.joined()
            if index % 3 == 0 { encoded = encoded.uppercased() }
            let redacted = RedactionClassTests.redactedBody(#"{"name": "snapshot", "payload_hex": "\#(encoded)"}"#, type: "application/json")
            let hexOfSecret = Data(secret.utf8).map { String(format: index % 3 == 0 ? "%02X" : "%02x", $0) }.joined()
            #expect(!redacted.contains(encoded) && !redacted.contains(hexOfSecret) && redacted.contains("payload_hex"), "\(redacted)")
        }
        let digest = #"{"sha256": "d1ca051f7f670045d94c532173bc9b99d41fd7b32e8557d7c1a5a0a8921a10fd", "hex": "48656c6c6f2c20776f726c6421"}"#
        #expect(RedactionClassTests.redactedBody(digest, type: "application/json") == digest)
    }

    /// HTML that labels an element's text (`Temporary password: <code>…</code>`) names it, entities and all.
    @Test func aLabelledValueInHTMLIsRedacted() {
        var random = Seeded(state: 139)
        for label in ["Temporary password", "Your new password", "API key", "Kennwort", "Recovery code"] {
            let secret = random.secret(8) + "&<Now>" + random.secret(4)
            let escaped = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
            let html = "<html><body><p>\(label): <code>\(escaped)</code></p><p>Status: <b>active</b></p></body></html>"
            let redacted = RedactionClassTests.redactedBody(html, type: "text/html")
            #expect(!redacted.contains(escaped) && !redacted.contains(String(secret.prefix(8))) && redacted.contains("<b>active</b>"), "\(redacted)")
        }
    }

    // MARK: Generated values in assignments

    /// A generated value (hex of 128 bits or more, alone or tagged; a random token) under any name in
    /// `.env`/INI text is a secret, unless the name says id, hash, digest or sha.
    @Test func aGeneratedValueInAnAssignmentIsASecretWhateverItsName() {
        var random = Seeded(state: 149)
        let names = ["MAILCHIMP", "SLACK_SIGNING", "ACME", "PUSHER_APP", "mailgun", "Sentry.Relay", "SHOPIFY_SHARED"]
        for index in 0..<40 {
            let hex = Self.hex(&random, 32 + 8 * random.next(5))
            let value = [hex, hex + "-us\(10 + random.next(20))", "key-" + hex, random.secret(32)][index % 4]
            let text = "APP_ENV=production\n\(random.pick(names))\(index % 2 == 0 ? "=" : " = ")\(value)\nLOG_LEVEL=info\n"
            let redacted = RedactionClassTests.redactedBody(text, type: "text/plain")
            #expect(!redacted.contains(value) && redacted.contains("production") && redacted.contains("info"), "\(redacted)")
            let kept = "BUILD_SHA=\(hex)\nREQUEST_ID=\(hex)\nCOMMIT_HASH=\(hex)\nCONTENT_DIGEST=\(hex)\nSHORT=\(hex.prefix(16))\n"
            #expect(RedactionClassTests.redactedBody(kept, type: "text/plain") == kept)
        }
    }

    // MARK: Headers

    /// A keyed digest named with its algorithm, a challenge's token and a header its siblings make a credential are replaced.
    @Test func signatureChallengeAndSiblingHeadersAreRedacted() {
        var random = Seeded(state: 151)
        for index in 0..<20 {
            let vendor = random.pick(["Shopify", "Acme", "Wc-Webhook", "Square", "Hub"])
            let name = ["X-\(vendor)-Hmac-Sha256", "X-\(vendor)-Signature-256", "X-\(vendor)-Hmac-SHA1", "\(vendor)-Signature-Sha512"][index % 4]
            let signature = Data(random.secret(32).utf8).base64EncodedString()
            let request = RedactionClassTests.redactedRequest(
                url: "http://127.0.0.1:1/hooks/orders", headers: [name: signature, "X-\(vendor)-Topic": "orders/create"])
            #expect(request.headers[name]?.contains("REDACTED") == true && request.headers["X-\(vendor)-Topic"] == "orders/create", "\(name)")
            let token = Data((0..<(60 + random.next(90))).map { _ in UInt8(random.next(256)) }).base64EncodedString()
            let scheme = random.pick(["Negotiate", "NTLM"])
            let headers = Self.redactedResponseHeaders([
                "WWW-Authenticate": "\(scheme) \(token)", "Proxy-Authenticate": "Bearer realm=\"api\", error=\"invalid_token\"",
                "access-token": random.secret(22), "client": random.secret(22), "uid": "alice@example.com", "expiry": "1716195600",
            ])
            #expect(headers["WWW-Authenticate"]?.hasPrefix(scheme + " REDACTED") == true, "\(headers)")
            #expect(headers["Proxy-Authenticate"] == "Bearer realm=\"api\", error=\"invalid_token\"")
            #expect(headers["client"]?.contains("REDACTED") == true && headers["uid"] == "alice@example.com" && headers["expiry"] == "1716195600")
        }
        let kept = Self.redactedResponseHeaders([
            "WWW-Authenticate": "Basic realm=\"files\", charset=\"UTF-8\"", "client": "web-2", "X-Signature-Timestamp": "1716195600",
        ])
        #expect(kept["WWW-Authenticate"] == "Basic realm=\"files\", charset=\"UTF-8\"" && kept["client"] == "web-2")
        #expect(kept["X-Signature-Timestamp"] == "1716195600")
    }

    // MARK: Security answers

    /// A name that means a security question's answer names a secret, however written; a FAQ's answer stays.
    @Test func anAnswerToASecurityQuestionIsASecret() {
        var random = Seeded(state: 157)
        let names: [[String]] = [
            ["security", "answer"], ["secret", "answer"], ["memorable", "word"], ["mothers", "maiden", "name"], ["maiden", "name"],
            ["recovery", "answer"], ["security", "question", "answer"], ["memorable", "information"], ["challenge", "answer"],
        ]
        for index in 0..<50 {
            let name = RedactionClassTests.name(random.pick(names), style: index % 6)
            let answer = random.pick(["Mrs ", "Rex ", "Paris ", ""]) + random.secret(6)
            #expect(CredentialName.namesCredential(name), "\(name) → \(CredentialName.words(name))")
            #expect(
                !RedactionClassTests.redactedBody(#"{"security_question": "First teacher?", "\#(name)": "\#(answer)"}"#, type: "application/json").contains(
                    answer))
        }
        for name in ["security_question", "answer_count", "security_answer_id", "answered_at", "question_answer", "quiz_answer"] {
            #expect(!CredentialName.namesCredential(name), "\(name)")
        }
    }

    // MARK: CLI tokens

    /// Tokens that CLIs take or print by position, in a CI log.
    @Test func tokensThatCommandLinesTakeByPositionAreRedacted() {
        var random = Seeded(state: 163)
        let lines: [(String) -> String] = [
            { "+ sudo cloudflared service install \($0)" }, { "$ ngrok config add-authtoken \($0)" }, { "ngrok authtoken \($0)" },
            { "+ vault login \($0)" }, { "doctl auth init --context ci -t \($0)" }, { "echo \($0) | gh auth login --with-token" },
            { "echo -n '\($0)' | docker login ghcr.io -u ci --password-stdin" }, { "+ heroku auth:token\n\($0)" },
            { "$ gcloud auth print-access-token\n[2024-05-06T09:00:04Z] \($0)" }, { "snyk auth \($0)" }, { "codecov -f coverage.xml -t \($0)" },
            { "cloudflared tunnel run --token \($0)" }, { "npm config set //registry.example.com/:_authToken=\($0)" },
        ]
        for (index, line) in lines.enumerated() {
            let token = random.secret(20 + random.next(20))
            let log = "[2024-05-06T09:00:01Z] starting\n" + line(token) + "\n[2024-05-06T09:00:09Z] done\n"
            #expect(!RedactionClassTests.redactedBody(log, type: "text/plain").contains(token), "\(index): \(log)")
        }
        for text in [
            "cloudflared tunnel list\n", "vault login -method=userpass username=alice\n", "echo hello | grep h\n",
            "+ heroku apps:info\nweb-1 running since yesterday\n",
            "echo $GH_TOKEN | gh auth login --with-token\n",
        ] {
            #expect(RedactionClassTests.redactedBody(text, type: "text/plain") == text, "\(text)")
        }
    }

    // MARK: Public values stay

    /// Public keys, key identifiers and event identifiers stay: an SSH key line under `key` in an
    /// answer that lists keys, a JWKS's public members, a Twilio SID, Vault's accessor, PagerDuty's
    /// `dedup_key`, a PuTTY key file's header, comment and public lines.
    @Test func publicKeysAndIdentifiersStay() {
        var random = Seeded(state: 167)
        for type in ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "sk-ssh-ed25519@openssh.com"] {
            let line = "\(type) AAAA\(random.secret(60)) alice@laptop"
            let body = #"[{"id": 2, "key": "\#(line)", "title": "laptop"}]"#
            #expect(RedactionClassTests.redactedBody(body, type: "application/json", path: "/user/keys") == body, "\(type)")
        }
        let modulus = random.secret(342)
        let jwks = #"{"keys": [{"kty": "RSA", "kid": "2024-05-rsa", "use": "sig", "alg": "RS256", "n": "\#(modulus)", "e": "AQAB"}]}"#
        #expect(RedactionClassTests.redactedBody(jwks, type: "application/json", path: "/.well-known/jwks.json") == jwks)
        let privateKey = random.secret(342)
        let withPrivate = RedactionClassTests.redactedBody(
            #"{"keys": [{"kty": "RSA", "n": "\#(modulus)", "e": "AQAB", "d": "\#(privateKey)"}]}"#, type: "application/json")
        #expect(withPrivate.contains(modulus) && !withPrivate.contains(privateKey))
        let sid = "SM" + Self.hex(&random, 32)
        #expect(RedactionClassTests.redactedBody(#"{"sid": "\#(sid)", "status": "queued"}"#, type: "application/json").contains(sid), "a typed hex id")
        let ids =
            #"{"auth": {"client_token": "hvs.\#(random.secret(24))", "accessor": "\#(random.secret(24))", "policies": ["default"], "lease_duration": 3600}, "dedup_key": "\#(Self.hex(&random, 32))"}"#
        let redactedIDs = RedactionClassTests.redactedBody(ids, type: "application/json", path: "/v1/auth/approle/login")
        #expect(
            redactedIDs.contains("accessor\": \"") && !redactedIDs.contains("accessor\": \"REDACTED") && !redactedIDs.contains("dedup_key\": \"REDACTED"),
            "\(redactedIDs)")
        let publicLine = "AAAAC3NzaC1lZDI1NTE5AAAAI" + random.secret(39)
        let privateLine = "AAAAI" + random.secret(43)
        let ppk =
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 1\n\(publicLine)\nPrivate-Lines: 1\n\(privateLine)\nPrivate-MAC: \(Self.hex(&random, 64))\n"
        let redactedKey = RedactionClassTests.redactedBody(ppk, type: "application/octet-stream")
        #expect(
            redactedKey.hasPrefix(
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 1\n\(publicLine)\nPrivate-Lines: 1\nREDACTED"),
            "\(redactedKey)")
        #expect(!redactedKey.contains(privateLine) && redactedKey.contains("\nPrivate-MAC: REDACTED"), "\(redactedKey)")
    }
}
