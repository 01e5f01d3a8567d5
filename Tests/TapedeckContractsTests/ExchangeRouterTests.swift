import Foundation
import Tapedeck
import Testing

@testable import TapedeckContracts
import TapedeckTestSupport

/// A recording as devtools or mitmproxy make it: the five providers' walks, page
/// assets and an API no contract documents, in one file.
struct ExchangeRouterTests {
    static let cassettes = PackageRoot.url.appendingPathComponent("Cassettes")
    static let walks = [
        "alibaba-petadata/walk.json", "huawei-kafka/walk.json", "huawei-iotda/marker-walk.json", "yandex-backup/walk.json", "otc-ddm/walk.json",
    ]

    static func unrelated(_ url: String, status: Int, type: String, body: String) -> Interaction {
        Interaction(
            request: RecordedRequest(method: "GET", url: url),
            response: RecordedResponse(status: status, headers: ["Content-Type": type], body: RecordedBody(content: .text(body))),
            recordedAt: Recordings.recordedAt, duration: 0)
    }

    /// The walks one after another, with unrelated traffic before, between and after them.
    static func mixed() throws -> Cassette {
        var interactions = [Self.unrelated("https://console.example/static/app.js", status: 200, type: "text/javascript", body: "let x = 1")]
        for walk in walks {
            interactions += try CassetteStore.load(cassettes.appendingPathComponent(walk)).interactions
            interactions.append(Self.unrelated("https://api.github.com/repos/o/r/issues?page=2", status: 200, type: "application/json", body: "[]"))
        }
        interactions.append(Self.unrelated("https://console.example/favicon.ico", status: 404, type: "text/html", body: "<h1>no</h1>"))
        return Cassette(interactions: interactions)
    }

    @Test func everyProviderIsCheckedByItsOwnContractAndTheRestIsNotCovered() throws {
        let cassette = try Self.mixed()
        let (reports, uncovered) = ExchangeRouter(catalogue: Recordings.catalogue).check(cassette, recording: "mixed.har")
        #expect(Set(reports.map(\.provider)) == ["alibaba-petadata", "huawei-kafka", "huawei-iotda", "yandex-backup", "otc-ddm"])
        #expect(reports.flatMap(\.failures).isEmpty, "\(reports.flatMap(\.failures))")
        #expect(uncovered.count == 2 + Self.walks.count)
        let urls = uncovered.map { cassette.interactions[$0].request.url }
        #expect(urls.allSatisfy { !$0.contains("127.0.0.1") })
        let covered = reports.flatMap { $0.walks.flatMap(\.exchanges) }
        #expect(Set(covered).count == cassette.interactions.count - uncovered.count, "every provider exchange is in a walk, by its index in the file")
    }

    @Test func aPlantedDDMViolationIsReportedOnceWithItsProviderAndExchange() throws {
        var cassette = try Self.mixed()
        let target = try #require(cassette.interactions.indices.last { cassette.interactions[$0].request.url.contains("/otc-ddm/") })
        guard case .json(let body) = cassette.interactions[target].response.body.content,
            let status = body["jobs"]?[0]?["status"]?.stringValue
        else { throw CocoaError(.coderValueNotFound) }
        let text = body.compactText
        let planted = try #require(text.range(of: #""status":"\#(status)""#))
        var changed = text.replacingCharacters(in: planted, with: #""status":"Exploded""#)
        // A Running job's "60%"-style process must become "" under any other status: only the status stays wrong.
        if status == "Running", let process = body["jobs"]?[0]?["process"]?.stringValue,
            let range = changed.range(of: #""process":"\#(process)""#)
        {
            changed.replaceSubrange(range, with: #""process":"""#)
        }
        cassette.interactions[target].response.body = RecordedBody(content: .json(try JSONParser.parse(Data(changed.utf8))))

        let (reports, _) = ExchangeRouter(catalogue: Recordings.catalogue).check(cassette, recording: "mixed.har")
        let failures = reports.flatMap(\.failures)
        #expect(failures.count == 1, "\(failures)")
        #expect(failures.first?.rule == .enumValue)
        #expect(failures.first?.provider == "otc-ddm")
        #expect(failures.first?.exchange == target)
        #expect(failures.first?.path == "$.jobs[0].status")
        // repro and trim take the provider whose walk breaks its contract.
        let run = CheckRun(catalogue: Recordings.catalogue)
        let focus = try run.focus(cassette, file: "mixed.har")
        #expect(focus.contract.provider == "otc-ddm")
        // …and only its exchanges: the mixed recording's others are another provider's.
        #expect(focus.exchanges.contains(target) && focus.exchanges.count < cassette.interactions.count)
        #expect(try run.focus(try Self.mixed(), file: "mixed.har").contract.provider == "alibaba-petadata")
        // check routes as the router does, one report per provider.
        #expect(try run.check(cassette, recording: "mixed.har").reports.map(\.provider) == reports.map(\.provider))
    }

    @Test func aRecordingThatMatchesNoPathExactlyGoesToTheClosestContract() throws {
        let seed = try CassetteStore.load(Self.cassettes.appendingPathComponent("huawei-kafka/seed-example.json"))
        let routing = ExchangeRouter(catalogue: Recordings.catalogue).route(seed.interactions)
        #expect(routing.routes.map(\.contract.provider) == ["huawei-kafka"])
        #expect(routing.uncovered.isEmpty)
    }
}
