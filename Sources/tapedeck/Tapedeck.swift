import ArgumentParser
import Foundation
import Tapedeck
import TapedeckBenchmarks

#if canImport(Glibc)
    import CMalloc
#endif

/// The `tapedeck` command: record, replay and check cloud HTTP API contracts.
@main
struct TapedeckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tapedeck",
        abstract: "Record, replay and check cloud HTTP API contracts.",
        discussion: """
            Tapedeck records real provider HTTP exchanges into cassettes (secrets redacted before \
            they reach the disk), replays them to any client, and checks the documented contracts \
            across every page of a walk.

            Exit status: 0 clean, 1 findings, 2 bad input or usage.
            """,
        subcommands: [
            DemoCommand.self,
            SimCommand.self,
            CheckCommand.self,
            ContractCommand.self,
            ScanCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            BenchCommand.self,
            ServeCommand.self,
            RecordCommand.self,
            DriftCommand.self,
            ReportCommand.self,
            ReproCommand.self,
            TrimCommand.self,
            CACommand.self,
        ]
    )

    /// Runs the command, mapping failures to the documented exit statuses:
    /// bad input and usage errors exit 2 (argument-parser would say 64).
    static func main() async {
        #if canImport(Glibc)
            // Buffers of a megabyte or more (bodies) are mapped, and given back when freed. glibc's
            // dynamic threshold would keep them on the heap after the first is freed, and a recorder
            // of large answers would step up by several bodies and stay there.
            mallopt(M_MMAP_THRESHOLD, 1 << 20)
        #endif
        do {
            // A bad TAPEDECK_NOW is refused before anything runs on the wrong clock.
            _ = try TapedeckClock.fromEnvironment(ProcessInfo.processInfo.environment)
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            Foundation.exit(ExitCode.badInput.rawValue)
        } catch {
            if exitCode(for: error) == .validationFailure {
                // An option's value is named by its start, never echoed whole.
                let lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
                let message = lines.map { InputError.bounded(String($0), limit: 1000) }.joined(separator: "\n")
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(ExitCode.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}

extension ExitCode {
    /// Findings: violations, secrets, drift.
    static let findings = ExitCode(1)
    /// Bad input or usage.
    static let badInput = ExitCode(2)
    /// A drift run could not re-record a scenario (every page an error, or no answer).
    static let scenarioFailed = ExitCode(3)
}
