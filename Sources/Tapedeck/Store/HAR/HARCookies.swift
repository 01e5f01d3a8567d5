import Foundation

/// The cookies a request's `Cookie` headers and a response's `Set-Cookie`
/// headers carry, by name, as HAR's `cookies` arrays list them.
enum HARCookies {
    static func requestCookies(_ headers: HeaderFields) -> [String: String] {
        var cookies: [String: String] = [:]
        for value in headers.values(for: "Cookie") {
            for pair in value.split(separator: ";") {
                let (name, text) = split(pair)
                if !name.isEmpty, cookies[name] == nil { cookies[name] = text }
            }
        }
        return cookies
    }

    /// Browsers export several `Set-Cookie` lines as one value joined with newlines.
    static func responseCookies(_ headers: HeaderFields) -> [String: String] {
        var cookies: [String: String] = [:]
        for value in headers.values(for: "Set-Cookie") {
            for line in value.split(whereSeparator: \.isNewline) {
                let (name, text) = split(line.prefix { $0 != ";" })
                if !name.isEmpty, cookies[name] == nil { cookies[name] = text }
            }
        }
        return cookies
    }

    private static func split(_ pair: Substring) -> (String, String) {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (
            String(parts[0]).trimmingCharacters(in: .whitespaces),
            parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        )
    }
}
