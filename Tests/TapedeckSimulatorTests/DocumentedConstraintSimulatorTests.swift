import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckSigning
import TapedeckSimulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The simulator's answers obey the constraints the seed pages state (the table in
/// `docs/contracts.md`), including those a recording cannot show being broken.
struct DocumentedConstraintSimulatorTests {
    static let yandexPath = "/backup/v1/resources/\(SimulatorFixtures.yandexInstance)/tasks"
    static let iotdaPath = "/v5/iot/\(SimulatorFixtures.iotdaProject)/iotda-instances/\(SimulatorFixtures.iotdaInstance)/tasks"
    static let kafkaPath = "/v2/\(SimulatorFixtures.kafkaProject)/instances/\(SimulatorFixtures.kafkaInstance)/scheduled-tasks"

    static func yandexTasks(_ simulator: ProviderSimulator) async throws -> [JSONValue] {
        let (status, body) = try await SimulatorTests.get(simulator, .yandexBackup, path: Self.yandexPath, query: ["pageSize": "0"])
        #expect(status == 200)
        return body?["tasks"]?.arrayValue ?? []
    }

    /// "task cancellation is not supported yet": proto3 JSON leaves the false flag out.
    @Test func noYandexTaskIsCancellable() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let tasks = try await Self.yandexTasks(simulator)
            #expect(!tasks.isEmpty)
            #expect(tasks.allSatisfy { $0["cancellable"] == nil || $0["cancellable"] == false })
        }
    }

    /// "Task error message if task finished with not OK code": some do, and only those carry one.
    @Test func yandexErrorsComeOnlyWithAFinishedNotOKTask() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let tasks = try await Self.yandexTasks(simulator)
            let failed = tasks.filter { $0["error"] != nil }
            #expect(!failed.isEmpty, "some task finishes with an error")
            #expect(failed.allSatisfy { $0["status"] == "COMPLETED" && $0["resultCode"] != "OK" && $0["resultCode"] != nil })
            #expect(tasks.contains { $0["resultCode"] == "OK" })
        }
    }

    /// An ENQUEUED task has not started; only a COMPLETED one has completed.
    @Test func yandexTimesFollowTheStatus() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let tasks = try await Self.yandexTasks(simulator)
            let enqueued = tasks.filter { $0["status"] == "ENQUEUED" }
            #expect(!enqueued.isEmpty)
            #expect(enqueued.allSatisfy { $0["startedAt"] == nil })
            #expect(tasks.filter { $0["status"] != "ENQUEUED" }.allSatisfy { $0["startedAt"] != nil })
            #expect(tasks.allSatisfy { ($0["completedAt"] != nil) == ($0["status"] == "COMPLETED") })
        }
    }

    /// A pending IoTDA task has neither started nor ended; a running one has not ended; creation times descend.
    @Test func iotdaTasksAreNewestFirstAndUnfinishedOnesHaveNoEnd() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let (status, body) = try await SimulatorTests.get(simulator, .huaweiIotda, path: Self.iotdaPath)
            #expect(status == 200)
            let tasks = body?["tasks"]?.arrayValue ?? []
            #expect(tasks.contains { $0["status"] == "PENDING" })
            #expect(tasks.filter { $0["status"] == "PENDING" }.allSatisfy { $0["start_time"] == nil && $0["end_time"] == nil })
            #expect(tasks.filter { $0["status"] == "RUNNING" }.allSatisfy { $0["end_time"] == nil })
            #expect(tasks.filter { $0["status"] == "SUCCESS" || $0["status"] == "FAILED" }.allSatisfy { $0["end_time"] != nil })
            let created = tasks.compactMap { $0["create_time"]?.stringValue }
            #expect(created.count == tasks.count)
            #expect(created == created.sorted(by: >), "descending order of record id: newest first")
        }
    }

    /// "PageNumbers … Default value: 1"; a task not started (status 0) has made no progress.
    @Test func alibabaAnswersWithoutPageNumbersAsPageOne() async throws {
        try await SimulatorTests.withSimulator { simulator in
            var (path, query) = SimulatorFixtures.firstPage(for: .alibabaPetadata, pageSize: 30, now: SimulatorTests.now)
            query.removeAll { $0.name == "PageNumbers" }
            query.append(URLQueryItem(name: "TaskStatus", value: "0,1,2,3,4,5"))
            let parameters = Dictionary(uniqueKeysWithValues: query.map { ($0.name, $0.value ?? "") })
            let (status, body) = try await SimulatorTests.get(simulator, .alibabaPetadata, path: path, query: parameters)
            #expect(status == 200, "\(body?.compactText ?? "")")
            #expect(body?["PageNumbers"] == 1)
            let tasks = body?["Tasks"]?["Task"]?.arrayValue ?? []
            #expect(tasks.contains { $0["Status"] == "0" })
            #expect(tasks.filter { $0["Status"] == "0" }.allSatisfy { $0["Progress"] == "0" })
            #expect(tasks.filter { $0["Status"] == "2" }.allSatisfy { $0["Progress"] == "100" })
        }
    }

    /// AK/SK signatures are good for 15 minutes either way of now, so a replayed one expires.
    static let signingOffsets: [(TimeInterval, Int)] = [(-172_800, 401), (-960, 401), (-600, 200), (0, 200), (600, 200), (960, 401)]

    @Test(arguments: signingOffsets)
    func anAKSKSignatureExpires(offset: TimeInterval, status: Int) async throws {
        try await SimulatorTests.withSimulator { simulator in
            var components = URLComponents(url: simulator.baseURL(for: .huaweiKafka), resolvingAgainstBaseURL: false)!
            components.path += Self.kafkaPath
            var request = URLRequest(url: try #require(components.url))
            try ProviderCredentials.simulator(for: .huaweiKafka).signer.sign(&request, date: SimulatorTests.now.addingTimeInterval(offset))
            let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == status, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// "in milliseconds": a window in seconds or microseconds is refused.
    static let windowScales: [(Double, Int)] = [(0.001, 400), (1, 200), (1000, 400)]

    @Test(arguments: windowScales)
    func ddmTakesItsWindowInMilliseconds(scale: Double, status: Int) async throws {
        try await SimulatorTests.withSimulator { simulator in
            let window = SimulatorTests.window.mapValues { String(Int64((Double($0) ?? 0) * scale)) }
            let (code, body) = try await SimulatorTests.get(simulator, .otcDdm, path: SimulatorTests.ddmPath, query: window)
            #expect(code == status, "\(body?.compactText ?? "")")
        }
    }

    /// A process such as "60%" while Running, "" otherwise.
    @Test func ddmProcessFollowsTheStatus() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let (_, body) = try await SimulatorTests.get(
                simulator, .otcDdm, path: SimulatorTests.ddmPath, query: SimulatorTests.window.merging(["limit": "128"]) { $1 })
            let jobs = body?["jobs"]?.arrayValue ?? []
            #expect(jobs.contains { $0["status"] == "Running" })
            for job in jobs {
                let process = job["process"]?.stringValue ?? "absent"
                if job["status"] == "Running" {
                    #expect(process.hasSuffix("%") && Int(process.dropLast()).map { (0...100).contains($0) } == true)
                } else {
                    #expect(process == "")
                }
            }
        }
    }

    /// Request ids are unique to a run, as a provider's are, not a function of the request alone.
    @Test func requestIDsDifferFromRunToRun() async throws {
        var ids: [String] = []
        for _ in 0..<2 {
            try await SimulatorTests.withSimulator { simulator in
                var request = try DocumentedPathTests.rootRequest(simulator, .otcDdm)
                try ProviderCredentials.simulator(for: .otcDdm).signer.sign(&request, date: SimulatorTests.now)
                let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
                ids.append(try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Request-Id")))
            }
        }
        #expect(ids.count == 2 && ids[0] != ids[1])
    }

    /// An answer no provider gives (an unknown path, the admin endpoints) still carries a request id.
    @Test(arguments: ["/v9/nothing", "/__tapedeck/drift"])
    func unroutedAnswersCarryARequestID(path: String) async throws {
        try await SimulatorTests.withSimulator { simulator in
            let url = try #require(URL(string: "http://127.0.0.1:\(simulator.port)\(path)"))
            let (_, response) = try await URLSession(configuration: .ephemeral).data(from: url)
            #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-Request-Id")?.count == 36)
        }
    }
}
