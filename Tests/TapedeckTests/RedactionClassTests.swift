import Foundation
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The classes of secrets the redactor recognises by design, each tested with
/// members generated from the class, not with a list of known names.
struct RedactionClassTests {
    /// A seeded generator, so every run plants the same members.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
        mutating func secret(_ length: Int = 20) -> String {
            let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
            return String((0..<length).map { _ in alphabet[next(alphabet.count)] })
        }
    }

    static let credentialWords = [
        ["password"], ["passwd"], ["secret"], ["token"], ["api", "key"], ["access", "key"], ["private", "key"], ["client", "secret"],
        ["client", "key"], ["account", "key"], ["passphrase"], ["session", "token"], ["auth", "token"], ["refresh", "token"], ["credentials"],
        ["signing", "key"], ["master", "password"], ["csrf", "token"], ["tls", "key"], ["registry", "auth"], ["pass"], ["pin"],
        ["recovery", "codes"], ["backup", "code"], ["security", "code"], ["mfa", "code"],
    ]
    static let modifiers = [[], ["db"], ["new"], ["master", "user"], ["my", "service"], ["x", "custom"], ["github"], ["old"], ["admin"]]

    /// `words` joined in one of the ways people write names.
    static func name(_ words: [String], style: Int) -> String {
        switch style {
        case 0: words.joined(separator: "_")
        case 1: words.joined(separator: "_").uppercased()
        case 2: words.joined(separator: "-")
        case 3: words.joined(separator: ".")
        case 4: words.enumerated().map { $0 == 0 ? $1 : $1.prefix(1).uppercased() + $1.dropFirst() }.joined()
        case 5: words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        case 6: words.count > 1 ? words[0] + "[" + words.dropFirst().joined(separator: "_") + "]" : "user[" + words[0] + "]"
        default: "__Secure-" + words.joined(separator: "-")
        }
    }

    static let generatedNames: [String] = {
        var random = Seeded(state: 26)
        return (0..<120).map { index in
            name(random.pick(modifiers) + random.pick(credentialWords), style: index % 8)
        }
    }()

    @Test(arguments: generatedNames)
    func aNameWithACredentialWordNamesACredential(name: String) {
        #expect(CredentialName.namesCredential(name), "\(name) → \(CredentialName.words(name))")
        #expect(CredentialCatalogue.standard.isCredential(name: name, value: "short pw", at: .document), "a plain, short value is a secret too")
    }

    /// Names are split byte by byte when they are ASCII: generated names over
    /// letters of both cases, digits and punctuation split as by their characters.
    @Test func asciiNamesSplitByBytesAsByCharacters() {
        var random = Seeded(state: 0x5EED)
        let alphabet = Array("aAbBxXyYzZ09_-.[] $")
        for _ in 0..<5_000 {
            let name = String((0..<(1 + random.next(16))).map { _ in random.pick(alphabet) })
            #expect(CredentialName.asciiWords(name.utf8) == CredentialName.characterWords(name), "\(name)")
        }
        for name in Self.generatedNames + ["XMLHttpRequest", "userID2FA", "__Secure-next-auth.session-token"] {
            #expect(CredentialName.words(name) == CredentialName.characterWords(name))
        }
    }

    @Test(arguments: [
        "nextPageToken", "next_token", "token_type", "tokenType", "expires_in", "secretName", "secret_arn", "passwordLastUsed",
        "password_policy", "max_tokens", "total_tokens", "prompt_tokens", "has_password", "keyId", "key_id", "author", "monkey",
        "tokenizer", "authority", "passenger", "keyboard", "page_size", "session_duration", "token_endpoint", "signatureVersion",
        "pass_rate", "passCount", "bypass", "compass", "pin_to_top", "pinned", "shipping", "status_code", "countryCode", "error_code",
        "zip_code", "recovery_code_count", "backupCodesRemaining", "trespass", "surpass", "has_password", "haspassword", "nopassword",
        "password_scheme", "device_type", "page2",
    ])
    func aNameThatTalksAboutACredentialDoesNot(name: String) {
        #expect(!CredentialName.namesCredential(name), "\(name) → \(CredentialName.words(name))")
    }

    /// Redacts `body` sent as a response to a GET of `path`, with `type`.
    static func redactedBody(_ body: String, type: String, path: String = "/v1/items") -> String {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1" + path),
            response: RecordedResponse(status: 200, headers: ["Content-Type": type], body: RecordedBody(content: .text(body))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let redacted = Redactor.standard.redact([interaction])[0].response.body
        switch redacted.content {
        case .text(let text): return text
        case .json(let value): return JSONWriter().string(from: value)
        default: return String(decoding: redacted.data, as: UTF8.self)
        }
    }

    /// Formats that carry a name and a value, each a template of the name and the value.
    static let formats: [(type: String, template: @Sendable (String, String) -> String)] = [
        ("application/json", { #"{"outer": {"list": [{"\#($0)": "\#($1)"}]}}"# }),
        ("application/json", { #"{"env": [{"name": "\#($0)", "value": "\#($1)"}]}"# }),
        ("application/json", { #"{"Parameters": [{"Key": "\#($0)", "Value": "\#($1)"}]}"# }),
        ("application/json", { #"{"config": "{\"\#($0)\": \"\#($1)\"}"}"# }),
        ("application/json", { n, v in #"{"blob": "\#(Data("{\"\(n)\": \"\(v)\"}".utf8).base64EncodedString())"}"# }),
        ("application/json", { #"{"dotenv": "A=1\n\#($0)=\#($1)\nB=2"}"# }),
        ("application/json", { #"{"yaml": "users:\n- name: u\n  \#($0): \#($1)\n"}"# }),
        ("application/x-ndjson", { #"{"a":1}"# + "\n" + #"{"\#($0)":"\#($1)","n":NaN}"# + "\n" }),
        ("text/event-stream", { "event: msg\ndata: {\"\($0)\": \"\($1)\"}\n\n" }),
        ("application/json", { ")]}'\n{\"\($0)\": \"\($1)\", \"bad\": \"\\ud800\"}" }),
        ("application/xml", { "<config><\($0)>\($1)</\($0)></config>" }),
        ("application/xml", { "<plist><dict><key>\($0)</key><string>\($1)</string></dict></plist>" }),
        ("application/xml", { "<properties><entry key=\"\($0)\">\($1)</entry></properties>" }),
        ("text/html", { "<form><input type=\"hidden\" name=\"\($0)\" value=\"\($1)\"></form>" }),
        ("text/html", { "<head><meta name=\"\($0)\" content=\"\($1)\"></head>" }),
        ("text/plain", { "2026-01-01 INFO starting with \($0) = \($1) and more" }),
        ("text/plain", { "[default]\nregion = eu\n\($0)=\($1)\n" }),
        ("application/yaml", { "spec:\n  \($0): \"\($1)\"\n" }),
        ("application/x-www-form-urlencoded", { "a=1&\($0)=\($1)&b=2" }),
    ]

    @Test(arguments: Array(formats.indices))
    func aValueUnderACredentialNameIsRedactedInEveryFormat(format: Int) {
        var random = Seeded(state: UInt64(100 + format))
        for style in 0..<8 {
            var words = random.pick(Self.credentialWords)
            if style == 6 { words = ["db"] + words }  // brackets need a form-like name
            let name = Self.name(random.pick(Self.modifiers) + words, style: style == 6 ? 0 : style)
            let secret = random.secret(12 + random.next(20))
            let (type, template) = Self.formats[format]
            let redacted = Self.redactedBody(template(name, secret), type: type)
            #expect(!redacted.contains(secret), "\(name) in \(type) #\(format): \(redacted)")
        }
    }

    @Test func documentsInsideStringsAreRedactedAndWrittenBackTheSameWay() {
        let secret = "pl4nted-Secret-Value-9"
        let connection = #"{"conn": "Server=tcp:db.example;Database=app;User ID=u;Password=\#(secret);Encrypt=True"}"#
        let url = #"{"dsn": "postgres://app:\#(secret)@db.example:5432/app"}"#
        let kubeconfig = Data("users:\n- name: u\n  user:\n    token: \(secret)\n".utf8).base64EncodedString()
        for body in [connection, url, #"{"kubeconfig": "\#(kubeconfig)"}"#] {
            let redacted = Self.redactedBody(body, type: "application/json")
            #expect(!redacted.contains(secret), "\(redacted)")
            #expect(!redacted.contains(kubeconfig))
        }
        let decoded = Self.redactedBody(#"{"settings": "\#(kubeconfig)"}"#, type: "application/json")
        let inner = try? JSONParser.parse(decoded)
        let text = inner?["settings"]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        #expect(text?.hasPrefix("users:\n- name: u\n  user:\n    token: REDACTED-") == true, "still base64 of YAML: \(text ?? "nil")")
    }

    @Test func answersThatIssueCredentialsHaveTheirGenericMembersRedacted() {
        let key = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA-primary"
        let azure = #"{"keys": [{"keyName": "key1", "value": "\#(key)", "permissions": "FULL"}]}"#
        #expect(!Self.redactedBody(azure, type: "application/json", path: "/subscriptions/s/storageAccounts/a/listKeys").contains(key))
        let secret = #"{"kind": "Secret", "data": {"username": "YWRtaW4=", "password": "c2VjcmV0"}}"#
        let redacted = Self.redactedBody(secret, type: "application/json", path: "/api/v1/namespaces/default/secrets/db")
        #expect(!redacted.contains("YWRtaW4=") && !redacted.contains("c2VjcmV0"), "\(redacted)")
        let listing = #"{"items": [{"name": "report", "value": "quarterly"}]}"#
        #expect(Self.redactedBody(listing, type: "application/json").contains("quarterly"), "a generic value outside a credential answer stays")
    }

    @Test func aHighEntropyValueUnderAnUnknownNameIsReplacedAndIdsAreNot() {
        let token = "Qm8xR2tZc3VqN2ZXcE5hTDR2ZUtzZ0hqWjM"
        let body = #"{"blob1": "\#(token)", "requestId": "Hk3xPq9RtY7mN2bV5cL8wZ4sD1fG6jA0", "etag": "W8aLq2Zx9Pm4Rt7Yk3Nb6Vc1Hd5Jf0Ge"}"#
        let redacted = Self.redactedBody(body, type: "application/json")
        #expect(!redacted.contains(token))
        #expect(redacted.contains("Hk3xPq9RtY7mN2bV5cL8wZ4sD1fG6jA0") && redacted.contains("W8aLq2Zx9Pm4Rt7Yk3Nb6Vc1Hd5Jf0Ge"))
    }

    @Test func urlsAreRedactedInEveryPart() {
        let secret = "u8Kq2Lx9Vb4Nm7Pz"
        let urls = [
            "http://127.0.0.1:1/callback#access_token=\(secret)&state=x",
            "http://127.0.0.1:1/app;jsessionid=\(secret)?a=1",
            "http://127.0.0.1:1/cb?code=\(secret)&state=x",
            "http://127.0.0.1:1/login?pwd=\(secret)",
            "http://127.0.0.1:1/go?next=\(("https://idp.example/cb?token=" + secret).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
        ]
        for url in urls {
            let redacted = Redactor.standard.redacted(RecordedRequest(method: "GET", url: url)).url
            #expect(!redacted.contains(secret), "\(redacted)")
        }
        let location = Redactor.standard.redact([
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/"),
                response: RecordedResponse(status: 302, headers: ["Location": "https://app.example/cb#id_token=\(secret)&x=1"]),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])[0].response.headers["Location"]
        #expect(location?.contains(secret) == false, "\(location ?? "")")
    }

    @Test func everyAuthorizationParameterButThePublicOnesIsRedacted() {
        let headers: HeaderFields = [
            "Authorization":
                #"OAuth realm="api", oauth_consumer_key="ck7Hq2", oauth_token="tk9Lm3", oauth_signature_method="HMAC-SHA1", oauth_signature="sg%2Bx", oauth_nonce="n0nce8"#
                + #"", oauth_timestamp="1700000000""#,
            "Proxy-Authorization": #"Digest username="bob", realm="r", nonce="dn4Kx", uri="/x", response="rs5Pq", algorithm=MD5"#,
            "DD-API-KEY": "abc123", "X-Honeycomb-Team": "team7Key", "X-License-Key": "lic9Key", "My-Vendor-Token": "vt2Val",
        ]
        let redacted = Redactor.standard.redacted(RecordedRequest(method: "GET", url: "http://127.0.0.1:1/", headers: headers)).headers
        let text = redacted.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        for secret in ["ck7Hq2", "tk9Lm3", "sg%2Bx", "n0nce8", "bob", "dn4Kx", "rs5Pq", "abc123", "team7Key", "lic9Key", "vt2Val"] {
            #expect(!text.contains(secret), "\(secret) survived: \(text)")
        }
        for kept in [#"realm="api""#, "HMAC-SHA1", "algorithm=MD5", #"uri="/x""#] { #expect(text.contains(kept), "\(kept) was lost") }
    }

    @Test func copiesInEveryFormAreScrubbed() {
        let secret = "s3cr/Et+Val=ue&<x>9Qz"
        let forms = SecretForms.plain(secret)
        for form in [
            "s3cr\\u002FEt\\u002BVal\\u003Due\\u0026\\u003Cx\\u003E9Qz", "s3cr%252FEt%252BVal%253Due%2526%253Cx%253E9Qz",
            "s3cr/Et+Val=ue&amp;&lt;x&gt;9Qz", "s3cr&#47;Et&#43;Val&#61;ue&#38;&#60;x&#62;9Qz",
            "s3cr\\u002fEt\\u002bVal\\u003due\\u0026\\u003cx\\u003e9Qz", "s3cr&#x2F;Et&#x2B;Val&#x3D;ue&#x26;&#x3C;x&#x3E;9Qz",
            "s3cr&#x2f;Et&#x2b;Val&#x3d;ue&#x26;&#x3c;x&#x3e;9Qz",
        ] {
            #expect(forms.contains(form), "\(form) is not a form looked for")
        }
    }

    @Test func aWeakRegisteredSecretIsReplacedOnlyAsAWholeTokenAndNeverInAPath() {
        #expect(Redactor.weakSecretWarning(variable: "TASK_TOKEN", value: "tasks")?.contains("TASK_TOKEN") == true)
        #expect(Redactor.weakSecretWarning(variable: "TASK_TOKEN", value: "tasks")?.contains("tasks") == false)
        #expect(Redactor.weakSecretWarning(variable: "TOKEN", value: "Xk29fLq8Vz71Mn4B") == nil)
        let redactor = Redactor.standard.addingLiteralSecrets(["tasks"])
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/v1/tasks?note=tasks"),
            response: RecordedResponse(status: 200, body: RecordedBody(content: .text("subtasks and tasks"))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let redacted = redactor.redact([interaction])[0]
        #expect(redacted.request.url.hasPrefix("http://127.0.0.1:1/v1/tasks?note=REDACTED-"), "\(redacted.request.url)")
        #expect(String(decoding: redacted.response.body.data, as: UTF8.self).hasPrefix("subtasks and REDACTED-"))
    }

    @Test func shortFoundValuesAreNotScrubbedElsewhere() {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/page/1/en", headers: ["Cookie": "consent=1; lang=en"]),
            response: RecordedResponse(status: 200), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        #expect(Redactor.standard.redact([interaction])[0].request.url == "http://127.0.0.1:1/page/1/en")
    }

    /// A GraphQL variable is read by the argument it fills: `signIn(password: $v3)`
    /// makes `v3` a password, whatever the variable is called and whatever the value looks like.
    @Test func aGraphQLVariablePassedToACredentialArgumentIsASecretWhateverItsName() throws {
        var random = Seeded(state: 0x6A11)
        for index in 0..<40 {
            let argument = Self.name(random.pick(Self.credentialWords), style: [0, 1, 4, 5][index % 4])
            let variable = ["v\(index)", "p", "input\(index)", "x"][index % 4]
            let secret = index.isMultiple(of: 3) ? "short pw \(index)" : random.secret()
            let query = "mutation M($\(variable): String!, $n: Int) { signIn(input: {user: \"u\", \(argument) : $\(variable)}, first:$n) { ok } }"
            let body = try JSONSerialization.data(withJSONObject: ["query": query, "variables": [variable: secret, "n": "visible\(index)"]])
            let interaction = Interaction(
                request: RecordedRequest(
                    method: "POST", url: "http://127.0.0.1:1/graphql", headers: ["Content-Type": "application/json"],
                    body: RecordedBody(data: body, contentType: "application/json")),
                response: RecordedResponse(status: 200, headers: [:], body: RecordedBody(content: .empty)),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
            let redacted = String(decoding: Redactor.standard.redact([interaction])[0].request.body.data, as: UTF8.self)
            #expect(!redacted.contains(secret), "\(argument): $\(variable) → \(redacted)")
            #expect(redacted.contains("visible\(index)"), "a variable passed to `first` is kept: \(redacted)")
        }
    }

    /// A JSON-RPC sign-in (Zabbix's `user.login`, any `auth.*` or `*.login` method)
    /// carries its password among positional parameters and answers a session as `result`.
    @Test func aJSONRPCSignInKeepsNeitherItsPositionalPasswordNorItsSession() throws {
        var random = Seeded(state: 0x2BC)
        for method in ["user.login", "auth.getToken", "session.create", "Login", "account_signIn"] {
            let password = "pw " + random.secret(8)
            let session = random.secret(32).lowercased()
            let request = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "method": method, "params": ["alice", password], "id": 1])
            let answer = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "result": session, "id": 1])
            let interaction = Interaction(
                request: RecordedRequest(
                    method: "POST", url: "http://127.0.0.1:1/api_jsonrpc.php", headers: ["Content-Type": "application/json-rpc"],
                    body: RecordedBody(data: request, contentType: "application/json-rpc")),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(data: answer, contentType: "application/json")),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
            let redacted = Redactor.standard.redact([interaction])[0]
            let text = String(decoding: redacted.request.body.data + redacted.response.body.data, as: UTF8.self)
            #expect(!text.contains(password) && !text.contains(session), "\(method): \(text)")
        }
        let listing = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "method": "host.get", "params": ["output", "extend"], "id": 2])
        let interaction = Interaction(
            request: RecordedRequest(
                method: "POST", url: "http://127.0.0.1:1/api_jsonrpc.php", headers: ["Content-Type": "application/json"],
                body: RecordedBody(data: listing, contentType: "application/json")),
            response: RecordedResponse(status: 200, headers: [:], body: RecordedBody(content: .empty)), recordedAt: Date(timeIntervalSince1970: 0),
            duration: 0)
        #expect(String(decoding: Redactor.standard.redact([interaction])[0].request.body.data, as: UTF8.self).contains("extend"))
    }

    /// A secret in a path segment (`/sessions/<token>`, a generated-looking segment
    /// anywhere) is replaced, ids are not, and the redacted request still replays:
    /// the recorded path's placeholder matches the live segment.
    @Test func aSecretInAPathSegmentIsReplacedAndItsRequestStillReplays() async throws {
        var random = Seeded(state: 0x9A7)
        var cases: [(url: String, secret: String?)] = []
        for parent in ["sessions", "password-reset", "hooks", "magic-link", "invitations", "webhook"] {
            let secret = random.secret(18) + "7"
            cases.append(("http://127.0.0.1:9/v1/\(parent)/\(secret)/status?page=1", secret))
        }
        for index in 0..<4 {
            let secret = random.secret(28) + "9aZ"
            cases.append(("http://127.0.0.1:9/services/T024BE7LD/B0\(index)ABCDEF/\(secret)", secret))
        }
        for kept in [
            "/v1/instances/fhm0tapedeck00000001/tasks", "/v1/tasks/075f413d-a3bb-4243-974d-8eb9221c1000",
            "/v1/sessions/current", "/files/report-2024.pdf", "/v1/hooks/12345", "/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxKHk9tYz.woff2",
        ] {
            cases.append(("http://127.0.0.1:9" + kept, nil))
        }
        try await Self.expectRedactedAndReplayed(cases)
    }

    /// A credential under a typed wrapper of one string (DynamoDB, Firestore) or in a log
    /// message inside a JSON value is replaced; a wrapper under another name is not.
    @Test func aCredentialInATypedWrapperOrALogMessageIsReplaced() {
        let body =
            #"{"Item": {"ApiSecret": {"S": "wrapped pw 1"}, "Note": {"S": "kept"}}, "f": {"password": {"stringValue": "wrapped pw 2"}}, "#
            + #""message": "Login failed for user 'sa' with password 'logged pw 3'"}"#
        let redacted = Self.redactedBody(body, type: "application/json")
        for secret in ["wrapped pw 1", "wrapped pw 2", "logged pw 3"] { #expect(!redacted.contains(secret), "\(redacted)") }
        #expect(redacted.contains(#""kept""#), "\(redacted)")
    }

    /// Redacting what was redacted changes nothing (`scan` reads cassettes so): a base64
    /// document whose secret became a placeholder is not then taken whole for a generated value.
    @Test func redactingARedactedBase64DocumentChangesNothing() {
        let kubeconfig = "apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: kq8ZxV3mW1nR7tY2pL9sD4fG6hJ0aB5c\n"
        let encoded = Data(kubeconfig.utf8).base64EncodedString()
        let once = Self.redactedBody(#"{"name": "c1", "config": "\#(encoded)"}"#, type: "application/json")
        #expect(!once.contains(encoded) && !once.contains("high-entropy"), "\(once)")
        #expect(Self.redactedBody(once, type: "application/json") == once)
    }

    /// Multipart text is read part by part even when no `Content-Type` says so (a HAR's request that lost it).
    @Test func multipartTextIsReadByItsLook() {
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ\r\n"
            + "Content-Disposition: form-data; name=\"upload_token\"\r\n\r\nup short pw\r\n--XyZ--\r\n"
        for type in ["", "text/plain", "application/octet-stream"] {
            let redacted = Self.redactedBody(body, type: type)
            #expect(!redacted.contains("up short pw") && redacted.contains("hello"), "\(type): \(redacted)")
        }
    }

    @Test func freeTextIsRedacted() {
        let secret = "hX72kLmq9PzT"
        for line in [
            "upstream refused: Authorization: Bearer \(secret)", "aws_secret_access_key = \(secret)", "POST /login password=\(secret)&user=a",
            #"near miss: {"client_secret": "\#(secret)"}"#, "dial postgres://app:\(secret)@db:5432 failed",
            "curl -u admin:\(secret) https://api.example.io/v1", "curl --user 'admin:\(secret)' -X GET /x", "mysql --password '\(secret)' db",
            "vault login --token \(secret)\nnext", "docker login --password \(secret) --username u registry.example.io",
            "Login failed for user 'sa' with password '\(secret)'.", #"error: the token "\#(secret)" expired"#,
            "db.example.io:5432:prod:app:\(secret)\n*:*:*:replica:x", "# pgpass\nlocalhost:*:*:postgres:\(secret)",
        ] {
            let redacted = Redactor.standard.redacting(text: line)
            #expect(!redacted.contains(secret), "\(redacted)")
        }
        for kept in [
            "GET /v1/items 200 in 3 ms", "ls --color auto -u now", "run --name worker-1 --user app", "a - b -- c", "user 'sa' said \"hi\"",
            "12:30:45.678 done", "ts 2026-11-20T10:00:00Z", "a:b:c:d:e", "fe80::1",
        ] {
            #expect(Redactor.standard.redacting(text: kept) == kept)
        }
    }

    @Test func nestedQuantifiersAreRefusedAtLoad() {
        for pattern in ["(a+)+$", "(\\w+\\s?)*", "(x*){2,}", "((ab)+)+"] {
            #expect(throws: InputError.self, "\(pattern)") { try TextPattern(pattern) }
        }
        for pattern in ["sk_live_[A-Za-z0-9]+", "password=([^&]+)", "(ab)+", "[(a+)]+"] {
            #expect(throws: Never.self, "\(pattern)") { try TextPattern(pattern) }
        }
    }

    @Test func zstdAndRawDeflateBodiesAreDecodedAndAnUndecodableOneIsNotKept() throws {
        let body = Data(#"{"password": "zq8Vb2Lp"}"#.utf8)
        var raw = [UInt8]([0x01, UInt8(body.count & 0xFF), UInt8(body.count >> 8), UInt8(~body.count & 0xFF), UInt8((~body.count >> 8) & 0xFF)])
        raw += body
        #expect(ContentDecoding.decode(Data(raw), encoding: "deflate") == body)
        let zstd = try #require(ZstdLibrary.shared, "the system has libzstd")
        #expect(ContentDecoding.decode(zstd.compress(body), encoding: "zstd") == body)
        #expect(ContentDecoding.decode(ContentDecoding.gzip(zstd.compress(body)), encoding: "zstd, gzip") == body)
        for (encoding, data) in [("zstd", zstd.compress(body)), ("deflate", Data(raw)), ("zstd", Data("not zstd".utf8)), ("x-custom", body)] {
            let redacted = Self.redactedBinary(data, encoding: encoding)
            #expect(!String(decoding: redacted.data, as: UTF8.self).contains("zq8Vb2Lp"), "\(encoding)")
            #expect(redacted.data != data, "\(encoding) was stored as it came")
        }
    }

    /// Password in other languages, qualifiers run together with the word
    /// (`PGPASSWORD`, `sshpass`), and numbered credentials (`pass1`, `AuthenticationCode2`).
    static let unlistedCredentialNames: [String] = {
        var random = Seeded(state: 31)
        let foreign = ["passwort", "kennwort", "senha", "contraseña", "motDePasse", "parola", "hasło", "пароль", "wachtwoord", "salasana", "密码"]
        let qualifiers = ["pg", "ssh", "db", "root", "smtp", "mysql", "admin", "redis", "vnc", "wifi"]
        let runTogether = ["password", "pass", "passwd", "secret", "pwd"]
        let numbered = [["pass"], ["password"], ["new", "password"], ["authentication", "code"], ["pw"], ["psk"]]
        return (0..<60).map { index in
            switch index % 3 {
            case 0: return name(random.pick(modifiers) + [random.pick(foreign)], style: random.pick([0, 2, 3, 6]))
            case 1:
                let word = random.pick(qualifiers) + random.pick(runTogether)
                return random.next(2) == 0 ? word.uppercased() : word
            default: return name(random.pick(numbered), style: index % 6) + String(1 + random.next(3))
            }
        }
    }()

    @Test(arguments: unlistedCredentialNames)
    func aPasswordNamedInAnotherLanguageOrRunTogetherIsOne(name: String) {
        #expect(CredentialName.namesCredential(name), "\(name) → \(CredentialName.words(name))")
        #expect(CredentialCatalogue.standard.isCredential(name: name, value: "hunter2", at: .document))
        #expect(Self.redactedBody(#"{"\#(name)": "Tr0ub4dor&3"}"#, type: "application/json").contains("REDACTED"), "\(name)")
    }

    /// A random token under a name whose last word is a key or a signature, whatever
    /// qualifies it (`local_key`, `nwkSEncKey`, `temp_url_sig`, `CB-ACCESS-SIGN`), in hex or not.
    @Test func aRandomTokenUnderAKeyOrASignatureIsASecret() {
        var random = Seeded(state: 47)
        let qualifiers = [
            ["local"], ["derived"], ["app", "s"], ["nwk", "s", "enc"], ["temp", "url"], ["cb", "access"], ["x", "click", "house"], ["routing"], ["unseal"],
            ["certificate"],
        ]
        let lasts = ["key", "sig", "sign", "keys", "hmac", "key1"]
        let hexDigits = Array("0123456789abcdef")
        var qualifiedByTheValue = 0
        for index in 0..<80 {
            let name = Self.name(random.pick(qualifiers) + [random.pick(lasts)], style: index % 6)
            let hex = String((0..<(16 * (1 + random.next(4)))).map { _ in hexDigits[random.next(16)] })
            let token = index % 2 == 0 ? (index % 4 == 0 ? hex.uppercased() : hex) : random.secret(16 + random.next(24))
            #expect(CredentialCatalogue.standard.isCredential(name: name, value: token, at: .document), "\(name): \(token)")
            #expect(!Self.redactedBody(#"{"\#(name)": "\#(token)"}"#, type: "application/json").contains(token), "\(name)")
            // A name the key's qualifier makes a credential's (`unseal_key`) holds one whatever its value.
            guard !CredentialName.namesCredential(name) else { continue }
            qualifiedByTheValue += 1
            for value in ["docs/readme-v2.md", "orders.created.v1", "photo-of-a-cat", "true", "2026-12-07T10:00:00Z"] {
                #expect(!CredentialCatalogue.standard.isCredential(name: name, value: value, at: .document), "\(name): \(value)")
            }
        }
        #expect(qualifiedByTheValue >= 20, "most names are a key's only by their value: \(qualifiedByTheValue)")
    }

    /// Hex of 128 bits or more under a name nobody listed is generated; under an
    /// id's or a digest's name, and as a URL path segment, it is an id.
    @Test func hexOf128BitsIsASecretUnlessItIsAnId() {
        var random = Seeded(state: 53)
        let hexDigits = Array("0123456789abcdef")
        for _ in 0..<60 {
            let hex = (random.next(3) == 0 ? "0x" : "") + String((0..<(32 + random.next(33))).map { _ in hexDigits[random.next(16)] })
            let name = random.pick(["result", "value", "local", "session", "blob1", "v", ""])
            #expect(CredentialCatalogue.looksGenerated(hex, name: name), "\(name): \(hex)")
            for id in ["requestId", "sha256", "etag", "commit", "project_id", "checksum"] {
                #expect(!CredentialCatalogue.looksGenerated(hex, name: id), "\(id): \(hex)")
            }
            #expect(!CredentialCatalogue.looksGenerated(hex, name: "projects", hexIsAnId: true))
        }
        #expect(!CredentialCatalogue.looksGenerated(String(repeating: "ab", count: 20), name: "value"), "too little entropy")
        let path = "http://127.0.0.1:1/v2/0b01fbb53600d4671fa8c00673c71260/instances"
        #expect(Self.redactedRequest(url: path, headers: [:]).url == path, "a project id in the path stays")
    }

    @Test func aVendorKeyHeaderIsASecretHoweverShort() {
        let headers: HeaderFields = ["X-Gotify-Key": "AQf3.xWkq2Lm-zb", "X-Instana-Key": "k3yShort", "X-Request-Id": "r-1"]
        let redacted = Self.redactedRequest(url: "http://127.0.0.1:1/message", headers: headers).headers
        #expect(redacted["X-Gotify-Key"]?.contains("REDACTED") == true && redacted["X-Instana-Key"]?.contains("REDACTED") == true)
        #expect(redacted["X-Request-Id"] == "r-1")
    }

    /// Secrets by convention in text: a command's password flag, a CI runner's
    /// declared secret, a mail protocol's sign-in; each written into a log line
    /// with a generated password, in a JSON string and in a text body.
    @Test func secretsByConventionInTextAreRedacted() {
        var random = Seeded(state: 61)
        let lines: [(String) -> String] = [
            { "mysql -h db -u root -p\($0) app" }, { "mysqldump --single-transaction -uroot -p\($0) shop" },
            { "sshpass -p '\($0)' ssh deploy@host" }, { "docker login -u ci -p \($0) registry.example" },
            { "redis-cli -h cache -a \($0) PING" }, { "keytool -importkeystore -srcstorepass \($0) -deststorepass x" },
            { "echo \"::add-mask::\($0)\"" }, { "##vso[task.setvariable variable=dbpw;issecret=true]\($0)" },
            { "smtp client > AUTH PLAIN \($0)" }, { "imap > a001 LOGIN support@example.com \($0)" }, { "PASS \($0)" },
            { "sqlcmd -S db -U sa -P \($0) -Q x" }, { "ldapsearch -x -D cn=admin,dc=example -w \($0) -b dc=example" },
            { "zip -r -P \($0) out.zip dist" }, { "7z a -p\($0) backup.7z data" }, { "rabbitmqctl add_user app \($0)" },
            { "net user deploy \($0) /add" }, { "mysqladmin -u root password \($0)" }, { "127.0.0.1:6379> AUTH default \($0)" },
        ]
        for (index, line) in lines.enumerated() {
            let secret = random.secret(8 + random.next(12))
            let text = line(secret)
            let json = #"{"message": \#(JSONWriter().string(from: .string(text)))}"#
            #expect(!Self.redactedBody(json, type: "application/json").contains(secret), "\(index): \(text)")
            #expect(!Self.redactedBody("C: " + text + "\n", type: "text/plain").contains(secret), "\(index): \(text)")
        }
        for text in [
            "PASS tests/orders.test.js (1.2 s)", "docker run -p 8080:80 nginx", "mysql -h db -u root app", "ls -la /tmp", "AUTH LOGIN",
            "net user deploy /add", "rabbitmqctl list_users",
        ] {
            #expect(Self.redactedBody(text, type: "text/plain") == text, "\(text)")
        }
    }

    /// A secret named by its neighbours: `[name, value]` pairs, validation errors
    /// that echo the input (`loc`/`path` and `input`/`value`), fields typed secret,
    /// credentials per host, calls whose method takes a credential, a one-letter
    /// password beside a user, and pairs inside a query value.
    @Test func aSecretNamedByItsNeighboursIsRedacted() {
        var random = Seeded(state: 67)
        let bodies: [(String) -> String] = [
            { #"{"headers": [["Accept", "*/*"], ["Cookie", "sid=\#($0)"], ["X-Forwarded-Access-Token", "\#($0)"]]}"# },
            { #"{"detail": [{"type": "string_too_short", "loc": ["body", "password"], "msg": "too short", "input": "\#($0)"}]}"# },
            { #"{"errors": [{"type": "field", "value": "\#($0)", "msg": "Invalid value", "path": "newPassword", "location": "body"}]}"# },
            { #"{"fields": [{"id": "f1", "label": "PIN for the safe", "type": "CONCEALED", "value": "\#($0)"}]}"# },
            { #"{"gitlab-token": {"gitlab.example.com": "\#($0)"}}"# },
            { #"{"jsonrpc": "1.0", "method": "walletpassphrase", "params": ["\#($0)", 60]}"# },
            { #"{"jsonrpc": "2.0", "method": "personal_unlockAccount", "params": ["0x1234", "\#($0)", 300]}"# },
            { #"{"jsonrpc": "2.0", "method": "call", "params": {"service": "common", "method": "login", "args": ["db", "admin", "\#($0)"]}}"# },
        ]
        for (index, body) in bodies.enumerated() {
            let secret = random.secret(10 + random.next(14))
            #expect(!Self.redactedBody(body(secret), type: "application/json").contains(secret), "\(index): \(body(secret))")
        }
        let arguments = #"{"args": ["--db-password=\#(random.secret(12))", "--verbose"]}"#
        #expect(Self.redactedBody(arguments, type: "application/json").hasSuffix(#"-db-password-1", "--verbose"]}"#), "an argument list is no pair")
        let kept = #"{"headers": [["Accept", "application/json"]], "detail": [{"loc": ["query", "limit"], "input": "500"}]}"#
        #expect(Self.redactedBody(kept, type: "application/json") == kept)
        let secret = random.secret(14)
        for url in [
            "http://127.0.0.1:1/rest/ping.view?u=alice&p=\(secret)&v=1.16", "http://127.0.0.1:1/hls/a.m3u8?hdnts=exp=1700000000~acl=/*~hmac=\(secret)",
        ] {
            #expect(!Self.redactedRequest(url: url, headers: [:]).url.contains(secret), "\(url)")
        }
        #expect(Self.redactedRequest(url: "http://127.0.0.1:1/search?q=a&p=2", headers: [:]).url.hasSuffix("p=2"), "a page number beside no user")
    }

    /// An answer that issues a credential as its whole text is replaced; a form answer is read as a form.
    @Test func aCredentialIssuedAsTheWholeAnswerIsRedacted() {
        let token = "AQAEAFxk7Lm2Vb9Nc4Rt8Wy1Hj6sGd3Fk0Ae5Qw7Er2Ty9Ui4Op6As1Df3Gh8Jk0Lz=="
        #expect(!Self.redactedBody(token, type: "text/plain", path: "/latest/api/token").contains(token))
        #expect(Self.redactedBody(token, type: "text/plain", path: "/latest/meta-data/ami-id").contains(token), "not from a path that issues credentials")
        let form = "device_code=3584d83530557fdd1f46af8289938c8ef79f9dc5&user_code=WDJB-MJHT&interval=5"
        let redacted = Self.redactedBody(form, type: "application/x-www-form-urlencoded", path: "/login/device/code")
        #expect(!redacted.contains("3584d83530557fdd1f46af8289938c8ef79f9dc5") && redacted.contains("interval=5"), "\(redacted)")
    }

    /// XML and HTML name a value by the element before it (`<Key>`, `<OutputKey>`,
    /// `<td>`) or around it (`<AdministratorPassword><Value>`); a generated value or
    /// a document (base64 of a script) in XML text is read as it is in JSON.
    @Test func xmlNamesAValueByItsNeighbours() {
        var random = Seeded(state: 71)
        let documents: [(String) -> String] = [
            { "<Entry><String><Key>Password</Key><Value>\($0)</Value></String></Entry>" },
            { "<Outputs><member><OutputKey>AdminPassword</OutputKey><OutputValue>\($0)</OutputValue></member></Outputs>" },
            { "<table><tr><td>DB_PASSWORD</td><td>\($0)</td></tr></table>" },
            { "<AutoLogon><Password><Value>\($0)</Value><PlainText>true</PlainText></Password></AutoLogon>" },
            { "<userData><value>\(Data("#!/bin/sh\nmysql -u admin -p\($0) -e 'select 1'\n".utf8).base64EncodedString())</value></userData>" },
        ]
        for (index, document) in documents.enumerated() {
            let secret = random.secret(10 + random.next(10))
            let redacted = Self.redactedBody(document(secret), type: "application/xml")
            #expect(!redacted.contains(secret) && !redacted.contains(Data(secret.utf8).base64EncodedString().dropLast(4)), "\(index): \(redacted)")
        }
        let seed = random.secret(40)
        #expect(!Self.redactedBody("<VirtualMFADevice><Base32StringSeed>\(seed)</Base32StringSeed></VirtualMFADevice>", type: "text/xml").contains(seed))
        let kept = "<ListBucketResult><Contents><Key>reports/q3.pdf</Key><Size>1024</Size></Contents></ListBucketResult>"
        #expect(Self.redactedBody(kept, type: "application/xml") == kept)
    }

    /// Form fields named by a sibling (`….ParameterKey=DbPassword` names `….ParameterValue`),
    /// and a document in a field's value (`json={"password": …}`).
    @Test func formFieldsNamedBySiblingsOrHoldingDocumentsAreRedacted() {
        var random = Seeded(state: 73)
        let secret = random.secret(14)
        let forms = [
            "Action=CreateStack&Parameters.member.1.ParameterKey=DbPassword&Parameters.member.1.ParameterValue=\(secret)&Parameters.member.2.ParameterKey=Env&Parameters.member.2.ParameterValue=prod",
            "json=" + #"{"credentials": {"password": "\#(secret)"}}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&Submit=Save",
        ]
        for form in forms {
            let redacted = Self.redactedBody(form, type: "application/x-www-form-urlencoded")
            #expect(!redacted.contains(secret), "\(redacted)")
        }
        #expect(Self.redactedBody(forms[0], type: "application/x-www-form-urlencoded").hasSuffix("ParameterValue=prod"))
    }

    /// What names a secret without being one stays: a reference (`password: $p`, `${DB_PASSWORD}`) and a public key.
    @Test func referencesAndPublicKeysStay() {
        let texts = ["login(email: $e, password: $p)", "password: ${DB_PASSWORD}"]
        for text in texts { #expect(Self.redactedBody(text, type: "text/plain") == text, "\(text)") }
        let body = #"{"PublicKey": "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", "cache_key": "b5e1f3a27c4d4e8f9a1b2c3d4e5f6a7b"}"#
        #expect(Self.redactedBody(body, type: "application/json") == body)
    }

    /// Redacts a GET of each URL: one with a secret keeps no trace of it and holds a
    /// placeholder, one without stays as it was, and every request replays from the redacted recording.
    static func expectRedactedAndReplayed(_ cases: [(url: String, secret: String?)]) async throws {
        let interactions = cases.map { entry in
            Interaction(
                request: RecordedRequest(method: "GET", url: entry.url),
                response: RecordedResponse(status: 200, headers: ["Content-Type": "text/plain"], body: RecordedBody(content: .text(entry.url))),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        }
        let redacted = Redactor.standard.redact(interactions)
        for (entry, interaction) in zip(cases, redacted) {
            if let secret = entry.secret {
                #expect(!interaction.request.url.contains(secret) && Redactor.isPlaceholder(interaction.request.url), "\(interaction.request.url)")
            } else {
                #expect(interaction.request.url == entry.url)
            }
        }
        let file = CassetteSessionTests.temporaryCassette()
        try CassetteStore.write(Cassette(interactions: redacted), to: file)
        let player = try CassetteSession(CassetteConfiguration(file: file, mode: .never))
        let session = player.urlSession()
        for entry in cases {
            let (data, response) = try await session.data(from: try #require(URL(string: entry.url)))
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(entry.url)")
            #expect(!data.isEmpty)
        }
        #expect(try player.finish().misses.isEmpty)
    }

    static func redactedRequest(url: String, headers: HeaderFields) -> RecordedRequest {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: url, headers: headers), response: RecordedResponse(status: 204),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        return Redactor.standard.redact([interaction])[0].request
    }

    static func redactedBinary(_ data: Data, encoding: String) -> RecordedBody {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/"),
            response: RecordedResponse(
                status: 200, headers: ["Content-Type": "application/json", "Content-Encoding": encoding], body: RecordedBody(content: .binary(data))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        return Redactor.standard.redact([interaction])[0].response.body
    }
}
