import Foundation
import Testing

@testable import Tapedeck
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Pseudonymisation: a registered identifier becomes the same stand-in in path,
/// query and body, and a live request made with the real identifier still
/// finds the pseudonymised recording.
struct RedactorPseudonymTests {
    static let project = "0a1b2c3d4e5f6a7b8c9d"
    static let user = "u-7777"
    static let redactor = Redactor.standard.pseudonymising(project, kind: "project").pseudonymising(user, kind: "user")

    static func interaction(_ url: String, body: RecordedBody = RecordedBody(content: .empty), response: JSONValue) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "POST", url: url, headers: ["Content-Type": "application/json"], body: body),
            response: RecordedResponse(status: 200, headers: ["Content-Type": "application/json"], body: RecordedBody(content: .json(response))),
            recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
    }

    static let cassette = Cassette(interactions: [
        interaction(
            "http://127.0.0.1:1/v3/\(project)/instances?owner=\(user)&limit=10",
            body: RecordedBody(content: .json(["project_id": .string(project), "note": "for u-7777 only"])),
            response: ["project_id": .string(project), "owner": .string(user), "other": "u-77770 is another user"]),
        interaction("http://127.0.0.1:1/v3/\(project)/jobs", response: ["project": .string(project)]),
    ])

    @Test func theSameIdentifierBecomesTheSameStandInInPathQueryAndBody() throws {
        let redacted = Self.redactor.redact(Self.cassette)
        let first = redacted.interactions[0]
        #expect(first.request.url == "http://127.0.0.1:1/v3/pseudo-project-1/instances?owner=pseudo-user-1&limit=10")
        #expect(first.request.body.json?["project_id"]?.stringValue == "pseudo-project-1")
        #expect(first.request.body.json?["note"]?.stringValue == "for pseudo-user-1 only")
        #expect(first.response.body.json?["owner"]?.stringValue == "pseudo-user-1")
        #expect(first.response.body.json?["other"]?.stringValue == "u-77770 is another user", "only whole tokens are replaced")
        #expect(redacted.interactions[1].request.url == "http://127.0.0.1:1/v3/pseudo-project-1/jobs")
        #expect(redacted.interactions[1].response.body.json?["project"]?.stringValue == "pseudo-project-1")
        #expect(redacted == Self.redactor.redact(Self.cassette), "deterministic")
    }

    @Test func standInsAreNumberedPerKindInRegistrationOrder() {
        var pseudonyms = Pseudonyms()
        #expect(pseudonyms.register("p-1", kind: "Project") == "pseudo-project-1")
        #expect(pseudonyms.register("u-1", kind: "user") == "pseudo-user-1")
        #expect(pseudonyms.register("p-2", kind: "project") == "pseudo-project-2")
        #expect(pseudonyms.register("p-1", kind: "project") == "pseudo-project-1", "registering again keeps the stand-in")
        #expect(pseudonyms.register("", kind: "project") == nil)
        #expect(pseudonyms.apply(to: "/p-1/p-2/p-10") == "/pseudo-project-1/pseudo-project-2/p-10")
        pseudonyms.register("ann.lee@corp", kind: "user")
        #expect(pseudonyms.apply(to: "?a=ann.lee%40corp&b=ann%2Elee%40corp&c=ann.lee@corp") == "?a=pseudo-user-2&b=pseudo-user-2&c=pseudo-user-2")
    }

    /// Writes the pseudonymised cassette and opens it for replay with `matcher`.
    static func replaySession(replayingWith replayer: Redactor = redactor) throws -> CassetteSession {
        let file = scratchRoot.appendingPathComponent("pseudo-\(UUID().uuidString).json")
        try CassetteStore.write(redactor.redact(cassette), to: file)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(!written.contains(project) && !written.contains("u-7777\""), "the real identifiers are not on disk")
        return try CassetteSession(CassetteConfiguration(file: file, mode: .never, redactor: replayer))
    }

    @Test func aRequestWithTheRealIdentifierMatchesThePseudonymisedRecording() async throws {
        let session = try Self.replaySession()
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:1/v3/\(Self.project)/instances?limit=10&owner=\(Self.user)")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"note":"for u-7777 only","project_id":"0a1b2c3d4e5f6a7b8c9d"}"#.utf8)
        let (data, response) = try await session.urlSession().data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains(#""owner":"pseudo-user-1""#))
        let jobs = session.deck.answer(RecordedRequest(method: "POST", url: "http://127.0.0.1:1/v3/\(Self.project)/jobs"))
        guard case .replayed(let index, _) = jobs else { Issue.record("the jobs request missed: \(jobs)"); return }
        #expect(index == 1)
        let summary = try session.finish()
        #expect(summary.misses.isEmpty)
        #expect(summary.unused.isEmpty)
    }

    @Test func withoutTheMappingTheRealIdentifierMisses() throws {
        // A redactor without the mapping derives a plain matcher, which cannot know the stand-in.
        let session = try Self.replaySession(replayingWith: .standard)
        guard case .missed = session.deck.answer(RecordedRequest(method: "POST", url: "http://127.0.0.1:1/v3/\(Self.project)/jobs")) else {
            Issue.record("a plain matcher cannot know the stand-in, so this must miss")
            return
        }
        _ = try session.finish()
    }
}
