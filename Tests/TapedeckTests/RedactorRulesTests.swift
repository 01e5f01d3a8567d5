import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

/// User rules: JSON bodies by JSON path, free text by regular expression, each
/// with its own placeholder kind, checked in the written file.
struct RedactorRulesTests {
    static func interaction(
        url: String, headers: HeaderFields = [:], body: RecordedBody = RecordedBody(content: .empty), response: RecordedBody
    )
        -> Interaction
    {
        Interaction(
            request: RecordedRequest(method: "POST", url: url, headers: headers, body: body),
            response: RecordedResponse(status: 200, headers: ["Content-Type": "application/json"], body: response),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
    }

    static let cassette = Cassette(interactions: [
        interaction(
            url: "http://127.0.0.1:1/v1/keys?debug=sk_live_plantedURLKey",
            headers: ["Content-Type": "text/plain", "X-Trace": "caller sk_live_plantedHeaderKey"],
            body: RecordedBody(content: .text("deploy with sk_live_plantedTextKey and password=plantedCapture&x=1")),
            response: RecordedBody(
                content: .json([
                    "credentials": [
                        ["name": "first", "secret": "plantedPathSecretA", "pin": 987_654_321],
                        ["name": "second", "secret": "plantedPathSecretB"],
                    ],
                    "nested": ["vault": ["key": "plantedVaultKey", "enabled": true]],
                    "note": "rotated sk_live_plantedJSONStringKey",
                    "secret": "not picked: the rule names credentials[*].secret",
                ]))),
        interaction(
            url: "http://127.0.0.1:1/v1/echo",
            response: RecordedBody(content: .json(["copy": "plantedPathSecretA again"]))),
    ])

    static let redactor: Redactor = {
        do {
            return try Redactor(headers: [], queryParameters: [], jsonKeys: []).adding([
                .jsonPath("$.credentials[*].secret", kind: "credential"),
                .jsonPath("$.credentials[0].pin", kind: "pin"),
                .jsonPath("$..vault", kind: "vault"),
                .regex("sk_live_[A-Za-z0-9]+", kind: "api-key"),
                .regex("password=([^&]+)", kind: "password"),
            ])
        } catch {
            preconditionFailure("the rules above are valid: \(error)")
        }
    }()

    @Test func noSecretPickedByARuleSurvivesInTheWrittenFile() throws {
        let file = scratchRoot.appendingPathComponent("rules-\(UUID().uuidString).json")
        try CassetteStore.write(Self.redactor.redact(Self.cassette), to: file)
        let bytes = try String(contentsOf: file, encoding: .utf8)
        for secret in [
            "plantedURLKey", "plantedHeaderKey", "plantedTextKey", "plantedCapture", "plantedPathSecretA", "plantedPathSecretB",
            "987654321", "plantedVaultKey", "plantedJSONStringKey",
        ] {
            #expect(!bytes.contains(secret), "\(secret) survived")
        }
        #expect(bytes.contains("not picked: the rule names credentials[*].secret"), "a member outside the path is left alone")
        #expect(bytes.contains("password=REDACTED-password-"), "a capture group keeps the text around the secret")
        #expect(bytes.contains("\"enabled\": true"), "booleans under a picked path stay")
    }

    @Test func eachRuleGivesItsKindAndTheSameSecretTheSamePlaceholder() throws {
        let redacted = Self.redactor.redact(Self.cassette)
        #expect(redacted == Self.redactor.redact(Self.cassette))
        let response = try #require(redacted.interactions[0].response.body.json)
        let first = try #require(response[JSONPath.root.appending("credentials").appending(index: 0).appending("secret")]?.stringValue)
        #expect(first.hasPrefix("REDACTED-credential-"))
        #expect(response[JSONPath.root.appending("credentials").appending(index: 0).appending("pin")]?.stringValue?.hasPrefix("REDACTED-pin-") == true)
        #expect(response["nested"]?["vault"]?["key"]?.stringValue?.hasPrefix("REDACTED-vault-") == true)
        #expect(redacted.interactions[0].request.url.contains("debug=REDACTED-api-key-"))
        #expect(redacted.interactions[0].request.headers["X-Trace"]?.hasPrefix("caller REDACTED-api-key-") == true)
        #expect(redacted.interactions[1].response.body.json?["copy"]?.stringValue == "\(first) again", "a found secret is scrubbed everywhere")
    }

    @Test(arguments: [
        ("$.credentials[*].secret", "$.credentials[4].secret", true),
        ("$.credentials[*].secret", "$.credentials[4].name", false),
        ("$.credentials[1].secret", "$.credentials[0].secret", false),
        ("$.keys.*", "$.keys.anything", true),
        ("$.keys.*", "$.keys[0]", false),
        ("$..token", "$.a[2].b.token", true),
        ("$..token", "$.token", true),
        ("$..token", "$.token.inner", false),
        ("$['odd key'].value", "$['odd key'].value", true),
        ("$", "$", true),
    ])
    func jsonPathPatternsPickTheirPaths(pattern: String, path: String, matches: Bool) throws {
        let parsed = try JSONPathPattern(pattern)
        let concrete = try #require(Self.path(path))
        #expect(parsed.matches(concrete) == matches)
    }

    @Test(arguments: ["credentials[*].secret", "$.", "$.a[", "$.a[x]", "$..", "$.a['b]", "$ .a"])
    func aMalformedJSONPathIsAnErrorSayingWhatWasExpected(pattern: String) {
        #expect {
            try JSONPathPattern(pattern)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("expected a JSON path such as $.credentials[*].secret") && text.contains("column") && text.contains(pattern)
        }
    }

    @Test(arguments: ["(unclosed", "[z-a]", "a*"])
    func aBadRegularExpressionIsAnError(expression: String) {
        #expect(throws: InputError.self) { try RedactionRule.regex(expression, kind: "x") }
    }

    /// A concrete path from the same syntax (indexes and names only), for the table above.
    static func path(_ text: String) -> JSONPath? {
        guard let pattern = try? JSONPathPattern(text) else { return nil }
        var path = JSONPath.root
        for step in pattern.steps {
            switch step {
            case .key(let name): path = path.appending(name)
            case .index(let index): path = path.appending(index: index)
            default: return nil
            }
        }
        return path
    }
}
