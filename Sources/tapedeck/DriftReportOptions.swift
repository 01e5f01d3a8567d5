import ArgumentParser
import Foundation
import Tapedeck
import TapedeckDrift

/// How a drift report is printed and what it exits with: shared by `drift` and `report merge`.
struct DriftReportOptions: ParsableArguments {
    /// The class `--fail-on` names; `any` is every class.
    enum FailOn: String, CaseIterable, ExpressibleByArgument {
        case breaking
        case possiblyBreaking = "possibly-breaking"
        case any

        var threshold: DriftClass {
            switch self {
            case .breaking: .breaking
            case .possiblyBreaking: .possiblyBreaking
            case .any: .nonBreaking
            }
        }
    }

    @Option(help: "Report format.")
    var format = DriftReport.Format.text

    @Option(help: "Fail at this class or above.")
    var failOn = FailOn.breaking

    @Flag(help: "A cassette older than the maximum age fails the run.")
    var failOnAge = false

    @Option(help: "Also write the report to this file.")
    var output: String?

    /// Prints `report` (and writes `--output`), then ends with the documented exit
    /// status: 1 for drift at `--fail-on` (or a stale cassette with `--fail-on-age`),
    /// 3 when a scenario could not be re-recorded.
    func finish(_ report: DriftReport) throws {
        let rendered = report.render(format)
        print(rendered, terminator: "")
        if let output { try OutputFile.write(Data(rendered.utf8), to: output, option: "--output") }
        switch report.outcome(failingAt: failOn.threshold, failOnAge: failOnAge) {
        case .clean: return
        case .drift: throw ExitCode.findings
        case .scenarioFailed: throw ExitCode.scenarioFailed
        }
    }
}
