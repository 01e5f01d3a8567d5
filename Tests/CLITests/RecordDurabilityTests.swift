import Foundation
import Tapedeck
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Each way a recording proxy can die loses at most the exchanges in flight:
/// every exchange a client had its answer to is on disk, redacted, and the next
/// start (or `record --recover`) makes it into the cassette.
struct RecordDurabilityTests {
    typealias Running = RecordCommandTests.Running

    /// The simulator, and a recording proxy in front of it into `cassette`.
    static func proxy(into cassette: URL, arguments: [String] = []) throws -> (simulator: Running, proxy: Running, port: Int) {
        let simulator = try Running(["sim", "--port", "0", "--tasks", "12"])
        let simulatorPort = try #require(RecordCommandTests.port(in: simulator.line(containing: "yandex-backup")))
        let proxy = try Running(["record", "--upstream", "http://127.0.0.1:\(simulatorPort)", "--cassette", cassette.path] + arguments, errors: true)
        let port = try #require(RecordCommandTests.port(in: proxy.line(containing: "Recording")))
        return (simulator, proxy, port)
    }

    /// Fetches `count` Yandex pages through the proxy, one after another, each answered 200.
    static func fetchPages(_ count: Int, through port: Int) throws {
        for page in 0..<count {
            let result = try TapedeckBinary.run(
                program: URL(fileURLWithPath: "/usr/bin/curl"),
                [
                    "-sf", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(RecordCommandTests.yandexToken)",
                    "http://127.0.0.1:\(port)/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=\(page + 1)",
                ], timeout: 30)
            #expect(result.stdout == "200")
        }
    }

    /// With `--fsync-each-exchange`, every exchange is on disk before its client has the
    /// end of its answer: a kill the moment the last answer is in loses none of them.
    @Test func killedWithSIGKILLEveryAnsweredExchangeIsRecovered() throws {
        try Self.expectRecoveryAfterSIGKILL(of: 5, arguments: ["--fsync-each-exchange"], waitingForTheWriter: false)
    }

    /// By default an exchange is written right behind its answer, not on the client's
    /// path: every exchange answered is in the journal soon after (while the recorder
    /// is still running, not at its stop), and whatever is there survives a kill.
    @Test func killedWithSIGKILLRightBehindTheAnswersEveryExchangeIsRecovered() throws {
        try Self.expectRecoveryAfterSIGKILL(of: 5, arguments: [], waitingForTheWriter: true)
    }

    static func expectRecoveryAfterSIGKILL(of count: Int, arguments: [String], waitingForTheWriter: Bool) throws {
        let folder = try scratchFolder("tapedeck-durable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("killed.json")
        let (simulator, proxy, port) = try Self.proxy(into: cassette, arguments: arguments)
        defer { _ = simulator.stop(with: SIGTERM) }
        try Self.fetchPages(count, through: port)
        if waitingForTheWriter {
            let index = CassetteJournal.paths(for: cassette).index
            func written() -> Int {
                // The header line, then a line a record.
                ((try? String(contentsOf: index, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
            }
            let deadline = ContinuousClock.now + .seconds(10)
            while written() < count, ContinuousClock.now < deadline { usleep(2_000) }
            #expect(written() == count, "the writer keeps up with the answers while the recorder runs")
        }
        // At once: no grace for the recorder after the last answer (or the last record).
        #expect(proxy.stop(with: SIGKILL) != 0)
        #expect(!FileManager.default.fileExists(atPath: cassette.path))
        let recovered = try TapedeckBinary.run(["record", "--recover", cassette.path])
        #expect(recovered.status == 0)
        #expect(recovered.stdout.contains("recovered \(count) exchanges into \(cassette.path)"), "\(recovered.stdout)")
        let text = try String(contentsOf: cassette, encoding: .utf8)
        #expect(try CassetteStore.load(cassette).interactions.count == count)
        #expect(!text.contains(RecordCommandTests.yandexToken))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["killed.json"], "nothing is left beside it")
    }

    @Test func theNextStartRecoversWhatAKilledRecorderLeft() throws {
        let folder = try scratchFolder("tapedeck-durable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("restarted.json")
        let first = try Self.proxy(into: cassette, arguments: ["--fsync-each-exchange"])
        defer { _ = first.simulator.stop(with: SIGTERM) }
        try Self.fetchPages(3, through: first.port)
        _ = first.proxy.stop(with: SIGKILL)
        let second = try Self.proxy(into: cassette, arguments: ["--mode", "missing"])
        defer { _ = second.simulator.stop(with: SIGTERM) }
        try Self.fetchPages(4, through: second.port)
        #expect(second.proxy.stop(with: SIGINT, within: 30) == 0)
        #expect(second.proxy.errors.contains("recovered 3 exchanges into \(cassette.path)"))
        // The three recovered ones replay; the fourth page size is new.
        #expect(try CassetteStore.load(cassette).interactions.count == 4)
    }

    @Test(arguments: [SIGHUP, SIGTERM, SIGINT])
    func aLostTerminalStopsTheProxyInOrder(signal: Int32) throws {
        let folder = try scratchFolder("tapedeck-durable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("hangup.json")
        let (simulator, proxy, port) = try Self.proxy(into: cassette)
        defer { _ = simulator.stop(with: SIGTERM) }
        try Self.fetchPages(2, through: port)
        #expect(proxy.stop(with: signal, within: 30) == 0)
        #expect(try CassetteStore.load(cassette).interactions.count == 2)
    }

    @Test func aSecondRecorderOnTheSameCassetteIsRefused() throws {
        let folder = try scratchFolder("tapedeck-durable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("shared.json")
        let (simulator, proxy, port) = try Self.proxy(into: cassette)
        defer { _ = simulator.stop(with: SIGTERM) }
        let second = try TapedeckBinary.run(["record", "--upstream", "http://127.0.0.1:9", "--cassette", cassette.path, "--port", "0"], timeout: 30)
        #expect(second.status == 2)
        #expect(second.stderr.contains("another recorder is recording into it (process \(proxy.process.processIdentifier))"), "\(second.stderr)")
        try Self.fetchPages(1, through: port)
        #expect(proxy.stop(with: SIGINT, within: 30) == 0)
        #expect(try CassetteStore.load(cassette).interactions.count == 1, "the first recorder's recording is whole")
    }

    @Test(arguments: ["/proc/nope/x.json", "/proc/self/x.json"])
    func aCassettePathNobodyCanWriteIsRefusedBeforeListening(path: String) throws {
        let result = try TapedeckBinary.run(["record", "--upstream", "http://127.0.0.1:9", "--cassette", path, "--port", "0"], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains(path))
        #expect(!result.stdout.contains("Recording"))
    }

    /// An upstream that answers with a status a cassette cannot hold (below 100):
    /// that exchange is set aside with a note, and the others are saved.
    @Test func anAnswerTheCassetteCannotHoldIsSetAsideAndTheRestSaved() throws {
        let folder = try scratchFolder("tapedeck-durable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upstream = OddUpstream()
        let upstreamPort = upstream.listener.port
        let cassette = folder.appendingPathComponent("odd.json")
        let proxy = try Running(["record", "--upstream", "http://127.0.0.1:\(upstreamPort)", "--cassette", cassette.path])
        let port = try #require(RecordCommandTests.port(in: proxy.line(containing: "Recording")))
        for path in ["first", "odd", "last"] {
            _ = try TapedeckBinary.run(
                program: URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/\(path)"], timeout: 30)
        }
        #expect(proxy.stop(with: SIGINT, within: 30) == 0)
        let urls = try CassetteStore.load(cassette).interactions.map(\.request.url)
        #expect(urls.count == 2 && urls.allSatisfy { !$0.hasSuffix("/odd") }, "\(urls)")
        let aside = try String(contentsOfFile: cassette.path + ".rejected", encoding: .utf8)
        #expect(aside.split(separator: "\n").count == 1 && aside.contains("/odd") && aside.contains("an HTTP status code (100-999)"))
    }
}

/// A loopback upstream that answers `/odd` with status 099, which no cassette can hold,
/// and anything else with 200, one connection at a time, each closed after its answer.
final class OddUpstream: @unchecked Sendable {
    // @unchecked Sendable: `listener` is set once, and its descriptor used by the one thread that answers.
    let listener = ServerLifecycleTests.SilentUpstream()

    init() {
        // The thread keeps the upstream alive until a 30 s wait for a connection times out.
        Thread.detachNewThread { [self] in
            while true {
                let connection = listener.accept()
                guard connection >= 0 else { return }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = read(connection, &buffer, buffer.count)
                let requestLine = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).prefix { $0 != "\r" }
                let status = requestLine.contains("/odd") ? "099 Odd" : "200 OK"
                let answer = Array("HTTP/1.1 \(status)\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".utf8)
                _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
                close(connection)
            }
        }
    }
}
