import Foundation
import Tapedeck
import TapedeckTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An API Tapedeck knows only from files (`Tests/APIs/<id>/`: a contract and a
/// provider profile), served by the loopback fixture server, goes the whole way
/// with no Swift of its own: recorded through the proxy with its credentials
/// redacted, replayed by `serve`, walked by `drift` from the endpoint in
/// `TAPEDECK_BASE_URL_<ID>` signed from the variable its profile names, checked,
/// and drift-checked against the fixture with a planted change. And the built-in
/// contracts work from any folder.
@Suite(.serialized)
struct ProviderFromFilesTests {
    /// One test API, as a client walks it.
    struct API: Sendable, CustomStringConvertible {
        var id: String
        /// The variable the profile reads the credential from, and a value of the credential's shape.
        var variable: String
        var secret: String
        var path: String
        var query: [String: String]
        /// The Authorization header a client sends.
        var authorization: String
        /// The second page's query, from the first page's answer.
        var next: @Sendable (JSONValue) -> [String: String]
        /// A field the planted drift renames.
        var renamed: String

        var description: String { id }
    }

    static let apis = [
        API(
            id: "widgets", variable: "WIDGETS_TOKEN", secret: "wdg_PlantedWidgetsToken00000000001", path: "/repos/octo/tools/widgets",
            query: ["per_page": "10"], authorization: "Bearer wdg_PlantedWidgetsToken00000000001",
            next: { _ in ["per_page": "10", "page": "2"] }, renamed: "node_id"),
        API(
            id: "charges", variable: "CHARGES_API_KEY", secret: "sk_test_PlantedChargesKey000000001", path: "/v1/charges",
            query: ["limit": "10"], authorization: "Basic " + Data("sk_test_PlantedChargesKey000000001:".utf8).base64EncodedString(),
            next: { page in ["limit": "10", "starting_after": page["data"]?.arrayValue?.last?["id"]?.stringValue ?? ""] },
            renamed: "amount"),
    ]

    static let root = PackageRoot.url

    /// Starts the fixture server for `api`; its base URL.
    static func fixture(_ api: API, plant: String? = nil) throws -> (RecordCommandTests.Running, URL) {
        let server = try RecordCommandTests.Running(
            [root.appendingPathComponent("Tests/APIs/fixture_server.py").path, "--api", api.id, "--port", "0", "--token", api.secret]
                + (plant.map { ["--plant", $0] } ?? []),
            program: URL(fileURLWithPath: "/usr/bin/python3"))
        let line = try #require(server.line(containing: "listening on"))
        let port = try #require(Int(line.split(separator: " ").last ?? ""))
        return (server, try #require(URL(string: "http://127.0.0.1:\(port)")))
    }

    /// A repository of one's own: the API's contract and profile in `Scenarios/contracts`, a walk scenario, no cassettes.
    static func workspace(_ api: API) throws -> URL {
        let folder = scratchRoot.appendingPathComponent("tapedeck-byo-\(api.id)-\(UUID().uuidString)")
        let contracts = folder.appendingPathComponent("Scenarios/contracts")
        try FileManager.default.createDirectory(at: contracts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Cassettes"), withIntermediateDirectories: true)
        for (name, copy) in [("contract.yaml", "\(api.id).yaml"), ("profile.json", "\(api.id).profile.json")] {
            try FileManager.default.copyItem(
                at: root.appendingPathComponent("Tests/APIs/\(api.id)/\(name)"), to: contracts.appendingPathComponent(copy))
        }
        let query = api.query.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        let scenario =
            "summary: Every item, page by page.\nprovider: \(api.id)\ncassette: \(api.id)/walk.json\nrequest:\n  path: \(api.path)\n  query:\n\(query)\n"
        try Data(scenario.utf8).write(to: folder.appendingPathComponent("Scenarios/\(api.id)-walk.yaml"))
        return folder
    }

    /// GETs `path?query` below `base` as the API's client does; the status and the body.
    static func get(_ api: API, _ base: URL, query: [String: String]) async throws -> (Int, Data) {
        var components = try #require(URLComponents(url: base.appendingPathComponent(String(api.path.dropFirst())), resolvingAgainstBaseURL: false))
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        var request = URLRequest(url: try #require(components.url), timeoutInterval: 20)
        request.setValue(api.authorization, forHTTPHeaderField: "Authorization")
        // The credential again under a name no catalogue knows: only the profile's variable tells it is one.
        request.setValue("sent with " + api.secret, forHTTPHeaderField: "X-Client-Note")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// Runs `body` with a workspace for `api` and the fixture serving it, both gone afterwards.
    static func withFixture(_ api: API, _ body: (_ folder: URL, _ upstream: URL) async throws -> Void) async throws {
        let folder = try workspace(api)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (server, upstream) = try fixture(api)
        defer { _ = server.stop(with: SIGTERM, within: 5) }
        try await body(folder, upstream)
    }

    @Test(arguments: apis)
    func anAPIKnownOnlyFromFilesIsRecordedThroughTheProxyAndReplayed(api: API) async throws {
        try await Self.withFixture(api) { folder, upstream in try await Self.recordAndReplay(api, folder: folder, upstream: upstream) }
    }

    static func recordAndReplay(_ api: API, folder: URL, upstream: URL) async throws {

        // 1. Record two pages through the proxy: the profile's credential never reaches the cassette.
        let cassette = folder.appendingPathComponent("recorded.json")
        let proxy = try RecordCommandTests.Running(
            ["record", "--upstream", upstream.absoluteString, "--cassette", cassette.path, "--port", "0"],
            environment: [api.variable: api.secret], directory: folder)
        let proxyPort = try #require(RecordCommandTests.port(in: proxy.line(containing: "Recording")))
        let proxyURL = try #require(URL(string: "http://127.0.0.1:\(proxyPort)"))
        let (firstStatus, first) = try await get(api, proxyURL, query: api.query)
        #expect(firstStatus == 200)
        let secondQuery = api.next(try JSONParser.parse(first))
        let (secondStatus, second) = try await get(api, proxyURL, query: secondQuery)
        #expect(secondStatus == 200)
        #expect(proxy.stop(with: SIGINT, within: 10) == 0)
        let recorded = String(decoding: try Data(contentsOf: cassette), as: UTF8.self)
        #expect(!recorded.contains(api.secret))
        #expect(!recorded.contains(String(api.authorization.split(separator: " ").last ?? "")))
        #expect(recorded.contains("REDACTED-"))
        #expect(try CassetteStore.load(cassette).interactions.count == 2)

        // 2. Replay: the same pages, byte for byte, with no upstream.
        let replay = try RecordCommandTests.Running(["serve", cassette.path, "--port", "0"], directory: folder)
        let replayPort = try #require(RecordCommandTests.port(in: replay.line(containing: "Serving")))
        let replayURL = try #require(URL(string: "http://127.0.0.1:\(replayPort)"))
        #expect(try await get(api, replayURL, query: api.query) == (200, first))
        #expect(try await get(api, replayURL, query: secondQuery) == (200, second))
        #expect(replay.stop(with: SIGINT, within: 10) == 0)
    }

    /// Check and drift walk the API by its contract's paging (`link-header`, `has-more`).
    @Test(arguments: apis)
    func anAPIKnownOnlyFromFilesIsCheckedAndDriftCheckedAgainstItsEndpoint(api: API) async throws {
        try await Self.withFixture(api) { folder, upstream in try await Self.checkAndDrift(api, folder: folder, upstream: upstream) }
    }

    static func checkAndDrift(_ api: API, folder: URL, upstream: URL) async throws {

        // 3. Check: a walk recorded by drift is checked clean, its provider detected by the profile.
        let environment = ["TAPEDECK_BASE_URL_" + api.id.uppercased(): upstream.absoluteString, api.variable: api.secret]
        let update = try TapedeckBinary.run(["drift", "--update", "\(api.id)-walk"], in: folder, environment: environment)
        #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
        let cassette = folder.appendingPathComponent("Cassettes/\(api.id)/walk.json")
        let check = try TapedeckBinary.run(["check", cassette.path], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains(api.id))
        #expect(try CassetteStore.load(cassette).interactions.count > 1, "the walk follows the paging to a second page")
        #expect(!String(decoding: try Data(contentsOf: cassette), as: UTF8.self).contains(api.secret))

        // 4. Drift: nothing against the same fixture; the planted change against a planted one.
        let same = try TapedeckBinary.run(["drift", "\(api.id)-walk"], in: folder, environment: environment)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        let (planted, drifted) = try fixture(api, plant: "drift")
        defer { _ = planted.stop(with: SIGTERM, within: 5) }
        let changed = try TapedeckBinary.run(
            ["drift", "\(api.id)-walk", "--format", "json"], in: folder,
            environment: environment.merging(["TAPEDECK_BASE_URL_" + api.id.uppercased(): drifted.absoluteString]) { $1 })
        #expect(changed.status == 1, "\(changed.stdout)\(changed.stderr)")
        #expect(changed.stdout.contains(api.renamed))
        #expect(!changed.stdout.contains(api.secret))
    }

    @Test func aBuiltInProvidersHARIsCheckedFromAFolderOutsideTheRepository() throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let har = folder.appendingPathComponent("bug.har")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: ReproCommandTests.har), to: har)
        #expect(ProviderFromFilesTests.nearestContracts(from: folder) == nil, "the folder must be outside any repository")
        let result = try TapedeckBinary.run(["check", "bug.har"], in: folder)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("yandex-backup"))
        #expect(result.stdout.contains("no-duplicates"))
    }

    /// The `Scenarios/contracts` folder at or above `folder`, as the commands look for it.
    static func nearestContracts(from folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        while current.pathComponents.count > 1 {
            let candidate = current.appendingPathComponent("Scenarios/contracts")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            current.deleteLastPathComponent()
        }
        return nil
    }
}
