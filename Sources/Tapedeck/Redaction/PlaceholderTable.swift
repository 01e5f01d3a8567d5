import Foundation

/// The secrets found in one cassette and their placeholders, numbered in order
/// of first appearance: the same secret always gets the same placeholder.
/// Numbers continue after the highest placeholder already in the cassette (one
/// re-recorded in `missing` mode), so a new secret never takes an old one's placeholder.
struct PlaceholderTable {
    private var placeholders: [String: String] = [:]
    private var order: [String] = []
    /// What `scrub` looks for, worked out when a secret is added rather than for
    /// every text: each secret of 4 characters or more (longest first) and then its
    /// percent-encoded forms, with the placeholder that replaces them.
    private var needles: [(text: String, bytes: [UInt8], placeholder: String)] = []
    private let numberedAfter: Int

    init(numberedAfter: Int) { self.numberedAfter = numberedAfter }

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in the interactions'
    /// texts, bodies kept as bytes included (0 when none).
    static func highestNumber(in interactions: [Interaction]) -> Int {
        var highest = 0
        for interaction in interactions {
            forEachText(in: interaction) { highest = max(highest, highestNumber(in: $0)) }
            for case .binary(let data) in [interaction.request.body.content, interaction.response.body.content] {
                highest = max(highest, data.withUnsafeBytes { highestNumber(in: $0.bindMemory(to: UInt8.self)) })
            }
        }
        return highest
    }

    mutating func placeholder(for secret: String, kind: String) -> String {
        if Redactor.isPlaceholder(secret) || secret.isEmpty { return secret }
        if let existing = placeholders[secret] { return existing }
        let safeKind = String(kind.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let placeholder = "REDACTED-\(safeKind)-\(numberedAfter + placeholders.count + 1)"
        placeholders[secret] = placeholder
        order.append(secret)
        needles = order.sorted { $0.count > $1.count }.filter { $0.count >= 4 }.flatMap { secret in
            ([secret] + PercentEncodedForms.of(secret)).map { ($0, Array($0.utf8), placeholders[secret] ?? "") }
        }
        return placeholder
    }

    /// `text` with every known secret (also percent-encoded) replaced; longest secrets first.
    func scrub(_ text: String) -> String {
        var result = text
        for (needle, bytes, placeholder) in needles where Self.contains(&result, bytes) {
            result = result.replacingOccurrences(of: needle, with: placeholder)
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

    /// Whether `text`'s UTF-8 holds `bytes`: most texts hold no secret, and this answers that fast.
    private static func contains(_ text: inout String, _ bytes: [UInt8]) -> Bool {
        text.withUTF8 { haystack in bytes.withUnsafeBufferPointer { find($0, in: haystack) != nil } }
    }

    /// Where `needle` first starts in `haystack`: `memchr` for its first byte, then `memcmp` for the rest.
    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, let needleStart = needle.baseAddress, let base = haystack.baseAddress else { return nil }
        var start = base
        let end: UnsafePointer<UInt8> = base + haystack.count
        while end - start >= needle.count {
            guard let hit = memchr(start, Int32(first), end - start) else { return nil }
            let candidate = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self))
            if end - candidate < needle.count { return nil }
            if memcmp(candidate, needleStart, needle.count) == 0 { return candidate - base }
            start = candidate + 1
        }
        return nil
    }

    private static let marker = Array("REDACTED-".utf8)

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in `text` (0 when none).
    static func highestNumber(in text: String) -> Int {
        var text = text
        return text.withUTF8(highestNumber(in:))
    }

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in UTF-8 `bytes` (0 when none).
    private static func highestNumber(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var highest = 0
        var offset = 0
        while let hit = marker.withUnsafeBufferPointer({ find($0, in: UnsafeBufferPointer(rebasing: bytes[offset...])) }) {
            offset += hit + marker.count
            let word = bytes[offset...].prefix { isWordByte($0) }
            if let last = word.split(separator: UInt8(ascii: "-")).last, let number = Int(String(decoding: last, as: UTF8.self)) {
                highest = max(highest, number)
            }
        }
        return highest
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }

    /// Calls `body` with the URL, every header value and every text in the bodies of `interaction`.
    private static func forEachText(in interaction: Interaction, _ body: (String) -> Void) {
        body(interaction.request.url)
        for field in interaction.request.headers { body(field.value) }
        for field in interaction.response.headers { body(field.value) }
        for recorded in [interaction.request.body, interaction.response.body] {
            switch recorded.content {
            case .text(let text): body(text)
            case .json(let value): forEachString(in: value, body)
            default: break
            }
        }
    }

    private static func forEachString(in value: JSONValue, _ body: (String) -> Void) {
        switch value {
        case .string(let text): body(text)
        case .array(let elements): for element in elements { forEachString(in: element, body) }
        case .object(let object): for member in object.members { forEachString(in: member.value, body) }
        default: break
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
