import TapedeckContracts

extension DriftReport {
    /// The report as one self-contained HTML page: a summary by class, then each
    /// scenario's findings with the committed and the fresh shape side by side.
    var html: String {
        let open = findings.filter { $0.acceptedBecause == nil }
        var body = "<div class=\"cards\">"
        body += HTMLPage.card(String(results.count), "scenarios")
        for driftClass in DriftClass.allCases.reversed() {
            let count = open.filter { $0.driftClass == driftClass }.count
            body += HTMLPage.card(String(count), driftClass.rawValue, failing: count > 0 && driftClass == .breaking)
        }
        body += HTMLPage.card(String(findings.count - open.count), "accepted")
        body += "</div>"
        for result in results {
            body += "<h2>\(HTMLPage.escape(result.scenario))</h2>"
            if result.findings.isEmpty { body += "<div class=\"item ok\">No drift.</div>" }
            for finding in result.findings {
                let accepted = finding.acceptedBecause != nil
                let severity = accepted || finding.driftClass != .breaking ? "warn" : "bad"
                body += "<div class=\"item\(accepted || finding.driftClass != .breaking ? " allowed" : "")\">"
                body += "<span class=\"tag \(severity)\">\(HTMLPage.escape(finding.driftClass.rawValue))</span>"
                body += "<span class=\"tag\">\(HTMLPage.escape(finding.kind.rawValue + (finding.rule.map { " (\($0))" } ?? "")))</span>"
                body += "<code>\(HTMLPage.escape(finding.path))</code>"
                body += "<div class=\"sides\"><div><h4>committed</h4><pre>\(HTMLPage.escape(finding.old))</pre></div>"
                body += "<div><h4>fresh</h4><pre>\(HTMLPage.escape(finding.new))</pre></div></div>"
                body += HTMLPage.fields([("reproduce", finding.reproduce), ("accepted", finding.acceptedBecause)])
                body += "</div>"
            }
            for warning in result.warnings { body += "<div class=\"item allowed\">\(HTMLPage.escape(warning))</div>" }
        }
        let title = open.isEmpty ? "no drift" : "\(open.count) finding(s)"
        return HTMLPage.document(title: "Tapedeck drift: " + title, body: body)
    }
}
