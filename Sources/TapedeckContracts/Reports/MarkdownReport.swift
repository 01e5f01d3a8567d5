import Foundation

/// A Markdown report (a job summary, a pull-request comment): a heading, one
/// table with a row per finding or a line saying there is none, and notes.
/// `check` and `drift` both print theirs with it.
package struct MarkdownReport {
    package var title: String
    package var columns: [String]
    package var rows: [[String]]
    /// The line printed instead of an empty table.
    package var empty: String
    /// Bullet lines after the table (warnings).
    package var notes: [String] = []

    package init(title: String, columns: [String], rows: [[String]], empty: String, notes: [String] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.empty = empty
        self.notes = notes
    }

    package func render() -> String {
        var text = "## \(title)\n\n"
        if rows.isEmpty {
            text += empty + "\n"
        } else {
            text += Self.row(columns) + "| " + columns.map { _ in "---" }.joined(separator: " | ") + " |\n"
            for row in rows { text += Self.row(row) }
        }
        return text + (notes.isEmpty ? "" : "\n" + notes.map { "- \($0)\n" }.joined())
    }

    /// A table row, its cells' `|` escaped and line breaks made spaces.
    private static func row(_ cells: [String]) -> String {
        "| "
            + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: " | ") + " |\n"
    }
}
