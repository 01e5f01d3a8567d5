package import Foundation

/// Bad input, explained: which file, where in it (a line and column, or a JSON
/// path), what was expected, what was found, and what to do about it. The CLI
/// exits with status 2 on these.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in a file the problem is.
    public enum Location: Sendable, Equatable {
        case file
        case line(Int, column: Int)
        case path(JSONPath)
        case lineAndPath(Int, column: Int, JSONPath)
    }

    /// The file (or other named input, such as an option) that is wrong.
    public var file: String
    public var location: Location
    public var expected: String
    public var found: String
    /// The next step for the user, when there is an obvious one.
    public var hint: String?

    public init(file: String, location: Location = .file, expected: String, found: String, hint: String? = nil) {
        self.file = file
        self.location = location
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    public var description: String {
        var text = file
        switch location {
        case .file: break
        case .line(let line, let column): text += ":\(line):\(column)"
        case .path(let path): text += ": \(path)"
        case .lineAndPath(let line, let column, let path): text += ":\(line):\(column): \(path)"
        }
        text += ": error: expected \(expected), found \(found)"
        if let hint { text += ". \(hint)" }
        return text
    }
}

extension InputError {
    /// Wraps a JSON syntax error found in `file`.
    public init(file: String, parseError: JSONParseError, hint: String? = nil) {
        self.init(
            file: file, location: .lineAndPath(parseError.line, column: parseError.column, parseError.path),
            expected: parseError.expected.replacingOccurrences(of: "expected ", with: ""), found: parseError.found,
            hint: hint)
    }
}

extension InputError {
    /// The bytes of `url`, or an error naming the file and what it should have been (`what`).
    package static func read(_ url: URL, expecting what: String) throws(InputError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, expected: what, found: "an unreadable file (\(error.localizedDescription))")
        }
    }
}
