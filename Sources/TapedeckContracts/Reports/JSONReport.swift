import Tapedeck

/// The machine report: one JSON object with a `violations` array (each with
/// rule, provider, recording, exchange, walk, page, path, message, expected,
/// actual, seed, allowed) and a `recordings` summary.
enum JSONReport {
    static func render(_ reports: [CheckReport]) -> String {
        var violations: [JSONValue] = []
        var recordings: [JSONValue] = []
        for report in reports {
            for violation in report.violations {
                var object = JSONObject()
                object["rule"] = .string(violation.rule.rawValue)
                object["provider"] = .string(violation.provider)
                object["recording"] = .string(report.recording)
                object["exchange"] = .integer(violation.exchange)
                object["walk"] = .integer(violation.walk)
                object["page"] = .integer(violation.page)
                object["path"] = .string(violation.path)
                object["message"] = .string(violation.message)
                object["expected"] = violation.expected.map(JSONValue.string) ?? .null
                object["actual"] = violation.actual.map(JSONValue.string) ?? .null
                object["seed"] = violation.seed.map(JSONValue.string) ?? .null
                object["allowed"] = violation.allowedBecause.map(JSONValue.string) ?? .null
                violations.append(.object(object))
            }
            recordings.append([
                "recording": .string(report.recording), "provider": .string(report.provider),
                "walks": .array(
                    report.walks.map { walk in
                        [
                            "exchanges": .array(walk.exchanges.map { .integer($0) }), "items": .integer(walk.items),
                            "complete": .bool(walk.isComplete),
                        ]
                    }),
                "violations": .integer(report.failures.count),
                "allowed": .integer(report.violations.count - report.failures.count),
            ])
        }
        let document: JSONValue = ["violations": .array(violations), "recordings": .array(recordings)]
        return JSONWriter(style: .pretty()).string(from: document) + "\n"
    }
}
