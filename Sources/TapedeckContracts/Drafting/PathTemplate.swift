import Foundation

/// A recorded path as an OpenAPI path template: segments that look like ids
/// (numbers, UUIDs, long hexadecimal or base32-like strings, `prefix_` ids)
/// become parameters named after the segment before them (`instances/{instance_id}`).
struct PathTemplate: Hashable {
    enum Segment: Hashable {
        case literal(String)
        case parameter(String)
    }

    var segments: [Segment]

    init(segments recorded: [String]) {
        var used: Set<String> = []
        segments = recorded.enumerated().map { index, segment in
            guard Self.isIDLike(segment) else { return .literal(segment) }
            let before = index > 0 ? recorded[index - 1] : ""
            var name = Self.isWord(before) && !Self.isIDLike(before) ? Self.singular(before) + "_id" : "id"
            if used.contains(name) { name += String(index) }
            used.insert(name)
            return .parameter(name)
        }
    }

    /// `/a/{b}/c`.
    var text: String {
        "/" + segments.map {
            switch $0 {
            case .literal(let literal): literal
            case .parameter(let name): "{" + name + "}"
            }
        }.joined(separator: "/")
    }

    /// The parameter names, in path order.
    var parameters: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// Whether a segment is an identifier rather than a word of the API.
    static func isIDLike(_ segment: String) -> Bool {
        let scalars = segment.unicodeScalars
        if !segment.isEmpty, scalars.allSatisfy({ CharacterSet.decimalDigits.contains($0) }) { return true }
        if UUID(uuidString: segment) != nil { return true }
        let hex = CharacterSet(charactersIn: "0123456789abcdefABCDEF")
        if segment.count >= 16, scalars.allSatisfy({ hex.contains($0) }) { return true }
        let alphanumeric = CharacterSet(charactersIn: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
        let digits = scalars.filter { CharacterSet.decimalDigits.contains($0) }.count
        return segment.count >= 12 && digits >= 2 && digits < segment.count && scalars.allSatisfy { alphanumeric.contains($0) }
    }

    private static func isWord(_ segment: String) -> Bool {
        segment.count > 2 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }
    }

    /// `instances` → `instance`, `policies` → `policy`, with `-` as `_`.
    private static func singular(_ word: String) -> String {
        let snake = word.replacingOccurrences(of: "-", with: "_")
        if snake.hasSuffix("ies") { return String(snake.dropLast(3)) + "y" }
        if snake.hasSuffix("s"), !snake.hasSuffix("ss") { return String(snake.dropLast()) }
        return snake
    }
}
