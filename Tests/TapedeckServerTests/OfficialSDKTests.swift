import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckHTTP
import TapedeckProviders
import TapedeckServer
import TapedeckSigning
@testable import TapedeckSimulator
import TapedeckTestSupport
import Testing

/// The providers' official Python SDKs (and, for IoTDA and Yandex, which have none
/// for these calls, Python's requests with huaweicloudsdkcore's signer or a Bearer
/// token), clients nobody here wrote, walk every page
/// three ways: against the simulator at its documented paths, through the
/// recording proxy (which re-signs what the SDK signed for the proxy's address),
/// and offline from the replay server with the simulator stopped. Every answer is
/// parsed into the SDK's response models, and the three walks see the same pages.
/// The SDKs come from PyPI, provisioned by the suite itself on first use (`PythonTools`).
struct OfficialSDKTests {
    static let root = PackageRoot.url
    static let script = root.appendingPathComponent("Tests/TapedeckServerTests/SDK/sdk_walk.py")

    /// Runs the SDK's walk against `endpoint` and gives back its page lines.
    /// `settings` go into its environment too (`SDK_PROXY`, `SDK_CA_CERT`).
    static func walk(_ sdk: String, endpoint: URL, now: Date, log: URL, settings: [String: String] = [:]) throws -> [String] {
        try python(
            [script.path, sdk, endpoint.absoluteString, String(Int64(now.timeIntervalSince1970 * 1000))], log: log, settings: settings,
            describing: "\(sdk) against \(endpoint)")
    }

    /// Runs the SDKs' Python with `arguments`, the simulator's credentials and `settings` in its
    /// environment, its errors in `log`; the lines it printed. A failure is described as `what`.
    static func python(_ arguments: [String], log: URL, settings: [String: String], describing what: String) throws -> [String] {
        let process = Process()
        process.executableURL = try PythonTools.python()
        process.arguments = arguments
        var environment = settings.merging(["PATH": "/usr/bin:/bin"]) { $1 }
        for provider in [ProviderID.huaweiKafka, .alibabaPetadata, .yandexBackup] {
            let credentials = ProviderCredentials.simulator(for: provider)
            for (name, value) in zip(ProviderCredentials.environmentVariables(for: provider), credentials.secretValues) {
                environment[name] = value
            }
        }
        process.environment = environment
        let output = Pipe()
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let errors = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try errors.close()
        let failure = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(what): \(failure.suffix(600))")
        return text.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["kafka", "ddm", "alibaba", "iotda", "yandex"])
    func anOfficialSDKWalksTheSimulatorThroughTheProxyAndOffline(sdk: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("\(sdk).json")
        // The SDKs sign with the system's clock, so the simulator and the recorder keep it too
        // (the suite also runs with TAPEDECK_NOW moved, which no SDK reads).
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(clock: .system))
        try await simulator.start()
        let now = TapedeckClock.system.now()
        let simulatorRoot = try #require(URL(string: "http://127.0.0.1:\(simulator.port)"))

        let log = folder.appendingPathComponent("sdk.log")
        let direct = try Self.walk(sdk, endpoint: simulatorRoot, now: now, log: log)

        let proxy = try await CassetteServer.started(
            CassetteServer.Configuration(
                cassettes: [cassette], mode: .all, upstream: simulatorRoot,
                resigners: HostResigner.all(in: .builtIn, environment: ProviderCredentials.simulatorEnvironment(for: .huaweiKafka)), clock: .system))
        let proxied = try Self.walk(sdk, endpoint: proxy.baseURL, now: now, log: log)
        let recorded = try await proxy.stop()
        try await simulator.stop()

        let replay = try await CassetteServer.started(CassetteServer.Configuration(cassettes: [cassette]))
        let offline = try Self.walk(sdk, endpoint: replay.baseURL, now: now, log: log)
        let replayed = try await replay.stop()

        // A whole walk: every item the first page counts, each once.
        let pages = try direct.map { try JSONParser.parse(Data($0.utf8)) }
        let ids = pages.flatMap { $0["ids"]?.arrayValue ?? [] }.compactMap(\.stringValue)
        #expect(pages.count >= 2)
        #expect(Set(ids).count == ids.count)
        if let total = pages.first?["total"] {
            #expect(total.compactText.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == String(ids.count))
        }
        #expect(proxied == direct, "through the proxy")
        #expect(offline == direct, "offline from the replay server")
        #expect(recorded.recorded == direct.count)
        #expect(replayed.missed == 0)
        #expect(replayed.unused.isEmpty)
        let text = try String(contentsOf: cassette, encoding: .utf8)
        for provider in [ProviderID.huaweiKafka, .alibabaPetadata, .yandexBackup] {
            for secret in ProviderCredentials.simulator(for: provider).secretValues {
                #expect(!text.contains(secret), "no credential in the cassette")
            }
        }
        // The recording checks clean against the provider's contract, POSTs and all.
        let catalogue = ContractCatalogue.builtIn
        let recording = try CassetteStore.load(cassette)
        let contract = try #require(catalogue.detect(recording.interactions))
        let report = ContractChecker(contract: contract).check(recording, recording: cassette.lastPathComponent)
        #expect(report.failures.isEmpty, "\(report.failures)")
    }

    /// The Huawei Kafka SDK with its own proxy settings (`HttpConfig`
    /// proxy_protocol/proxy_host/proxy_port and `ssl_ca_cert`) and an HTTPS
    /// endpoint: the simulator behind a loopback TLS server. The walk through the
    /// forward proxy is recorded, and replayed with the simulator stopped, page for page.
    @Test func theHuaweiSDKRecordsAnHTTPSEndpointThroughTheForwardProxyWithItsOwnSettings() async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(clock: .system))
        let tls = try LoopbackTLS(in: folder)
        let upstream = try await tls.serve(SimulatorResponder(simulator: simulator))
        let endpoint = try #require(URL(string: "https://localhost:\(upstream.port)"))
        let now = TapedeckClock.system.now()
        let log = folder.appendingPathComponent("sdk.log")
        let direct = try Self.walk("kafka", endpoint: endpoint, now: now, log: log, settings: ["SDK_CA_CERT": tls.certificateFile.path])

        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        let cassette = folder.appendingPathComponent("kafka.json")
        let proxy = try await CassetteServer.started(
            .init(cassettes: [cassette], mode: .all, clock: .system, forward: .init(authority: authority), upstreamTrust: .certificates(tls.certificateFile)))
        let settings = ["SDK_PROXY": "127.0.0.1:\(proxy.port)", "SDK_CA_CERT": authority.certificateFile.path]
        let proxied = try Self.walk("kafka", endpoint: endpoint, now: now, log: log, settings: settings)
        let recorded = try await proxy.stop()
        try await upstream.stop()

        let replay = try await CassetteServer.started(.init(cassettes: [cassette], forward: .init(authority: authority)))
        let offline = try Self.walk(
            "kafka", endpoint: endpoint, now: now, log: log, settings: ["SDK_PROXY": "127.0.0.1:\(replay.port)", "SDK_CA_CERT": authority.certificateFile.path])
        let replayed = try await replay.stop()

        #expect(direct.count >= 2)
        #expect(proxied == direct, "through the forward proxy")
        #expect(offline == direct, "offline from the forward proxy's replay")
        #expect(recorded.recorded == direct.count)
        #expect(replayed.missed == 0)
        let urls = try CassetteStore.load(cassette).interactions.map(\.request.url)
        #expect(urls.allSatisfy { $0.hasPrefix(endpoint.absoluteString + "/") }, "the SDK's own endpoint is recorded: \(urls)")
        let text = try String(contentsOf: cassette, encoding: .utf8)
        for secret in ProviderCredentials.simulator(for: .huaweiKafka).secretValues {
            #expect(!text.contains(secret), "no credential in the cassette")
        }
    }
}
