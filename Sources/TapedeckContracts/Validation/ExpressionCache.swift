import Foundation

/// Regular expressions compiled once per source text. A published description
/// repeats the same `pattern` on thousands of schemas (an id's shape on every
/// object); each compiled expression costs kilobytes in ICU and tens of
/// microseconds, so the schemas that write one pattern share one expression
/// (immutable, and safe to use from several threads).
struct ExpressionCache {
    private var compiled: [String: NSRegularExpression?] = [:]

    /// `source` compiled, or `nil` when it does not compile.
    mutating func expression(_ source: String) -> NSRegularExpression? {
        if let known = compiled[source] { return known }
        let expression = try? NSRegularExpression(pattern: source)
        compiled[source] = expression
        return expression
    }
}
