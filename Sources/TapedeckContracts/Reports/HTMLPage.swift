/// A self-contained HTML page for reports: the styles inline, no script and
/// nothing loaded from elsewhere, readable from a phone's 400 px to a desktop.
/// `check` and `drift` (and `report merge`) build their pages with it.
package enum HTMLPage {
    /// `text` safe in HTML (and XML) text and attribute values.
    package static func escape(_ text: some StringProtocol) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A summary card: a figure and what it counts.
    package static func card(_ figure: String, _ label: String, failing: Bool = false) -> String {
        "<div class=\"card\(failing ? " bad" : "")\"><b>\(escape(figure))</b><span>\(escape(label))</span></div>"
    }

    /// A definition list of `(term, value)` rows, values shown as code.
    package static func fields(_ rows: [(String, String?)]) -> String {
        let items = rows.compactMap { term, value in value.map { "<dt>\(escape(term))</dt><dd><code>\(escape($0))</code></dd>" } }
        return "<dl>" + items.joined() + "</dl>"
    }

    /// The whole document: `title`, then `body` (already HTML).
    package static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        \(body)
        </body>
        </html>

        """
    }

    private static let style = """
        *{box-sizing:border-box}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#1b1f24;background:#fff}
        h1{font-size:1.5em;margin:0 0 12px}h2{font-size:1.2em;margin:24px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        h3{font-size:1em;margin:16px 0 6px}
        .cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 16px}
        .card{flex:1 1 140px;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
        .card b{display:block;font-size:1.4em}.card span{color:#57606a}.card.bad{border-color:#cf222e;background:#fff5f5}
        .item{border:1px solid #d0d7de;border-left:4px solid #cf222e;border-radius:6px;padding:8px 12px;margin:8px 0}
        .item.allowed{border-left-color:#9a6700}.item.ok{border-left-color:#1a7f37}
        .tag{display:inline-block;font-size:.8em;border-radius:10px;padding:1px 8px;background:#eaeef2;margin-right:6px}
        .tag.bad{background:#ffebe9;color:#a40e26}.tag.warn{background:#fff8c5;color:#7d4e00}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:#57606a}dd{margin:0;min-width:0}
        code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere;white-space:pre-wrap}
        pre{background:#f6f8fa;border-radius:6px;padding:8px;margin:6px 0;max-height:16em;overflow:auto}
        .sides{display:grid;grid-template-columns:1fr 1fr;gap:8px}
        .sides>div{min-width:0}.sides h4{margin:4px 0;font-size:.85em;color:#57606a}
        @media (max-width:600px){.sides,dl{grid-template-columns:1fr}body{padding:8px}}
        """
}
