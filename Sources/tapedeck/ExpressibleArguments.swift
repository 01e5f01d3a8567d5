public import ArgumentParser
import TapedeckContracts
import TapedeckDrift
import TapedeckSimulator

// The report formats and simulator drifts of the library modules, taken as option values: argument-parser
// lists their values in `--help` and refuses any other with the list.

extension ReportFormat: ExpressibleByArgument {}

extension DriftReport.Format: ExpressibleByArgument {}

extension DriftKind: ExpressibleByArgument {}
