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

/// Clients that compute their windows from their own clock ("the last 29 days"
/// from `time.time()`) replay a recording days and a year later. Each official
/// SDK's walk (`requests` for IoTDA and Yandex) is recorded once through the
/// recording proxy, then replayed by the replay server and through the forward
/// proxy with the client's clock moved ahead by libfaketime and the server's by
/// the same amount (as `TAPEDECK_NOW` moves it): every page matches.
@Suite(.enabled(if: SystemTool.libfaketime.runs, Comment(rawValue: SystemTool.libfaketime.absence)))
struct ClockAheadReplayTests {
    static let faketime = SystemTool.libfaketime.path

    /// Runs the SDK's walk with its window taken from the client's own clock, which
    /// libfaketime moves `ahead` seconds on (0: the real clock); gives back its page lines.
    static func walk(_ sdk: String, endpoint: URL, ahead: TimeInterval, log: URL, proxy: URL? = nil) throws -> [String] {
        // The walk's "now" is the client's clock, read by the client.
        let fromOwnClock = "import runpy, sys, time; sys.argv = sys.argv[1:] + [str(int(time.time() * 1000))]; runpy.run_path(sys.argv[0], run_name='__main__')"
        var settings: [String: String] = [:]
        if ahead != 0 {
            // Monotonic clocks stay real, so timeouts inside the client behave.
            settings.merge(["LD_PRELOAD": faketime, "FAKETIME": "+\(Int(ahead))", "DONT_FAKE_MONOTONIC": "1"]) { $1 }
        }
        if let proxy { settings["HTTP_PROXY"] = proxy.absoluteString }
        return try OfficialSDKTests.python(
            ["-c", fromOwnClock, OfficialSDKTests.script.path, sdk, endpoint.absoluteString], log: log, settings: settings,
            describing: "\(sdk) at \(endpoint), \(Int(ahead)) s ahead")
    }

    @Test(arguments: ["ddm", "alibaba", "kafka", "iotda", "yandex"])
    func aWalkRecordedOnceReplaysThreeDaysAndAYearLater(sdk: String) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cassette = folder.appendingPathComponent("\(sdk).json")
        let log = folder.appendingPathComponent("sdk.log")
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(clock: .system))
        try await simulator.start()
        let upstream = try #require(URL(string: "http://127.0.0.1:\(simulator.port)"))
        let recorder = try await CassetteServer.started(
            CassetteServer.Configuration(
                cassettes: [cassette], mode: .all, upstream: upstream,
                resigners: HostResigner.all(in: .builtIn, environment: ProviderCredentials.simulatorEnvironment(for: .huaweiKafka)), clock: .system))
        let recorded = try Self.walk(sdk, endpoint: recorder.baseURL, ahead: 0, log: log)
        _ = try await recorder.stop()
        try await simulator.stop()
        #expect(recorded.count >= 2, "a walk of pages")

        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        for ahead in [3 * 86_400.0, 400 * 86_400.0] {
            let matching = TimeMatching(clock: .starting(at: TapedeckClock.system.now().addingTimeInterval(ahead)))
            let replay = try await TimeMatching.$current.withValue(matching) {
                try await CassetteServer.started(CassetteServer.Configuration(cassettes: [cassette]))
            }
            let served = try Self.walk(sdk, endpoint: replay.baseURL, ahead: ahead, log: log)
            let summary = try await replay.stop()
            #expect(served == recorded, "\(sdk) replayed \(Int(ahead / 86_400)) days later by the replay server")
            #expect(summary.missed == 0, "\(sdk), \(Int(ahead / 86_400)) days later")
            #expect(summary.unused.isEmpty)

            // The same through the forward proxy: the client keeps the simulator's (now stopped) address.
            let forward = try await TimeMatching.$current.withValue(matching) {
                try await CassetteServer.started(CassetteServer.Configuration(cassettes: [cassette], forward: .init(authority: authority)))
            }
            let proxied = try Self.walk(sdk, endpoint: upstream, ahead: ahead, log: log, proxy: forward.baseURL)
            let forwarded = try await forward.stop()
            #expect(proxied == recorded, "\(sdk) replayed \(Int(ahead / 86_400)) days later through the forward proxy")
            #expect(forwarded.missed == 0)
        }
    }

    /// Replay reads no contract: each built-in profile names as times what its contract documents.
    @Test func theBuiltInProfilesNameTheTimesTheirContractsDocument() throws {
        let catalogue = ContractCatalogue.builtIn
        #expect(catalogue.contracts.count == 5)
        for contract in catalogue.contracts {
            let profile = try #require(catalogue.profiles.profiles.first { $0.id == contract.provider })
            #expect(profile.timeParameters == contract.timeParameters, "\(contract.provider)")
            #expect(TimeMatching().adding(catalogue.profiles).parameters.isSuperset(of: contract.timeParameters))
        }
        let named = Dictionary(uniqueKeysWithValues: catalogue.contracts.map { ($0.provider, $0.timeParameters) })
        #expect(named["otc-ddm"] == ["start_time", "end_time"])
        #expect(named["alibaba-petadata"] == ["StartTime", "EndTime"])
        #expect(named["huawei-kafka"] == ["begin_time", "end_time"])
        #expect(named["huawei-iotda"] == [])
        #expect(named["yandex-backup"] == [])
    }
}
