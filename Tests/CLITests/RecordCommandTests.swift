import Foundation
import Synchronization
import Tapedeck
import Testing
import TapedeckTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `tapedeck record` and `tapedeck sim` as processes: the proxy saves its
/// cassette, redacted, when it is stopped by SIGINT or SIGTERM.
struct RecordCommandTests {
    /// A `tapedeck` process left running, whose first line of output is read.
    final class Running {
        let process = Process()
        private let output = Pipe()
        private let errorOutput: Pipe?

        /// Starts `tapedeck arguments…` (or `program`'s) in `directory`; with `errors`, what it writes to standard error is kept for `errors`.
        init(
            _ arguments: [String], program: URL = TapedeckBinary.url, environment: [String: String] = [:], directory: URL? = nil,
            errors: Bool = false
        ) throws {
            process.executableURL = program
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            if let directory { process.currentDirectoryURL = directory }
            process.standardOutput = output
            errorOutput = errors ? Pipe() : nil
            process.standardError = errorOutput ?? FileHandle.nullDevice
            try process.run()
        }

        /// What the process wrote to standard error, once it has exited.
        var errors: String {
            String(decoding: errorOutput?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }

        /// Lines of output until one contains `marker` (at most 30 s).
        func line(containing marker: String) -> String? {
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                text += String(decoding: chunk, as: UTF8.self)
                if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
            }
            return nil
        }

        func stop(with signal: Int32) -> Int32 {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// Sends `signal` and waits at most `seconds` for the process to exit; -1 (and SIGKILL) when it did not.
        func stop(with signal: Int32, within seconds: Int) -> Int32 {
            let exited = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in exited.signal() }
            kill(process.processIdentifier, signal)
            // A process that already exited never calls a handler set afterwards: do not wait for it.
            guard !process.isRunning || exited.wait(timeout: .now() + .seconds(seconds)) == .success || !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return -1
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// The simulator's fixed loopback-only Yandex token.
    static let yandexToken = "t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse0000000000000000000001"

    static func port(in line: String?) -> Int? {
        guard let line, let range = line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { return nil }
        return Int(line[range].split(separator: ":").last ?? "")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func theProxySavesARedactedCassetteWhenStopped(signal: Int32) throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-record-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = try Running(["sim", "--port", "0", "--tasks", "12"])
        defer { _ = simulator.stop(with: SIGTERM) }
        let simulatorPort = try #require(Self.port(in: simulator.line(containing: "yandex-backup")))
        let cassette = folder.appendingPathComponent("recorded.json")
        let proxy = try Running(
            ["record", "--upstream", "http://127.0.0.1:\(simulatorPort)", "--cassette", cassette.path, "--secret-env", "TAPEDECK_TEST_SECRET"],
            environment: ["TAPEDECK_TEST_SECRET": "planted-secret-98765"])
        let proxyPort = try #require(Self.port(in: proxy.line(containing: "Recording")))

        let token = Self.yandexToken
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(proxyPort)/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=5")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        // Yandex refuses unknown query fields, so the planted secret rides in a header.
        request.setValue("planted-secret-98765", forHTTPHeaderField: "X-Client-Note")
        let done = DispatchSemaphore(value: 0)
        let status = Mutex<Int>(0)
        URLSession(configuration: .ephemeral).dataTask(with: request) { _, response, _ in
            status.withLock { $0 = (response as? HTTPURLResponse)?.statusCode ?? 0 }
            done.signal()
        }.resume()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(status.withLock { $0 } == 200)
        #expect(!FileManager.default.fileExists(atPath: cassette.path), "nothing is written before the proxy stops")

        #expect(proxy.stop(with: signal) == 0)
        let text = try String(contentsOf: cassette, encoding: .utf8)
        #expect(try CassetteStore.load(cassette).interactions.count == 1)
        #expect(!text.contains(token))
        #expect(!text.contains("planted-secret-98765"))
    }

    /// On a terminal (a pseudo-terminal from `script`) the proxy keeps a running
    /// count of what it recorded; through a pipe it prints none.
    @Test func theRunningCountShowsOnATerminal() throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-record-count-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = try Running(["sim", "--port", "0", "--tasks", "12"])
        defer { _ = simulator.stop(with: SIGTERM) }
        let simulatorPort = try #require(Self.port(in: simulator.line(containing: "yandex-backup")))
        let cassette = folder.appendingPathComponent("counted.json")
        let command = "'\(TapedeckBinary.url.path)' record --upstream http://127.0.0.1:\(simulatorPort) --cassette '\(cassette.path)'"
        let proxy = try Running(["-qec", command, "/dev/null"], program: URL(fileURLWithPath: "/usr/bin/script"), environment: ["CI": ""])
        let proxyPort = try #require(Self.port(in: proxy.line(containing: "Recording")))
        let fetched = try TapedeckBinary.run(
            program: URL(fileURLWithPath: "/usr/bin/curl"),
            [
                "-sf", "-o", "/dev/null", "-H", "Authorization: Bearer \(Self.yandexToken)",
                "http://127.0.0.1:\(proxyPort)/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=5",
            ], timeout: 30)
        #expect(fetched.status == 0)
        #expect(proxy.line(containing: "record: 1 exchanges recorded") != nil)
        // Stop the proxy itself (the terminal's program) by its command line; `script`'s own quotes the path.
        _ = try TapedeckBinary.run(program: URL(fileURLWithPath: "/usr/bin/pkill"), ["-INT", "-f", "cassette \(cassette.path)"])
        #expect(proxy.stop(with: 0, within: 30) == 0, "the terminal's program exits 0 on SIGINT, having saved")
        #expect(try CassetteStore.load(cassette).interactions.count == 1)
    }
}

/// Start and stop of the server commands: a signal is never lost, and a
/// killed write's leftovers are cleaned up at the next start.
struct ServerLifecycleTests {
    /// A signal sent the moment the ready line appears stops the server: the
    /// handlers are armed before the line is printed.
    @Test(arguments: [SIGINT, SIGTERM], 0..<3)
    func aSignalRightAfterTheReadyLineStopsTheServer(signal: Int32, attempt: Int) throws {
        let server = try RecordCommandTests.Running(["serve", "Cassettes/otc-ddm/walk.json"], directory: CheckCommandTests.packageRoot)
        #expect(server.line(containing: "Serving") != nil)
        #expect(server.stop(with: signal, within: 10) == 0)
    }

    /// A loopback listener that accepts connections and never answers.
    final class SilentUpstream {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        private(set) var port = 0

        init() {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    _ = bind(descriptor, pointer, length)
                    _ = listen(descriptor, 8)
                    _ = getsockname(descriptor, pointer, &length)
                }
            }
            port = Int(UInt16(bigEndian: address.sin_port))
            var limit = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        }

        /// The next connection (at most 30 s), held open and never answered.
        func accept() -> Int32 { Glibc.accept(descriptor, nil, nil) }

        deinit { close(descriptor) }
    }

    /// A recording proxy in `folder` in front of a silent upstream, with one request under way
    /// (the upstream holds its connection, `held`, open and never answers).
    static func proxyWithARequestUnderWay(in folder: URL) throws -> (proxy: RecordCommandTests.Running, upstream: SilentUpstream, held: Int32) {
        let upstream = SilentUpstream()
        let proxy = try RecordCommandTests.Running(
            ["record", "--upstream", "http://127.0.0.1:\(upstream.port)", "--cassette", folder.appendingPathComponent("c.json").path])
        let proxyPort = try #require(RecordCommandTests.port(in: proxy.line(containing: "Recording")))
        URLSession(configuration: .ephemeral).dataTask(with: URL(string: "http://127.0.0.1:\(proxyPort)/hangs")!).resume()
        let held = upstream.accept()
        #expect(held >= 0, "the proxy forwarded the request")
        return (proxy, upstream, held)
    }

    @Test func theProxyStopsPromptlyWhileTheUpstreamNeverAnswers() throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-silent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (proxy, upstream, held) = try Self.proxyWithARequestUnderWay(in: folder)
        defer { close(held); withExtendedLifetime(upstream) {} }
        #expect(proxy.stop(with: SIGINT, within: 8) == 0)
    }

    @Test func aSecondSignalStopsAtOnce() throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-twice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (proxy, upstream, held) = try Self.proxyWithARequestUnderWay(in: folder)
        defer { close(held); withExtendedLifetime(upstream) {} }
        kill(proxy.process.processIdentifier, SIGINT)
        #expect(proxy.line(containing: "stopping") != nil)
        #expect(proxy.stop(with: SIGINT, within: 8) == 130)
    }

    @Test func staleTemporaryFilesAreRemovedAtTheNextStartAndNamed() throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("c.json")
        let stale = folder.appendingPathComponent(".c.json.6F0C2D1E-0000-4000-8000-000000000000.tmp")
        try Data("{\"version\": 1, \"inter".utf8).write(to: stale)
        let proxy = try RecordCommandTests.Running(
            ["record", "--upstream", "http://127.0.0.1:9", "--cassette", cassette.path], errors: true)
        #expect(proxy.line(containing: "Recording") != nil)
        #expect(proxy.stop(with: SIGTERM, within: 10) == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(proxy.errors.contains("removed \(stale.path)"))
    }
}
