public import Foundation
public import Tapedeck

extension DriftReport {
    /// Reads a report back from its JSON rendering (`--format json`), as
    /// `tapedeck report merge` does with the reports of a CI matrix's shards.
    /// - Throws: `InputError` naming the file and the JSON path of what is wrong.
    public init(jsonData data: Data, file: String) throws(InputError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw InputError(file: file, parseError: error, hint: "Is it a report written by tapedeck drift --format json?")
        }
        let reader = ReportReader(file: file)
        let scenariosPath = JSONPath.root.appending("scenarios")
        guard let scenarios = root["scenarios"]?.arrayValue else {
            throw reader.fail(scenariosPath, "an array of scenario results", root["scenarios"])
        }
        var results: [ScenarioResult] = []
        for (index, entry) in scenarios.enumerated() {
            let path = scenariosPath.appending(index: index)
            var findings: [DriftFinding] = []
            for (position, finding) in (try reader.array(entry["findings"], at: path.appending("findings"))).enumerated() {
                findings.append(
                    try reader.finding(
                        finding, scenario: try reader.string(entry["scenario"], at: path.appending("scenario")),
                        at: path.appending("findings").appending(index: position)))
            }
            results.append(
                ScenarioResult(
                    scenario: try reader.string(entry["scenario"], at: path.appending("scenario")), findings: findings,
                    freshCassette: try reader.string(entry["freshCassette"], at: path.appending("freshCassette")),
                    warnings: try reader.array(entry["warnings"], at: path.appending("warnings")).enumerated().map { position, value throws(InputError) in
                        try reader.string(value, at: path.appending("warnings").appending(index: position))
                    }))
        }
        self.init(results: results)
    }

    /// The reports of a matrix's shards as one: every scenario's result, sorted by name.
    /// - Throws: `InputError` when two reports hold the same scenario (a shard run twice).
    public static func merged(_ reports: [(file: String, report: DriftReport)]) throws(InputError) -> DriftReport {
        var seen: [String: String] = [:]
        for (file, report) in reports {
            for result in report.results {
                if let earlier = seen[result.scenario] {
                    throw InputError(
                        file: file, expected: "each scenario in one shard's report", found: "\(result.scenario), already in \(earlier)",
                        hint: "Merge each shard's report once")
                }
                seen[result.scenario] = file
            }
        }
        return DriftReport(results: reports.flatMap(\.report.results).sorted { $0.scenario < $1.scenario })
    }
}

/// The typed reads of a drift report's JSON, each failing with the JSON path.
private struct ReportReader {
    let file: String

    func fail(_ path: JSONPath, _ expected: String, _ found: JSONValue?) -> InputError {
        InputError(file: file, location: .path(path), expected: expected, found: found.map { String($0.compactText.prefix(80)) } ?? "nothing")
    }

    func string(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> String {
        guard let text = value?.stringValue else { throw fail(path, "a string", value) }
        return text
    }

    func array(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> [JSONValue] {
        guard let array = value?.arrayValue else { throw fail(path, "an array", value) }
        return array
    }

    func finding(_ value: JSONValue, scenario: String, at path: JSONPath) throws(InputError) -> DriftFinding {
        let kindText = try string(value["kind"], at: path.appending("kind"))
        guard let kind = ChangeKind(rawValue: kindText) else {
            throw fail(path.appending("kind"), "a change kind (" + ChangeKind.allCases.map(\.rawValue).joined(separator: ", ") + ")", value["kind"])
        }
        let classText = try string(value["class"], at: path.appending("class"))
        guard let driftClass = DriftClass(rawValue: classText) else {
            throw fail(path.appending("class"), "breaking, possibly-breaking or non-breaking", value["class"])
        }
        return DriftFinding(
            scenario: scenario, kind: kind, path: try string(value["path"], at: path.appending("path")),
            old: try string(value["old"], at: path.appending("old")), new: try string(value["new"], at: path.appending("new")),
            driftClass: driftClass, rule: try value["rule"].map { v throws(InputError) in try string(v, at: path.appending("rule")) },
            reproduce: try string(value["reproduce"], at: path.appending("reproduce")),
            acceptedBecause: try value["acceptedBecause"].map { v throws(InputError) in try string(v, at: path.appending("acceptedBecause")) })
    }
}
