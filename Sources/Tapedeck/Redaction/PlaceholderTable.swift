import Foundation

/// The secrets found in one cassette and their placeholders, numbered in order
/// of first appearance: the same secret always gets the same placeholder.
/// Numbers continue after the highest placeholder already in the cassette (one
/// re-recorded in `missing` mode), so a new secret never takes an old one's placeholder.
package struct PlaceholderTable {
    private var placeholders: [String: String] = [:]
    /// What `scrub` looks for: every secret's forms, each with its placeholder.
    private var index = SecretIndex()
    /// The secrets in the order they were first found, with their placeholders.
    private(set) var found: [(secret: String, placeholder: String)] = []
    private let numberedAfter: Int

    init(numberedAfter: Int) { self.numberedAfter = numberedAfter }

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in the interactions'
    /// texts, bodies kept as bytes included (0 when none).
    package static func highestNumber(in interactions: [Interaction]) -> Int {
        var highest = 0
        for interaction in interactions {
            forEachText(in: interaction) { highest = max(highest, highestNumber(in: $0)) }
            for case .binary(let data) in [interaction.request.body.content, interaction.response.body.content] {
                highest = max(highest, data.withUnsafeBytes { highestNumber(in: $0.bindMemory(to: UInt8.self)) })
            }
        }
        return highest
    }

    /// The placeholder for `secret`, new when the secret is; a whole placeholder stays itself.
    /// Its copies elsewhere are scrubbed only when it is long and random enough
    /// to be a credential: a short or plain value (a cookie's `1`, a password
    /// `hunter2`) would hit ordinary text, URLs and names.
    mutating func placeholder(for secret: String, kind: String) -> String {
        if secret.isEmpty || Placeholder.isWhole(secret) { return secret }
        if let existing = placeholders[secret] { return existing }
        let placeholder = newPlaceholder(for: secret, kind: kind)
        if !SecretForms.isWeak(secret) { index.add(secret, placeholder: placeholder) }
        return placeholder
    }

    /// The placeholder for a secret registered by value (a credential from the
    /// environment): scrubbed wherever it appears, a weak one only as a whole token and never in a URL path.
    mutating func registerLiteral(_ secret: String) {
        guard !secret.isEmpty, placeholders[secret] == nil else { return }
        index.add(secret, placeholder: newPlaceholder(for: secret, kind: "secret"), weak: SecretForms.isWeak(secret))
    }

    private mutating func newPlaceholder(for secret: String, kind: String) -> String {
        let placeholder = "REDACTED-\(Placeholder.kind(kind))-\(numberedAfter + placeholders.count + 1)"
        placeholders[secret] = placeholder
        found.append((secret, placeholder))
        return placeholder
    }

    /// `text` with every known secret, in every form, replaced.
    func scrub(_ text: String) -> String { index.scrub(text) }

    /// A URL with every known secret replaced, but weak ones left in its path.
    func scrub(url: String) -> String {
        let pathEnd = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        return index.scrub(String(url[..<pathEnd]), strongOnly: true) + index.scrub(String(url[pathEnd...]))
    }

    func scrub(_ body: RecordedBody) -> RecordedBody {
        switch body.content {
        case .json(let value): RecordedBody(content: .json(scrub(value)), originalEncoding: body.originalEncoding)
        case .text(let text): RecordedBody(content: .text(scrub(text)), originalEncoding: body.originalEncoding)
        case .binary(let data):
            data.withUnsafeBytes { raw in index.scrub(raw.bindMemory(to: UInt8.self)) }
                .map { RecordedBody(content: .binary(Data($0)), originalEncoding: body.originalEncoding) } ?? body
        case .empty: body
        }
    }

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in `text` (0 when none).
    package static func highestNumber(in text: String) -> Int {
        var text = text
        return text.withUTF8(highestNumber(in:))
    }

    /// The highest `n` of the placeholders `REDACTED-<kind>-<n>` in UTF-8 `bytes` (0 when none).
    private static func highestNumber(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var highest = 0
        var offset = 0
        while let hit = ByteSearch.find(Placeholder.markerBytes, in: bytes, from: offset) {
            offset = hit + Placeholder.markerBytes.count
            let word = bytes[offset...].prefix { Placeholder.isWordByte($0) }
            if let last = word.split(separator: UInt8(ascii: "-")).last, let number = Int(String(decoding: last, as: UTF8.self)) {
                highest = max(highest, number)
            }
        }
        return highest
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
