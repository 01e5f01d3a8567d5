import ArgumentParser
import Foundation
import Tapedeck
import TapedeckDrift

/// How a drift report is printed and what it exits with: shared by `drift` and `report merge`.
struct DriftReportOptions: ParsableArguments {
    @Option(help: "Report format: \(DriftReport.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format = "text"

    @Option(help: "Fail at this class or above: breaking, possibly-breaking, any.")
    var failOn = "breaking"

    @Flag(help: "A cassette older than the maximum age fails the run.")
    var failOnAge = false

    @Option(help: "Also write the report to this file.")
    var output: String?

    func validate() throws {
        guard DriftReport.Format(rawValue: format) != nil else {
            throw ValidationError("--format is one of \(DriftReport.Format.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(format)\"")
        }
        _ = try threshold()
    }

    /// `--fail-on`'s class: `any` is every class.
    func threshold() throws -> DriftClass {
        if failOn == "any" { return .nonBreaking }
        guard let value = DriftClass(rawValue: failOn) else {
            throw ValidationError("--fail-on is breaking, possibly-breaking or any, not \"\(failOn)\"")
        }
        return value
    }

    /// Prints `report` (and writes `--output`), then ends with the documented exit
    /// status: 1 for drift at `--fail-on` (or a stale cassette with `--fail-on-age`),
    /// 3 when a scenario could not be re-recorded.
    func finish(_ report: DriftReport) throws {
        let rendered = report.render(DriftReport.Format(rawValue: format) ?? .text)
        print(rendered, terminator: "")
        if let output { try AtomicFile.write(Data(rendered.utf8), to: URL(fileURLWithPath: output)) }
        switch report.outcome(failingAt: try threshold(), failOnAge: failOnAge) {
        case .clean: return
        case .drift: throw ExitCode.findings
        case .scenarioFailed: throw ExitCode.scenarioFailed
        }
    }
}
