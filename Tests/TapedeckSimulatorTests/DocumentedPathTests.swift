import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders
import TapedeckSigning
import TapedeckSimulator
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The simulator as an official SDK finds it: each provider at its documented
/// path from the root, Alibaba's RPC as a POST form too, and ids in the path checked.
struct DocumentedPathTests {
    /// `request` signed for `provider` at the simulator's fixed "now", and its answer.
    static func send(_ request: URLRequest, _ provider: ProviderID) async throws -> (Int, JSONValue?) {
        var signed = request
        try ProviderCredentials.simulator(for: provider).signer.sign(&signed, date: SimulatorTests.now)
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: signed)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONParser.parse(data))
    }

    /// The first page of a walk at `path` below the simulator's root (no `/<provider-id>` prefix).
    static func rootRequest(_ simulator: ProviderSimulator, _ provider: ProviderID, path: String? = nil) throws -> URLRequest {
        let (documented, query) = SimulatorFixtures.firstPage(for: provider, pageSize: 30, now: SimulatorTests.now)
        var components = try #require(URLComponents(string: "http://127.0.0.1:\(simulator.port)"))
        components.path = path ?? documented
        components.queryItems = query
        return URLRequest(url: try #require(components.url))
    }

    @Test(arguments: ProviderID.allCases)
    func everyProviderAnswersAtItsDocumentedPathFromTheRoot(provider: ProviderID) async throws {
        try await SimulatorTests.withSimulator { simulator in
            let (status, body) = try await Self.send(try Self.rootRequest(simulator, provider), provider)
            #expect(status == 200, "\(body?.compactText ?? "")")
            #expect(body?.compactText.contains("no provider API") == false)
        }
    }

    @Test(arguments: ProviderID.allCases)
    func everyAnswerCarriesTheProvidersRequestIDHeader(provider: ProviderID) async throws {
        try await SimulatorTests.withSimulator { simulator in
            var request = try Self.rootRequest(simulator, provider)
            try ProviderCredentials.simulator(for: provider).signer.sign(&request, date: SimulatorTests.now)
            let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
            let id = try #require((response as? HTTPURLResponse)?.value(forHTTPHeaderField: provider.profile.requestIDHeader ?? "X-Request-Id"))
            #expect(id.count == 36)
            if provider == .alibabaPetadata { #expect(try JSONParser.parse(data)["RequestId"]?.stringValue == id) }
        }
    }

    @Test func aPathNoProviderDocumentsNamesBothWaysIn() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let url = try #require(URL(string: "http://127.0.0.1:\(simulator.port)/v9/nothing"))
            let (data, response) = try await URLSession(configuration: .ephemeral).data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 404)
            #expect(String(decoding: data, as: UTF8.self).contains("documented path"))
        }
    }

    @Test(arguments: [
        (ProviderID.huaweiKafka, "/v2/0b01fbb53600d4671fa8c00673c71260/instances/00000000-0000-0000-0000-000000000000/scheduled-tasks", "DMS.00400404"),
        (.huaweiKafka, "/v2/ffffffffffffffffffffffffffffffff/instances/6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d/scheduled-tasks", "DMS.00400404"),
        (.huaweiIotda, "/v5/iot/5b4e1f2a9c8d4e3f8a7b6c5d4e3f2a1b/iotda-instances/unknown/tasks", "IOTDA.000404"),
        (.otcDdm, "/v3/ffffffffffffffffffffffffffffffff/jobs", "DBS.280404"),
        (.yandexBackup, "/backup/v1/resources/fhm0unknown/tasks", "5"),
    ])
    func anUnknownProjectOrInstanceGetsTheProvidersNotFound(provider: ProviderID, path: String, code: String) async throws {
        try await SimulatorTests.withSimulator { simulator in
            let (status, body) = try await Self.send(try Self.rootRequest(simulator, provider, path: path), provider)
            #expect(status == 404)
            let given = body?["error_code"]?.stringValue ?? body?["code"]?.compactText
            #expect(given == code, "\(body?.compactText ?? "")")
        }
    }

    /// The official Alibaba SDK sends an RPC action as a POST with its parameters,
    /// signature included, in an `application/x-www-form-urlencoded` body.
    @Test func alibabaAnswersAnRPCPostWithItsParametersInAFormBody() async throws {
        try await SimulatorTests.withSimulator { simulator in
            var request = try Self.rootRequest(simulator, .alibabaPetadata)
            request.httpMethod = "POST"
            try ProviderCredentials.simulator(for: .alibabaPetadata).signer.sign(&request, date: SimulatorTests.now)
            let signedURL = try #require(request.url)
            var components = try #require(URLComponents(url: signedURL, resolvingAgainstBaseURL: false))
            request.httpBody = Data(try #require(components.percentEncodedQuery).utf8)
            components.query = nil
            request.url = components.url
            request.setValue("application/x-www-form-urlencoded; charset=UTF-8", forHTTPHeaderField: "content-type")
            let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
            let body = try JSONParser.parse(data)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(body.compactText)")
            #expect(body["Tasks"]?["Task"]?.arrayValue?.isEmpty == false)
        }
    }
}

/// The `tapedeck sim` banner's guide, followed by a client nobody here wrote.
struct SimulatorGuideTests {
    @Test func everyPastedCurlLineGetsItsFirstPage() async throws {
        try await SimulatorTests.withSimulator { simulator in
            let root = try #require(URL(string: "http://127.0.0.1:\(simulator.port)"))
            let guide = SimulatorGuide(root: root, now: SimulatorTests.now)
            #expect(guide.entries.map(\.provider) == ProviderID.allCases)
            for entry in guide.entries {
                #expect(!entry.credentials.isEmpty)
                guard let header = entry.header else {
                    #expect(entry.provider == .alibabaPetadata, "only signed RPC has no static header")
                    continue
                }
                let curl = Process()
                curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
                curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "10", "-H", "\(header.name): \(header.value)", entry.url.absoluteString]
                let output = Pipe()
                curl.standardOutput = output
                try curl.run()
                let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                curl.waitUntilExit()
                #expect(status == "200", "\(entry.provider): \(entry.curl)")
            }
            #expect(guide.text.contains("HUAWEICLOUD_SDK_AK=HPUASIMULATOR0000001"))
            #expect(guide.text.contains("OS_AUTH_TOKEN=MII"))
        }
    }
}

/// Injected faults answer as the provider would: its documented error body, which a
/// contract's error-shape rule accepts, marked as injected for whoever looks.
struct FaultBodyTests {
    @Test(arguments: ProviderID.allCases)
    func anInjectedFaultAnswersWithTheProvidersErrorBody(provider: ProviderID) async throws {
        for code in [503, 429] {
            let simulator = ProviderSimulator(
                configuration: SimulatorConfiguration(tasksPerInstance: 5, faults: [.status(code, rate: 1)], clock: .fixed(SimulatorTests.now)))
            try await simulator.start()
            let request = try DocumentedPathTests.rootRequest(simulator, provider)
            var signed = request
            try ProviderCredentials.simulator(for: provider).signer.sign(&signed, date: SimulatorTests.now)
            let (data, response) = try await URLSession(configuration: .ephemeral).data(for: signed)
            try await simulator.stop()
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == code)
            #expect(http.value(forHTTPHeaderField: "X-Tapedeck-Fault") == String(code))
            let body = try JSONParser.parse(data)
            let fields = Set(body.objectValue?.keys ?? [])
            let expected: Set<String> =
                switch provider {
                case .huaweiKafka, .huaweiIotda, .otcDdm: ["error_code", "error_msg"]
                case .alibabaPetadata: ["RequestId", "HostId", "Code", "Message"]
                case .yandexBackup: ["code", "message", "details"]
                }
            #expect(fields == expected, "\(provider) \(code): \(body.compactText)")
        }
    }
}
