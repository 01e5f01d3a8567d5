import Tapedeck

/// `check`'s report as one self-contained HTML page: a summary per provider,
/// then each violation with its rule, JSON path, expected and actual values,
/// and the exchange it is on (request line and an excerpt of the answer, from
/// the recording, which is redacted).
enum HTMLReport {
    /// How much of an answer's body a violation shows.
    static let excerptLength = 600

    static func render(_ reports: [CheckReport], recordings: [String: Cassette]) -> String {
        let failing = reports.reduce(0) { $0 + $1.failures.count }
        var body = "<div class=\"cards\">"
        body += HTMLPage.card(String(reports.count), "reports")
        body += HTMLPage.card(String(reports.reduce(0) { $0 + $1.walks.reduce(0) { $0 + $1.pages } }), "pages")
        body += HTMLPage.card(String(failing), "violations", failing: failing > 0)
        body += HTMLPage.card(String(reports.reduce(0) { $0 + $1.violations.count } - failing), "allowed")
        body += "</div>"
        for provider in Set(reports.map(\.provider)).sorted() {
            let mine = reports.filter { $0.provider == provider }
            let violations = mine.reduce(0) { $0 + $1.failures.count }
            body += "<h2>\(HTMLPage.escape(provider))</h2><div class=\"cards\">"
            body += HTMLPage.card(String(mine.reduce(0) { $0 + $1.walks.count }), "walks")
            body += HTMLPage.card(String(mine.reduce(0) { $0 + $1.walks.reduce(0) { $0 + $1.items } }), "items")
            body += HTMLPage.card(String(violations), "violations", failing: violations > 0)
            body += "</div>"
            for report in mine {
                body += "<h3>\(HTMLPage.escape(report.recording))</h3>"
                if report.violations.isEmpty { body += "<div class=\"item ok\">No violations of \(report.rules.count) rules.</div>" }
                for violation in report.violations {
                    body += item(violation, interaction: recordings[report.recording]?.interactions[safe: violation.exchange])
                }
            }
        }
        return HTMLPage.document(title: "Tapedeck check: " + (failing == 0 ? "clean" : "\(failing) violations"), body: body)
    }

    private static func item(_ violation: Violation, interaction: Interaction?) -> String {
        let allowed = violation.allowedBecause != nil
        var html = "<div class=\"item\(allowed ? " allowed" : "")\">"
        html += "<span class=\"tag \(allowed ? "warn" : "bad")\">\(HTMLPage.escape(violation.rule.rawValue))</span>"
        html += "<code>\(HTMLPage.escape(violation.path))</code>"
        html += "<p>\(HTMLPage.escape(violation.message))</p>"
        html += HTMLPage.fields([
            ("expected", violation.expected), ("actual", violation.actual),
            ("where", "exchange \(violation.exchange), walk \(violation.walk), page \(violation.page)"),
            ("seed", violation.seed), ("allowed", violation.allowedBecause),
        ])
        if let interaction {
            html += "<pre>" + HTMLPage.escape("\(interaction.request.method) \(interaction.request.url)") + "</pre>"
            let answer = String(decoding: interaction.response.body.data, as: UTF8.self)
            let excerpt = answer.count > excerptLength ? answer.prefix(excerptLength) + "…" : Substring(answer)
            html += "<pre>" + HTMLPage.escape("HTTP \(interaction.response.status)\n\(excerpt)") + "</pre>"
        }
        return html + "</div>"
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
