import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Tapedeck
import TapedeckServer
import TapedeckTestSupport
import Testing

/// The recording proxy keeps its upstream connections alive and shares them
/// between client connections; a kept connection that the upstream closed under
/// a request costs the client nothing when the request may be sent again.
struct UpstreamPoolTests {
    /// An upstream on bare sockets that answers each request with its request
    /// line, the number of its connection and its own number on it.
    final class ScriptedUpstream: Sendable {
        enum Script {
            /// Every answer with its length, the connection kept.
            case keptAlive
            /// A connection closed, unanswered, when the second request comes on it.
            case dropsSecond
            /// Every answer without a length, ended by closing the connection.
            case closeDelimited
        }

        /// How many connections were opened.
        final class Tally: Sendable { let value = Atomic(0) }
        let connections = Tally()
        private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        private let channel: any Channel

        init(_ script: Script) async throws {
            let connections = self.connections
            channel = try await ServerBootstrap(group: group)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let number = connections.value.add(1, ordering: .relaxed).newValue
                        try channel.pipeline.syncOperations.addHandler(Connection(number: number, script: script))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
        }

        var url: URL { URL(string: "http://127.0.0.1:\(channel.localAddress?.port ?? 0)")! }

        func stop() async throws {
            try await channel.close()
            try await group.shutdownGracefully()
        }

        final class Connection: ChannelInboundHandler {
            typealias InboundIn = ByteBuffer
            typealias OutboundOut = ByteBuffer
            let number: Int
            let script: Script
            private var pending = ""
            private var answered = 0

            init(number: Int, script: Script) {
                self.number = number
                self.script = script
            }

            func channelRead(context: ChannelHandlerContext, data: NIOAny) {
                pending += String(buffer: unwrapInboundIn(data))
                while let end = pending.range(of: "\r\n\r\n") {
                    let length =
                        pending[..<end.lowerBound].components(separatedBy: "\r\n")
                        .first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                    guard pending[end.upperBound...].utf8.count >= length else { return }
                    let requestLine = pending.prefix { $0 != "\r" }.split(separator: " ").prefix(2).joined(separator: " ")
                    pending = String(pending[end.upperBound...].dropFirst(length))
                    answered += 1
                    if script == .dropsSecond, answered == 2 { return context.close(promise: nil) }
                    let body = "\(requestLine): connection \(number), request \(answered)"
                    guard script != .closeDelimited else {
                        let answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n\(body)"
                        let channel = context.channel
                        return context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer))).whenComplete { _ in channel.close(promise: nil) }
                    }
                    let answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)), promise: nil)
                }
            }
        }
    }

    @Test func clientConnectionsShareTheKeptUpstreamConnectionsOfTheirEventLoop() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try await ScriptedUpstream(.keptAlive)
        let cassette = folder.appendingPathComponent("pooled.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.url))
        // Each request on a client connection of its own, closed after the answer.
        let requests = 3 * System.coreCount
        var answers: [String] = []
        for index in 0..<requests {
            let connection = try #require(RawConnection(port: proxy.port, timeout: 10))
            connection.send("GET /item/\(index) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answers.append(connection.receive().text)
        }
        #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200 OK") }, "\(answers.filter { !$0.hasPrefix("HTTP/1.1 200 OK") })")
        let opened = upstream.connections.value.load(ordering: .relaxed)
        #expect(opened <= System.coreCount, "\(requests) requests opened \(opened) upstream connections; the proxy has \(System.coreCount) event loops")
        #expect(answers.contains { $0.hasSuffix("request 3") }, "no upstream connection served three requests")
        try await proxy.stop()
        try await upstream.stop()
        #expect(try CassetteStore.load(cassette).interactions.count == requests)
    }

    @Test func aKeptConnectionTheUpstreamDroppedIsRetriedForAGetButNotForAPost() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try await ScriptedUpstream(.dropsSecond)
        let cassette = folder.appendingPathComponent("dropped.json")
        let origin = upstream.url.absoluteString
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.url))
        let client = try #require(RawConnection(port: proxy.port, timeout: 10))

        client.send("GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(client.receive { $0.hasSuffix("request 1") }.text.hasSuffix("GET /first: connection 1, request 1"))
        // Sent on the kept connection, which the upstream closes: once more on a new one.
        client.send("GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let retried = client.receive { $0.hasSuffix("request 1") }.text
        #expect(retried.hasPrefix("HTTP/1.1 200 OK") && retried.hasSuffix("GET /second: connection 2, request 1"), "\(retried)")
        // A POST may have been acted on: it is not sent twice, and the client learns why.
        client.send("POST /third HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
        let failed = client.receive { $0.contains("the upstream closed the connection") }.text
        #expect(failed.hasPrefix("HTTP/1.1 502") && failed.contains("the upstream closed the connection"), "\(failed)")
        #expect(upstream.connections.value.load(ordering: .relaxed) == 2)

        try await proxy.stop()
        try await upstream.stop()
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.map(\.request.url) == ["\(origin)/first", "\(origin)/second"])
    }

    @Test func anAnswerEndedByTheCloseLeavesNoConnectionForThePipelinedRequestAfterIt() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try await ScriptedUpstream(.closeDelimited)
        let proxy = try await CassetteServer.started(
            .init(cassettes: [folder.appendingPathComponent("closed.json")], mode: .all, upstream: upstream.url))
        let client = try #require(RawConnection(port: proxy.port, timeout: 10))
        // Pipelined: the POST is read as soon as the GET's answer ends, which is when its upstream connection closes.
        client.send(
            "GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /second HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
        let answers = client.receive { $0.contains("POST /second: ") }.text
        #expect(answers.contains("GET /first: connection 1, request 1"), "\(answers)")
        #expect(answers.contains("POST /second: connection 2, request 1"), "\(answers)")
        #expect(!answers.contains("502"), "\(answers)")
        try await proxy.stop()
        try await upstream.stop()
    }

    @Test func anAbsoluteURLWithAQueryAndNoPathGoesUpstreamAsSlashQuery() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = try await ScriptedUpstream(.keptAlive)
        let origin = upstream.url.absoluteString
        let cassette = folder.appendingPathComponent("query.json")
        let proxy = try await CassetteServer.started(.init(cassettes: [cassette], mode: .all, upstream: upstream.url))
        let client = try #require(RawConnection(port: proxy.port, timeout: 10))
        client.send("GET \(origin)?page=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = client.receive { $0.hasSuffix("request 1") }.text
        #expect(answer.hasSuffix("GET /?page=2: connection 1, request 1"), "\(answer)")
        try await proxy.stop()
        try await upstream.stop()
        #expect(try CassetteStore.load(cassette).interactions.map(\.request.url) == ["\(origin)/?page=2"])
    }
}
