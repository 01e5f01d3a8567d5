import Foundation
import Testing

/// `tapedeck bench redact` through the built binary: it redacts every planted
/// secret and reports both timings (their values are not checked here).
struct BenchRedactCommandTests {
    @Test func itRedactsEverySecretAndPrintsTheBaseline() throws {
        let result = try TapedeckBinary.run(["bench", "redact", "--secrets", "40"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("20 signed requests, 40 distinct secrets redacted"))
        #expect(result.stdout.contains("no secrets (baseline):"))
        #expect(result.stdout.contains("with / without:"))
    }
}
