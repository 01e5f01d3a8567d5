import Foundation
import Testing

@testable import TapedeckSimulator

/// Replayed nonces are caught within the freshness window, and memory stays bounded.
struct NonceLedgerTests {
    @Test func aNonceIsRefusedWithinTheWindowAndForgottenAfterTwo() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var ledger = NonceLedger(window: 900, now: start)
        let answers = [0, 10, 1_000, 2_800].map { ledger.insert("a", at: start.addingTimeInterval(Double($0))) }
        // new; replayed at once; still remembered one window later; forgotten once a request carrying it would be stale
        #expect(answers == [true, false, false, true])
    }

    @Test func manyNoncesOverTimeKeepOnlyTwoWindowsWorth() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var ledger = NonceLedger(window: 900, now: start)
        for second in 0..<36_000 { _ = ledger.insert("n\(second)", at: start.addingTimeInterval(Double(second))) }
        #expect(ledger.count <= 1_800)
    }
}
