public import Tapedeck

/// How `tapedeck check` prints what it found. JUnit, Markdown and GitHub
/// annotations share their renderers with `tapedeck drift`'s reports.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For people: grouped by walk and page, with the JSON path and the seed rule.
    case text
    /// One JSON object with a `violations` array.
    case json
    /// JUnit XML for CI: one test case per rule and recording.
    case junit
    /// One self-contained HTML page, with each violation's exchange.
    case html
    /// A Markdown table, for a job summary or a pull-request comment.
    case markdown
    /// GitHub Actions annotations (`::error file=…,title=…::…`).
    case github

    /// Renders the reports of one run; `recordings` (by the reports' recording
    /// names) let the HTML page show each violation's exchange.
    public func render(_ reports: [CheckReport], recordings: [String: Cassette] = [:]) -> String {
        switch self {
        case .text: TextReport.render(reports)
        case .json: JSONReport.render(reports)
        case .junit: JUnitReport.render(reports)
        case .html: HTMLReport.render(reports, recordings: recordings)
        case .markdown: CheckMarkdownReport.render(reports)
        case .github: CheckGitHubReport.render(reports)
        }
    }
}
