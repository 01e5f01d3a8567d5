public import Foundation

/// A request or response body as a cassette stores it: JSON as JSON (so it
/// diffs line by line and keeps key order and number lexemes), other text as
/// text, anything else as base64. A body that travelled compressed is stored
/// decoded, with a note of its original `Content-Encoding`.
public struct RecordedBody: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case empty
        /// A JSON document whose compact form is exactly the bytes that were sent.
        case json(JSONValue)
        case text(String)
        case binary(Data)
    }

    public var content: Content
    /// The `Content-Encoding` the body had on the wire (`gzip`, `deflate`), if any.
    public var originalEncoding: String?

    public static let empty = RecordedBody(content: .empty)

    public init(content: Content, originalEncoding: String? = nil) {
        self.content = content
        self.originalEncoding = originalEncoding
    }

    /// The deepest JSON body kept as JSON: a cassette holds a body inside five containers
    /// (the document, `interactions`, the interaction, its `request` or `response`, and
    /// `body`), and the whole file must stay within the parser's budget to load again.
    /// A deeper body is kept as text, which any depth can be.
    package static let maximumJSONDepth = JSONParser.maximumDepth - 5

    /// Classifies captured (already decoded) bytes. JSON is kept as JSON only
    /// when writing it back compactly reproduces the bytes exactly; otherwise
    /// it is kept as text, so replay is always byte for byte. JSON nested deeper than
    /// `maximumJSONDepth` is kept as text too.
    public init(data: Data, contentType: String?, originalEncoding: String? = nil) {
        self.originalEncoding = originalEncoding
        guard !data.isEmpty else {
            content = .empty
            return
        }
        if Self.looksLikeJSON(data, contentType: contentType), let value = try? JSONParser.parse(data, maximumDepth: Self.maximumJSONDepth),
            data == Data(JSONWriter(style: .compact).bytes(from: value))
        {
            content = .json(value)
        } else if let text = String(data: data, encoding: .utf8), Self.isPrintable(text) {
            content = .text(text)
        } else {
            content = .binary(data)
        }
    }

    /// The bytes to send: the decoded body, whatever the original encoding was.
    public var data: Data {
        switch content {
        case .empty: Data()
        case .json(let value): Data(JSONWriter(style: .compact).bytes(from: value))
        case .text(let text): Data(text.utf8)
        case .binary(let data): data
        }
    }

    /// The body as JSON: the stored value, or text that parses as JSON (after a byte-order mark, if any).
    public var json: JSONValue? {
        switch content {
        case .json(let value): value
        case .text(let text): try? JSONParser.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        default: nil
        }
    }

    public var isEmpty: Bool { content == .empty }

    private static func looksLikeJSON(_ data: Data, contentType: String?) -> Bool {
        if let contentType, contentType.lowercased().contains("json") { return true }
        guard let first = data.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func isPrintable(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }
    }
}
