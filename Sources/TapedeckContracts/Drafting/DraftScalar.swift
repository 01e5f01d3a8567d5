import Foundation
import Tapedeck

/// One scalar value in a drafted contract.
enum DraftScalar {
    case string(String)
    case integer(Int)
    case bool(Bool)

    var yaml: String {
        switch self {
        case .integer(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .string(let text):
            if text.first.map({ $0.isLetter }) == true, !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(text.lowercased()),
                text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
            {
                text
            } else {
                Self.quoted(text)
            }
        }
    }

    /// `text` as a JSON string (which YAML reads as a double-quoted scalar).
    static func quoted(_ text: String) -> String { JSONWriter().string(from: .string(text)) }
}
