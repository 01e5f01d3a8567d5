/// A JSON path that picks the values a redaction rule replaces, written like a
/// `JSONPath`: `$.credentials[*].secret` (every element), `$.data[0].token`
/// (one element), `$.keys.*` (every member), `$..secret` (a member named
/// `secret` at any depth), `$['odd key']`. Member names are compared exactly.
package struct JSONPathPattern: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        case anyIndex
        case anyKey
        case descendant(String)
    }

    let steps: [Step]
    /// The pattern as written.
    package let description: String

    /// Parses `text`.
    /// - Throws: `InputError` naming the column of the first step that does not parse.
    package init(_ text: String) throws(InputError) {
        try self.init(parsing: text, file: "JSON path pattern", location: .file)
    }

    /// Parses `text`; an error is reported against `file` at `location` (a rules file and its JSON path).
    init(parsing text: String, file: String, location: InputError.Location) throws(InputError) {
        var parser = Parser(characters: Array(text))
        guard let steps = parser.parse() else {
            throw InputError(
                file: file, location: location,
                expected: "a JSON path such as $.credentials[*].secret (\(parser.expected) at column \(parser.position + 1))",
                found: "\"\(text)\"")
        }
        self.steps = steps
        self.description = text
    }

    /// Whether the value at `path` is one this pattern picks.
    package func matches(_ path: JSONPath) -> Bool {
        Self.matches(steps[...], path.components[...])
    }

    private static func matches(_ steps: ArraySlice<Step>, _ components: ArraySlice<JSONPath.Component>) -> Bool {
        guard let step = steps.first else { return components.isEmpty }
        if case .descendant(let name) = step {
            // Skip any number of components, then the named member.
            for start in components.indices where components[start] == .key(name) {
                if matches(steps.dropFirst(), components[(start + 1)...]) { return true }
            }
            return false
        }
        guard let component = components.first else { return false }
        let fits =
            switch (step, component) {
            case (.key(let name), .key(let key)): name == key
            case (.index(let wanted), .index(let index)): wanted == index
            case (.anyIndex, .index), (.anyKey, .key): true
            default: false
            }
        return fits && matches(steps.dropFirst(), components.dropFirst())
    }

    /// A small recursive-descent reader of the pattern syntax; `expected` and
    /// `position` say where it stopped when `parse()` gives `nil`.
    private struct Parser {
        let characters: [Character]
        var position = 0
        var expected = ""

        mutating func parse() -> [Step]? {
            guard take("$") else { return fail("'$' first") }
            var steps: [Step] = []
            while position < characters.count {
                if take(".") {
                    if take(".") {
                        guard let name = name() else { return fail("a member name after '..'") }
                        steps.append(.descendant(name))
                    } else if take("*") {
                        steps.append(.anyKey)
                    } else {
                        guard let name = name() else { return fail("a member name or '*' after '.'") }
                        steps.append(.key(name))
                    }
                } else if take("[") {
                    guard let step = bracket(), take("]") else { return fail("'[*]', '[n]' or ['name'] closed by ']'") }
                    steps.append(step)
                } else {
                    return fail("'.' or '['")
                }
            }
            return steps
        }

        private mutating func bracket() -> Step? {
            if take("*") { return .anyIndex }
            if let quote = characters[safe: position], quote == "'" || quote == "\"" {
                position += 1
                var name = ""
                while let character = characters[safe: position], character != quote {
                    name.append(character)
                    position += 1
                }
                return take(quote) ? .key(name) : nil
            }
            var digits = ""
            while let character = characters[safe: position], character.isASCII, character.isNumber {
                digits.append(character)
                position += 1
            }
            return Int(digits).map(Step.index)
        }

        private mutating func name() -> String? {
            var name = ""
            while let character = characters[safe: position], character.isLetter || character.isNumber || character == "_" || character == "-" {
                name.append(character)
                position += 1
            }
            return name.isEmpty ? nil : name
        }

        private mutating func take(_ character: Character) -> Bool {
            guard characters[safe: position] == character else { return false }
            position += 1
            return true
        }

        private mutating func fail(_ what: String) -> [Step]? {
            expected = what
            return nil
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
