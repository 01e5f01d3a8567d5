/// A regular expression (Swift `Regex` syntax) that finds secrets in free text:
/// text bodies, JSON string values, header values and the URL. With a capture
/// group, only the first group is the secret (`password=([^&]+)` keeps
/// `password=`); without one, the whole match is.
package struct TextPattern: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    package let description: String

    /// Compiles `expression` once to check it.
    /// - Throws: `InputError` with the compiler's complaint when it is not a valid expression.
    package init(_ expression: String) throws(InputError) {
        try self.init(parsing: expression, file: "regular expression", location: .file)
    }

    /// Checks `expression`; an error is reported against `file` at `location` (a rules file and its JSON path).
    init(parsing expression: String, file: String, location: InputError.Location) throws(InputError) {
        do {
            let regex = try Regex(expression)
            guard !"".contains(regex) else {
                throw InputError(
                    file: file, location: location, expected: "a regular expression that never matches empty text",
                    found: "\"\(expression)\"", hint: "Use + rather than * so every match holds a secret")
            }
            if Self.hasNestedQuantifier(expression) {
                throw InputError(
                    file: file, location: location, expected: "a regular expression without a repeated group that repeats inside",
                    found: "\"\(expression)\"",
                    hint: "Patterns such as (a+)+ take exponential time on text that almost matches; write a+ instead")
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, location: location, expected: "a valid regular expression", found: "\"\(expression)\" (\(error))")
        }
        description = expression
    }

    /// Whether a group that repeats without bound (`(…)+`, `(…)*`, `(…){2,}`) holds
    /// something that repeats too: the shape of catastrophic backtracking.
    static func hasNestedQuantifier(_ expression: String) -> Bool {
        let characters = Array(expression)
        var groups: [Bool] = []  // per open group: whether a quantifier is inside it
        var index = 0
        var lastClosedRepeats = false
        while index < characters.count {
            let character = characters[index]
            var closedRepeats = false
            switch character {
            case "\\": index += 1
            case "[":
                index += 1
                if index < characters.count, characters[index] == "]" { index += 1 }
                while index < characters.count, characters[index] != "]" { index += characters[index] == "\\" ? 2 : 1 }
            case "(": groups.append(false)
            case ")": closedRepeats = groups.popLast() ?? false
            case "+", "*", "{":
                if character == "{", !isUnboundedRepeat(characters, at: index) { break }
                if lastClosedRepeats { return true }
                if !groups.isEmpty { groups[groups.count - 1] = true }
            default: break
            }
            if character == ")", closedRepeats, !groups.isEmpty { groups[groups.count - 1] = true }
            lastClosedRepeats = closedRepeats
            index += 1
        }
        return false
    }

    /// Whether the `{` at `index` starts `{n,}` or `{n,m}` with m above 1.
    private static func isUnboundedRepeat(_ characters: [Character], at index: Int) -> Bool {
        guard let close = characters[index...].firstIndex(of: "}") else { return false }
        let inside = String(characters[(index + 1)..<close])
        let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return parts[1].isEmpty || (Int(parts[1]) ?? 0) > 1
    }

    /// The compiled expression (`Regex` is not `Sendable`, so each redaction compiles
    /// its own); checked in init, so it is never `nil` in practice.
    func compiled() -> Regex<AnyRegexOutput>? { try? Regex(description) }

    /// `text` with every secret the expression finds replaced by `replace(secret)`.
    static func replacing(in text: String, regex: Regex<AnyRegexOutput>, _ replace: (String) -> String) -> String {
        var result = ""
        var cursor = text.startIndex
        for match in text.matches(of: regex) {
            let range = match.output.count > 1 ? (match.output[1].range ?? match.range) : match.range
            guard range.lowerBound >= cursor, !range.isEmpty else { continue }
            result += text[cursor..<range.lowerBound]
            result += replace(String(text[range]))
            cursor = range.upperBound
        }
        return cursor == text.startIndex ? text : result + text[cursor...]
    }
}
