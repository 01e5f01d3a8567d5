import Foundation
import Tapedeck
import TapedeckContracts
import Testing

/// `CassetteTrimmer` on the mitmproxy walk (3 pages, no-duplicates on pages 1 and 2):
/// the violation survives, the cassette shrinks, and a missing violation is an error.
struct TrimTests {
    static let walk: Cassette = {
        do {
            return try RecordingLoader.load(contentsOf: ReproTests.mitmproxyHAR)
        } catch {
            fatalError("the committed HAR fixture must load: \(error)")
        }
    }()

    static let trimmer = CassetteTrimmer(checker: ContractChecker(contract: Recordings.contract("yandex-backup")))

    @Test func keepsTheFirstViolationOfARuleAndShrinks() throws {
        let trim = try Self.trimmer.trim(Self.walk, keeping: .rule(.noDuplicates), file: "walk.json")
        #expect(trim.violation.exchange == 1)
        #expect(trim.kept == [0, 1])
        #expect(trim.cassette.interactions.count == 2)
        #expect(trim.report.failures.contains { $0.rule == .noDuplicates && $0.path == trim.violation.path })
        #expect(trim.cassette.jsonData().count < Self.walk.jsonData().count)
        // The trimmed cassette, checked afresh, still shows the violation.
        let again = ContractChecker(contract: Recordings.contract("yandex-backup")).check(trim.cassette)
        #expect(again.violations(of: .noDuplicates).count == 1)
    }

    @Test func aCrossPageViolationKeepsTheTwoPagesInvolved() throws {
        let trim = try Self.trimmer.trim(Self.walk, keeping: .violation(2), file: "walk.json")
        #expect(trim.violation.page == 2)
        #expect(trim.kept == [1, 2])
        #expect(trim.report.failures.map(\.rule) == [.noDuplicates])
    }

    @Test func fromStartKeepsTheWalkFromItsFirstPage() throws {
        var trimmer = Self.trimmer
        trimmer.fromStart = true
        let trim = try trimmer.trim(Self.walk, keeping: .violation(2), file: "walk.json")
        #expect(trim.kept == [0, 1, 2])
    }

    @Test func otherWalksAreDropped() throws {
        let root = Recordings.root
        let clean = try CassetteStore.load(root.appendingPathComponent("Cassettes/yandex-backup/walk.json"))
        let both = Cassette(interactions: clean.interactions + Self.walk.interactions)
        let trim = try Self.trimmer.trim(both, keeping: .rule(.noDuplicates), file: "both.json")
        let first = clean.interactions.count
        #expect(trim.violation.walk == 1)
        #expect(trim.kept == [first, first + 1])
        #expect(trim.cassette.interactions.map(\.request.url) == Self.walk.interactions[0...1].map(\.request.url))
    }

    @Test func aRuleTheCassetteDoesNotBreakIsAnError() throws {
        let error = try #require(throws: InputError.self) {
            try Self.trimmer.trim(Self.walk, keeping: .rule(.enumValue), file: "walk.json")
        }
        #expect(error.description.contains("expected a violation of enum-value to keep, found only no-duplicates"))
        #expect(error.description.contains("tapedeck check walk.json"))
    }

    @Test func aCleanCassetteHasNoViolationToKeep() throws {
        let clean = Cassette(interactions: [Self.walk.interactions[0]])
        let error = try #require(throws: InputError.self) {
            try Self.trimmer.trim(clean, keeping: .violation(1), file: "clean.json")
        }
        #expect(error.file == "--violation")
        #expect(error.description.contains("clean.json reports no violations"))
    }
}
