/// `check --format markdown`: a table with a row per violation, for a job summary or a pull-request comment.
enum CheckMarkdownReport {
    static func render(_ reports: [CheckReport]) -> String {
        let rows = reports.flatMap { report in
            report.violations.map { violation in
                [
                    report.recording, report.provider, String(violation.exchange), "\(violation.walk)/\(violation.page)",
                    violation.rule.rawValue + (violation.allowedBecause.map { " (allowed: \($0))" } ?? ""), "`\(violation.path)`",
                    violation.message, violation.expected ?? "", violation.actual ?? "",
                ]
            }
        }
        return MarkdownReport(
            title: "Tapedeck check", columns: ["recording", "provider", "exchange", "walk/page", "rule", "path", "message", "expected", "actual"],
            rows: rows, empty: "No violations in \(reports.count) recording(s).",
            notes: reports.map { report in
                let pages = report.walks.reduce(0) { $0 + $1.pages }
                return "\(report.recording) (\(report.provider)): \(report.walks.count) walks, \(pages) pages, "
                    + "\(report.failures.count) failing, \(report.violations.count - report.failures.count) allowed"
            }
        ).render()
    }
}
