extension Redactor {
    /// The catalogue's credential shapes and the user's `RedactionRule`s made
    /// ready for one redaction: regular expressions compiled once (a `Regex` is
    /// not `Sendable`, so a `Redactor` keeps only their text).
    struct CompiledRules {
        private let catalogue: CredentialCatalogue
        private var jsonPaths: [(pattern: JSONPathPattern, kind: String)] = []
        private var texts: [(regex: Regex<AnyRegexOutput>, kind: String)] = []

        init(_ rules: [RedactionRule], catalogue: CredentialCatalogue) {
            self.catalogue = catalogue
            for rule in rules {
                switch rule.target {
                case .jsonPath(let pattern): jsonPaths.append((pattern, rule.kind))
                case .text(let pattern): if let regex = pattern.compiled() { texts.append((regex, rule.kind)) }
                }
            }
        }

        /// `text` with every credential shape and what every regular expression finds replaced.
        func redact(text: String, table: inout PlaceholderTable) -> String {
            var result = catalogue.redactShapes(in: text, table: &table)
            for (regex, kind) in texts {
                result = TextPattern.replacing(in: result, regex: regex) { table.placeholder(for: $0, kind: kind) }
            }
            return result
        }

        /// `value` with what the JSON paths pick, every credential shape and what every regular expression finds replaced.
        /// - Parameter path: where `value` is; `nil` when there are no JSON path rules to match it against.
        func redact(json value: JSONValue, at path: JSONPath? = .root, table: inout PlaceholderTable) -> JSONValue {
            let path = jsonPaths.isEmpty ? nil : path
            if let path, let rule = jsonPaths.first(where: { $0.pattern.matches(path) }) {
                return Self.replacingScalars(value, kind: rule.kind, table: &table)
            }
            switch value {
            case .string(let text): return .string(redact(text: text, table: &table))
            case .array(let elements):
                var result: [JSONValue] = []
                result.reserveCapacity(elements.count)
                for (index, element) in elements.enumerated() {
                    result.append(redact(json: element, at: path?.appending(index: index), table: &table))
                }
                return .array(result)
            case .object(let object):
                var members: [JSONObject.Member] = []
                members.reserveCapacity(object.count)
                for member in object.members {
                    members.append(.init(key: member.key, value: redact(json: member.value, at: path?.appending(member.key), table: &table)))
                }
                return .object(JSONObject(members))
            default: return value
            }
        }

        /// Every string and number in `value` (itself, or inside it) as a placeholder; `true`, `false` and `null` stay.
        static func replacingScalars(_ value: JSONValue, kind: String, table: inout PlaceholderTable) -> JSONValue {
            switch value {
            case .string(let text) where !text.isEmpty: return .string(table.placeholder(for: text, kind: kind))
            case .number(let lexeme): return .string(table.placeholder(for: lexeme, kind: kind))
            case .array(let elements):
                var result: [JSONValue] = []
                for element in elements { result.append(replacingScalars(element, kind: kind, table: &table)) }
                return .array(result)
            case .object(let object):
                var members: [JSONObject.Member] = []
                for member in object.members {
                    members.append(.init(key: member.key, value: replacingScalars(member.value, kind: kind, table: &table)))
                }
                return .object(JSONObject(members))
            default: return value
            }
        }
    }
}
