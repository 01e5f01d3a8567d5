import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

/// Rules given in a `redaction.json` file: every kind of rule is read, and every
/// mistake is an error naming the file and the JSON path.
struct RedactorRulesFileTests {
    static func write(_ text: String) throws -> URL {
        let file = scratchRoot.appendingPathComponent("redaction-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        return file
    }

    static let rules = """
        {
          "headers": ["X-Tenant-Key"],
          "queryParameters": ["sig"],
          "jsonKeys": ["apiKey"],
          "jsonPaths": [{ "path": "$.credentials[*].secret", "kind": "credential" }],
          "patterns": [{ "regex": "sk_live_[A-Za-z0-9]+", "kind": "api-key" }],
          "secretEnvironment": ["PLANTED_TOKEN", "UNSET_VARIABLE"],
          "pseudonyms": [{ "environment": "PLANTED_PROJECT", "kind": "project" }, { "value": "u-plantedUser", "kind": "user" }]
        }
        """

    @Test func everyRuleInTheFileIsApplied() throws {
        let file = try Self.write(Self.rules)
        let environment = ["PLANTED_TOKEN": "plantedEnvironmentToken", "PLANTED_PROJECT": "0a1bplantedproject"]
        let redactor = try Redactor.standard.adding(rulesFrom: file, environment: environment)
        let cassette = Cassette(interactions: [
            Interaction(
                request: RecordedRequest(
                    method: "POST", url: "http://127.0.0.1:1/v3/0a1bplantedproject/users/u-plantedUser?sig=plantedSig",
                    headers: ["x-tenant-key": "plantedTenantKey", "X-Note": "plantedEnvironmentToken"],
                    body: RecordedBody(content: .json(["apiKey": "plantedApiKey", "text": "use sk_live_plantedRegexKey"]))),
                response: RecordedResponse(
                    status: 200, body: RecordedBody(content: .json(["credentials": [["secret": "plantedPathSecret"]]]))),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])
        let out = scratchRoot.appendingPathComponent("ruled-\(UUID().uuidString).json")
        try CassetteStore.write(redactor.redact(cassette), to: out)
        let bytes = try String(contentsOf: out, encoding: .utf8)
        for secret in [
            "plantedTenantKey", "plantedSig", "plantedApiKey", "plantedRegexKey", "plantedPathSecret", "plantedEnvironmentToken",
            "plantedproject", "plantedUser",
        ] {
            #expect(!bytes.contains(secret), "\(secret) survived")
        }
        #expect(bytes.contains("/v3/pseudo-project-1/users/pseudo-user-1?"))
        #expect(redactor.rules.count == 2)
        #expect(redactor.catalogue.lists("X-Auth-Token", at: .parameter), "the file adds to the redactor it is given")
        #expect(redactor.catalogue.lists("X-Tenant-Key", at: .parameter))
    }

    @Test(arguments: [
        (#"{"jsonPath": []}"#, "$.jsonPath", "one of headers, queryParameters"),
        (#"{"headers": "X-Key"}"#, "$.headers", "expected an array"),
        (#"{"headers": ["ok", 3]}"#, "$.headers[1]", "expected a non-empty string"),
        (#"{"jsonPaths": [{"path": "$.a[", "kind": "k"}]}"#, "$.jsonPaths[0].path", "expected a JSON path"),
        (#"{"jsonPaths": [{"path": "$.a"}]}"#, "$.jsonPaths[0].kind", "expected a non-empty string, found nothing"),
        (#"{"patterns": [{"regex": "(open", "kind": "k"}]}"#, "$.patterns[0].regex", "expected a valid regular expression"),
        (#"{"patterns": [{"regex": "x", "kind": "no spaces"}]}"#, "$.patterns[0].kind", "letters, digits and '-'"),
        (#"{"pseudonyms": [{"value": "a", "environment": "B", "kind": "k"}]}"#, "$.pseudonyms[0]", "exactly one of"),
        (#"["headers"]"#, "$", "expected an object"),
        (
            #"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "z-a", "minimum": 4}]}"#, "$.shapes[0].characters",
            "ranges like A-Z in ascending order"
        ),
        (#"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "a-zé", "minimum": 4}]}"#, "$.shapes[0].characters", "ASCII characters"),
        (#"{"shapes": [{"kind": "k", "prefixes": [], "characters": "a-z", "minimum": 4}]}"#, "$.shapes[0].prefixes", "non-empty prefixes"),
        (#"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "a-z"}]}"#, "$.shapes[0].minimum", "a whole number of characters"),
        (#"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "a-z", "minimum": 0}]}"#, "$.shapes[0].minimum", "1 or more"),
        (#"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "a-z", "minimum": 8, "maximum": 4}]}"#, "$.shapes[0].maximum", "at least the minimum"),
        (#"{"shapes": [{"kind": "k k", "prefixes": ["p_"], "characters": "a-z", "minimum": 4}]}"#, "$.shapes[0].kind", "letters, digits and '-'"),
        (#"{"shapes": [{"kind": "k", "prefixes": ["p_"], "characters": "a-z", "minimum": 4, "colour": 1}]}"#, "$.shapes[0].colour", "expected one of kind"),
    ])
    func aMistakeNamesTheFileAndTheJSONPath(text: String, path: String, message: String) throws {
        let file = try Self.write(text)
        #expect {
            try Redactor.standard.adding(rulesFrom: file, environment: [:])
        } throws: { error in
            let description = String(describing: error)
            return description.hasPrefix(file.path + ": " + path + ": error: ") && description.contains(message)
        }
    }

    @Test func malformedJSONNamesTheLineAndColumn() throws {
        let file = try Self.write("{\n  \"headers\": [\"a\",]\n}")
        #expect {
            try Redactor.standard.adding(rulesFrom: file, environment: [:])
        } throws: { error in
            String(describing: error).hasPrefix(file.path + ":2:")
        }
    }

    @Test func aMissingFileIsAnErrorNamingIt() {
        let file = URL(fileURLWithPath: "/nonexistent/redaction.json")
        #expect {
            try Redactor.standard.adding(rulesFrom: file, environment: [:])
        } throws: { error in
            String(describing: error).hasPrefix("/nonexistent/redaction.json: error: expected a readable redaction rules file")
        }
    }
}
