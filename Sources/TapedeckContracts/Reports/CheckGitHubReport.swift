/// `check --format github`: a GitHub Actions annotation per violation, `::error`
/// when it fails the check and `::notice` when it is allowed, on the recording's file.
enum CheckGitHubReport {
    static func render(_ reports: [CheckReport]) -> String {
        let annotations = reports.flatMap { report in
            report.violations.map { violation in
                var message = "exchange \(violation.exchange) (walk \(violation.walk), page \(violation.page)) \(violation.path): \(violation.message)"
                if let expected = violation.expected { message += "\nexpected: \(expected)" }
                if let actual = violation.actual { message += "\nactual: \(actual)" }
                if let reason = violation.allowedBecause { message += "\nallowed: \(reason)" }
                return GitHubAnnotations.Annotation(
                    level: violation.isFailing ? .error : .notice,
                    title: "\(violation.rule.rawValue) (\(report.provider))", message: message, file: report.recording)
            }
        }
        return GitHubAnnotations(annotations).render()
    }
}
