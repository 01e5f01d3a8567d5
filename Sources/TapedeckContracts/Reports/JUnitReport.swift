/// JUnit XML for CI: a test suite per recording, a test case per rule; a rule
/// with failing violations fails, allowed ones are listed in `system-out`.
enum JUnitReport {
    static func render(_ reports: [CheckReport]) -> String {
        let suites = reports.map { report in
            JUnitSuites.Suite(
                name: report.recording,
                cases: report.rules.map { rule in
                    let found = report.violations(of: rule)
                    let failing = found.filter(\.isFailing)
                    let allowed = found.filter { !$0.isFailing }
                    return JUnitSuites.Case(
                        classname: report.provider, name: rule.rawValue,
                        failure: failing.isEmpty
                            ? nil
                            : JUnitSuites.Failure(
                                message: "\(failing.count) violations: \(rule.summary)", text: failing.map(line).joined(separator: "\n")),
                        systemOut: allowed.isEmpty ? nil : allowed.map(line).joined(separator: "\n"))
                })
        }
        return JUnitSuites(name: "tapedeck check", suites: suites).render()
    }

    private static func line(_ violation: Violation) -> String {
        var text = "exchange \(violation.exchange) (walk \(violation.walk), page \(violation.page)) \(violation.path): \(violation.message)"
        if let reason = violation.allowedBecause { text += " [allowed: \(reason)]" }
        return text
    }
}
