import Foundation

/// An RFC 6901 JSON pointer (`#/components/schemas/Task`), as reference tokens.
struct JSONPointer: Hashable, Sendable {
    var tokens: [String]

    /// The pointer of a URI fragment (`#/a/b`, percent-encoded or not), or `nil` when it is not one.
    init?(fragment: String) {
        var text = fragment.hasPrefix("#") ? String(fragment.dropFirst()) : fragment
        text = text.removingPercentEncoding ?? text
        guard text.isEmpty || text.hasPrefix("/") else { return nil }
        tokens =
            text.isEmpty
            ? []
            : text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
    }
}
