import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckDrift
import Testing
import TapedeckTestSupport

/// The two test APIs that are not among the built-in providers (`Tests/APIs`),
/// each defined only by files: recorded from the loopback fixture server through
/// `PaginatingClient`, checked by their contracts, and drafted from the recording.
@Suite(.serialized) struct FixtureAPITests {
    static let styles = ["widgets": "link-header", "charges": "has-more"]

    static func scratch() throws -> URL {
        let folder = try scratchFolder("fixture-api")
        return folder
    }

    /// The recording of one walk of `api`, with a planted change or none.
    static func recording(_ api: String, plant: String? = nil, in folder: URL) async throws -> Cassette {
        let server = try FixtureAPI(api, plant: plant)
        defer { server.stop() }
        return try await server.record(into: folder.appendingPathComponent("\(api)-\(plant ?? "clean").json"))
    }

    @Test(arguments: ["widgets", "charges"])
    func theContractChecksACleanWalkAndCatchesThePlantedChanges(api: String) async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = try Contract(contentsOf: FixtureAPI.folder.appendingPathComponent("\(api)/contract.yaml"))
        let clean = try await Self.recording(api, in: folder)
        // 45 items: widgets in pages of 20, charges in pages of the default 10.
        #expect(clean.interactions.count == (api == "widgets" ? 3 : 5))
        let report = ContractChecker(contract: contract).check(clean)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.walks.map(\.items) == [45])
        #expect(report.walks.first?.isComplete == true)
        // No credential reaches the cassette.
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent("\(api)-clean.json")), as: UTF8.self)
        #expect(!text.contains("wt-fixture-token") && !text.contains("sk_test_fixture"))
        try await Self.expectPlantedChangesCaught(api, by: contract, in: folder)
    }

    /// A planted duplicate is one `no-duplicates`, a planted cycle a `cursor-terminates` within its one walk,
    /// a planted drift (a renamed field, a new value) a `required-field` and an `enum-value`.
    static func expectPlantedChangesCaught(_ api: String, by contract: Contract, in folder: URL) async throws {
        let duplicate = ContractChecker(contract: contract).check(try await recording(api, plant: "duplicate", in: folder))
        #expect(duplicate.violations(of: .noDuplicates).count == 1, "\(duplicate.violations)")
        let cycle = ContractChecker(contract: contract).check(try await recording(api, plant: "cycle", in: folder))
        #expect(!cycle.violations(of: .cursorTerminates).isEmpty, "\(cycle.violations)")
        #expect(cycle.walks.count == 1)
        let drift = ContractChecker(contract: contract).check(try await recording(api, plant: "drift", in: folder))
        #expect(!drift.violations(of: .requiredField).isEmpty)
        #expect(!drift.violations(of: .enumValue).isEmpty)
    }

    @Test(arguments: ["widgets", "charges"])
    func theDraftedContractChecksItsRecordingCleanAndCatchesADuplicateAndACycle(api: String) async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let clean = try await Self.recording(api, in: folder)
        let draft = ContractDrafter(provider: api).draft(clean, recording: "\(api).json")
        let contract = try Contract(yaml: draft.yaml, file: "\(api)-draft.yaml")
        #expect(draft.yaml.contains("style: \(Self.styles[api]!)"), "\(draft.yaml)")
        #expect(draft.guesses.contains { $0.confidence == .sure && $0.text.hasPrefix(Self.styles[api]! + ":") }, "\(draft.guesses)")
        let own = ContractChecker(contract: contract).check(clean)
        #expect(own.violations.isEmpty, "\(own.violations)")
        #expect(own.walks.first?.isComplete == true)
        try await Self.expectPlantedChangesCaught(api, by: contract, in: folder)
    }

    @Test(arguments: ["widgets", "charges"])
    func theScenarioWalkReplaysTheRecordingWithTheServerGone(api: String) async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try FixtureAPI(api)
        let file = folder.appendingPathComponent("\(api).json")
        _ = try await server.record(into: file)
        let recordedFirstPage = server.firstPage
        server.stop()
        // The Link headers name the recording's port, which no longer answers: the walk follows them into the cassette.
        let run = try await WalkRunner(contract: try server.contract, clock: .fixed(Recordings.recordedAt))
            .run(firstPage: recordedFirstPage, cassette: file, mode: .never)
        #expect(run.walk.pages.count == (api == "widgets" ? 3 : 5))
        #expect(run.walk.items.count == 45)
        #expect(run.report.violations.isEmpty)
    }

    @Test func theDraftInfersTypesFormatsEnumsAndPathParameters() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let widgets = ContractDrafter(provider: "widgets").draft(try await Self.recording("widgets", in: folder), recording: "w.json").yaml
        #expect(widgets.contains("\"/repos/octo/tapedeck/widgets\":"))
        #expect(widgets.contains("enum: [closed, open]"))
        #expect(widgets.contains("format: date-time"))
        #expect(widgets.contains("required: [id, node_id, name, state, created_at]"))
        #expect(widgets.contains("item-order: ascending"))
        #expect(widgets.contains("limit-param: per_page"))
        #expect(widgets.contains("scheme: bearer"))
        let charges = ContractDrafter(provider: "charges").draft(try await Self.recording("charges", in: folder), recording: "c.json").yaml
        #expect(charges.contains("format: epoch-seconds"))
        #expect(charges.contains("pattern: \"^ch_[0-9A-Za-z]+$\""))
        #expect(charges.contains("has-more-field: \"$.has_more\""))
        #expect(charges.contains("cursor-param: starting_after"))
        #expect(charges.contains("default-limit: 10"))
        #expect(charges.contains("order-field: created"))
        #expect(charges.contains("scheme: basic"))
    }
}
