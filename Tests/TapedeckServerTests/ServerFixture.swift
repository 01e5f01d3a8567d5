import Foundation
import Tapedeck
import TapedeckServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the server tests share: cassettes made by hand,
/// raw fetches, and running clients Tapedeck did not write.
enum ServerFixture {
    /// A cassette of GET interactions on `/api/items?page=N`, each answering `{"page":N}`.
    static func pagesCassette(_ pages: Int, in folder: URL, name: String = "pages.json") throws -> URL {
        let interactions = (1...pages).map { page in
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://api.example/api/items?page=\(page)"),
                response: RecordedResponse(
                    status: 200, headers: ["Content-Type": "application/json"],
                    body: RecordedBody(data: Data("{\"page\":\(page)}".utf8), contentType: "application/json")),
                recordedAt: Date(), duration: 0.01)
        }
        let file = folder.appendingPathComponent(name)
        try CassetteStore.write(Cassette(interactions: interactions), to: file)
        return file
    }

    /// Fetches `url` and returns the status, headers and body bytes as they came.
    static func fetch(
        _ url: URL, method: String = "GET", session: URLSession = .shared
    ) async throws -> (
        status: Int, headers: [String: String], body: Data
    ) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.allHeaderFields as? [String: String] ?? [:], data)
    }

    /// Runs a program to completion (at most `timeout` seconds) and returns its status;
    /// its output goes to `output`.
    static func run(_ program: String, _ arguments: [String], output: URL, timeout: TimeInterval = 60) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return process.terminationStatus
    }
}

extension CassetteServer {
    /// Serves `configuration` on a free loopback port.
    static func started(_ configuration: Configuration) async throws -> CassetteServer {
        let server = try CassetteServer(configuration: configuration)
        try await server.start()
        return server
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
}
