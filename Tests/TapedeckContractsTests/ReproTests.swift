import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import Testing
import TapedeckTestSupport

/// `Reproducer`: a HAR written by mitmproxy in front of the simulator (no-duplicates
/// drift) becomes a redacted cassette and a scenario that fails, or with `expect`
/// passes, on the planted violation when replayed.
struct ReproTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let mitmproxyHAR = fixtures.appendingPathComponent("mitmproxy-yandex-no-duplicates.har")
    /// The simulator's fake loopback IAM token, as the HAR holds it.
    static let simulatorToken = "t1.9euelZrSimulatorIamTokenOnlyForLoopbackUse"

    static func temporaryFolder() throws -> URL {
        let folder = try scratchFolder("repro-tests")
        return folder
    }

    static func reproduce(expect: Bool = false) throws -> Reproduction {
        try Reproducer(catalogue: Recordings.catalogue)
            .reproduce(har: Data(contentsOf: mitmproxyHAR), file: mitmproxyHAR.path, name: "planted", expect: expect)
    }

    /// Writes the reproduction, reads its scenario back, and replays it as the scenario runner does;
    /// gives back the scenario, the run, and the cassette's path below the folder and its text.
    static func writeAndReplay(_ reproduction: Reproduction) async throws -> (Scenario, WalkRunner.Run, (path: String, text: String)) {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try reproduction.write(
            cassettes: folder.appendingPathComponent("Cassettes"), scenarios: folder.appendingPathComponent("Scenarios"))
        let scenario = try Scenario(contentsOf: written.scenario)
        let contract = try Recordings.catalogue.contract(for: scenario.provider)
        let run = try await WalkRunner(contract: contract, rules: scenario.rules, allowances: scenario.allowances).run(
            scenario, baseURL: reproduction.baseURL, cassette: written.cassette, mode: .never)
        let text = String(decoding: try Data(contentsOf: written.cassette), as: UTF8.self)
        return (scenario, run, (String(written.cassette.path.dropFirst(folder.path.count)), text))
    }

    @Test func findsThePlantedViolationInTheMitmproxyHAR() throws {
        let reproduction = try Self.reproduce()
        #expect(reproduction.report.provider == "yandex-backup")
        #expect(reproduction.failingRules == [.noDuplicates])
        #expect(reproduction.report.failures.map(\.page) == [1, 2])
        #expect(reproduction.cassette.interactions.count == 3)
        #expect(reproduction.leftOut == 0)
        let stored = String(decoding: reproduction.cassette.jsonData(), as: UTF8.self)
        #expect(!stored.contains(Self.simulatorToken), "the bearer token must be redacted on import")
        #expect(stored.contains("Authorization"))
    }

    @Test func writtenScenarioFailsOnTheRuleWhenReplayed() async throws {
        let (scenario, run, cassette) = try await Self.writeAndReplay(try Self.reproduce())
        #expect(scenario.name == "planted")
        #expect(scenario.provider == "yandex-backup")
        #expect(scenario.cassette == "yandex-backup/planted.json")
        #expect(cassette.path == "/Cassettes/yandex-backup/planted.json")
        #expect(scenario.replayOnly)
        #expect(scenario.expectedViolations.isEmpty)
        #expect(scenario.path == "/backup/v1/resources/fhm0tapedeck00000001/tasks")
        #expect(scenario.query == [URLQueryItem(name: "pageSize", value: "3")])
        #expect(scenario.maximumPages == 3)
        #expect(run.walk.pages.count == 3)
        #expect(run.session.unused.isEmpty)
        // What the scenario runner fails on: failing violations that the scenario does not expect.
        let unexpected = run.report.failures.filter { !scenario.expectedViolations.contains($0.rule) }
        #expect(Set(unexpected.map(\.rule)) == [.noDuplicates])
        #expect(!cassette.text.contains(Self.simulatorToken))
    }

    @Test func expectVariantPassesWhileTheViolationIsCaught() async throws {
        let (scenario, run, _) = try await Self.writeAndReplay(try Self.reproduce(expect: true))
        #expect(scenario.expectedViolations == [.noDuplicates])
        #expect(run.report.failures.allSatisfy { scenario.expectedViolations.contains($0.rule) })
        for rule in scenario.expectedViolations {
            #expect(run.report.failures.contains { $0.rule == rule })
        }
    }

    /// Each provider's committed walk, exported to HAR and reproduced, gives back its
    /// committed scenario's first page and replays clean through the written scenario.
    @Test(arguments: [
        ("alibaba-petadata/walk", "alibaba-petadata-walk"), ("huawei-iotda/marker-walk", "huawei-iotda-walk"),
        ("huawei-kafka/walk", "huawei-kafka-walk"), ("otc-ddm/walk", "otc-ddm-walk"), ("yandex-backup/walk", "yandex-backup-walk"),
    ])
    func everyProvidersWalkRoundTrips(_ cassette: String, _ committed: String) async throws {
        let root = Recordings.root
        let recorded = try CassetteStore(root: root.appendingPathComponent("Cassettes")).url(for: cassette)
        let har = HARExporter.har(from: try CassetteStore.load(recorded))
        let reproduction = try Reproducer(catalogue: Recordings.catalogue).reproduce(har: har, file: "\(committed).har")
        #expect(reproduction.report.isClean, "\(reproduction.report.failures)")
        let (scenario, run, _) = try await Self.writeAndReplay(reproduction)
        let original = try Scenario(contentsOf: root.appendingPathComponent("Scenarios/\(committed).yaml"))
        #expect(scenario.provider == original.provider)
        #expect(scenario.path == original.path)
        #expect(Set(scenario.query.map(\.name)).isSuperset(of: original.query.map(\.name)))
        #expect(run.session.unused.isEmpty)
        #expect(run.walk.pages.count == reproduction.cassette.interactions.count)
        #expect(run.report.isClean, "\(run.report.failures)")
    }

    @Test func keepsOnlyTheWalkThatShowsTheViolation() async throws {
        let root = Recordings.root
        let clean = try CassetteStore.load(root.appendingPathComponent("Cassettes/yandex-backup/walk.json"))
        let planted = try RecordingLoader.load(contentsOf: Self.mitmproxyHAR)
        let har = HARExporter.har(from: Cassette(interactions: clean.interactions + planted.interactions))
        let reproduction = try Reproducer(catalogue: Recordings.catalogue).reproduce(har: har, file: "two-walks.har")
        #expect(reproduction.report.walks.count == 2)
        #expect(reproduction.leftOut == clean.interactions.count)
        #expect(reproduction.cassette.interactions.map(\.request.url) == planted.interactions.map(\.request.url))
        let (scenario, run, _) = try await Self.writeAndReplay(reproduction)
        #expect(scenario.query == [URLQueryItem(name: "pageSize", value: "3")])
        #expect(run.session.unused.isEmpty)
        #expect(Set(run.report.failures.map(\.rule)) == [.noDuplicates])
    }

    @Test func foldersAreFoundFromASubfolderOfTheRepository() throws {
        let root = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let inside = root.appendingPathComponent("Sources/deep")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Scenarios/contracts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let found = ReproFolders(from: inside)
        #expect(found.contracts?.path == root.appendingPathComponent("Scenarios/contracts").standardizedFileURL.path)
        #expect(found.cassettes.path == root.appendingPathComponent("Cassettes").standardizedFileURL.path)
        #expect(found.scenarios.path == root.appendingPathComponent("Scenarios").standardizedFileURL.path)
        let given = ReproFolders(contracts: "c", cassettes: "out/C", from: inside)
        #expect(given.contracts?.path == inside.appendingPathComponent("c").standardizedFileURL.path)
        #expect(given.cassettes.path == inside.appendingPathComponent("out/C").standardizedFileURL.path)
        #expect(given.scenarios.path == inside.appendingPathComponent("Scenarios").standardizedFileURL.path)
        // Outside any repository the built-in contracts still serve.
        let bare = ReproFolders(from: URL(fileURLWithPath: "/"))
        #expect(bare.contracts == nil)
        #expect(try bare.catalogue().contracts.map(\.provider).sorted() == ["alibaba-petadata", "huawei-iotda", "huawei-kafka", "otc-ddm", "yandex-backup"])
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let reproduction = try Self.reproduce()
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassettes = folder.appendingPathComponent("Cassettes")
        let scenarios = folder.appendingPathComponent("Scenarios")
        try reproduction.write(cassettes: cassettes, scenarios: scenarios)
        let error = try #require(throws: InputError.self) { try reproduction.write(cassettes: cassettes, scenarios: scenarios) }
        #expect(error.description.contains("--force"))
        #expect(error.file.hasSuffix("planted.json"))
        try reproduction.write(cassettes: cassettes, scenarios: scenarios, force: true)
    }

    /// A HAR of one GET per URL, each answered 200 with an empty JSON object.
    static func har(urls: [String]) -> Data {
        let entries = urls.map { url -> String in
            """
            {"startedDateTime": "2026-11-22T17:57:06Z", "time": 1, "request": {"method": "GET", "url": "\(url)", "headers": []},
             "response": {"status": 200, "headers": [], "content": {"mimeType": "application/json", "text": "{}"}}}
            """
        }
        return Data(#"{"log": {"version": "1.2", "entries": [\#(entries.joined(separator: ","))]}}"#.utf8)
    }

    /// The error reproducing a HAR of `urls` throws.
    static func detectionError(_ urls: [String]) throws -> InputError {
        try #require(throws: InputError.self) {
            try Reproducer(catalogue: Recordings.catalogue).reproduce(har: har(urls: urls), file: "report.har")
        }
    }

    @Test func entriesNoContractDocumentsAreLeftOut() throws {
        let page = "http://127.0.0.1:9/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=3"
        let reproduction = try Reproducer(catalogue: Recordings.catalogue)
            .reproduce(har: Self.har(urls: [page, "https://cdn.example.com/favicon.ico"]), file: "report.har")
        #expect(reproduction.scenario.provider == "yandex-backup")
        #expect(reproduction.cassette.interactions.map(\.request.url) == [page])
        #expect(reproduction.leftOut == 1)
    }

    @Test func aHARWithNoProviderAPIIsRefusedNamingItsEntries() throws {
        let error = try Self.detectionError(["https://cdn.example.com/favicon.ico", "https://example.com/"])
        #expect(error.location == .path(JSONPath.root.appending("log").appending("entries")))
        #expect(error.description.contains("none of the 2 entries"))
        #expect(error.description.contains("favicon.ico"))
        #expect(error.description.contains("--provider"))
    }

    @Test func withTheProviderGivenOtherEntriesAreLeftOut() throws {
        let page = "http://127.0.0.1:9/yandex-backup/backup/v1/resources/fhm0tapedeck00000001/tasks?pageSize=3"
        let data = Self.har(urls: ["https://cdn.example.com/favicon.ico", page])
        let reproduction = try Reproducer(catalogue: Recordings.catalogue)
            .reproduce(har: data, file: "devtools.har", provider: "yandex-backup")
        #expect(reproduction.cassette.interactions.map(\.request.url) == [page])
        #expect(reproduction.leftOut == 1)
        #expect(reproduction.scenario.path == "/backup/v1/resources/fhm0tapedeck00000001/tasks")

        let error = try #require(throws: InputError.self) {
            try Reproducer(catalogue: Recordings.catalogue).reproduce(har: data, file: "devtools.har", provider: "otc-ddm")
        }
        #expect(error.description == "devtools.har: $.log.entries: error: expected requests to the otc-ddm API, found none of the 2 entries. Check --provider")
    }

    /// A HAR of two providers' walks reproduces the one that breaks its contract.
    @Test func ofTwoProvidersTheOneWhoseWalkBreaksItsContractIsReproduced() throws {
        let mitmproxy = try Self.reproduce()
        // A clean DDM walk first: the committed window cassette, as a HAR.
        let cassettes = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Cassettes")
        let clean = HARExporter.har(from: try CassetteStore.load(cassettes.appendingPathComponent("otc-ddm/window.json")))
        var entries = try #require(try JSONParser.parse(clean)["log"]?["entries"]?.arrayValue)
        let ddmEntries = entries.count
        let broken = try #require(try JSONParser.parse(try Data(contentsOf: Self.mitmproxyHAR))["log"]?["entries"]?.arrayValue)
        entries += broken
        let both = Data(
            JSONValue.object(JSONObject([.init(key: "log", value: .object(JSONObject([.init(key: "entries", value: .array(entries))])))])).compactText.utf8)
        let reproduction = try Reproducer(catalogue: Recordings.catalogue).reproduce(har: both, file: "both.har")
        #expect(reproduction.scenario.provider == mitmproxy.scenario.provider)
        #expect(reproduction.failingRules == mitmproxy.failingRules)
        #expect(reproduction.leftOut == ddmEntries + mitmproxy.leftOut)
    }

    @Test(arguments: [nil, "yandex-backup"])
    func aHARWithoutEntriesIsRefused(_ provider: String?) throws {
        let error = try #require(throws: InputError.self) {
            try Reproducer(catalogue: Recordings.catalogue).reproduce(har: Self.har(urls: []), file: "empty.har", provider: provider)
        }
        #expect(error.description.hasPrefix("empty.har: $.log.entries: error: expected at least one entry, found none"))
    }

    @Test(arguments: ["../escape", "/absolute", ".hidden", "a/b", "", "name with space", String(repeating: "x", count: 101)])
    func badNamesAreRefused(_ name: String) throws {
        let error = try #require(throws: InputError.self) { try ReproName(name) }
        #expect(error.file == "--name")
    }

    @Test(arguments: [
        ("Bug report #12.har", "bug-report-12"), ("/tmp/x/mitmproxy-yandex-no-duplicates.har", "mitmproxy-yandex-no-duplicates"),
        ("...har", "repro"), ("Ünïcode_file.json", "n-code_file"),
    ])
    func namesDerivedFromTheFileNameAreValid(_ file: String, _ expected: String) throws {
        let derived = ReproName(derivedFrom: file)
        #expect(derived.rawValue == expected)
        #expect(try ReproName(derived.rawValue) == derived)
    }
}
