/// The report for people: each recording, its walks, their pages, and under
/// each page the violations with path, expected and actual values and the seed
/// text behind the rule.
enum TextReport {
    static func render(_ reports: [CheckReport]) -> String {
        var lines: [String] = []
        for report in reports {
            let pages = report.walks.reduce(0) { $0 + $1.pages }
            let items = report.walks.reduce(0) { $0 + $1.items }
            let failing = report.failures.count
            let allowed = report.violations.count - failing
            lines.append(
                "\(report.recording) (\(report.provider)): \(report.walks.count) walks, \(pages) pages, \(items) items, "
                    + "\(report.rules.count) rules: "
                    + (report.violations.isEmpty
                        ? "no violations" : "\(failing) violations" + (allowed > 0 ? ", \(allowed) allowed" : "")))
            let byPage = Dictionary(grouping: report.violations) { [$0.walk, $0.page] }
            for walk in report.walks {
                let range = walk.exchanges.count == 1 ? "exchange \(walk.exchanges[0])" : "exchanges \(walk.exchanges.first!)-\(walk.exchanges.last!)"
                lines.append(
                    "  walk \(walk.index): \(range), \(walk.pages) pages, \(walk.items) items, "
                        + (walk.isComplete ? "complete" : "incomplete (totals not compared)"))
                for (page, exchange) in walk.exchanges.enumerated() {
                    guard let onPage = byPage[[walk.index, page]] else { continue }
                    lines.append("    page \(page) (exchange \(exchange))")
                    for violation in onPage { lines += describe(violation) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ violation: Violation) -> [String] {
        var lines = ["      \(violation.rule.rawValue) at \(violation.path): \(violation.message)"]
        if let expected = violation.expected { lines.append("        expected: \(expected)") }
        if let actual = violation.actual { lines.append("        actual:   \(actual)") }
        if let seed = violation.seed { lines.append("        seed:     \(seed)") }
        if let reason = violation.allowedBecause { lines.append("        allowed:  \(reason)") }
        return lines
    }
}
