/// JUnit XML for CI: a test suite per recording, a test case per rule; a rule
/// with failing violations fails, allowed ones are listed in `system-out`.
package enum JUnitReport {
    static func render(_ reports: [CheckReport]) -> String {
        let failures = reports.reduce(0) { total, report in
            total + Set(report.failures.map(\.rule)).count
        }
        let tests = reports.reduce(0) { $0 + $1.rules.count }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"tapedeck check\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for report in reports {
            let failed = Set(report.failures.map(\.rule))
            xml += "  <testsuite name=\"\(escape(report.recording))\" tests=\"\(report.rules.count)\" failures=\"\(failed.count)\">\n"
            for rule in report.rules {
                let found = report.violations(of: rule)
                xml += "    <testcase classname=\"\(escape(report.provider))\" name=\"\(rule.rawValue)\""
                guard !found.isEmpty else {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                let failing = found.filter(\.isFailing)
                if !failing.isEmpty {
                    xml += "      <failure message=\"\(escape("\(failing.count) violations: \(rule.summary)"))\">"
                    xml += escape(failing.map(line).joined(separator: "\n")) + "</failure>\n"
                }
                let allowed = found.filter { !$0.isFailing }
                if !allowed.isEmpty {
                    xml += "      <system-out>" + escape(allowed.map(line).joined(separator: "\n")) + "</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func line(_ violation: Violation) -> String {
        var text = "exchange \(violation.exchange) (walk \(violation.walk), page \(violation.page)) \(violation.path): \(violation.message)"
        if let reason = violation.allowedBecause { text += " [allowed: \(reason)]" }
        return text
    }

    /// Text made safe for XML attributes and content (the HTML page's escaping, which XML shares).
    package static func escape(_ text: String) -> String { HTMLPage.escape(text) }
}
