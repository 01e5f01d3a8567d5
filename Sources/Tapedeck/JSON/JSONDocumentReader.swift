/// Reads the typed members of a JSON settings document (a redaction rules file, a
/// provider profile), each error naming the file and the JSON path.
package struct JSONDocumentReader {
    package let file: String

    package init(file: String) { self.file = file }

    /// `value` as an object whose members are all among `members`.
    package func object(_ value: JSONValue, at path: JSONPath, members: [String]) throws(InputError) -> JSONObject {
        guard case .object(let object) = value else { throw mismatch(at: path, expected: "an object", found: value) }
        for key in object.keys where !members.contains(key) {
            throw InputError(
                file: file, location: .path(path.appending(key)), expected: "one of " + members.joined(separator: ", "), found: "\"\(key)\"")
        }
        return object
    }

    /// The non-empty string `key`, or `nil` when it is absent.
    package func string(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else { throw mismatch(at: path.appending(key), expected: "a non-empty string", found: value) }
        return text
    }

    /// The non-empty string `key`, which must be there.
    package func required(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> String {
        guard let text = try string(object, key, at: path) else { throw mismatch(at: path.appending(key), expected: "a non-empty string", found: nil) }
        return text
    }

    /// The non-empty strings of the array `key` (none when it is absent).
    package func strings(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> [String] {
        var result: [String] = []
        for (value, at) in try elements(object, key, at: path) {
            guard case .string(let text) = value, !text.isEmpty else { throw mismatch(at: at, expected: "a non-empty string", found: value) }
            result.append(text)
        }
        return result
    }

    /// The objects of the array `key` with their paths (none when it is absent).
    package func objects(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> [(JSONObject, JSONPath)] {
        var result: [(JSONObject, JSONPath)] = []
        for (value, at) in try elements(object, key, at: path) {
            guard case .object(let entry) = value else { throw mismatch(at: at, expected: "an object", found: value) }
            result.append((entry, at))
        }
        return result
    }

    /// The members of the object `key`, each a string (none when it is absent).
    package func stringPairs(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> [(name: String, value: String)] {
        guard let value = object[key] else { return [] }
        guard case .object(let members) = value else { throw mismatch(at: path.appending(key), expected: "an object", found: value) }
        var result: [(name: String, value: String)] = []
        for (name, member) in members {
            guard case .string(let text) = member else { throw mismatch(at: path.appending(key).appending(name), expected: "a string", found: member) }
            result.append((name, text))
        }
        return result
    }

    private func elements(_ object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> [(JSONValue, JSONPath)] {
        guard let value = object[key] else { return [] }
        guard case .array(let elements) = value else { throw mismatch(at: path.appending(key), expected: "an array", found: value) }
        return elements.enumerated().map { ($1, path.appending(key).appending(index: $0)) }
    }

    package func mismatch(at path: JSONPath, expected: String, found: JSONValue?) -> InputError {
        let shown =
            switch found {
            case nil: "nothing"
            case .string(let text)?: "\"\(text)\""
            case let value?: String(value.compactText.prefix(40))
            }
        return InputError(file: file, location: .path(path), expected: expected, found: shown)
    }
}
