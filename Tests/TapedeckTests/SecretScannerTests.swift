import Foundation
import Testing

@testable import Tapedeck

struct SecretScannerTests {
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func findsEachKindByPathWithoutPrintingTheSecret() throws {
        let path = try Self.file(#"""
            {"version":1,"interactions":[{"recordedAt":"2026-11-22T10:00:00.000Z","durationMs":1,
             "request":{"method":"GET","url":"http://h/?AccessKeyId=LTAI5tLeakedKey0000001&Signature=abc",
               "headers":[["X-Auth-Token","MIIleaked"],["Authorization","Bearer t1.9euelZleakedleakedleakedleakedleakedleakedleaked00"]]},
             "response":{"status":200,"body":{"json":{"note":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2ln","env":"my-literal-secret"}}}}]}
            """#)
        let findings = try SecretScanner(literalSecrets: ["my-literal-secret"]).scan(file: path)
        let found = Dictionary(findings.map { ($0.path.description, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(found == [
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
        let path = try Self.file(#"""
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
}
