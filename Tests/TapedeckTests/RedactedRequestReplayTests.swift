import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

/// A request whose secrets were redacted when it was recorded still matches
/// the same request made again with the real secrets (placeholders match any value).
struct RedactedRequestReplayTests {
    static func session(recording request: RecordedRequest, redactor: Redactor) throws -> CassetteSession {
        let interaction = Interaction(
            request: request, response: RecordedResponse(status: 201, body: RecordedBody(content: .text("created"))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        let file = scratchRoot.appendingPathComponent("redacted-replay-\(UUID().uuidString).json")
        try CassetteStore.write(redactor.redact(Cassette(interactions: [interaction])), to: file)
        return try CassetteSession(CassetteConfiguration(file: file, mode: .never, redactor: redactor))
    }

    static func post(_ body: JSONValue) -> RecordedRequest {
        RecordedRequest(
            method: "POST", url: "http://127.0.0.1:1/v3/tokens", headers: ["Content-Type": "application/json"],
            body: RecordedBody(content: .json(body)))
    }

    @Test func aJSONBodyWithARedactedKeyMatchesTheRealRequest() throws {
        let real = Self.post(["auth": ["user": "alice", "password": "plantedPassword"]])
        let session = try Self.session(recording: real, redactor: .standard)
        guard case .replayed = session.deck.answer(real) else {
            Issue.record("the request that was recorded does not match its own recording")
            return
        }
        _ = try session.finish()
    }

    @Test func aJSONPathRuleAndARegexRuleInABodyStillMatch() throws {
        let redactor = try Redactor.standard.adding([.jsonPath("$.keys[*]", kind: "key"), .regex("sk_[a-z0-9]+", kind: "api-key")])
        let real = Self.post(["keys": ["plantedKeyOne", "plantedKeyTwo"], "note": "with sk_planted1"])
        let session = try Self.session(recording: real, redactor: redactor)
        guard case .replayed = session.deck.answer(real) else {
            Issue.record("the request that was recorded does not match its own recording")
            return
        }
        _ = try session.finish()
    }

    @Test func aDifferentNonSecretValueStillMisses() throws {
        let session = try Self.session(recording: Self.post(["user": "alice", "password": "plantedPassword"]), redactor: .standard)
        guard case .missed(let miss) = session.deck.answer(Self.post(["user": "bob", "password": "plantedPassword"])) else {
            Issue.record("a placeholder must not make the whole body match anything")
            return
        }
        #expect(miss.nearest.first?.differences.map(\.part) == ["body"])
        _ = try session.finish()
    }

    static func postForm(_ text: String) -> RecordedRequest {
        RecordedRequest(
            method: "POST", url: "http://127.0.0.1:1/v1/transfers", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: RecordedBody(content: .text(text)))
    }

    /// A placeholder in a form or text body stands for its own value only.
    @Test(arguments: [
        ("amount=10&to=alice&token=plantedFormToken", "amount=10&to=alice&token=anotherToken", true),
        ("amount=10&to=alice&token=plantedFormToken", "amount=99999&to=mallory", false),
        ("amount=10&to=alice&token=plantedFormToken", "amount=99999&to=mallory&token=anotherToken", false),
        ("amount=10&to=alice&token=plantedFormToken", "amount=10&to=alice&token=x&extra=1", false),
        ("note: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlcGxhbnRlZA ok", "note: Bearer other.jwt.value ok", true),
        ("note: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJlcGxhbnRlZA ok", "note: Bearer other.jwt.value and more", false),
    ])
    func aPlaceholderInAFormOrTextMatchesOnlyItsField(recorded: String, requested: String, matches: Bool) throws {
        let session = try Self.session(recording: Self.postForm(recorded), redactor: .standard)
        switch session.deck.answer(Self.postForm(requested)) {
        case .replayed: #expect(matches, "\(requested) must not match \(recorded)")
        default: #expect(!matches, "\(requested) must match \(recorded)")
        }
        _ = try session.finish()
    }
}
