import Foundation
import Synchronization
import Tapedeck
import TapedeckServer
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Replay over HTTP: recorded answers in order, misses explained, admin endpoints.
struct CassetteServerTests {
    /// Three identical `GET /status` recordings answering `turn 1`, `turn 2`, `turn 3`.
    static func twins(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("twins.json")
        let twins = (1...3).map { turn in
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://api.example/status"),
                response: RecordedResponse(status: 200, body: RecordedBody(data: Data("turn \(turn)".utf8), contentType: "text/plain")),
                recordedAt: Date(), duration: 0)
        }
        try CassetteStore.write(Cassette(interactions: twins), to: file)
        return file
    }

    @Test func identicalRequestsGetTheirRecordingsInOrderThenAMissReport() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let file = try Self.twins(in: folder)
        let server = try await CassetteServer.started(.init(cassettes: [file]))
        var bodies: [String] = []
        for _ in 1...3 {
            let answer = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("status"))
            bodies.append(String(decoding: answer.body, as: UTF8.self))
        }
        #expect(bodies == ["turn 1", "turn 2", "turn 3"])
        let fourth = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("status"))
        #expect(fourth.status == 490)
        let report = try JSONParser.parse(fourth.body)
        #expect(report["nearest"]?[0]?["note"]?.stringValue?.contains("already served") == true)
        let summary = try await server.stop()
        #expect(summary.replayed == 3)
        #expect(summary.misses.count == 1)
        #expect(summary.saved == false)
    }

    @Test func withRepeatsIdenticalRecordingsComeRoundAgainInOrder() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let file = try Self.twins(in: folder)
        let server = try await CassetteServer.started(.init(cassettes: [file], allowsRepeats: true))
        var bodies: [String] = []
        for _ in 1...7 {
            bodies.append(String(decoding: try await ServerFixture.fetch(server.baseURL.appendingPathComponent("status")).body, as: UTF8.self))
        }
        #expect(bodies == ["turn 1", "turn 2", "turn 3", "turn 1", "turn 2", "turn 3", "turn 1"])
        try await server.stop()
    }

    @Test func aMissNamesTheClosestInteractionAndWhatDiffers() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(3, in: folder)]))
        let answer = try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(server.port)/api/items?page=9")!)
        #expect(answer.status == 490)
        #expect(answer.headers["X-Tapedeck-Miss"] == "1")
        let report = try JSONParser.parse(answer.body)
        let nearest = try #require(report["nearest"]?.arrayValue)
        #expect(nearest.count == 3)
        #expect(nearest[0]["cassette"]?.stringValue == "pages.json")
        #expect(nearest[0]["differences"]?[0]?["part"]?.stringValue == "query page")
        #expect(nearest[0]["differences"]?[0]?["requested"]?.stringValue == "\"9\"")
        let elsewhere = try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(server.port)/api/other")!)
        let empty = try JSONParser.parse(elsewhere.body)
        #expect(empty["nearest"]?.arrayValue?.isEmpty == true)
        #expect(empty["hint"]?.stringValue?.contains("no recorded GET request has this path") == true)
        try await server.stop()
    }

    @Test func noSecretReachesTheMissReportTheJournalOrTheLog() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let lines = LogLines()
        let server = try await CassetteServer.started(
            .init(
                cassettes: [try ServerFixture.pagesCassette(2, in: folder)],
                redactor: Redactor.standard.addingLiteralSecrets(["sekrit-value-1234567"]), log: lines.append))
        let url = "http://127.0.0.1:\(server.port)/api/items?page=9&AccessKeyId=LTAI5tLeakCheck000000001&token=sekrit-value-1234567"
        let report = String(decoding: try await ServerFixture.fetch(URL(string: url)!).body, as: UTF8.self)
        let journal = String(decoding: try await ServerFixture.fetch(server.baseURL.appendingPathComponent("__tapedeck/journal")).body, as: UTF8.self)
        try await server.stop()
        for text in [report, journal, lines.all] {
            #expect(text.contains("page=9"), "the report still says what was asked: \(text)")
            #expect(!text.contains("LTAI5tLeakCheck000000001"))
            #expect(!text.contains("sekrit-value-1234567"))
        }
    }

    @Test func severalCassettesAreServedAsOne() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let first = try ServerFixture.pagesCassette(2, in: folder, name: "a.json")
        let other = folder.appendingPathComponent("b.json")
        try CassetteStore.write(
            Cassette(interactions: [
                Interaction(
                    request: RecordedRequest(method: "GET", url: "http://api.example/api/other"),
                    response: RecordedResponse(status: 204), recordedAt: Date(), duration: 0)
            ]), to: other)
        let server = try await CassetteServer.started(.init(cassettes: [first, other]))
        #expect(server.interactionCount == 3)
        #expect(try await ServerFixture.fetch(server.baseURL.appendingPathComponent("api/other")).status == 204)
        let journal = try JSONParser.parse(try await ServerFixture.fetch(server.baseURL.appendingPathComponent("__tapedeck/journal")).body)
        #expect(journal["requests"]?[0]?["interaction"]?["cassette"]?.stringValue == "b.json")
        try await server.stop()
    }

    @Test func adminEndpointsShowTheJournalTheUnusedAndReset() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(.init(cassettes: [try ServerFixture.pagesCassette(3, in: folder)]))
        let admin = server.baseURL.appendingPathComponent("__tapedeck")
        _ = try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(server.port)/api/items?page=2")!)
        let unused = try JSONParser.parse(try await ServerFixture.fetch(admin.appendingPathComponent("unused")).body)
        #expect(unused["unused"]?.arrayValue?.compactMap { $0["index"]?.compactText } == ["0", "2"])
        let journal = try JSONParser.parse(try await ServerFixture.fetch(admin.appendingPathComponent("journal")).body)
        #expect(journal["total"]?.compactText == "1")
        #expect(journal["requests"]?[0]?["outcome"]?.stringValue == "replayed")
        #expect(journal["requests"]?[0]?["uri"]?.stringValue == "/api/items?page=2")

        #expect(try await ServerFixture.fetch(admin.appendingPathComponent("reset")).status == 405)
        #expect(try await ServerFixture.fetch(admin.appendingPathComponent("nothing")).status == 404)
        #expect(try await ServerFixture.fetch(admin.appendingPathComponent("reset"), method: "POST").status == 200)
        let afterReset = try JSONParser.parse(try await ServerFixture.fetch(admin.appendingPathComponent("unused")).body)
        #expect(afterReset["unused"]?.arrayValue?.count == 3)
        let emptied = try JSONParser.parse(try await ServerFixture.fetch(admin.appendingPathComponent("journal")).body)
        #expect(emptied["total"]?.compactText == "0")
        let again = try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(server.port)/api/items?page=2")!)
        #expect(again.body == Data("{\"page\":2}".utf8))
        try await server.stop()
    }

    @Test func recordedLatencyIsReplayedAsADelayNotAChangeOfBody() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await CassetteServer.started(
            .init(cassettes: [try ServerFixture.pagesCassette(1, in: folder)], latency: .fixed(milliseconds: 30)))
        let answer = try await ServerFixture.fetch(URL(string: "http://127.0.0.1:\(server.port)/api/items?page=1")!)
        #expect(answer.body == Data("{\"page\":1}".utf8))
        try await server.stop()
        #expect(ReplayLatency(argument: "recorded") == .recorded)
        #expect(ReplayLatency(argument: "250") == .fixed(milliseconds: 250))
        #expect(ReplayLatency(argument: "soon") == nil)
    }

    @Test func badConfigurationsAreExplained() throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let missing = folder.appendingPathComponent("nothing-here.json")
        #expect(throws: InputError.self) { try CassetteServer(configuration: .init(cassettes: [missing])) }
        let error = try #require(throws: InputError.self) {
            try CassetteServer(configuration: .init(cassettes: [missing], mode: .missing))
        }
        #expect(error.description.contains("upstream"))
        let two = try #require(throws: InputError.self) {
            try CassetteServer(
                configuration: .init(cassettes: [missing, missing], mode: .all, upstream: URL(string: "http://127.0.0.1:1")))
        }
        #expect(two.description.contains("exactly one cassette"))
    }
}

/// Collects a server's log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}
