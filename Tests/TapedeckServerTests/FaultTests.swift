import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Faults injected for resilience tests: how they are written, how often they
/// strike, and what a client sees when they do.
struct FaultTests {
    @Test(arguments: [
        ("503@0.2", HTTPFault.status(503, rate: 0.2)), ("429", .status(429, rate: 1)), ("reset@0.05", .reset(rate: 0.05)),
        ("truncate@1", .truncate(rate: 1)), ("slow@0.5", .slowBody(rate: 0.5)), ("latency=250", .latency(milliseconds: 250)),
    ])
    func faultsAreReadAsWritten(text: String, fault: HTTPFault) throws {
        #expect(try HTTPFault(parsing: text) == fault)
        #expect(try HTTPFault(parsing: fault.description) == fault)
    }

    @Test(arguments: ["404@0.5", "reset@0", "reset@1.5", "latency=soon", "explode"])
    func badFaultsSayWhatWasExpected(text: String) {
        let error = #expect(throws: HTTPFault.SyntaxError.self) { try HTTPFault(parsing: text) }
        #expect(error?.description.contains("expected STATUS[@RATE]") == true)
    }

    static func ok() -> HTTPResponse {
        var body = ByteBuffer()
        body.writeString(String(repeating: "x", count: 1000))
        return HTTPResponse(status: .ok, body: body)
    }

    @Test func aRateHitsThatShareOfRequestsAndTheSameOnesEachRun() {
        let first = FaultInjector(faults: [.status(503, rate: 0.2)], seed: 42)
        let second = FaultInjector(faults: [.status(503, rate: 0.2)], seed: 42)
        let hits = (0..<2000).map { _ in first.apply(to: Self.ok()).status == .serviceUnavailable }
        let again = (0..<2000).map { _ in second.apply(to: Self.ok()).status == .serviceUnavailable }
        let count = hits.filter { $0 }.count
        #expect((320...480).contains(count), "20% of 2000 is 400; got \(count)")
        #expect(hits == again)
    }

    @Test func eachFaultShapesTheAnswer() {
        let tooMany = FaultInjector(faults: [.status(429, rate: 1)]).apply(to: Self.ok())
        #expect(tooMany.status == .tooManyRequests)
        #expect(tooMany.headers.first(name: "Retry-After") == "1")
        #expect(FaultInjector(faults: [.reset(rate: 1)]).apply(to: Self.ok()).delivery == .reset)
        #expect(FaultInjector(faults: [.truncate(rate: 1)]).apply(to: Self.ok()).delivery == .truncated(bytes: 500))
        let late = FaultInjector(faults: [.latency(milliseconds: 40), .slowBody(rate: 1)]).apply(to: Self.ok())
        #expect(late.delay == .milliseconds(40))
        #expect(late.delivery == .slow(chunkSize: 64, interval: .milliseconds(20)))
        #expect(FaultInjector(faults: []).apply(to: Self.ok()).delivery == .whole)
    }

    static func server(_ faults: [HTTPFault]) async throws -> CassetteServer {
        let folder = try scratchFolder("tapedeck-server-tests")
        let file = folder.appendingPathComponent("big.json")
        let body = Data(("[" + (0..<400).map { "{\"id\":\($0)}" }.joined(separator: ",") + "]").utf8)
        try CassetteStore.write(
            Cassette(interactions: [
                Interaction(
                    request: RecordedRequest(method: "GET", url: "http://api.example/big"),
                    response: RecordedResponse(status: 200, body: RecordedBody(data: body, contentType: "application/json")),
                    recordedAt: Date(), duration: 0)
            ]), to: file)
        return try await CassetteServer.started(.init(cassettes: [file], faults: faults, allowsRepeats: true))
    }

    @Test func aResetOrATruncatedBodyReachesTheClientAsAnError() async throws {
        for fault in [HTTPFault.reset(rate: 1), .truncate(rate: 1)] {
            let server = try await Self.server([fault])
            await #expect(throws: (any Error).self, "\(fault)") {
                _ = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("big"), session: URLSession(configuration: .ephemeral))
            }
            try await server.stop()
        }
    }

    @Test func aSlowBodyStillArrivesWhole() async throws {
        let server = try await Self.server([.slowBody(rate: 1)])
        let answer = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("big"))
        #expect(answer.status == 200)
        #expect(try JSONParser.parse(answer.body).arrayValue?.count == 400)
        try await server.stop()
    }

    @Test func anInjectedStatusIsServedAndJournaled() async throws {
        let server = try await Self.server([.status(503, rate: 1)])
        let answer = try await ServerFixture.fetch(server.baseURL.appendingPathComponent("big"))
        #expect(answer.status == 503)
        #expect(answer.headers["X-Tapedeck-Fault"] == "503")
        let journal = try JSONParser.parse(try await ServerFixture.fetch(server.baseURL.appendingPathComponent("__tapedeck/journal")).body)
        #expect(journal["requests"]?[0]?["status"]?.compactText == "503")
        try await server.stop()
    }
}
