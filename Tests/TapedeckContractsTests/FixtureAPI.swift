import Foundation
import Tapedeck
import TapedeckContracts

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One of the test APIs of `Tests/APIs` served by `fixture_server.py` on a free
/// loopback port, for as long as the test holds it; stopped by `stop()`.
final class FixtureAPI: @unchecked Sendable {
    static let root = Recordings.root
    static let folder = root.appendingPathComponent("Tests/APIs")

    let api: String
    let port: Int
    private let process: Process

    /// Starts the server; waits at most 20 seconds for its `listening on PORT` line.
    init(_ api: String, plant: String? = nil) throws {
        self.api = api
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.folder.appendingPathComponent("fixture_server.py").path, "--api", api, "--port", "0"]
            + (plant.map { ["--plant", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(20)
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on "), let port = Int(text.dropFirst("listening on ".count).prefix { $0.isNumber }) else {
            process.terminate()
            throw InputError(file: "fixture_server.py", expected: "listening on PORT", found: text.isEmpty ? "nothing" : text)
        }
        self.port = port
    }

    /// Stops the server: SIGTERM, then SIGKILL after five seconds.
    func stop() {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    var contract: Contract {
        get throws { try Contract(contentsOf: Self.folder.appendingPathComponent("\(api)/contract.yaml")) }
    }

    /// The first page of the API's listing, and the credential each request carries.
    var firstPage: URL {
        api == "widgets"
            ? URL(string: "http://127.0.0.1:\(port)/repos/octo/tapedeck/widgets?per_page=20")!
            : URL(string: "http://127.0.0.1:\(port)/v1/charges")!
    }

    static func authorize(_ api: String) -> @Sendable (inout URLRequest) -> Void {
        { request in
            let value = api == "widgets" ? "Bearer wt-fixture-token" : "Basic " + Data("sk_test_fixture:".utf8).base64EncodedString()
            request.setValue(value, forHTTPHeaderField: "Authorization")
        }
    }

    /// Walks the listing through a recording `CassetteSession` (at most 12 pages) and answers the redacted cassette.
    func record(into file: URL) async throws -> Cassette {
        let session = try CassetteSession(CassetteConfiguration(file: file, mode: .all, clock: .fixed(Recordings.recordedAt)))
        let client = PaginatingClient(contract: try contract, session: session.urlSession(), maximumPages: 12, authorize: Self.authorize(api))
        _ = try await client.walk(firstPage)
        _ = try session.finish()
        return try CassetteStore.load(file)
    }
}
