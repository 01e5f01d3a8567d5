import Foundation

/// The secrets found in one cassette and their placeholders, numbered in order
/// of first appearance: the same secret always gets the same placeholder.
struct PlaceholderTable {
    private var placeholders: [String: String] = [:]
    private var order: [String] = []

    mutating func placeholder(for secret: String, kind: String) -> String {
        if Redactor.isPlaceholder(secret) || secret.isEmpty { return secret }
        if let existing = placeholders[secret] { return existing }
        let safeKind = String(kind.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let placeholder = "REDACTED-\(safeKind)-\(placeholders.count + 1)"
        placeholders[secret] = placeholder
        order.append(secret)
        return placeholder
    }

    /// `text` with every known secret (also percent-encoded) replaced; longest secrets first.
    func scrub(_ text: String) -> String {
        var result = text
        for secret in order.sorted(by: { $0.count > $1.count }) where secret.count >= 4 {
            guard let placeholder = placeholders[secret] else { continue }
            result = result.replacingOccurrences(of: secret, with: placeholder)
            for encoded in PercentEncodedForms.of(secret) {
                result = result.replacingOccurrences(of: encoded, with: placeholder)
            }
        }
        return result
    }

    func scrub(_ body: RecordedBody) -> RecordedBody {
        switch body.content {
        case .json(let value): RecordedBody(content: .json(scrub(value)), originalEncoding: body.originalEncoding)
        case .text(let text): RecordedBody(content: .text(scrub(text)), originalEncoding: body.originalEncoding)
        default: body
        }
    }

    private func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(scrub(text))
        case .array(let elements): .array(elements.map(scrub))
        case .object(let object): .object(object.mapValues { _, member in scrub(member) })
        default: value
        }
    }
}
