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
        self.file = Self.bounded(file)
        self.location = location
        self.expected = Self.bounded(expected)
        self.found = Self.bounded(found)
        self.hint = hint
    }

    /// The most characters of input a message repeats: a megabyte-long value
    /// is named by its start and its length, never echoed whole.
    package static let maximumEcho = 240

    /// `text`, cut to `limit` characters with a note of how much was left out.
    package static func bounded(_ text: String, limit: Int = maximumEcho) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        return "\(text.prefix(limit))… (\(text.count - limit) more characters)"
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
    package init(file: String, parseError: JSONParseError, hint: String? = nil) {
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

    /// `data` as UTF-8 text, or an error naming the line and column of the first byte that is not UTF-8.
    package static func text(_ data: Data, file: String, expecting what: String) throws(InputError) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        let bytes = [UInt8](data)
        var valid = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): valid += UTF8.width(scalar)
            case .emptyInput, .error: break loop
            }
        }
        let before = bytes[..<valid]
        let line = before.count(where: { $0 == 0x0A }) + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<valid], as: UTF8.self).count + 1
        throw InputError(
            file: file, location: .line(line, column: column), expected: what,
            found: String(format: "a byte that is not UTF-8 (0x%02X)", bytes[valid]))
    }
}
