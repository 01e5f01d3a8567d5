import Foundation
import Testing

@testable import Tapedeck

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Secrets that a message carries by a convention of what it holds rather than
/// under a name: a SQL statement's grammar, a provisioning file's, a logon's, a
/// call's positions, a path's. Each class is planted with generated members
/// (random values, random names in the class) and each has cases that must stay.
struct RedactionConventionTests {
    typealias Seeded = RedactionClassTests.Seeded

    /// A password with punctuation, as people and generators write them.
    static func password(_ random: inout Seeded) -> String {
        let core = random.secret(8 + random.next(8))
        return core.prefix(3) + random.pick(["-", "_", ".", "!"]) + core.dropFirst(3) + String(1 + random.next(9))
    }

    /// `body` sent in a POST to `url` as `type`, redacted, as text.
    static func redactedRequestBody(_ body: String, type: String, url: String = "http://127.0.0.1:1/v1/run") -> String {
        let interaction = Interaction(
            request: RecordedRequest(method: "POST", url: url, headers: ["Content-Type": type], body: RecordedBody(content: .text(body))),
            response: RecordedResponse(status: 204), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let redacted = Redactor.standard.redact([interaction])[0].request.body
        if case .text(let text) = redacted.content { return text }
        return String(decoding: redacted.data, as: UTF8.self)
    }

    /// Where a statement is met: a SQL body, a JSON string, a log line in JSON.
    static func carried(_ text: String, by carrier: Int) -> (body: String, type: String) {
        switch carrier % 3 {
        case 0: (text, "text/plain")
        case 1: (#"{"sql": \#(JSONWriter().string(from: .string(text)))}"#, "application/json")
        default: (#"{"events": [{"message": \#(JSONWriter().string(from: .string("statement: " + text)))}]}"#, "application/json")
        }
    }

    /// The statements that set a password in the SQL dialects that have one (written
    /// from MySQL, MariaDB, Oracle, PostgreSQL, Redshift, Snowflake, SQL Server,
    /// ClickHouse, Cassandra, InfluxQL and Neo4j's documentation), `$u` the user, `$p` the password.
    static let passwordStatements = [
        "CREATE USER '$u'@'%' IDENTIFIED BY '$p';", "ALTER USER $u IDENTIFIED WITH mysql_native_password BY '$p'",
        "create user $u identified with sha256_password by '$p'", "CREATE USER $u IDENTIFIED BY $p DEFAULT TABLESPACE users",
        "ALTER USER $u IDENTIFIED BY \"$p\" ACCOUNT UNLOCK", "CREATE DATABASE LINK l CONNECT TO $u IDENTIFIED BY $p USING 'prod'",
        "CREATE ROLE $u WITH LOGIN PASSWORD '$p' VALID UNTIL 'infinity'", "ALTER ROLE $u ENCRYPTED PASSWORD '$p'",
        "CREATE USER $u PASSWORD = '$p' DEFAULT_ROLE = analyst", "alter user $u set password='$p' must_change_password = true",
        "CREATE USER $u PASSWORD '$p' CREATEDB", "SET PASSWORD FOR '$u'@'localhost' = '$p';", "SET PASSWORD = PASSWORD('$p')",
        "CREATE LOGIN $u WITH PASSWORD = '$p', CHECK_POLICY = OFF", "CREATE ROLE $u WITH PASSWORD = '$p' AND LOGIN = true",
        "ALTER CURRENT USER SET PASSWORD FROM 'old-$p' TO '$p'", "GRANT ALL ON db.* TO '$u'@'%' IDENTIFIED BY '$p'",
        "CREATE USER MAPPING FOR local SERVER remote OPTIONS (user '$u', password '$p')",
        "INSERT INTO accounts (email, password_hash, created) VALUES ('$u@example.com', '$p', now())",
    ]

    @Test(arguments: Array(passwordStatements.indices))
    func aSQLStatementThatSetsAPasswordKeepsNoneOfIt(statement: Int) {
        var random = Seeded(state: UInt64(300 + statement))
        for carrier in 0..<3 {
            // Oracle's unquoted passwords are letters, digits and `_`.
            let secret = String(Self.password(&random).map { $0.isLetter || $0.isNumber ? $0 : "_" })
            let user = random.pick(["app", "etl", "scott", "reporter"])
            let text = Self.passwordStatements[statement].replacing("$u", with: user).replacing("$p", with: secret)
            let (body, type) = Self.carried(text, by: carrier)
            let redacted = Self.redactedRequestBody(body, type: type)
            #expect(!redacted.contains(secret), "\(text) → \(redacted)")
            #expect(!Self.passwordStatements[statement].contains("$u") || redacted.contains(user), "the user stays: \(redacted)")
        }
    }

    /// A parameterised statement binds the password; its value is in the list sent beside it.
    @Test func aPasswordBoundAsAParameterIsRedactedInTheListBesideTheStatement() throws {
        var random = Seeded(state: 0x5A1)
        let requests: [(String, (String) -> Any)] = [
            ("ALTER ROLE reporter WITH LOGIN PASSWORD $1", { ["params": [$0]] }),
            ("CREATE USER app WITH PASSWORD $2 VALID UNTIL $1", { ["params": ["infinity", $0]] }),
            ("ALTER USER ? IDENTIFIED BY ?", { ["args": ["bob", $0]] }),
            ("UPDATE users SET password_hash = ? WHERE id = ?", { ["parameters": [$0, 42]] }),
            ("ALTER USER app IDENTIFIED BY :pw", { ["parameters": [["name": "pw", "value": ["stringValue": $0]]]] }),
            ("CREATE USER x PASSWORD = ?", { ["bindings": ["1": ["type": "TEXT", "value": $0]]] }),
            ("INSERT INTO users (email, password) VALUES ($1, $2)", { ["values": ["ann@example.com", $0]] }),
            ("ALTER USER neo SET PASSWORD $pw", { ["parameters": ["pw": $0]] }),
        ]
        for (statement, parameters) in requests {
            let secret = Self.password(&random)
            var object = parameters(secret) as? [String: Any] ?? [:]
            object[statement.hasPrefix("INSERT") ? "text" : random.pick(["query", "sql", "statement"])] = statement
            let body = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            let redacted = Self.redactedRequestBody(body, type: "application/json")
            #expect(!redacted.contains(secret), "\(statement) → \(redacted)")
        }
        let kept = #"{"query": "SELECT * FROM t WHERE created > $1 AND status = ?", "params": ["2026-01-01", "active"]}"#
        #expect(Self.redactedRequestBody(kept, type: "application/json") == kept)
    }

    /// Provisioning and configuration files: kickstart, preseed, cloud-init,
    /// `.netrc`, Redis, slapd, Dockerfiles, ACLs, and the password hashes they hold.
    @Test func provisioningAndConfigurationFilesKeepNoPassword() {
        var random = Seeded(state: 0x9C0)
        let variable = RedactionClassTests.name(random.pick(RedactionClassTests.modifiers) + ["password"], style: 1)
        let files: [(String, String) -> String] = [
            { "lang en_US.UTF-8\nrootpw --plaintext \($0)\nsshpw --username=install \($1) --plaintext\nreboot\n" },
            {
                "d-i passwd/root-password password \($0)\nd-i passwd/root-password-again password \($0)\nmysql-server mysql-server/root_password password \($1)\n"
            },
            { "#cloud-config\nchpasswd:\n  expire: false\n  list: |\n    root:\($0)\n    ubuntu:\($1)\nruncmd:\n  - echo done\n" },
            { "#cloud-config\nchpasswd:\n  list:\n    - admin:\($0)\n    - ops:\($1)\n" },
            { "+ echo 'deploy:\($0)' | sudo chpasswd\n+ chpasswd <<< \"ops:\($1)\"\n" },
            { "machine api.example.com login ci password \($0)\nmachine git.example.com\n  login deploy\n  password \($1)\n" },
            { "bind 127.0.0.1\nrequirepass \($0)\nmasterauth \($1)\n" },
            { "database mdb\nrootdn \"cn=admin,dc=example,dc=com\"\nrootpw \($0)\nbindpw \($1)\n" },
            { "FROM postgres:16\nENV \(variable) \($0)\nSetEnv DB_PASS \"\($1)\"\n" },
            { "user alice on >\($0) ~cached:* +get\nACL SETUSER bob on >\($1) +@all\n" },
            { "Backlog SSID1 HomeNet; Password1 \($0); WebPassword \($1)" },
        ]
        for (index, file) in files.enumerated() {
            let first = Self.password(&random)
            let second = Self.password(&random)
            for (body, type) in [
                (file(first, second), "text/plain"), (#"{"file": \#(JSONWriter().string(from: .string(file(first, second))))}"#, "application/json"),
            ] {
                let redacted = RedactionClassTests.redactedBody(body, type: type)
                #expect(!redacted.contains(first) && !redacted.contains(second), "\(index): \(redacted)")
            }
        }
        let salt = random.secret(16)
        let hashes = [
            "$6$\(salt)$\(random.secret(86))", "$6$rounds=4096$\(salt)$\(random.secret(86))", "$apr1$\(salt.prefix(8))$\(random.secret(22))",
            "$2y$10$\(random.secret(53))", "{SSHA}\(random.secret(32))=", "$argon2id$v=19$m=65536,t=3,p=4$\(salt)$\(random.secret(43))",
            "pbkdf2_sha256$600000$\(salt)$\(random.secret(43))=",
        ]
        for hash in hashes {
            let body = "root:\(hash):19000:0:99999:7:::\nusers:\n  - name: ops\n    passwd: \(hash)\n"
            #expect(!RedactionClassTests.redactedBody(body, type: "text/plain").contains(hash), "\(hash)")
        }
        let master = "{\(Data((0..<32).map { _ in UInt8(random.next(256)) }).base64EncodedString())}"
        #expect(!RedactionClassTests.redactedBody("<settingsSecurity><master>\(master)</master></settingsSecurity>", type: "application/xml").contains(master))
    }

    /// Oracle's `user/password@identifier` logons and connection strings with a password in an unusual place.
    @Test func logonsAndConnectionStringsKeepNoPassword() {
        var random = Seeded(state: 0xDB5)
        let strings: [(String) -> String] = [
            { "app_user/\($0)@//db.example.com:1521/ORCLPDB1" }, { "jdbc:oracle:thin:scott/\($0)@db.example.com:1521:ORCL" },
            { "jdbc:oracle:thin:scott/\($0)@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))" }, { "sqlplus -s app/\($0) @run.sql" },
            { "expdp system/\($0)@orcl schemas=hr" }, { "hr/\($0)@PRODDB" }, { "Driver={ODBC Driver 18};Server=db;UID=sa;PWD={\($0);x};" },
            { "DSN=prod;Uid=app;Pwd=\($0)" }, { "mongodb+srv://app:\($0)@cluster0.example.mongodb.net/db?retryWrites=true" },
            { "redis://:\($0)@cache.example.com:6379/0" }, { "amqps://guest:\($0)@mq.example.com/vhost" },
        ]
        for (index, string) in strings.enumerated() {
            let secret = String(Self.password(&random).filter { $0 != "!" })
            for body in [#"{"datasource": {"connect": \#(JSONWriter().string(from: .string(string(secret))))}}"#, "# conf\nurl \(string(secret))\n"] {
                let redacted = RedactionClassTests.redactedBody(body, type: body.hasPrefix("{") ? "application/json" : "text/plain")
                #expect(!redacted.contains(secret), "\(index): \(redacted)")
            }
        }
        let kept =
            "steps:\n  - uses: actions/checkout@v4\n  - run: docker pull library/nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n  - run: npm i @scope/pkg@1.2.3\n"
        #expect(RedactionClassTests.redactedBody(kept, type: "text/plain") == kept)
    }

    /// A ticket is a credential whatever its name (`pgtId`), and a hash beside a
    /// timestamp or a nonce is a signed request's signature (a Telegram login).
    @Test func aTicketOrASignedRequestsHashIsASecretWhateverItsName() {
        var random = Seeded(state: 0x7C4)
        let hexDigits = Array("0123456789abcdef")
        for index in 0..<12 {
            let ticket = random.pick(["PGT-", "ST-", "TGT-", "PT-"]) + "\(1 + random.next(99999))-" + random.secret(20 + random.next(20))
            let name = random.pick(["pgtId", "ticketId", "id", "t", "proxyGrantingTicketId"])
            let hash = String((0..<(32 + 8 * random.next(5))).map { _ in hexDigits[random.next(16)] })
            let sibling = random.pick(["auth_date=1796000000", "timestamp=1796000000", "nonce=\(random.secret(8))", "expires=1796000000"])
            let url = "http://127.0.0.1:1/cb?\(name)=\(ticket)&n=\(index)&\(sibling)&\(random.pick(["hash", "sign", "hmac", "checksum"]))=\(hash)"
            let redacted = RedactionClassTests.redactedRequest(url: url, headers: [:]).url
            #expect(!redacted.contains(ticket) && !redacted.contains(hash), "\(redacted)")
        }
        let branch = #"{"ticketId": "PT-42", "ticket": "ST-1234"}"#
        #expect(RedactionClassTests.redactedBody(branch, type: "application/json") == branch)
        let digest = "http://127.0.0.1:1/files?hash=0b01fbb53600d4671fa8c00673c71260&size=12"
        #expect(RedactionClassTests.redactedRequest(url: digest, headers: [:]).url == digest, "a content hash with no signing sibling stays")
        let block = #"{"block": {"hash": "0b01fbb53600d4671fa8c00673c712600b01fbb53600d4671fa8c00673c71260", "timestamp": 1700000000, "nonce": 5}}"#
        #expect(RedactionClassTests.redactedBody(block, type: "application/json").contains("0b01fbb536"), "a block's hash is no signature")
    }

    /// Short generated credentials under plain names: a sign-in's ticket, a stream's key in
    /// its ingestion settings, an authorization's fingerprint, a verification's code.
    @Test func shortCredentialsUnderPlainNamesAreRedacted() {
        var random = Seeded(state: 0x5C7)
        for _ in 0..<8 {
            let ticket = random.secret(16 + random.next(8))
            let name = RedactionClassTests.name([random.pick(["login", "service", "auth", "proxy"]), "ticket"], style: random.pick([0, 4, 5]))
            let key = (0..<5).map { _ in random.secret(4).lowercased() }.joined(separator: "-")
            let fingerprint = random.secret(40)
            let code = String(100_000 + random.next(900_000))
            let bodies = [
                #"{"\#(name)": "\#(ticket)", "co_id": "P6K9sT2mQ1xZ"}"#,
                #"{"cdn": {"ingestionType": "rtmp", "ingestionInfo": {"streamName": "\#(key)", "ingestionAddress": "rtmp://a.example/live2"}}}"#,
                #"{"authorizationFingerprint": "\#(fingerprint)|created_at=2026-11-20", "creditCard": {"expirationDate": "12/30"}}"#,
                #"{"email": "ann@example.com", "code": \#(code)}"#,
            ]
            for body in bodies {
                let redacted = RedactionClassTests.redactedBody(body, type: "application/json")
                #expect(![ticket, key, fingerprint, code].contains { redacted.contains($0) }, "\(redacted)")
            }
            let check = Self.redactedRequestBody("To=%2B15017122661&Code=\(code)", type: "application/x-www-form-urlencoded")
            #expect(!check.contains(code), "\(check)")
        }
        let kept = [
            #"{"code": "SUMMER20", "country_code": "DE", "error": {"code": 404}}"#, #"{"code": "10115", "street": "Main", "number": "12"}"#,
            #"{"support_ticket": "T-1234", "keyFingerprint": "ab:cd:ef:01", "ingestionAddress": "rtmp://a.example/live2"}"#,
        ]
        for body in kept { #expect(RedactionClassTests.redactedBody(body, type: "application/json") == body, "\(body)") }
    }

    /// Secrets by position: an XML-RPC call's password parameter, a GraphQL query's
    /// variables sent in a query string, `{key: "NAME", value: …}` pairs in text, a reset link in prose.
    @Test func positionalSecretsAreRedacted() {
        var random = Seeded(state: 0x4B2)
        func call(_ method: String, _ parameters: [String]) -> String {
            "<?xml version=\"1.0\"?><methodCall><methodName>\(method)</methodName><params>"
                + parameters.map { "<param><value><string>\($0)</string></value></param>" }.joined() + "</params></methodCall>"
        }
        for (method, position) in [
            ("wp.getUsersBlogs", 1), ("wp.getPosts", 2), ("metaWeblog.newPost", 2), ("blogger.getUsersBlogs", 2), ("execute_kw", 2), ("confluence2.login", 1),
        ] {
            let secret = Self.password(&random)
            var parameters = ["1", "editor", "res.partner"]
            parameters.insert(secret, at: position)
            let redacted = Self.redactedRequestBody(call(method, parameters), type: "text/xml", url: "http://127.0.0.1:1/xmlrpc.php")
            #expect(!redacted.contains(secret), "\(method): \(redacted)")
            #expect(redacted.contains("editor") || method.hasSuffix("login"), "\(method): the user stays")
        }
        let ping = call("pingback.ping", ["https://a.example/x", "https://b.example/y"])
        #expect(Self.redactedRequestBody(ping, type: "text/xml") == ping)
        let secret = Self.password(&random)
        let query = "query Login($e: String!, $p: String!) { login(email: $e, password: $p) { token } }"
        let variables = #"{"e": "ann@example.com", "p": "\#(secret)"}"#
        let url =
            "http://127.0.0.1:1/graphql?query=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&variables=\(variables.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        let redactedURL = RedactionClassTests.redactedRequest(url: url, headers: [:]).url
        #expect(!redactedURL.removingPercentEncoding!.contains(secret) && redactedURL.removingPercentEncoding!.contains("ann@example.com"), "\(redactedURL)")
        for document in [
            #"mutation { setSecrets(input: {secrets: [{key: "DATABASE_PASSWORD", value: "\#(secret)"}, {key: "REGION", value: "fra"}]}) { id } }"#,
            "env:\n- name: DB_PASSWORD\n  value: \(secret)\n- name: LOG_LEVEL\n  value: debug\n",
        ] {
            let redacted = RedactionClassTests.redactedBody(document, type: "text/plain")
            #expect(!redacted.contains(secret) && redacted.contains("PASSWORD") && (redacted.contains("fra") || redacted.contains("debug")), "\(redacted)")
        }
        let token = "c2r8zj-" + random.secret(32).lowercased()
        for link in ["https://app.example.com/reset/MTIz/\(token)/", "https://app.example.com/users/password/edit?reset_password_token=\(token)"] {
            let text = "text=" + "Reset it here: \(link) (valid 1 day)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(!Self.redactedRequestBody(text, type: "application/x-www-form-urlencoded").contains(token), "\(link)")
        }
    }

    /// A key placed by its position in the path (after a segment that names it, an
    /// API's root, an ingestion or a hook's endpoint) is replaced, ids are not, and
    /// the redacted requests still replay.
    @Test func aKeyInItsPathPositionIsReplacedAndItsRequestStillReplays() async throws {
        var random = Seeded(state: 0x9A9)
        let hexDigits = Array("0123456789abcdef")
        func hex(_ count: Int) -> String { String((0..<count).map { _ in hexDigits[random.next(16)] }) }
        func uuid() -> String { [8, 4, 4, 4, 12].map(hex).joined(separator: "-") }
        let keys = (hex(32), random.secret(20), random.secret(22), uuid(), uuid(), random.secret(7).lowercased() + "7", "R3dis" + random.secret(8), hex(32))
        let cases: [(url: String, secret: String?)] = [
            ("http://127.0.0.1:9/api/\(keys.0)/lights", keys.0), ("http://127.0.0.1:9/api/v1/\(keys.1)/telemetry", keys.1),
            ("http://127.0.0.1:9/trigger/door_open/with/key/\(keys.2)", keys.2), ("http://127.0.0.1:9/inputs/\(keys.3)/tag/http/", keys.3),
            ("http://127.0.0.1:9/integrations/generic/20131114/alert/\(keys.4)/ops-team", keys.4),
            ("http://127.0.0.1:9/hooks/catch/4818231/\(keys.5)/", keys.5), ("http://127.0.0.1:9/AUTH/\(keys.6)", keys.6),
            ("http://127.0.0.1:9/\(keys.7)/update/V1", keys.7), ("http://127.0.0.1:9/api/v1/tasks/\(uuid())/events", nil),
            ("http://127.0.0.1:9/v2/0b01fbb53600d4671fa8c00673c71260/instances", nil), ("http://127.0.0.1:9/v2/Services/VA\(hex(32))/Verifications", nil),
            ("http://127.0.0.1:9/api/users/65a1f0c2e4b0a1b2c3d4e5f6/orders", nil), ("http://127.0.0.1:9/auth/google-oauth2/callback", nil),
            ("http://127.0.0.1:9/repos/o/r/hooks/12345/pings", nil), ("http://127.0.0.1:9/token/refresh", nil),
        ]
        try await RedactionClassTests.expectRedactedAndReplayed(cases)
    }

    /// What reads like a convention but holds no secret stays: prose, SQL without a
    /// password, configuration directives of other things, an HTML password field's attributes.
    @Test func textThatHoldsNoSecretStays() {
        let texts = [
            "Session started.\nSignature verified!\nPassword incorrect\nToken 42\nAuth OK\nSecret Santa\ntokens 1234\n",
            "Create a user identified by email\nEnter your login and password below\nsee docs/setup password reset\n",
            "Set the password from the email to the form\nAUTH failed for user ann\nprice $100 and $6 today\n",
            "SELECT * FROM users WHERE email = 'a@example.com'\nUPDATE users SET last_login = now() WHERE id = 5\n",
            "server {\n  add_header X-Frame-Options DENY;\n  proxy_set_header Host $host;\n}\n",
            "FROM node:20\nENV NODE_ENV production\nENV PATH /app/node_modules/.bin:$PATH\n",
            "paths:\n  /login:\n    post:\n      parameters:\n      - name: password\n        in: query\n        required: true\n",
            "+ git push origin main\n+ net user deploy /add\n+ zip -r out.zip dist\n+ rabbitmqctl list_users\n",
        ]
        for text in texts { #expect(RedactionClassTests.redactedBody(text, type: "text/plain") == text, "\(text)") }
        let form = #"<form><input type="password" id="pw" name="password" autocomplete="current-password"></form>"#
        #expect(RedactionClassTests.redactedBody(form, type: "text/html") == form)
    }
}
