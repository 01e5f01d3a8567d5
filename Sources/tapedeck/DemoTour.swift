import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import TapedeckProviders
import TapedeckSimulator

/// The demo's script: simulator up, record, replay, check, then drift.
struct DemoTour {
    let seed: UInt64
    let tasks: Int
    let folder: URL
    /// Whether `folder` is the demo's own temporary one, removed when the tour ends.
    let keepsFolder: Bool
    let catalogue: ContractCatalogue

    init(seed: UInt64, tasks: Int, folder: URL?) throws {
        self.seed = seed
        self.tasks = tasks
        self.folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("tapedeck-demo-\(UUID().uuidString)")
        keepsFolder = folder != nil
        catalogue = .builtIn
    }

    static let pageSizes: [ProviderID: Int] = [
        .alibabaPetadata: 30, .huaweiKafka: 20, .huaweiIotda: 5, .yandexBackup: 20, .otcDdm: 16,
    ]

    func run() async throws -> Bool {
        let started = Date()
        let simulator = ProviderSimulator(configuration: SimulatorConfiguration(seed: seed, tasksPerInstance: tasks))
        try await simulator.start()
        defer { Task { try? await simulator.stop() } }
        defer { if !keepsFolder { try? FileManager.default.removeItem(at: folder) } }
        let kept = keepsFolder ? "" : " (removed at the end; --keep FOLDER keeps them)"
        print("Tapedeck demo: provider simulator on 127.0.0.1:\(simulator.port), recordings in \(folder.path)\(kept)\n")
        var ok = true

        print("1. Record a walk of each provider (secrets redacted), replay it offline, check it")
        print(Self.row("provider", "pages", "items", "replayed", "rules", "violations"))
        for provider in ProviderID.allCases {
            let runner = WalkRunner(contract: try catalogue.contract(for: provider.rawValue))
            let first = firstPage(provider, simulator: simulator)
            let cassette = folder.appendingPathComponent("\(provider.rawValue)/walk.json")
            let credentials = ProviderCredentials.simulator(for: provider)
            let recorded = try await runner.run(firstPage: first, cassette: cassette, mode: .all, credentials: credentials)
            let replayed = try await runner.run(firstPage: first, cassette: cassette, mode: .never, credentials: credentials)
            let identical = recorded.walk.pages.map(\.body) == replayed.walk.pages.map(\.body)
            let failures = replayed.report.failures
            ok = ok && identical && failures.isEmpty && replayed.session.unused.isEmpty
            print(
                Self.row(
                    provider.rawValue, "\(replayed.walk.pages.count)", "\(replayed.walk.items.count)",
                    identical ? "identical" : "DIFFERENT", "\(replayed.report.rules.count)", "\(failures.count)"))
            for violation in failures.prefix(3) { print("      \(violation)") }
        }
        let leaks = try secretsLeft()
        ok = ok && leaks == 0
        print("   secret scan of the recordings: \(leaks == 0 ? "no credential survived" : "\(leaks) credentials LEFT IN CASSETTES")\n")

        print("2. Switch on each drift in the simulator, re-record, and see which rule catches it")
        print("   " + "drift".padding(toLength: 20, withPad: " ", startingAt: 0) + "caught by the rule of the same name in")
        for drift in DriftKind.allCases {
            simulator.setDrifts([drift])
            var caughtBy: Set<String> = []
            for provider in ProviderID.allCases {
                let runner = WalkRunner(contract: try catalogue.contract(for: provider.rawValue))
                let cassette = folder.appendingPathComponent("drift/\(drift.rawValue)/\(provider.rawValue).json")
                let run = try await runner.run(
                    firstPage: firstPage(provider, simulator: simulator, drift: drift), cassette: cassette, mode: .all,
                    credentials: ProviderCredentials.simulator(for: provider), maximumPages: 12)
                if run.report.failures.contains(where: { $0.rule.rawValue == drift.rawValue }) { caughtBy.insert(provider.rawValue) }
            }
            ok = ok && !caughtBy.isEmpty
            let verdict = caughtBy.isEmpty ? "MISSED" : caughtBy.sorted().joined(separator: ", ")
            print("   " + drift.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + verdict)
        }
        simulator.setDrifts([])
        print(
            String(
                format: "\n%@ in %.1f s.", ok ? "Every walk clean, every drift caught" : "Something was missed (see above)", Date().timeIntervalSince(started)))
        return ok
    }

    /// The first page of a provider's walk; for the drifts that only show on an
    /// error answer or a reversed window, the request that provokes it.
    func firstPage(_ provider: ProviderID, simulator: ProviderSimulator, drift: DriftKind? = nil) -> URL {
        let size = Self.pageSizes[provider] ?? 20
        var (path, query) = SimulatorFixtures.firstPage(for: provider, pageSize: size)
        func set(_ name: String, _ value: String) {
            query.removeAll { $0.name == name }
            query.append(URLQueryItem(name: name, value: value))
        }
        switch (drift, provider) {
        case (.errorShape, .otcDdm), (.errorShape, .huaweiKafka), (.errorShape, .huaweiIotda): set("limit", "0")
        case (.errorShape, .yandexBackup): set("pageSize", "1001")
        case (.errorShape, .alibabaPetadata): set("MaxRecordsPerPage", "31")
        case (.timeWindow, .otcDdm):
            let end = Int64(TapedeckClock.current.now().timeIntervalSince1970 * 1000)
            set("start_time", String(end - 86_400_000))
            set("end_time", String(end - 2 * 86_400_000))
        default: break
        }
        var components = URLComponents(url: simulator.baseURL(for: provider), resolvingAgainstBaseURL: false)!
        components.path += path == "/" ? "/" : path
        components.queryItems = query
        return components.url!
    }

    /// How many of the simulator's credentials appear anywhere in the recordings.
    func secretsLeft() throws -> Int {
        let secrets = ProviderID.allCases.flatMap { ProviderCredentials.simulator(for: $0).secretValues }
        var found = 0
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "json" {
            let text = try String(contentsOf: file, encoding: .utf8)
            found += secrets.filter { text.contains($0) }.count
        }
        return found
    }

    static func row(_ columns: String...) -> String {
        let widths = [22, 8, 8, 11, 7, 10]
        return "   " + zip(columns, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
