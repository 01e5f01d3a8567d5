public import Foundation

extension Redactor {
    /// The members a rules file may have (any other is an error, so a typo cannot silently drop a rule).
    static let ruleFileMembers = [
        "headers", "queryParameters", "jsonKeys", "shapes", "jsonPaths", "patterns", "secretEnvironment", "pseudonyms",
    ]

    /// The same redactor plus the rules in a JSON rules file (`redaction.json`):
    ///
    /// ```json
    /// {
    ///   "headers": ["X-Tenant-Key"],
    ///   "queryParameters": ["sig"],
    ///   "jsonKeys": ["apiKey"],
    ///   "shapes": [{ "kind": "acme-key", "prefixes": ["acme_"], "characters": "A-Za-z0-9", "minimum": 32, "maximum": 40 }],
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
    public func adding(
        rulesFrom file: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(InputError)
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
        return try adding(rulesDocument: document, file: file, at: .root, environment: environment)
    }

    /// The same redactor plus the rules of a parsed rules document found at `base` in
    /// `file` (a rules file's root, or a provider profile's `redaction` member).
    /// - Throws: `InputError` naming `file` and the JSON path of the first bad entry.
    public func adding(
        rulesDocument document: JSONValue, file: String, at base: JSONPath, environment: [String: String]
    ) throws(InputError)
        -> Redactor
    {
        let reader = JSONDocumentReader(file: file)
        let top = try reader.object(document, at: base, members: Self.ruleFileMembers)
        var copy = self
        copy.catalogue = copy.catalogue
            .adding(try reader.strings(top, "headers", at: base) + reader.strings(top, "queryParameters", at: base), only: .parameter)
            .adding(try reader.strings(top, "jsonKeys", at: base), only: .document)
        var shapes: [CredentialShape] = []
        for (entry, path) in try reader.objects(top, "shapes", at: base) {
            shapes.append(try CredentialShape(rule: entry, at: path, reader: reader))
        }
        copy.catalogue = copy.catalogue.adding(shapes: shapes)
        for (entry, path) in try reader.objects(top, "jsonPaths", at: base) {
            let pattern = try JSONPathPattern(
                parsing: try reader.required(entry, "path", at: path), file: file, location: .path(path.appending("path")))
            copy.rules.append(RedactionRule(.jsonPath(pattern), kind: try Self.kind(in: entry, at: path, reader: reader)))
        }
        for (entry, path) in try reader.objects(top, "patterns", at: base) {
            let pattern = try TextPattern(
                parsing: try reader.required(entry, "regex", at: path), file: file, location: .path(path.appending("regex")))
            copy.rules.append(RedactionRule(.text(pattern), kind: try Self.kind(in: entry, at: path, reader: reader)))
        }
        copy = copy.addingLiteralSecrets(fromVariables: try reader.strings(top, "secretEnvironment", at: base), in: environment)
        for (entry, path) in try reader.objects(top, "pseudonyms", at: base) {
            let kind = try Self.kind(in: entry, at: path, reader: reader)
            switch (entry["value"], entry["environment"]) {
            case (.some, nil): copy = copy.pseudonymising(try reader.required(entry, "value", at: path), kind: kind)
            case (nil, .some): environment[try reader.required(entry, "environment", at: path)].map { copy = copy.pseudonymising($0, kind: kind) }
            default:
                throw InputError(
                    file: file, location: .path(path), expected: "exactly one of \"value\" and \"environment\"",
                    found: entry["value"] == nil ? "neither" : "both")
            }
        }
        return copy
    }

    /// A rule's placeholder kind: letters, digits and '-'.
    private static func kind(in object: JSONObject, at path: JSONPath, reader: JSONDocumentReader) throws(InputError) -> String {
        let kind = try reader.required(object, "kind", at: path)
        guard kind.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw InputError(
                file: reader.file, location: .path(path.appending("kind")), expected: "a kind of letters, digits and '-'", found: "\"\(kind)\"")
        }
        return kind
    }
}
