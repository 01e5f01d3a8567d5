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

    /// On a terminal (a pseudo-terminal from `script`) the benchmark names its phase;
    /// through a pipe it prints its results only.
    @Test func progressShowsOnATerminalOnly() throws {
        let piped = try TapedeckBinary.run(["bench", "redact", "--secrets", "40"], environment: ["CI": ""])
        #expect(!piped.stderr.contains("bench redact:"))
        let terminal = try TapedeckBinary.run(
            program: URL(fileURLWithPath: "/usr/bin/script"), ["-qec", "'\(TapedeckBinary.url.path)' bench redact --secrets 40", "/dev/null"],
            environment: ["CI": ""])
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains("bench redact: round 1 of 2, redacting 20 requests"))
        #expect(terminal.stdout.contains("bench redact: round 2 of 2, redacting 20 requests"))
        #expect(terminal.stdout.contains("with / without:"))
    }
}
