import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts

/// A HAR from a browser, a proxy or a test recorder on a site that is no
/// provider's is never claimed by a built-in contract, even where a path shares
/// words with a documented one: contracts are routed to by host first.
struct HARRoutingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TapedeckTests/Fixtures/HAR")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).filter { $0.hasSuffix(".har") }.sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.files.count >= 11)
    }

    @Test(arguments: files)
    func noExchangeOfAnotherSiteIsABuiltInContracts(file: String) throws {
        let cassette = try RecordingLoader.load(contentsOf: Self.fixtures.appendingPathComponent(file))
        let routing = ExchangeRouter(catalogue: Recordings.catalogue).route(cassette.interactions)
        #expect(routing.routes.flatMap(\.exchanges).isEmpty, "\(routing.routes.map(\.contract.provider))")
        #expect(routing.uncovered.count == cassette.interactions.count)
        #expect(Recordings.catalogue.detect(cassette.interactions) == nil)
    }

    /// The browser HAR's paths would be the DDM and Backup contracts' on their own hosts, or on loopback.
    @Test(arguments: [
        ("https://en.wikipedia.org/v3/tapedeck/jobs?limit=10&offset=0", nil),
        ("https://ddm.eu-de.otc.t-systems.com/v3/tapedeck/jobs?limit=10&offset=0", "otc-ddm"),
        ("http://127.0.0.1:8080/v3/tapedeck/jobs?limit=10&offset=0", "otc-ddm"),
        ("https://en.wikipedia.org/backup/v1/resources/Tape_deck/tasks?pageSize=5", nil),
        ("https://backup.api.cloud.yandex.net/backup/v1/resources/Tape_deck/tasks?pageSize=5", "yandex-backup"),
        ("https://backup.api.cloud.yandex.net.attacker.org/backup/v1/resources/Tape_deck/tasks?pageSize=5", nil),
    ])
    func anExchangeIsRoutedOnlyOnItsContractsHosts(url: String, provider: String?) {
        let interaction = Interaction(
            request: RecordedRequest(method: "GET", url: url), response: RecordedResponse(status: 200), recordedAt: Recordings.recordedAt, duration: 0)
        let routing = ExchangeRouter(catalogue: Recordings.catalogue).route([interaction])
        #expect(routing.routes.map(\.contract.provider) == (provider.map { [$0] } ?? []))
    }

    @Test(arguments: [
        ("https://iotda.{region}.myhuaweicloud.com/v5", "iotda.*.myhuaweicloud.com"),
        ("http://user@api.example.com:8443/", "api.example.com"),
        ("/relative/only", nil),
    ])
    func aServersURLGivesAHostPattern(url: String, pattern: String?) {
        #expect(ContractHosts.pattern(ofServer: url) == pattern)
    }
}
