import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSigning
import TapedeckSimulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The simulator as a client sees it, on a loopback port of its own.
struct SimulatorTests {
    /// The simulator's fixed "now" in these tests (2027-01-15), which requests are signed at too.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func withSimulator(drifts: Set<DriftKind> = [], _ body: (ProviderSimulator) async throws -> Void) async throws {
        let simulator = ProviderSimulator(
            configuration: SimulatorConfiguration(seed: 3, tasksPerInstance: 40, drifts: drifts, clock: .fixed(Self.now)))
        try await simulator.start()
        do {
            try await body(simulator)
        } catch {
            try await simulator.stop()
            throw error
        }
        try await simulator.stop()
    }

    static func get(
        _ simulator: ProviderSimulator, _ provider: ProviderID, path: String, query: [String: String] = [:], sign: Bool = true
    ) async throws -> (Int, JSONValue?) {
        var components = URLComponents(url: simulator.baseURL(for: provider), resolvingAgainstBaseURL: false)!
        components.path += path
        components.queryItems = query.isEmpty ? nil : query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        var request = URLRequest(url: components.url!)
        if sign { try ProviderCredentials.simulator(for: provider).signer.sign(&request, date: Self.now) }
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONParser.parse(data))
    }

    static let ddmPath = "/v3/\(SimulatorFixtures.ddmProject)/jobs"
    static var window: [String: String] {
        let end = Int64(Self.now.timeIntervalSince1970 * 1000)
        return ["start_time": String(end - 25 * 86_400_000), "end_time": String(end)]
    }

    @Test(arguments: [(0, 400), (1, 200), (128, 200), (129, 400)])
    func ddmLimitBounds(limit: Int, status: Int) async throws {
        try await Self.withSimulator { simulator in
            let (code, body) = try await Self.get(simulator, .otcDdm, path: Self.ddmPath, query: Self.window.merging(["limit": String(limit)]) { $1 })
            #expect(code == status)
            if status == 400 {
                #expect(body?["error_code"] == "DBS.280001")
                #expect(body?["error_msg"]?.stringValue?.contains("limit") == true)
            }
        }
    }

    @Test func ddmRejectsAWindowStartingMoreThan30DaysBack() async throws {
        try await Self.withSimulator { simulator in
            let end = Int64(Self.now.timeIntervalSince1970 * 1000)
            let (code, _) = try await Self.get(
                simulator, .otcDdm, path: Self.ddmPath, query: ["start_time": String(end - 31 * 86_400_000), "end_time": String(end)])
            #expect(code == 400)
        }
    }

    @Test(arguments: ProviderID.allCases)
    func missingCredentialsAreRefused(provider: ProviderID) async throws {
        try await Self.withSimulator { simulator in
            let (path, query) = SimulatorFixtures.firstPage(for: provider, pageSize: 30, now: Self.now)
            let items = Dictionary(query.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
            let (unsigned, _) = try await Self.get(simulator, provider, path: path, query: items, sign: false)
            #expect((400...403).contains(unsigned))
            let (signed, _) = try await Self.get(simulator, provider, path: path, query: items)
            #expect(signed == 200)
        }
    }

    @Test func aReplayedAlibabaNonceIsRefused() async throws {
        try await Self.withSimulator { simulator in
            let (path, query) = SimulatorFixtures.firstPage(for: .alibabaPetadata, pageSize: 30, now: Self.now)
            var components = URLComponents(url: simulator.baseURL(for: .alibabaPetadata), resolvingAgainstBaseURL: false)!
            components.path += path
            components.queryItems = query
            var request = URLRequest(url: components.url!)
            try ProviderCredentials.simulator(for: .alibabaPetadata).signer.sign(&request, date: Self.now)
            let session = URLSession(configuration: .ephemeral)
            let first = try await session.data(for: request).1 as? HTTPURLResponse
            let (data, second) = try await session.data(for: request)
            #expect(first?.statusCode == 200)
            #expect((second as? HTTPURLResponse)?.statusCode == 400)
            #expect((try? JSONParser.parse(data))?["Code"] == "SignatureNonceUsed")
        }
    }

    @Test(arguments: [("0,1,3", 200), ("2,4,5", 200), ("0,9", 400), ("done", 400)])
    func alibabaTaskStatusTakesOnlyTheDocumentedValues(statuses: String, status: Int) async throws {
        try await Self.withSimulator { simulator in
            let (path, query) = SimulatorFixtures.firstPage(for: .alibabaPetadata, pageSize: 30, now: Self.now)
            var values = Dictionary(uniqueKeysWithValues: query.map { ($0.name, $0.value ?? "") })
            values["TaskStatus"] = statuses
            let (code, body) = try await Self.get(simulator, .alibabaPetadata, path: path, query: values)
            #expect(code == status)
            if status == 400 { #expect(body?["Code"] == "InvalidTaskStatus.Malformed") }
        }
    }

    @Test func newTasksAppearWhileRunningWhenAsked() async throws {
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(seed: 3, tasksPerInstance: 40, newTaskEvery: 2, clock: .fixed(Self.now)))
        try await simulator.start()
        var totals: [String] = []
        var newest: [String] = []
        let (path, query) = SimulatorFixtures.firstPage(for: .huaweiKafka, pageSize: 5, now: Self.now)
        for _ in 0..<4 {
            let (status, body) = try await Self.get(
                simulator, .huaweiKafka, path: path, query: Dictionary(uniqueKeysWithValues: query.map { ($0.name, $0.value ?? "") }))
            #expect(status == 200)
            totals.append(body?["job_count"]?.compactText ?? "")
            newest.append(body?["jobs"]?[0]?["id"]?.stringValue ?? "")
        }
        try await simulator.stop()
        #expect(totals == ["40", "41", "41", "42"])
        #expect(Set(newest).count == 3, "each arrival is the newest task")
    }

    @Test func anIoTDAInstanceHoldsItsNewest20TasksAtMost() async throws {
        try await Self.withSimulator { simulator in
            let (path, _) = SimulatorFixtures.firstPage(for: .huaweiIotda, pageSize: 5, now: Self.now)
            let (status, body) = try await Self.get(simulator, .huaweiIotda, path: path)
            #expect(status == 200)
            #expect(body?["page"]?["count"] == 20)
            #expect(body?["tasks"]?.arrayValue?.count == 20, "the default limit of 500 holds them all")
        }
    }

    /// Yandex answers proto3 JSON: defaults left out, `pageSize` 0 the default, unknown query fields refused.
    @Test func yandexAnswersAsProto3JSONDoes() async throws {
        try await Self.withSimulator { simulator in
            let path = "/backup/v1/resources/\(SimulatorFixtures.yandexInstance)/tasks"
            let (status, whole) = try await Self.get(simulator, .yandexBackup, path: path, query: ["pageSize": "0"])
            #expect(status == 200)
            #expect(whole?["tasks"]?.arrayValue?.count == 40, "pageSize 0 means the default (100), which holds all 40")
            #expect(whole?["nextPageToken"] == nil, "no nextPageToken on the last page")
            let tasks = whole?["tasks"]?.arrayValue ?? []
            #expect(tasks.allSatisfy { $0["resultCode"] != "CODE_UNSPECIFIED" && $0["cancellable"] == nil })
            #expect(tasks.contains { $0["completedAt"] == nil } && tasks.contains { $0["completedAt"] != nil })
            let (_, first) = try await Self.get(simulator, .yandexBackup, path: path, query: ["pageSize": "15"])
            #expect(first?["nextPageToken"]?.stringValue?.isEmpty == false)
            let (refused, body) = try await Self.get(simulator, .yandexBackup, path: path, query: ["pageSize": "15", "filter": "x"])
            #expect(refused == 400)
            #expect(body?["code"] == 3)
        }
    }

    @Test func aFullIotdaMarkerWalkReturnsEveryTaskOnce() async throws {
        try await Self.withSimulator { simulator in
            let path = "/v5/iot/\(SimulatorFixtures.iotdaProject)/iotda-instances/\(SimulatorFixtures.iotdaInstance)/tasks"
            var seen: [String] = []
            var marker: String?
            for _ in 0..<20 {
                var query = ["limit": "7"]
                if let marker { query["marker"] = marker }
                let (code, body) = try await Self.get(simulator, .huaweiIotda, path: path, query: query)
                #expect(code == 200)
                #expect(body?["page"]?["count"] == 20)
                let tasks = body?["tasks"]?.arrayValue ?? []
                seen += tasks.compactMap { $0["task_id"]?.stringValue }
                if tasks.count < 7 { break }
                marker = body?["page"]?["marker"]?.stringValue
            }
            #expect(seen.count == 20)
            #expect(Set(seen).count == 20)
        }
    }

    @Test func thePageSizeDriftServesOneItemTooMany() async throws {
        try await Self.withSimulator(drifts: [.pageSize]) { simulator in
            let (_, body) = try await Self.get(simulator, .otcDdm, path: Self.ddmPath, query: Self.window.merging(["limit": "5"]) { $1 })
            #expect(body?["jobs"]?.arrayValue?.count == 6)
            simulator.setDrifts([])
            let (_, clean) = try await Self.get(simulator, .otcDdm, path: Self.ddmPath, query: Self.window.merging(["limit": "5"]) { $1 })
            #expect(clean?["jobs"]?.arrayValue?.count == 5)
        }
    }

    @Test func theAlibabaXMLAnswerCarriesTheSameFields() async throws {
        try await Self.withSimulator { simulator in
            let (path, query) = SimulatorFixtures.firstPage(for: .alibabaPetadata, pageSize: 30, now: Self.now)
            var components = URLComponents(url: simulator.baseURL(for: .alibabaPetadata), resolvingAgainstBaseURL: false)!
            components.path += path
            components.queryItems = query + [URLQueryItem(name: "Format", value: "XML")]
            var request = URLRequest(url: components.url!)
            try ProviderCredentials.simulator(for: .alibabaPetadata).signer.sign(&request, date: Self.now)
            let (data, _) = try await URLSession(configuration: .ephemeral).data(for: request)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("<DescribeTasksResponse>"))
            #expect(text.contains("<TotalRecords>"))
            #expect(text.contains("<Tasks><Task><TaskId>"))
        }
    }
}

struct SimulatorAdminTests {
    static func admin(_ simulator: ProviderSimulator, method: String, query: String = "") async throws -> String {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(simulator.port)/__tapedeck/drift\(query)")!)
        request.httpMethod = method
        return String(decoding: try await URLSession(configuration: .ephemeral).data(for: request).0, as: UTF8.self)
    }

    @Test func getListsTheDriftsAndPostSetsThem() async throws {
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(tasksPerInstance: 5, drifts: [.pageSize]))
        try await simulator.start()
        #expect(try await Self.admin(simulator, method: "GET") == #"{"drifts":["page-size"]}"#)
        #expect(simulator.drifts == [.pageSize])
        _ = try await Self.admin(simulator, method: "POST", query: "?kinds=enum-value,total-stable")
        #expect(simulator.drifts == [.enumValue, .totalStable])
        #expect(try await Self.admin(simulator, method: "POST", query: "?kinds=nonsense").contains("unknown drift"))
        #expect(simulator.drifts == [.enumValue, .totalStable])
        try await simulator.stop()
    }
}
