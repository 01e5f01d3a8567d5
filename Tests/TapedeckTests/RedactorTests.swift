import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

struct RedactorTests {
    static let secrets = [
        "LTAI5tPlantedKey000001", "PlantedSignature+/=", "planted-nonce-1", "MIIPlantedPKITokenAAAAAAAA", "t1.plantedIamToken",
        "HPUAPLANTEDAK01", "deadbeefplantedsignature", "plantedCookieValue", "plantedSetCookie", "plantedJSONPassword",
        "plantedFormToken", "plantedLiteralFromEnv", "plantedSubjectToken",
    ]

    static let cassette = Cassette(interactions: [
        Interaction(
            request: RecordedRequest(
                method: "POST",
                url:
                    "http://127.0.0.1:1/alibaba-petadata/?Action=DescribeTasks&AccessKeyId=LTAI5tPlantedKey000001&Signature=PlantedSignature%2B%2F%3D&SignatureNonce=planted-nonce-1&note=plantedLiteralFromEnv",
                headers: [
                    "x-auth-token": "MIIPlantedPKITokenAAAAAAAA", "AUTHORIZATION": "Bearer t1.plantedIamToken",
                    "Cookie": "session=plantedCookieValue; theme=dark",
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: RecordedBody(content: .text("a=1&token=plantedFormToken"))),
            response: RecordedResponse(
                status: 200,
                headers: ["Set-Cookie": "id=plantedSetCookie; Path=/; HttpOnly", "X-Subject-Token": "plantedSubjectToken"],
                body: RecordedBody(
                    content: .json([
                        "user": ["Password": "plantedJSONPassword"], "echo": "the nonce was planted-nonce-1",
                    ]))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0),
        Interaction(
            request: RecordedRequest(
                method: "GET", url: "http://127.0.0.1:1/huawei-kafka/v2/p/instances/i/scheduled-tasks",
                headers: ["Authorization": "SDK-HMAC-SHA256 Access=HPUAPLANTEDAK01, SignedHeaders=host;x-sdk-date, Signature=deadbeefplantedsignature"]),
            response: RecordedResponse(status: 200),
            recordedAt: Date(timeIntervalSince1970: 1), duration: 0),
    ])

    @Test func noPlantedSecretSurvivesInTheWrittenFile() throws {
        let redacted = Redactor.standard.addingLiteralSecrets(["plantedLiteralFromEnv"]).redact(Self.cassette)
        let file = scratchRoot.appendingPathComponent("redacted-\(UUID().uuidString).json")
        try CassetteStore.write(redacted, to: file)
        let bytes = try String(contentsOf: file, encoding: .utf8)
        for secret in Self.secrets {
            #expect(!bytes.contains(secret), "\(secret) survived")
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                #expect(!bytes.contains(encoded), "\(secret) survived percent-encoded")
            }
        }
        #expect(bytes.contains("Bearer REDACTED-bearer-"))
        #expect(bytes.contains("SignedHeaders=host;x-sdk-date"))
        #expect(bytes.contains("theme=REDACTED-cookie-"), "every cookie value is redacted, the names are kept")
        #expect(bytes.contains("Path=/; HttpOnly"))
    }

    /// Every credential header, cookie and JSON key, its name written in `letterCase`.
    static func cassette(letterCase: (String) -> String) -> Cassette {
        var request = HeaderFields()
        for (name, value) in [
            ("Authorization", "Bearer plantedBearerCase"), ("X-Auth-Token", "plantedAuthTokenCase"),
            ("X-Security-Token", "plantedSecurityTokenCase"), ("X-Api-Key", "plantedApiKeyCase"),
            ("Proxy-Authorization", "Basic plantedProxyCase"), ("Cookie", "sid=plantedCookieCase"),
        ] {
            request.append(name: letterCase(name), value: value)
        }
        return Cassette(interactions: [
            Interaction(
                request: RecordedRequest(
                    method: "POST", url: "http://127.0.0.1:1/v3/auth/tokens", headers: request,
                    body: RecordedBody(content: .json([letterCase("Password"): "plantedPasswordCase"]))),
                response: RecordedResponse(
                    status: 201,
                    headers: [letterCase("X-Subject-Token"): "plantedSubjectCase", letterCase("Set-Cookie"): "sid=plantedSetCookieCase; Secure"],
                    body: RecordedBody(content: .json(["token": [letterCase("Access_Token"): "plantedAccessCase"]]))),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])
    }

    @Test(arguments: ["lower", "UPPER", "Title", "aLtErNaTiNg"])
    func namesInAnyLetterCaseAreRedacted(letterCase: String) throws {
        let cassette = Self.cassette { name in
            switch letterCase {
            case "lower": name.lowercased()
            case "UPPER": name.uppercased()
            case "Title": name
            default: String(name.enumerated().map { $0.offset.isMultiple(of: 2) ? Character($0.element.lowercased()) : Character($0.element.uppercased()) })
            }
        }
        let file = scratchRoot.appendingPathComponent("case-\(UUID().uuidString).json")
        try CassetteStore.write(Redactor.standard.redact(cassette), to: file)
        let bytes = try String(contentsOf: file, encoding: .utf8)
        for secret in [
            "plantedBearerCase", "plantedAuthTokenCase", "plantedSecurityTokenCase", "plantedApiKeyCase", "plantedProxyCase",
            "plantedCookieCase", "plantedPasswordCase", "plantedSubjectCase", "plantedSetCookieCase", "plantedAccessCase",
        ] {
            #expect(!bytes.contains(secret), "\(secret) survived with names in \(letterCase) case")
        }
        #expect(bytes.contains("; Secure"), "Set-Cookie attributes stay")
    }

    /// A registered secret is found however the URL's encoder percent-encoded it.
    @Test(arguments: ["planted.key%40corp~1", "planted%2Ekey%40corp%7E1", "planted.key@corp~1"])
    func aLiteralSecretIsFoundInEveryPercentEncodedForm(encoded: String) {
        let cassette = Cassette(interactions: [
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/v1/items?note=\(encoded)&page=2"),
                response: RecordedResponse(status: 200), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])
        let url = Redactor.standard.addingLiteralSecrets(["planted.key@corp~1"]).redact(cassette).interactions[0].request.url
        #expect(url == "http://127.0.0.1:1/v1/items?note=REDACTED-secret-1&page=2")
    }

    /// Re-recording in `missing` mode redacts the kept interactions again with the new ones.
    @Test func aNewSecretNeverTakesAPlaceholderAlreadyInTheCassette() {
        let once = Redactor.standard.redact(Self.cassette)
        #expect(Redactor.standard.redact(once) == once, "redacting twice changes nothing")
        let fresh = Interaction(
            request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/v1", headers: ["Authorization": "Bearer plantedNewToken"]),
            response: RecordedResponse(status: 200), recordedAt: Date(timeIntervalSince1970: 2), duration: 0)
        let again = Redactor.standard.redact(Cassette(interactions: once.interactions + [fresh]))
        let used = PlaceholderTable.highestNumber(in: String(decoding: once.jsonData(), as: UTF8.self))
        #expect(used > 1)
        let placeholder = again.interactions[2].request.headers["Authorization"] ?? ""
        #expect(placeholder.hasPrefix("Bearer REDACTED-bearer-"))
        let number = Int(placeholder.split(separator: "-").last ?? "") ?? 0
        #expect(number == used + 1, "numbering continues after the highest placeholder already there (\(used))")
        #expect(Array(again.interactions.prefix(2)) == once.interactions)
    }

    @Test func placeholdersAreDeterministicAndShared() {
        let once = Redactor.standard.redact(Self.cassette)
        #expect(once == Redactor.standard.redact(Self.cassette))
        let url = once.interactions[0].request.url
        let echo = once.interactions[0].response.body.json?["echo"]?.stringValue ?? ""
        let nonce = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "SignatureNonce" })?.value ?? "?"
        #expect(nonce.hasPrefix("REDACTED-signaturenonce-"))
        #expect(echo == "the nonce was \(nonce)")
        #expect(Redactor.isPlaceholder(nonce))
    }

    @Test func scrubbingFindsASecretAnywhereInATextAndOnlyWhole() {
        var table = PlaceholderTable(numberedAfter: 0)
        let placeholder = table.placeholder(for: "abcd/1234", kind: "token")
        let cases: [(String, String)] = [
            ("abcd/1234", placeholder),
            ("xx abcd/1234", "xx \(placeholder)"),
            ("aabcd/1234a", "a\(placeholder)a"),
            ("abcd/1234abcd/1234", placeholder + placeholder),
            ("abcd%2F1234 in a query", "\(placeholder) in a query"),
            ("abcd/123", "abcd/123"),
            ("aaaa abcd/12", "aaaa abcd/12"),
            ("", ""),
            ("ab", "ab"),
            ("é abcd/1234 ü", "é \(placeholder) ü"),
        ]
        for (text, expected) in cases { #expect(table.scrub(text) == expected, "\(text)") }
    }

    @Test func theHighestPlaceholderNumberIsFoundInAnyText() {
        let cases: [(String, Int)] = [
            ("", 0),
            ("no placeholder here", 0),
            ("REDACTED-", 0),
            ("REDACTED-token", 0),
            ("REDACTED-token-3", 3),
            ("a REDACTED-token-3 and REDACTED-x-auth-token-12, then REDACTED-key-5", 12),
            ("é REDACTED-token-7ü", 7),
            ("REDACTED-REDACTED-token-9", 9),
            ("\"REDACTED-secret-4-\"", 4),
            ("REDACTED-token-3.14", 3),
        ]
        for (text, expected) in cases { #expect(PlaceholderTable.highestNumber(in: text) == expected, "\(text)") }
    }
}
