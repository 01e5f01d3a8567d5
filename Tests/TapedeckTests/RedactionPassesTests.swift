import Foundation
import Testing

@testable import Tapedeck

/// A redaction seen one interaction at a time (`structural`, then `scrubbed`) gives
/// what redacting the whole recording at once gives.
struct RedactionPassesTests {
    @Test func twoPassRedactionEqualsRedactingTheWhole() {
        let token = "tok-0123456789-later"
        // The token is first seen in a body, and only later found as a credential.
        let interactions = [
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/a?project=p-42"),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"],
                    body: RecordedBody(data: Data("{\"hint\":\"\(token)\",\"old\":\"REDACTED-secret-4\"}".utf8), contentType: "application/json")),
                recordedAt: Date(timeIntervalSince1970: 1_763_800_000), duration: 0),
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1:1/b", headers: ["X-Auth-Token": token]),
                response: RecordedResponse(status: 204), recordedAt: Date(timeIntervalSince1970: 1_763_800_001), duration: 0),
        ]
        let redactor = Redactor.standard.addingLiteralSecrets(["p-42-literal"]).pseudonymising("p-42", kind: "project")
        var redaction = Redaction(redactor, numberedAfter: PlaceholderTable.highestNumber(in: interactions))
        for interaction in interactions { _ = redaction.structural(interaction) }
        let streamed = interactions.map { redaction.scrubbed(redaction.structural($0)) }
        #expect(streamed == redactor.redact(interactions))
        let text = String(decoding: Cassette(interactions: streamed).jsonData(), as: UTF8.self)
        #expect(!text.contains(token))
        #expect(text.contains("REDACTED-x-auth-token-6"), "numbered after the highest placeholder already there (4) and the literal (5)")
    }
}
