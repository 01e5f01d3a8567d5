import Foundation
import Tapedeck
import TapedeckContracts

/// What a drift run found, per scenario, in the report formats CI needs.
public struct DriftReport: Sendable {
    /// One scenario's outcome.
    public struct ScenarioResult: Sendable {
        public var scenario: String
        public var findings: [DriftFinding]
        /// The fresh recording, for `tapedeck serve`.
        public var freshCassette: String
        /// Warnings that are not drift: a stale committed cassette.
        public var warnings: [String]

        public init(scenario: String, findings: [DriftFinding], freshCassette: String, warnings: [String]) {
            self.scenario = scenario
            self.findings = findings
            self.freshCassette = freshCassette
            self.warnings = warnings
        }
    }

    public enum Format: String, CaseIterable, Sendable {
        case text, json, junit, markdown, github, html
    }

    public var results: [ScenarioResult]

    public init(results: [ScenarioResult]) { self.results = results }

    public var findings: [DriftFinding] { results.flatMap(\.findings) }

    /// Whether any finding not accepted is at or above `threshold`.
    public func fails(at threshold: DriftClass) -> Bool {
        findings.contains { $0.acceptedBecause == nil && $0.driftClass >= threshold }
    }

    /// What a run ends with, in the order the exit statuses rank them.
    public enum Outcome: Sendable, Equatable {
        /// Nothing at or above the threshold (exit 0).
        case clean
        /// Drift at or above the threshold, or a stale cassette with `failOnAge` (exit 1).
        case drift
        /// A scenario could not be re-recorded (exit 3, which wins over 1).
        case scenarioFailed
    }

    /// The outcome at `threshold`; `failOnAge` makes a stale cassette drift.
    public func outcome(failingAt threshold: DriftClass, failOnAge: Bool) -> Outcome {
        if findings.contains(where: { $0.kind == .scenarioFailed }) { return .scenarioFailed }
        let stale = results.contains { !$0.warnings.isEmpty }
        return fails(at: threshold) || (failOnAge && stale) ? .drift : .clean
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: text
        case .json: JSONWriter(style: .pretty()).string(from: json) + "\n"
        case .junit: junit
        case .markdown: markdown
        case .github: github
        case .html: html
        }
    }

    private var text: String {
        var lines: [String] = []
        for result in results {
            lines.append("\(result.scenario): " + (result.findings.isEmpty ? "no drift" : "\(result.findings.count) finding(s)"))
            for finding in result.findings {
                lines.append("  " + finding.summary + (finding.acceptedBecause.map { " [accepted: \($0)]" } ?? ""))
            }
            if let first = result.findings.first { lines.append("  reproduce: \(first.reproduce)") }
            for warning in result.warnings { lines.append("  warning: \(warning)") }
        }
        let counts = DriftClass.allCases.reversed().map { kind in "\(findings.filter { $0.driftClass == kind }.count) \(kind.rawValue)" }
        lines.append("\(results.count) scenario(s): " + counts.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    private var json: JSONValue {
        .object(
            JSONObject([
                .init(
                    key: "scenarios",
                    value: .array(
                        results.map { result in
                            [
                                "scenario": .string(result.scenario), "freshCassette": .string(result.freshCassette),
                                "warnings": .array(result.warnings.map { .string($0) }),
                                "findings": .array(result.findings.map(Self.json)),
                            ]
                        }))
            ]))
    }

    private static func json(_ finding: DriftFinding) -> JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "kind", value: .string(finding.kind.rawValue)), .init(key: "class", value: .string(finding.driftClass.rawValue)),
            .init(key: "path", value: .string(finding.path)), .init(key: "old", value: .string(finding.old)),
            .init(key: "new", value: .string(finding.new)), .init(key: "reproduce", value: .string(finding.reproduce)),
        ]
        if let rule = finding.rule { members.append(.init(key: "rule", value: .string(rule))) }
        if let reason = finding.acceptedBecause { members.append(.init(key: "acceptedBecause", value: .string(reason))) }
        return .object(JSONObject(members))
    }

    /// A test suite per scenario, a test case per finding (failing unless accepted),
    /// and one passing case for a scenario without drift.
    private var junit: String {
        let escape = JUnitReport.escape
        let failures = findings.filter { $0.acceptedBecause == nil }.count
        let tests = results.reduce(0) { $0 + max(1, $1.findings.count) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"tapedeck drift\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for result in results {
            let failed = result.findings.filter { $0.acceptedBecause == nil }.count
            xml += "  <testsuite name=\"\(escape(result.scenario))\" tests=\"\(max(1, result.findings.count))\" failures=\"\(failed)\">\n"
            if result.findings.isEmpty { xml += "    <testcase classname=\"\(escape(result.scenario))\" name=\"no drift\"/>\n" }
            for finding in result.findings {
                xml += "    <testcase classname=\"\(escape(result.scenario))\" name=\"\(escape(finding.kind.rawValue + " " + finding.path))\">\n"
                if let reason = finding.acceptedBecause {
                    xml += "      <system-out>\(escape("accepted: " + reason))</system-out>\n"
                } else {
                    xml += "      <failure message=\"\(escape(finding.summary))\" type=\"\(finding.driftClass.rawValue)\">"
                    xml += escape("reproduce: " + finding.reproduce) + "</failure>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private var markdown: String {
        var text = "## Tapedeck drift\n\n"
        guard !findings.isEmpty else { return text + "No drift in \(results.count) scenario(s).\n" + warningsMarkdown }
        text += "| scenario | class | kind | path | old | new | reproduce |\n| --- | --- | --- | --- | --- | --- | --- |\n"
        for result in results {
            for finding in result.findings {
                let cells = [
                    result.scenario, finding.driftClass.rawValue + (finding.acceptedBecause == nil ? "" : " (accepted)"),
                    finding.kind.rawValue + (finding.rule.map { " (\($0))" } ?? ""), "`\(finding.path)`", finding.old, finding.new,
                    "`\(finding.reproduce)`",
                ]
                text += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                    .joined(separator: " | ") + " |\n"
            }
        }
        return text + warningsMarkdown
    }

    private var warningsMarkdown: String {
        let warnings = results.flatMap(\.warnings)
        return warnings.isEmpty ? "" : "\n" + warnings.map { "- :warning: \($0)\n" }.joined()
    }

    /// GitHub Actions workflow commands: `::error` for breaking, `::warning` otherwise,
    /// `::notice` for accepted changes.
    private var github: String {
        var lines: [String] = []
        for result in results {
            for finding in result.findings {
                let level = finding.acceptedBecause != nil ? "notice" : finding.driftClass == .breaking ? "error" : "warning"
                let title = Self.property("\(finding.driftClass.rawValue) drift in \(result.scenario): \(finding.kind.rawValue)")
                lines.append("::\(level) title=\(title)::" + Self.message(finding.summary + "\nreproduce: " + finding.reproduce))
            }
            for warning in result.warnings { lines.append("::warning title=stale cassette::" + Self.message(warning)) }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Escapes a workflow command's message: `%`, carriage returns and newlines.
    static func message(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a workflow command's property value: the message escapes, and `:` and `,`.
    static func property(_ text: String) -> String {
        message(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
