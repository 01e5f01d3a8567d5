import ArgumentParser
import Foundation
import Tapedeck
import TapedeckDrift

/// `tapedeck report`: works on reports already written.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work on drift reports already written (merge a CI matrix's shards).",
        subcommands: [Merge.self]
    )

    /// `tapedeck report merge`: the JSON reports of `drift --shard K/N` runs as one report.
    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the JSON reports of drift's shards into one report.",
            discussion: """
                Each shard of a CI matrix runs tapedeck drift --shard K/N --format json --output shard-K.json; \
                a last job merges them: tapedeck report merge shard-*.json --format junit --output drift.xml. \
                The merged report is the one an unsharded run writes, scenarios sorted by name.

                Exit status, as drift's: 0 nothing found; 1 a finding not accepted at or above --fail-on \
                (or a stale cassette with --fail-on-age); 2 bad input (a report that does not read, a \
                scenario in two reports); 3 a scenario could not be re-recorded.
                """
        )

        @Argument(help: "The shards' reports (drift --format json).")
        var files: [String]

        @OptionGroup var report: DriftReportOptions

        func run() async throws {
            guard !files.isEmpty else { throw ValidationError("name the shards' JSON reports to merge") }
            var reports: [(file: String, report: DriftReport)] = []
            for file in files {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw InputError(file: file, expected: "a readable drift report", found: error.localizedDescription)
                }
                reports.append((file, try DriftReport(jsonData: data, file: file)))
            }
            try report.finish(try DriftReport.merged(reports))
        }
    }
}
