import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckProviders
import TapedeckServer
import TapedeckSigning
import TapedeckSimulator
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Record a walk of each provider through the recording proxy from the
/// simulator, serve the cassette, and fetch the same pages with clients
/// Tapedeck did not write (curl, Python requests, URLSession): every page
/// comes back byte for byte.
struct RoundTripTests {
    static let pageSizes: [ProviderID: Int] = [.alibabaPetadata: 30, .huaweiKafka: 10, .huaweiIotda: 10, .yandexBackup: 10, .otcDdm: 10]

    @Test(arguments: ProviderID.allCases)
    func aWalkRecordedThroughTheProxyReplaysByteForByteToEveryClient(provider: ProviderID) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(seed: 7, tasksPerInstance: 120))
        try await simulator.start()
        let cassette = folder.appendingPathComponent("\(provider.rawValue).json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, upstream: URL(string: "http://127.0.0.1:\(simulator.port)")))

        // 1. Record: a real paging client walks the provider through the proxy.
        let contract = try ContractCatalogue.builtIn.contract(for: provider.rawValue)
        let credentials = ProviderCredentials.simulator(for: provider)
        let upstreamHost = "127.0.0.1:\(simulator.port)"
        let client = PaginatingClient(contract: contract, session: URLSession(configuration: .ephemeral)) { request in
            // Sign for the upstream's host, as a client behind a recording proxy does when Host is signed.
            request.setValue(upstreamHost, forHTTPHeaderField: "Host")
            try credentials.signer.sign(&request, date: TapedeckClock.current.now())
        }
        let (path, query) = SimulatorFixtures.firstPage(for: provider, pageSize: Self.pageSizes[provider] ?? 10)
        var first = URLComponents(string: "http://127.0.0.1:\(proxy.port)/\(provider.rawValue)\(path)")!
        first.queryItems = query
        let walk = try await client.walk(try #require(first.url))
        #expect(walk.pages.count >= 2, "\(walk.stopReason)")
        #expect(walk.pages.allSatisfy { $0.status == 200 }, "\(walk.pages.map { ($0.status, $0.body?.compactText.prefix(200) ?? "") })")
        let summary = try await proxy.stop()
        try await simulator.stop()
        #expect(summary.saved)
        #expect(summary.recorded == walk.pages.count)

        // The cassette holds every page, and none of the credentials.
        let text = try String(contentsOf: cassette, encoding: .utf8)
        for secret in credentials.secretValues { #expect(!text.contains(secret)) }
        let recorded = try CassetteStore.load(cassette).interactions
        #expect(recorded.count == walk.pages.count)

        // 2. Replay: serve the cassette with the simulator gone. The paging client walks it again
        // (signing afresh: signatures, nonces and timestamps are not compared), then curl, Python
        // requests and URLSession fetch the recorded requests as they were sent.
        let server = try await CassetteServer.started(.init(cassettes: [cassette]))
        let reset = server.baseURL.appendingPathComponent("__tapedeck/reset")
        var again = URLComponents(url: try #require(first.url), resolvingAgainstBaseURL: false)!
        again.port = server.port
        let replayed = try await client.walk(try #require(again.url))
        #expect(replayed.pages.map(\.body) == walk.pages.map(\.body))

        let urls = try recorded.map { interaction in
            var components = try #require(URLComponents(string: interaction.request.url))
            components.port = server.port
            return try #require(components.string)
        }
        let expected = recorded.map(\.response.body.data)

        _ = try await ServerFixture.fetch(reset, method: "POST")
        #expect(try Self.fetchWithCurl(urls, into: folder) == expected)

        _ = try await ServerFixture.fetch(reset, method: "POST")
        #expect(try Self.fetchWithPythonRequests(urls, into: folder) == expected)

        _ = try await ServerFixture.fetch(reset, method: "POST")
        var viaURLSession: [Data] = []
        for url in urls { viaURLSession.append(try await ServerFixture.fetch(URL(string: url)!).body) }
        #expect(viaURLSession == expected)

        let end = try await server.stop()
        #expect(end.misses.isEmpty)
        #expect(end.unused.isEmpty)
    }

    /// curl fetches each URL into its own file, in order, on one connection.
    static func fetchWithCurl(_ urls: [String], into folder: URL) throws -> [Data] {
        var arguments = ["--silent", "--show-error", "--fail-with-body"]
        let files = urls.indices.map { folder.appendingPathComponent("curl-\($0).body") }
        for (url, file) in zip(urls, files) { arguments += [url, "--output", file.path] }
        let status = try ServerFixture.run("curl", arguments, output: folder.appendingPathComponent("curl.log"))
        #expect(status == 0)
        return try files.map { try Data(contentsOf: $0) }
    }

    /// Python's requests library, in a Session (keep-alive), writes each body to its own file.
    static func fetchWithPythonRequests(_ urls: [String], into folder: URL) throws -> [Data] {
        let script = """
            import sys, requests
            session = requests.Session()
            for index, url in enumerate(sys.argv[2:]):
                answer = session.get(url, timeout=10)
                answer.raise_for_status()
                open(f"{sys.argv[1]}/python-{index}.body", "wb").write(answer.content)
            """
        let status = try ServerFixture.run("python3", ["-c", script, folder.path] + urls, output: folder.appendingPathComponent("python.log"))
        #expect(status == 0, "python requests failed: \((try? String(contentsOf: folder.appendingPathComponent("python.log"), encoding: .utf8)) ?? "")")
        return try urls.indices.map { try Data(contentsOf: folder.appendingPathComponent("python-\($0).body")) }
    }

    /// The package checkout, found from this file's path.
    static let packageRoot = PackageRoot.url
}
