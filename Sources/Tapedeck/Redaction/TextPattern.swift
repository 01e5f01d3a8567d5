/// A regular expression (Swift `Regex` syntax) that finds secrets in free text:
/// text bodies, JSON string values, header values and the URL. With a capture
/// group, only the first group is the secret (`password=([^&]+)` keeps
/// `password=`); without one, the whole match is.
public struct TextPattern: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let description: String

    /// Compiles `expression` once to check it.
    /// - Throws: `InputError` with the compiler's complaint when it is not a valid expression.
    public init(_ expression: String) throws(InputError) {
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
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, location: location, expected: "a valid regular expression", found: "\"\(expression)\" (\(error))")
        }
        description = expression
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
