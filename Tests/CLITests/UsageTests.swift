import Foundation
import Testing

struct UsageTests {
    @Test func helpListsTheCommandsAndExitStatuses() throws {
        let result = try TapedeckBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("demo"))
        #expect(result.stdout.contains("Exit status: 0 clean, 1 findings, 2 bad input or usage."))
    }

    @Test func anUnknownSubcommandIsAUsageErrorWithStatus2() throws {
        let result = try TapedeckBinary.run(["no-such-command"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unexpected argument 'no-such-command'"))
    }
}
