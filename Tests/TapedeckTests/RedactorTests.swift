import Foundation
import Testing

@testable import Tapedeck

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
                url: "http://127.0.0.1:1/alibaba-petadata/?Action=DescribeTasks&AccessKeyId=LTAI5tPlantedKey000001&Signature=PlantedSignature%2B%2F%3D&SignatureNonce=planted-nonce-1&note=plantedLiteralFromEnv",
                headers: [
                    "x-auth-token": "MIIPlantedPKITokenAAAAAAAA", "AUTHORIZATION": "Bearer t1.plantedIamToken",
                    "Cookie": "session=plantedCookieValue; theme=dark",
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: RecordedBody(content: .text("a=1&token=plantedFormToken"))),
            response: RecordedResponse(
                status: 200,
                headers: ["Set-Cookie": "id=plantedSetCookie; Path=/; HttpOnly", "X-Subject-Token": "plantedSubjectToken"],
                body: RecordedBody(content: .json([
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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redacted-\(UUID().uuidString).json")
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
}
