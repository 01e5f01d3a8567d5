import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

struct SecretScannerTests {
    static func file(_ text: String) throws -> String {
        let url = scratchRoot.appendingPathComponent("scan-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func findsEachKindByPathWithoutPrintingTheSecret() throws {
        let path = try Self.file(
            #"""
            {"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,
             "request":{"method":"GET","url":"http://h/?AccessKeyId=LTAI5tLeakedKey0000001&Signature=abc",
               "headers":[["X-Auth-Token","MIIleaked"],["Authorization","Bearer t1.9euelZleakedleakedleakedleakedleakedleakedleaked00"]]},
             "response":{"status":200,"body":{"json":{"note":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln","env":"my-literal-secret"}}}}]}
            """#)
        let findings = try SecretScanner(literalSecrets: ["my-literal-secret"]).scan(file: path)
        let found = Dictionary(findings.map { ($0.path.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(
            found == [
                "$.interactions[0].request.url": "credential in query parameter AccessKeyId",
                "$.interactions[0].request.headers[0][1]": "credential in X-Auth-Token",
                "$.interactions[0].request.headers[1][1]": "credential in Authorization",
                "$.interactions[0].response.body.json.note": "jwt",
                "$.interactions[0].response.body.json.env": "registered secret value",
            ])
        for finding in findings {
            #expect(!finding.description.contains("leaked") && !finding.description.contains("LTAI5t"))
        }
    }

    @Test func placeholdersAreClean() throws {
        let path = try Self.file(
            #"""
            {"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,
             "request":{"method":"GET","url":"http://h/?AccessKeyId=REDACTED-secret-1&Signature=REDACTED-signature-2",
               "headers":[["X-Auth-Token","REDACTED-x-auth-token-3"],["Authorization","SDK-HMAC-SHA256 Access=REDACTED-access-key-4, SignedHeaders=host, Signature=REDACTED-signature-5"]]},
             "response":{"status":200}}]}
            """#)
        #expect(try SecretScanner().scan(file: path).isEmpty)
    }

    @Test func unparseableInputIsAnInputError() throws {
        let path = try Self.file("{\"version\": 1,\n")
        #expect(throws: InputError.self) { try SecretScanner().scan(file: path) }
    }

    /// A HAR repeats what headers, URL and body hold in `cookies`, `queryString`
    /// and `postData.params`; the scan reads those too, and a value that merely
    /// contains a placeholder is not clean.
    @Test func aHARsCookiesParamsAndPartlyRedactedValuesAreFindings() throws {
        let path = try Self.file(
            #"""
            {"log": {"version": "1.2", "entries": [
              {"startedDateTime": "2026-11-20T10:00:00.000Z", "time": 1,
               "request": {"method": "POST", "url": "https://h.example/login", "headers": [
                   {"name": "Content-Type", "value": "application/json"}, {"name": "X-Auth-Token", "value": "abc REDACTED-x-auth-token-1"}],
                 "cookies": [{"name": "sid", "value": "plantedHarCookie"}, {"name": "theme", "value": "REDACTED-cookie-2"}],
                 "postData": {"mimeType": "application/json", "text": "{\n  \"password\": \"plantedHarPassword\"\n}",
                   "params": [{"name": "client_secret", "value": "plantedHarParam"}, {"name": "user", "value": "alice"}]}},
               "response": {"status": 200, "headers": [], "cookies": [],
                 "content": {"mimeType": "application/json", "text": "{\"ok\": true}"}}}]}}
            """#)
        let found = Dictionary(try SecretScanner().scan(file: path).map { ($0.path.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(
            found == [
                "$.log.entries[0].request.headers[1].value": "credential in X-Auth-Token",
                "$.log.entries[0].request.postData.text": "credential in the body",
                "$.log.entries[0].request.cookies[0].value": "cookie sid",
                "$.log.entries[0].request.postData.params[0].value": "credential in client_secret",
            ])
    }
}
