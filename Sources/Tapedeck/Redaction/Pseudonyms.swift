import Foundation

/// Registered identifiers (a project id, a user id) and the stand-ins that
/// replace them in a cassette: `pseudo-<kind>-<n>`, numbered per kind in the
/// order they were registered, so the same identifier always gets the same
/// stand-in, in every cassette the same redactor writes. A stand-in is never
/// derived from the identifier.
///
/// Unlike a redacted secret, a stand-in still has to replay: a `RequestMatcher`
/// given the same `Pseudonyms` maps a live request's real identifiers to their
/// stand-ins before comparing it with the recording.
public struct Pseudonyms: Sendable, Hashable {
    /// One registered identifier and its stand-in.
    public struct Entry: Sendable, Hashable {
        public var identifier: String
        public var standIn: String
    }

    /// In registration order.
    public private(set) var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Registers `identifier` under `kind` and gives its stand-in (the existing
    /// one when it was registered before). An empty identifier is ignored.
    @discardableResult
    public mutating func register(_ identifier: String, kind: String) -> String? {
        guard !identifier.isEmpty else { return nil }
        if let entry = entries.first(where: { $0.identifier == identifier }) { return entry.standIn }
        let safeKind = String(kind.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let prefix = "pseudo-\(safeKind)-"
        let number = entries.count(where: { $0.standIn.hasPrefix(prefix) }) + 1
        entries.append(Entry(identifier: identifier, standIn: prefix + String(number)))
        return prefix + String(number)
    }

    /// `text` with every registered identifier that stands as a whole token (not
    /// inside a longer run of letters and digits), also percent-encoded, replaced
    /// by its stand-in; longest identifiers first.
    public func apply(to text: String) -> String {
        guard !entries.isEmpty else { return text }
        var result = text
        for entry in entries.sorted(by: { $0.identifier.count > $1.identifier.count }) {
            result = Self.replaceTokens(entry.identifier, with: entry.standIn, in: result)
            for encoded in PercentEncodedForms.of(entry.identifier) {
                result = Self.replaceTokens(encoded, with: entry.standIn, in: result)
            }
        }
        return result
    }

    /// `body` with identifiers replaced in text and in JSON string values (numbers stay numbers).
    public func apply(to body: RecordedBody) -> RecordedBody {
        guard !entries.isEmpty else { return body }
        switch body.content {
        case .json(let value): return RecordedBody(content: .json(apply(to: value)), originalEncoding: body.originalEncoding)
        case .text(let text): return RecordedBody(content: .text(apply(to: text)), originalEncoding: body.originalEncoding)
        default: return body
        }
    }

    /// `request` as it was recorded: identifiers replaced in the URL (path and query), header values and body.
    public func apply(to request: RecordedRequest) -> RecordedRequest {
        guard !entries.isEmpty else { return request }
        var copy = request
        copy.url = apply(to: request.url)
        copy.headers = request.headers.mapValues { apply(to: $0.value) }
        copy.body = apply(to: request.body)
        return copy
    }

    private func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(apply(to: text))
        case .array(let elements): .array(elements.map(apply))
        case .object(let object): .object(object.mapValues { _, member in apply(to: member) })
        default: value
        }
    }

    private static func replaceTokens(_ token: String, with replacement: String, in text: String) -> String {
        var result = ""
        var cursor = text.startIndex
        var searchStart = text.startIndex
        while let range = text.range(of: token, range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !isWordCharacter(before), !isWordCharacter(after) {
                result += text[cursor..<range.lowerBound]
                result += replacement
                cursor = range.upperBound
                searchStart = range.upperBound
            } else {
                searchStart = text.index(after: range.lowerBound)
            }
        }
        return cursor == text.startIndex ? text : result + text[cursor...]
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
