import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP
import TapedeckServer
import TapedeckSimulator
import TapedeckTestSupport
import Testing

/// The HTTP layer under clients no library would write: malformed request
/// lines, huge heads, pipelined requests, stalls and early disconnects. Both
/// the replay server and the simulator sit on it.
struct HTTPRobustnessTests {
    static func replayServer(idleTimeoutMilliseconds idleTimeout: Int64 = 60_000) async throws -> CassetteServer {
        let folder = try scratchFolder("tapedeck-server-tests")
        return try await CassetteServer.started(
            .init(
                cassettes: [try ServerFixture.pagesCassette(4, in: folder)], allowsRepeats: true,
                limits: HTTPServer.Limits(idleTimeout: .milliseconds(idleTimeout))))
    }

    static func get(_ target: String, close: Bool = false) -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n"
    }

    @Test func aMalformedRequestLineGets400AndTheServerKeepsServing() async throws {
        let server = try await Self.replayServer()
        let connection = try #require(RawConnection(port: server.port))
        connection.send("THIS IS NOT HTTP\r\n\r\n")
        let answer = connection.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 400"))
        #expect(answer.closed)
        let healthy = try #require(RawConnection(port: server.port))
        healthy.send(Self.get("/api/items?page=1", close: true))
        #expect(healthy.receive().text.hasPrefix("HTTP/1.1 200"))
        try await server.stop()
    }

    @Test func aMegabyteOfHeadersGets431() async throws {
        let server = try await Self.replayServer()
        let connection = try #require(RawConnection(port: server.port))
        connection.send("GET /api/items?page=1 HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n")
        let answer = connection.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 431"))
        #expect(answer.text.contains("request head too large"))
        try await server.stop()
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let server = try await Self.replayServer()
        let connection = try #require(RawConnection(port: server.port))
        connection.send((1...4).map { Self.get("/api/items?page=\($0)", close: $0 == 4) }.joined())
        let answer = connection.receive()
        #expect(answer.closed)
        let pages = answer.text.components(separatedBy: "{\"page\":").dropFirst().map { $0.prefix(1) }
        #expect(pages == ["1", "2", "3", "4"])
        #expect(answer.text.components(separatedBy: "HTTP/1.1 200 OK").count == 5)
        try await server.stop()
    }

    @Test func aClientThatStallsMidRequestIsDisconnectedAfterTheIdleTimeout() async throws {
        let server = try await Self.replayServer(idleTimeoutMilliseconds: 300)
        let connection = try #require(RawConnection(port: server.port, timeout: 5))
        connection.send("GET /api/items?page=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
        let answer = connection.receive()
        #expect(answer.closed, "the server should close a stalled connection instead of holding it forever")
        #expect(answer.text.isEmpty)
        try await server.stop()
    }

    @Test func clientsThatVanishMidExchangeDoNotStopTheServer() async throws {
        let server = try await Self.replayServer()
        for _ in 0..<20 {
            let connection = try #require(RawConnection(port: server.port))
            connection.send("GET /api/items?page=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial")
        }
        for _ in 0..<20 {
            let connection = try #require(RawConnection(port: server.port))
            connection.send(Self.get("/api/items?page=2"))
        }
        let healthy = try #require(RawConnection(port: server.port))
        healthy.send(Self.get("/api/items?page=3", close: true))
        let answer = healthy.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 200"))
        #expect(answer.text.hasSuffix("{\"page\":3}"))
        try await server.stop()
    }

    @Test func theSimulatorSharesTheSameProtection() async throws {
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(tasksPerInstance: 5))
        try await simulator.start()
        let big = try #require(RawConnection(port: simulator.port))
        big.send("GET /otc-ddm/v3/p/jobs HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n")
        #expect(big.receive().text.hasPrefix("HTTP/1.1 431"))
        let bad = try #require(RawConnection(port: simulator.port))
        bad.send("THIS IS NOT HTTP\r\n\r\n")
        #expect(bad.receive().text.hasPrefix("HTTP/1.1 400"))
        let healthy = try #require(RawConnection(port: simulator.port))
        healthy.send(Self.get("/__tapedeck/drift", close: true))
        #expect(healthy.receive().text.hasPrefix("HTTP/1.1 200"))
        try await simulator.stop()
    }

    @Test func pipelinedRequestsWaitForTheAnswerStillUnderWayAheadOfThem() async throws {
        let server = try await HTTPServer(responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port))
        let body = String(repeating: "b", count: 20_000)
        connection.send(
            Self.get("/slow") + "POST /fast HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                + "HEAD /fast HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + Self.get("/fast", close: true))
        let answer = connection.receive()
        #expect(answer.closed)
        let answers = answer.text.components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst()
        try #require(answers.count == 4, "four answers, in order: \(answer.text)")
        #expect(answers[1].hasSuffix("\r\n\r\n4\r\nslow\r\n0\r\n\r\n"), "the streamed answer comes first, though the others were ready before it")
        #expect(answers[2].hasSuffix("\r\n\r\nfast 20000"))
        #expect(answers[3].contains("Content-Length: 6\r\n") && answers[3].hasSuffix("\r\n\r\n"), "a HEAD answer has its length and no body")
        #expect(answers[4].hasSuffix("\r\n\r\nfast 0"))
        try await server.stop()
    }

    @Test func aHeadAnswerStreamedWithoutALengthLeavesTheConnectionInStep() async throws {
        let server = try await HTTPServer(responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port))
        connection.send("HEAD /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + Self.get("/fast", close: true))
        let answers = connection.receive().text.components(separatedBy: "HTTP/1.1 200 OK\r\n").dropFirst()
        try #require(answers.count == 2)
        #expect(
            answers[1].hasSuffix("\r\n\r\n") && answers[1].components(separatedBy: "\r\n\r\n").count == 2,
            "a HEAD answer ends with its head, no chunk after it: \(answers[1].debugDescription)")
        #expect(answers[2].hasSuffix("\r\n\r\nfast 0"))
        try await server.stop()
    }

    /// A malformed request, and a `CONNECT` to a forward proxy, each pipelined behind an answer still under way.
    @Test(arguments: [
        ("THIS IS NOT HTTP\r\n\r\n", "HTTP/1.1 400"), ("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", "HTTP/1.1 403"),
    ])
    func aRefusalBehindAnAnswerUnderWayComesAfterIt(behind: String, refusal: String) async throws {
        let server = try await HTTPServer(tunnels: RefusedTunnels(), responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port))
        connection.send(Self.get("/slow") + behind)
        let answer = connection.receive()
        #expect(answer.closed)
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK"), "the answer ahead comes first: \(answer.text)")
        let refused = try #require(answer.text.range(of: refusal))
        #expect(answer.text[..<refused.lowerBound].hasSuffix("4\r\nslow\r\n0\r\n\r\n"))
        try await server.stop()
    }

    @Test func aHeaderValueWithALineBreakIsNeverSent() async throws {
        let server = try await HTTPServer(responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port))
        connection.send(Self.get("/inject") + Self.get("/fast", close: true))
        let answer = connection.receive()
        #expect(answer.closed)
        #expect(!answer.text.contains("Injected"), "a recorded header must not add a header of its own: \(answer.text)")
        try await server.stop()
    }

    @Test func aStopWaitsForARecordedAnswerTheSocketHasNotTakenYet() async throws {
        let server = try await HTTPServer(responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port, receiveBuffer: 4096))
        connection.send(Self.get("/big"))
        // The socket holds a part of the answer; the rest waits in the server.
        try await Task.sleep(for: .milliseconds(200))
        let stopped = Task { try await server.stop() }
        let received = connection.count(upTo: OrderProbe.big + 100)
        try await stopped.value
        #expect(received > OrderProbe.big, "the whole answer, head and body, before the server stopped")
    }

    @Test func anAnswerUnderWayOutlastsTheIdleTimeout() async throws {
        let server = try await HTTPServer(limits: HTTPServer.Limits(idleTimeout: .milliseconds(50)), responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port))
        connection.send(Self.get("/slow", close: true))
        let answer = connection.receive()
        #expect(answer.text.hasPrefix("HTTP/1.1 200 OK") && answer.text.contains("slow"), "the client waits for its answer: \(answer.text)")
        try await server.stop()
    }

    @Test func aClientThatStopsReadingItsAnswerIsDisconnectedAfterTheIdleTimeout() async throws {
        let server = try await HTTPServer(limits: HTTPServer.Limits(idleTimeout: .milliseconds(200)), responder: OrderProbe())
        let connection = try #require(RawConnection(port: server.port, receiveBuffer: 4096))
        connection.send(Self.get("/big"))
        try await Task.sleep(for: .seconds(1))
        let received = connection.count(upTo: OrderProbe.big)
        #expect(received < OrderProbe.big, "the server should have given up on a client that stopped reading")
        try await server.stop()
    }
}

/// Answers `/fast` at once, from bytes encoded beforehand, with the length of
/// the request body; streams `/slow` a moment later; and `/inject` carries a
/// header value that would split the head; `/big` is more than socket buffers hold.
private struct OrderProbe: HTTPResponder {
    static let big = 16 << 20

    func respondImmediately(to request: HTTPRequest) -> HTTPResponse? {
        switch request.uri {
        case "/fast": HTTPResponse(status: .ok, body: ByteBuffer(string: "fast \(request.body.readableBytes)")).encodedOnce()
        case "/inject": HTTPResponse(status: .ok, headers: ["X-Note": "a\r\nInjected: yes"], body: ByteBuffer(string: "x")).encodedOnce()
        case "/big": HTTPResponse(status: .ok, body: ByteBuffer(repeating: 0x61, count: Self.big)).encodedOnce()
        default: nil
        }
    }

    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
        stream.eventLoop.scheduleTask(in: .milliseconds(200)) {
            stream.head(status: .ok, headers: [:])
            stream.body(ByteBuffer(string: "slow"))
            stream.end()
        }
    }
}

/// Refuses every tunnel.
private struct RefusedTunnels: TunnelResponder {
    func tunnel(to host: String, port: Int, on eventLoop: any EventLoop) -> EventLoopFuture<Tunnel> {
        eventLoop.makeSucceededFuture(.refuse(HTTPResponse(status: .forbidden, body: ByteBuffer(string: "no tunnels here\n"))))
    }

    func tunnelFailed(to host: String, error: any Error) {}
}
