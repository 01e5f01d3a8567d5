import Foundation
import Testing

@testable import Tapedeck

/// A request whose secrets were redacted when it was recorded still matches
/// the same request made again with the real secrets (placeholders match any value).
struct RedactedRequestReplayTests {
    static func session(recording request: RecordedRequest, redactor: Redactor) throws -> CassetteSession {
        let interaction = Interaction(
            request: request, response: RecordedResponse(status: 201, body: RecordedBody(content: .text("created"))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redacted-replay-\(UUID().uuidString).json")
        try CassetteStore.write(redactor.redact(Cassette(interactions: [interaction])), to: file)
        return try CassetteSession(file: file, mode: .never, matcher: redactor.matcher()) { $0 }
    }

    static func post(_ body: JSONValue) -> RecordedRequest {
        RecordedRequest(
            method: "POST", url: "http://127.0.0.1:1/v3/tokens", headers: ["Content-Type": "application/json"],
            body: RecordedBody(content: .json(body)))
    }

    @Test func aJSONBodyWithARedactedKeyMatchesTheRealRequest() throws {
        let real = Self.post(["auth": ["user": "alice", "password": "plantedPassword"]])
        let session = try Self.session(recording: real, redactor: .standard)
        guard case .hit = session.lookup(real) else {
            Issue.record("the request that was recorded does not match its own recording")
            return
        }
        _ = try session.finish()
    }

    @Test func aJSONPathRuleAndARegexRuleInABodyStillMatch() throws {
        let redactor = try Redactor.standard.adding([.jsonPath("$.keys[*]", kind: "key"), .regex("sk_[a-z0-9]+", kind: "api-key")])
        let real = Self.post(["keys": ["plantedKeyOne", "plantedKeyTwo"], "note": "with sk_planted1"])
        let session = try Self.session(recording: real, redactor: redactor)
        guard case .hit = session.lookup(real) else {
            Issue.record("the request that was recorded does not match its own recording")
            return
        }
        _ = try session.finish()
    }

    @Test func aDifferentNonSecretValueStillMisses() throws {
        let session = try Self.session(recording: Self.post(["user": "alice", "password": "plantedPassword"]), redactor: .standard)
        guard case .miss(let miss) = session.lookup(Self.post(["user": "bob", "password": "plantedPassword"])) else {
            Issue.record("a placeholder must not make the whole body match anything")
            return
        }
        #expect(miss.nearest.first?.differences.map(\.part) == ["body"])
        _ = try session.finish()
    }
}
