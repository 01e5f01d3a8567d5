import Foundation
import Tapedeck
import TapedeckContracts
import TapedeckProviders
import Testing
import TapedeckTestSupport

/// Where the contracts and profiles come from: built in, then `--contracts PATH`
/// or the nearest `Scenarios/contracts`, replacing built-in ones by provider id.
struct ContractCatalogueTests {
    static let builtInIDs = ["alibaba-petadata", "huawei-iotda", "huawei-kafka", "otc-ddm", "yandex-backup"]

    /// A folder holding `Scenarios/contracts` with a sixth provider, `acme` (the DDM
    /// contract under another id, with a profile), and a replaced `otc-ddm` profile.
    static func repository() throws -> URL {
        let root = scratchRoot.appendingPathComponent("tapedeck-catalogue-\(UUID().uuidString)")
        let contracts = root.appendingPathComponent("Scenarios/contracts")
        try FileManager.default.createDirectory(at: contracts, withIntermediateDirectories: true)
        let ddm = try String(contentsOf: Recordings.root.appendingPathComponent("Sources/TapedeckProviders/BuiltIn/otc-ddm.yaml"), encoding: .utf8)
        try Data(ddm.replacingOccurrences(of: "x-tapedeck-provider: otc-ddm", with: "x-tapedeck-provider: acme").utf8)
            .write(to: contracts.appendingPathComponent("acme.yaml"))
        try Data(#"{"id": "acme", "authentication": [{"scheme": "bearer", "token": "ACME_TOKEN"}], "recognise": {"hosts": ["api.acme.test"]}}"#.utf8)
            .write(to: contracts.appendingPathComponent("acme.profile.json"))
        try Data(#"{"id": "otc-ddm", "requestIDHeader": "X-Acme-Request"}"#.utf8).write(to: contracts.appendingPathComponent("otc-ddm.profile.json"))
        return root
    }

    @Test func outsideAnyRepositoryTheBuiltInContractsServe() throws {
        let catalogue = try ContractCatalogue.resolve(nil, from: URL(fileURLWithPath: "/"))
        #expect(catalogue.contracts.map(\.provider).sorted() == Self.builtInIDs)
        #expect(catalogue.profiles.profiles.map(\.id).sorted() == Self.builtInIDs)
    }

    @Test func theNearestScenariosContractsAddsProvidersAndReplacesBuiltInOnesByID() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let deep = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let catalogue = try ContractCatalogue.resolve(nil, from: deep)
        #expect(catalogue.contracts.map(\.provider).sorted() == (Self.builtInIDs + ["acme"]).sorted())
        #expect(catalogue.profiles.profile("otc-ddm")?.requestIDHeader == "X-Acme-Request")
        #expect(catalogue.profiles.profile("yandex-backup")?.requestIDHeader == "x-request-id")
        // A request to the sixth provider's host is detected by its profile, whatever its path.
        let request = RecordedRequest(method: "GET", url: "https://api.acme.test/v3/p/jobs?offset=0")
        let interaction = Interaction(request: request, response: RecordedResponse(status: 200), recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        #expect(catalogue.detect([interaction])?.provider == "acme")
        #expect(ContractCatalogue.builtIn.detect([interaction])?.provider == "otc-ddm", "without the profile, the closest documented path")
    }

    @Test func contractsNamesAFolderAContractWithItsProfileOrAProfile() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("Scenarios/contracts")
        let one = try ContractCatalogue.resolve(folder.appendingPathComponent("acme.yaml").path, from: URL(fileURLWithPath: "/"))
        #expect(one.contracts.map(\.provider).contains("acme"))
        #expect(one.profiles.profile("acme")?.environmentVariables == ["ACME_TOKEN"])
        #expect(one.profiles.profile("otc-ddm")?.requestIDHeader == "X-Request-Id", "only the named contract's profile comes along")
        let profile = try ContractCatalogue.profiles(folder.appendingPathComponent("otc-ddm.profile.json").path, from: URL(fileURLWithPath: "/"))
        #expect(profile.profile("otc-ddm")?.requestIDHeader == "X-Acme-Request")
        #expect(try ContractCatalogue.resolve("Scenarios/contracts", from: root).contracts.count == Self.builtInIDs.count + 1)
        let error = try #require(throws: InputError.self) { try ContractCatalogue.resolve("no-such", from: root) }
        #expect(error.description.contains("no-such: error: expected a folder of contracts and profiles, a contract or a profile"))
    }

    @Test func aScenarioMayNameAProviderWithAProfileBesideIt() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = "provider: acme\ncassette: acme/walk.json\nrequest: {path: /v3/p/jobs}\n"
        let file = root.appendingPathComponent("Scenarios/acme-walk.yaml").path
        #expect(try Scenario(yaml: text, file: file, name: "acme-walk").provider == "acme")
        let error = try #require(throws: InputError.self) { try Scenario(yaml: text, file: "/elsewhere/s.yaml", name: "s") }
        #expect(error.description.contains("expected a provider id with a profile (alibaba-petadata, huawei-iotda"))
    }
}
