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
        JUnitSuites(
            name: "tapedeck drift",
            suites: results.map { result in
                let cases = result.findings.map { finding in
                    JUnitSuites.Case(
                        classname: result.scenario, name: finding.kind.rawValue + " " + finding.path,
                        failure: finding.acceptedBecause != nil
                            ? nil
                            : JUnitSuites.Failure(message: finding.summary, type: finding.driftClass.rawValue, text: "reproduce: " + finding.reproduce),
                        systemOut: finding.acceptedBecause.map { "accepted: " + $0 })
                }
                return JUnitSuites.Suite(
                    name: result.scenario, cases: cases.isEmpty ? [JUnitSuites.Case(classname: result.scenario, name: "no drift")] : cases)
            }
        ).render()
    }

    private var markdown: String {
        let rows = results.flatMap { result in
            result.findings.map { finding in
                [
                    result.scenario, finding.driftClass.rawValue + (finding.acceptedBecause == nil ? "" : " (accepted)"),
                    finding.kind.rawValue + (finding.rule.map { " (\($0))" } ?? ""), "`\(finding.path)`", finding.old, finding.new,
                    "`\(finding.reproduce)`",
                ]
            }
        }
        return MarkdownReport(
            title: "Tapedeck drift", columns: ["scenario", "class", "kind", "path", "old", "new", "reproduce"], rows: rows,
            empty: "No drift in \(results.count) scenario(s).", notes: results.flatMap(\.warnings).map { ":warning: \($0)" }
        ).render()
    }

    /// GitHub Actions workflow commands: `::error` for breaking, `::warning` otherwise,
    /// `::notice` for accepted changes.
    private var github: String {
        var annotations: [GitHubAnnotations.Annotation] = []
        for result in results {
            for finding in result.findings {
                annotations.append(
                    GitHubAnnotations.Annotation(
                        level: finding.acceptedBecause != nil ? .notice : finding.driftClass == .breaking ? .error : .warning,
                        title: "\(finding.driftClass.rawValue) drift in \(result.scenario): \(finding.kind.rawValue)",
                        message: finding.summary + "\nreproduce: " + finding.reproduce))
            }
            annotations += result.warnings.map { GitHubAnnotations.Annotation(level: .warning, title: "stale cassette", message: $0) }
        }
        return GitHubAnnotations(annotations).render()
    }
}
