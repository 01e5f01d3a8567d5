public import Foundation

extension Redactor {
    /// The members a rules file may have (any other is an error, so a typo cannot silently drop a rule).
    static let ruleFileMembers = ["headers", "queryParameters", "jsonKeys", "jsonPaths", "patterns", "secretEnvironment", "pseudonyms"]

    /// The same redactor plus the rules in a JSON rules file (`redaction.json`):
    ///
    /// ```json
    /// {
    ///   "headers": ["X-Tenant-Key"],
    ///   "queryParameters": ["sig"],
    ///   "jsonKeys": ["apiKey"],
    ///   "jsonPaths": [{ "path": "$.credentials[*].secret", "kind": "credential" }],
    ///   "patterns": [{ "regex": "sk_live_[A-Za-z0-9]+", "kind": "api-key" }],
    ///   "secretEnvironment": ["PROVIDER_TOKEN"],
    ///   "pseudonyms": [{ "environment": "HUAWEI_PROJECT_ID", "kind": "project" }, { "value": "u-1234", "kind": "user" }]
    /// }
    /// ```
    ///
    /// Every member is optional. Secrets never go in the file: `secretEnvironment`
    /// names variables whose values are scrubbed as literal secrets; a variable
    /// that is unset or empty adds nothing (as in a replay-only CI run).
    /// - Throws: `InputError` naming the file and the JSON path of the first bad entry.
    public func adding(rulesFrom file: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError)
        -> Redactor
    {
        try adding(rulesFromJSON: InputError.read(file, expecting: "a readable redaction rules file"), file: file.path, environment: environment)
    }

    /// The same redactor plus the rules in `data`, the text of a rules file named `file` (see `adding(rulesFrom:environment:)`).
    /// - Throws: `InputError` naming `file` and the JSON path of the first bad entry.
    public func adding(rulesFromJSON data: Data, file: String, environment: [String: String]) throws(InputError) -> Redactor {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw InputError(file: file, parseError: error)
        }
        let reader = RuleFileReader(file: file)
        let top = try reader.object(document, at: .root)
        for member in top.members where !Self.ruleFileMembers.contains(member.key) {
            throw InputError(
                file: file, location: .path(JSONPath.root.appending(member.key)),
                expected: "one of " + Self.ruleFileMembers.joined(separator: ", "), found: "\"\(member.key)\"")
        }
        var copy = self
        copy.catalogue = copy.catalogue
            .adding(try reader.strings(in: top, "headers") + reader.strings(in: top, "queryParameters"), only: .parameter)
            .adding(try reader.strings(in: top, "jsonKeys"), only: .document)
        for (entry, path) in try reader.objects(in: top, "jsonPaths") {
            let pattern = try JSONPathPattern(
                parsing: try reader.string(in: entry, "path", at: path), file: file, location: .path(path.appending("path")))
            copy.rules.append(RedactionRule(.jsonPath(pattern), kind: try reader.kind(in: entry, at: path)))
        }
        for (entry, path) in try reader.objects(in: top, "patterns") {
            let pattern = try TextPattern(
                parsing: try reader.string(in: entry, "regex", at: path), file: file, location: .path(path.appending("regex")))
            copy.rules.append(RedactionRule(.text(pattern), kind: try reader.kind(in: entry, at: path)))
        }
        copy = copy.addingLiteralSecrets(try reader.strings(in: top, "secretEnvironment").compactMap { environment[$0] })
        for (entry, path) in try reader.objects(in: top, "pseudonyms") {
            let kind = try reader.kind(in: entry, at: path)
            switch (entry["value"], entry["environment"]) {
            case (.some, nil): copy = copy.pseudonymising(try reader.string(in: entry, "value", at: path), kind: kind)
            case (nil, .some): environment[try reader.string(in: entry, "environment", at: path)].map { copy = copy.pseudonymising($0, kind: kind) }
            default:
                throw InputError(
                    file: file, location: .path(path), expected: "exactly one of \"value\" and \"environment\"",
                    found: entry["value"] == nil ? "neither" : "both")
            }
        }
        return copy
    }
}

/// Reads the typed members of a rules file, each error naming the file and JSON path.
private struct RuleFileReader {
    let file: String

    func object(_ value: JSONValue, at path: JSONPath) throws(InputError) -> JSONObject {
        guard case .object(let object) = value else { throw mismatch(at: path, expected: "an object", found: value) }
        return object
    }

    func string(in object: JSONObject, _ key: String, at path: JSONPath) throws(InputError) -> String {
        guard case .string(let text)? = object[key], !text.isEmpty else {
            throw mismatch(at: path.appending(key), expected: "a non-empty string", found: object[key])
        }
        return text
    }

    func kind(in object: JSONObject, at path: JSONPath) throws(InputError) -> String {
        let kind = try string(in: object, "kind", at: path)
        guard kind.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw InputError(
                file: file, location: .path(path.appending("kind")), expected: "a kind of letters, digits and '-'", found: "\"\(kind)\"")
        }
        return kind
    }

    /// The strings of the array `key` (none when it is absent).
    func strings(in object: JSONObject, _ key: String) throws(InputError) -> [String] {
        var result: [String] = []
        for (value, path) in try elements(in: object, key) {
            guard case .string(let text) = value, !text.isEmpty else { throw mismatch(at: path, expected: "a non-empty string", found: value) }
            result.append(text)
        }
        return result
    }

    /// The objects of the array `key` with their paths (none when it is absent).
    func objects(in object: JSONObject, _ key: String) throws(InputError) -> [(JSONObject, JSONPath)] {
        var result: [(JSONObject, JSONPath)] = []
        for (value, path) in try elements(in: object, key) { result.append((try self.object(value, at: path), path)) }
        return result
    }

    private func elements(in object: JSONObject, _ key: String) throws(InputError) -> [(JSONValue, JSONPath)] {
        let path = JSONPath.root.appending(key)
        guard let value = object[key] else { return [] }
        guard case .array(let elements) = value else { throw mismatch(at: path, expected: "an array", found: value) }
        return elements.enumerated().map { ($1, path.appending(index: $0)) }
    }

    private func mismatch(at path: JSONPath, expected: String, found: JSONValue?) -> InputError {
        let shown =
            switch found {
            case nil: "nothing"
            case .string(let text)?: "\"\(text)\""
            case let value?: String(value.compactText.prefix(40))
            }
        return InputError(file: file, location: .path(path), expected: expected, found: shown)
    }
}
