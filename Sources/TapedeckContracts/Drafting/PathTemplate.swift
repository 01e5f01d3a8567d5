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

    /// The template of one recorded path; the segments at `identifiers` are parameters
    /// whatever they look like.
    init(segments recorded: [String], identifiers: Set<Int> = []) {
        var used: Set<String> = []
        segments = recorded.enumerated().map { index, segment in
            guard identifiers.contains(index) || Self.isIDLike(segment) else { return .literal(segment) }
            let before = index > 0 ? recorded[index - 1] : ""
            var name = Self.isWord(before) && !Self.isIDLike(before) ? Self.singular(before) + "_id" : "id"
            if used.contains(name) { name += String(index) }
            used.insert(name)
            return .parameter(name)
        }
    }

    /// The most different segments one place in the paths may take (after the same
    /// segments before it) and keep its literals: past it they are values, such as names
    /// (`/files/report-a`), which no id test knows. A recording of 10,000 such paths is one
    /// operation, not 10,000 (a draft that large would not load).
    static let maximumLiterals = 32

    /// The templates of `paths` (recorded segments), in order, with every place that
    /// takes more than `maximumLiterals` literals made a parameter, from the left.
    static func templates(of paths: [[String]]) -> [PathTemplate] {
        var identifiers = [Set<Int>](repeating: [], count: paths.count)
        var templates = paths.map { PathTemplate(segments: $0) }
        for position in 0..<(paths.map(\.count).max() ?? 0) {
            // Paths of one length with the same template before `position`, and their segments there
            // (ids among them too: ten names that look like words beside a thousand that look like ids are one place).
            var values: [String: Set<String>] = [:]
            var groups: [String: [Int]] = [:]
            for (index, template) in templates.enumerated() where template.segments.count > position {
                let key = "\(template.segments.count) " + PathTemplate(segments: Array(template.segments[..<position])).text
                values[key, default: []].insert(paths[index][position])
                if case .literal = template.segments[position] { groups[key, default: []].append(index) }
            }
            for (key, members) in groups where values[key]!.count > maximumLiterals {
                for index in members {
                    identifiers[index].insert(position)
                    templates[index] = PathTemplate(segments: paths[index], identifiers: identifiers[index])
                }
            }
        }
        return templates
    }

    private init(segments: [Segment]) { self.segments = segments }

    /// `/a/{b}/c`.
    var text: String {
        "/"
            + segments.map {
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
