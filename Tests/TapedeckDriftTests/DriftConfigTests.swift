import Foundation
import Tapedeck
import Testing

@testable import TapedeckDrift

/// The drift config file: what it sets, and errors that name the line.
struct DriftConfigTests {
    static let sample = """
        severity:
          field-added: possibly-breaking
        exclude:
          - $.tasks[*].updatedAt
        accept:
          - scenario: huawei-iotda-walk
            kind: enum-value-added
            path: $.tasks[*].status
            reason: CANCELLED was announced in the 2026-10 changelog
        max-age-days: 30
        """

    @Test func everyKeyTakesEffect() throws {
        let config = try DriftConfig(yaml: Self.sample, file: "drift.yaml")
        #expect(config.severity == [.fieldAdded: .possiblyBreaking])
        #expect(config.excluded == ["$.tasks[*].updatedAt"])
        #expect(config.maximumAgeDays == 30)
        let added = config.settle(DriftFinding(scenario: "s", kind: .fieldAdded, path: "$.x", old: "absent", new: "string"))
        #expect(added.driftClass == .possiblyBreaking)
        let known = config.settle(
            DriftFinding(scenario: "huawei-iotda-walk", kind: .enumValueAdded, path: "$.tasks[*].status", old: "A", new: "CANCELLED"))
        #expect(known.acceptedBecause?.contains("changelog") == true)
        let elsewhere = config.settle(
            DriftFinding(scenario: "otc-ddm-walk", kind: .enumValueAdded, path: "$.tasks[*].status", old: "A", new: "B"))
        #expect(elsewhere.acceptedBecause == nil)
        let report = DriftReport(results: [.init(scenario: "s", findings: [known], freshCassette: "f", warnings: [])])
        #expect(!report.fails(at: .nonBreaking), "an accepted change never fails a run")
    }

    @Test(arguments: [
        ("severity:\n  field-gone: breaking\n", 2, "a change kind"),
        ("severity:\n  field-added: catastrophic\n", 2, "a class"),
        ("exclude:\n  - tasks.id\n", 2, "a JSON path starting with $"),
        ("accept:\n  - kind: field-added\n    reason: \"\"\n", 3, "a reason"),
        ("accept:\n  - kind: field-added\n", 2, "a `reason` entry"),
        ("max-age-days: soon\n", 1, "max-age-days to be a positive number"),
        ("colour: blue\n", 1, "one of the keys"),
    ])
    func mistakesNameTheLineAndWhatWasExpected(yaml: String, line: Int, expected: String) {
        let error = #expect(throws: InputError.self) { try DriftConfig(yaml: yaml, file: "drift.yaml") }
        let text = error?.description ?? ""
        #expect(text.contains("drift.yaml:\(line)"), "\(text)")
        #expect(text.contains(expected), "\(text)")
    }
}
