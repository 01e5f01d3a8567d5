import Foundation
import Tapedeck
import TapedeckContracts
import Testing
import TapedeckTestSupport

/// Properties that hold for every recording, checked on generated ones: each
/// case is one seed, so a failure names the seed that reproduces it. (They
/// live here, beside the contract checker, because `check` is one of them and
/// test targets cannot share their generators.)
struct PropertyTests {
    static let seeds: [UInt64] = Array(0..<150)

    @Test(arguments: seeds)
    func aCassetteWrittenThenReadIsTheSameCassette(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let cassette = Arbitrary.cassette(&random)
        let data = cassette.jsonData()
        #expect(Self.same(try Cassette(jsonData: data, file: "seed-\(seed).json"), cassette))
        #expect(JSONParser.isJSON(data))
    }

    /// Equal, but for recorded times, which may differ by the millisecond the cassette writer truncates.
    static func same(_ a: Cassette, _ b: Cassette) -> Bool {
        guard a.interactions.count == b.interactions.count else { return false }
        var times = a
        for (index, interaction) in b.interactions.enumerated() {
            guard abs(times.interactions[index].recordedAt.timeIntervalSince(interaction.recordedAt)) < 0.002 else { return false }
            times.interactions[index].recordedAt = interaction.recordedAt
        }
        return times == b
    }

    @Test(arguments: seeds.prefix(20))
    func aRecordedTimeSurvivesAWriteAndReadToTheMillisecond(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let cassette = Cassette(interactions: [Arbitrary.interaction(&random)])
        let written = cassette.jsonData()
        let back = try Cassette(jsonData: written, file: "seed-\(seed).json")
        // To the nearest millisecond, and a time read back is written as the same text again.
        #expect(abs(back.interactions[0].recordedAt.timeIntervalSince(cassette.interactions[0].recordedAt)) <= 0.0005)
        #expect(back.jsonData() == written)
    }

    @Test(arguments: seeds)
    func importThenExportThenImportIsStable(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let cassette = Arbitrary.cassette(&random)
        let once = try HARImporter().cassette(fromHAR: HARExporter.har(from: cassette), file: "once.har")
        let twice = try HARImporter().cassette(fromHAR: HARExporter.har(from: once), file: "twice.har")
        #expect(Self.same(twice, once))
        #expect(Self.same(try Cassette(jsonData: once.jsonData(), file: "once.json"), once), "an imported HAR is a cassette Tapedeck reads back")
    }

    @Test(arguments: seeds)
    func redactionIsIdempotent(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let cassette = Arbitrary.cassette(&random)
        let once = Redactor.standard.redact(cassette)
        #expect(Redactor.standard.redact(once) == once)
    }

    /// Found by `redactionIsIdempotent`: a cookie whose name is only a zero-width space.
    @Test(arguments: ["=\u{200B}=x", "\u{200B}=x"])
    func aCookieWithAnInvisibleNameIsRedactedOnceAndForAll(value: String) {
        let cassette = Cassette(interactions: [
            Interaction(
                request: RecordedRequest(method: "GET", url: "http://127.0.0.1/"), response: RecordedResponse(status: 200, headers: ["Set-Cookie": value]),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
        ])
        let once = Redactor.standard.redact(cassette)
        #expect(Redactor.standard.redact(once) == once)
        #expect(once.interactions[0].response.headers["Set-Cookie"]?.hasSuffix("=x") == false)
    }

    static let walks = [
        "otc-ddm/walk.json", "alibaba-petadata/walk.json", "huawei-kafka/walk.json", "huawei-iotda/marker-walk.json", "yandex-backup/walk.json",
    ]

    @Test(arguments: walks)
    func checkAndTrimFinishOnEveryMutationOfARealWalk(file: String) throws {
        let walk = try CassetteStore.load(HostileContractTests.cassettes.appendingPathComponent(file))
        let checker = ContractChecker(contract: Recordings.contract(String(file.prefix(while: { $0 != "/" }))))
        for seed in Self.seeds.prefix(60) {
            var random = SeededGenerator(seed: seed)
            let mutated = Arbitrary.mutate(walk, &random)
            let report = checker.check(mutated, recording: "\(file) seed \(seed)")
            #expect(report.walks.reduce(0) { $0 + $1.exchanges.count } <= mutated.interactions.count)
            if let first = report.failures.first {
                _ = try? CassetteTrimmer(checker: checker).trim(mutated, keeping: .rule(first.rule), file: "seed-\(seed)")
            }
        }
    }

    @Test(arguments: seeds.prefix(40))
    func checkFinishesOnAnArbitraryRecording(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let cassette = Arbitrary.cassette(&random)
        for contract in Recordings.catalogue.contracts {
            _ = ContractChecker(contract: contract).check(cassette, recording: "seed-\(seed)")
        }
    }
}
