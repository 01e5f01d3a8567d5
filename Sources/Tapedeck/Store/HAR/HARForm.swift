import Foundation

/// `application/x-www-form-urlencoded` text and HAR's `params`, both ways.
enum HARForm {
    private static let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "*-._"))

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The `params` of a form body: `name=value` pairs, `+` a space, percent-decoded.
    static func params(_ body: String) -> JSONValue {
        .array(
            body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decoded(_ part: Substring?) -> JSONValue {
                    let text = String(part ?? "").replacingOccurrences(of: "+", with: " ")
                    return .string(text.removingPercentEncoding ?? text)
                }
                return .object(JSONObject([.init(key: "name", value: decoded(parts.first)), .init(key: "value", value: decoded(parts.dropFirst().first))]))
            })
    }
}
