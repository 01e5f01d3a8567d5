import Tapedeck

/// Validates JSON values against a `SchemaProgram` (JSON Schema 2020-12, or
/// OpenAPI 3.0's dialect as compiled): every applicator, every assertion, the
/// formats of `SchemaFormat`, and `unevaluatedProperties`/`unevaluatedItems`
/// from the annotations of the subschemas that passed.
struct SchemaEvaluator {
    /// How deep evaluation may go (schemas applied within schemas): a reference
    /// loop that never reaches into the value stops here, reported, not a crash.
    static let maximumDepth = 400

    let program: SchemaProgram
    /// Whether `format` is an assertion (Tapedeck's checks) or only an annotation.
    var assertFormats = true
    private var path: [JSONPath.Component] = []
    private var scope: [Int] = []
    private var depth = 0

    init(program: SchemaProgram, assertFormats: Bool = true) {
        self.program = program
        self.assertFormats = assertFormats
    }

    /// What one schema applied to one value found: whether it holds, and which
    /// properties and items it evaluated (for `unevaluated…`).
    private struct Outcome {
        var valid = true
        var properties: Set<String> = []
        var allProperties = false
        var itemsPrefix = 0
        var allItems = false
        var containsIndices: Set<Int> = []

        mutating func merge(_ other: Outcome) {
            guard other.valid else { return }
            properties.formUnion(other.properties)
            allProperties = allProperties || other.allProperties
            itemsPrefix = max(itemsPrefix, other.itemsPrefix)
            allItems = allItems || other.allItems
            containsIndices.formUnion(other.containsIndices)
        }
    }

    /// Every keyword `value` breaks of the schema `node`, at its path within `value`.
    mutating func violations(of value: JSONValue, node: Int) -> [SchemaViolation] {
        var errors: [SchemaViolation] = []
        path.removeAll(keepingCapacity: true)
        scope.removeAll(keepingCapacity: true)
        depth = 0
        _ = evaluate(value, node, &errors)
        return errors
    }

    /// Whether `value` holds against `node`.
    mutating func holds(_ value: JSONValue, node: Int) -> Bool { violations(of: value, node: node).isEmpty }

    private mutating func evaluate(_ value: JSONValue, _ index: Int, _ errors: inout [SchemaViolation]) -> Outcome {
        let node = program.nodes[index]
        if let constant = node.constant {
            if !constant { fail("false", "no value is allowed here", expected: "nothing (the schema is false)", found: value.shown, node, &errors) }
            return Outcome(valid: constant)
        }
        if node.nullable, value == .null { return Outcome() }
        guard depth < Self.maximumDepth else {
            fail(
                "$ref", "the schema refers to itself without reaching into the value", expected: "references that lead somewhere",
                found: "\(Self.maximumDepth) schemas applied within each other", node, &errors)
            return Outcome(valid: false)
        }
        depth += 1
        let entered = scope.last != node.resource
        if entered { scope.append(node.resource) }
        defer {
            depth -= 1
            if entered { scope.removeLast() }
        }
        let before = errors.count
        var outcome = Outcome()
        if let ref = node.ref { outcome.merge(evaluate(value, ref, &errors)) }
        if let dynamic = node.applicators?.dynamicRef {
            var target = dynamic.target
            if let anchor = dynamic.anchor, let outermost = scope.first(where: { program.dynamicAnchors[$0][anchor] != nil }) {
                target = program.dynamicAnchors[outermost][anchor]!
            }
            outcome.merge(evaluate(value, target, &errors))
        }
        checkValue(value, node, &errors)
        switch value {
        case .object(let object): checkObject(object, node, &outcome, &errors)
        case .array(let elements): checkArray(elements, node, &outcome, &errors)
        case .string(let text): checkString(text, node, &errors)
        case .number(let lexeme): checkNumber(lexeme, node, &errors)
        case .bool, .null: break
        }
        applyComposition(value, node, &outcome, &errors)
        if program.usesUnevaluated { applyUnevaluated(value, node, &outcome, &errors) }
        outcome.valid = errors.count == before
        return outcome
    }

    private func fail(
        _ keyword: String, _ message: String, expected: String, found: String, _ node: SchemaNode, _ errors: inout [SchemaViolation]
    ) {
        errors.append(SchemaViolation(keyword: keyword, path: path, message: message, expected: expected, found: found, seed: node.description))
    }

    private func checkValue(_ value: JSONValue, _ node: SchemaNode, _ errors: inout [SchemaViolation]) {
        if let types = node.types {
            let type = value.schemaType
            if !types.contains(SchemaPlan.Types(name: type)) && !(type == "integer" && types.contains(.number)) {
                fail("type", "a \(type) where the contract documents \(types.names)", expected: types.names, found: value.shown, node, &errors)
            }
        }
        if let values = node.enumValues, !values.contains(where: { $0.schemaEquals(value) }) {
            fail(
                "enum", "\(value.shown) is not one of the documented values",
                expected: values.map(\.compactText).joined(separator: ", "), found: value.shown, node, &errors)
        }
        if let constant = node.applicators?.constValue, !constant.schemaEquals(value) {
            fail("const", "\(value.shown) is not the documented value", expected: constant.compactText, found: value.shown, node, &errors)
        }
    }

    private mutating func checkObject(_ object: JSONObject, _ node: SchemaNode, _ outcome: inout Outcome, _ errors: inout [SchemaViolation]) {
        guard let keywords = node.objectKeywords else { return }
        for name in keywords.required where object[name] == nil {
            path.append(.key(name))
            fail("required", "the documented field `\(name)` is absent", expected: name, found: "absent", node, &errors)
            path.removeLast()
        }
        if let minimum = keywords.minProperties, object.count < minimum {
            fail("minProperties", "an object of \(object.count) members", expected: "at least \(minimum) members", found: "\(object.count)", node, &errors)
        }
        if let maximum = keywords.maxProperties, object.count > maximum {
            fail("maxProperties", "an object of \(object.count) members", expected: "at most \(maximum) members", found: "\(object.count)", node, &errors)
        }
        for (key, names) in keywords.dependentRequired where object[key] != nil {
            for name in names where object[name] == nil {
                path.append(.key(name))
                fail("dependentRequired", "`\(name)` is absent although `\(key)` is present", expected: name, found: "absent", node, &errors)
                path.removeLast()
            }
        }
        let tracking = program.usesUnevaluated
        for member in object.members {
            path.append(.key(member.key))
            defer { path.removeLast() }
            if let names = keywords.propertyNames {
                var nameErrors: [SchemaViolation] = []
                if !evaluate(.string(member.key), names, &nameErrors).valid {
                    fail(
                        "propertyNames", "the member name \"\(member.key)\" is not an allowed name", expected: nameErrors.first?.expected ?? "an allowed name",
                        found: member.key, node, &errors)
                }
            }
            var matched = false
            if let child = keywords.properties[member.key] {
                matched = true
                _ = evaluate(member.value, child, &errors)
            }
            for (pattern, child) in keywords.patternProperties where pattern.matches(member.key) {
                matched = true
                _ = evaluate(member.value, child, &errors)
            }
            if !matched, let additional = keywords.additionalProperties {
                matched = true
                if program.nodes[additional].constant == false {
                    fail(
                        "additionalProperties", "`\(member.key)` is not a documented field",
                        expected: keywords.properties.keys.sorted().joined(separator: ", "), found: member.key, node, &errors)
                } else {
                    _ = evaluate(member.value, additional, &errors)
                }
            }
            if tracking && matched { outcome.properties.insert(member.key) }
        }
        for (key, child) in keywords.dependentSchemas where object[key] != nil {
            outcome.merge(evaluate(.object(object), child, &errors))
        }
    }

    private mutating func checkArray(_ elements: [JSONValue], _ node: SchemaNode, _ outcome: inout Outcome, _ errors: inout [SchemaViolation]) {
        guard let keywords = node.arrayKeywords else { return }
        if let minimum = keywords.minItems, elements.count < minimum {
            fail("minItems", "an array of \(elements.count) items", expected: "at least \(minimum) items", found: "\(elements.count)", node, &errors)
        }
        if let maximum = keywords.maxItems, elements.count > maximum {
            fail("maxItems", "an array of \(elements.count) items", expected: "at most \(maximum) items", found: "\(elements.count)", node, &errors)
        }
        if keywords.uniqueItems, let (first, second) = Self.duplicate(in: elements) {
            path.append(.index(second))
            fail("uniqueItems", "item \(second) repeats item \(first)", expected: "unique items", found: elements[second].shown, node, &errors)
            path.removeLast()
        }
        for (offset, child) in keywords.prefixItems.enumerated() where offset < elements.count {
            path.append(.index(offset))
            _ = evaluate(elements[offset], child, &errors)
            path.removeLast()
        }
        outcome.itemsPrefix = max(outcome.itemsPrefix, min(keywords.prefixItems.count, elements.count))
        if let items = keywords.items {
            for offset in keywords.prefixItems.count..<max(elements.count, keywords.prefixItems.count) {
                path.append(.index(offset))
                _ = evaluate(elements[offset], items, &errors)
                path.removeLast()
            }
            outcome.allItems = true
        }
        if let contains = keywords.contains {
            var matches = 0
            for (offset, element) in elements.enumerated() {
                var ignored: [SchemaViolation] = []
                path.append(.index(offset))
                if evaluate(element, contains, &ignored).valid {
                    matches += 1
                    outcome.containsIndices.insert(offset)
                }
                path.removeLast()
            }
            let minimum = keywords.minContains ?? 1
            if matches < minimum {
                fail("contains", "\(matches) items match `contains`", expected: "at least \(minimum) matching items", found: "\(matches)", node, &errors)
            }
            if let maximum = keywords.maxContains, matches > maximum {
                fail("maxContains", "\(matches) items match `contains`", expected: "at most \(maximum) matching items", found: "\(matches)", node, &errors)
            }
        }
    }

    /// The first pair of equal items, if any.
    private static func duplicate(in elements: [JSONValue]) -> (Int, Int)? {
        for second in elements.indices.dropFirst() {
            for first in 0..<second where elements[first].schemaEquals(elements[second]) { return (first, second) }
        }
        return nil
    }

    private func checkString(_ text: String, _ node: SchemaNode, _ errors: inout [SchemaViolation]) {
        guard let keywords = node.stringKeywords else { return }
        if keywords.minLength != nil || keywords.maxLength != nil {
            let length = text.unicodeScalars.count
            if let minimum = keywords.minLength, length < minimum {
                fail(
                    "minLength", "\"\(text)\" is shorter than \(minimum) characters", expected: "at least \(minimum) characters", found: "\(length)", node,
                    &errors)
            }
            if let maximum = keywords.maxLength, length > maximum {
                fail(
                    "maxLength", "\"\(text)\" is longer than \(maximum) characters", expected: "at most \(maximum) characters", found: "\(length)", node,
                    &errors)
            }
        }
        if let pattern = keywords.pattern, !pattern.matches(text) {
            fail("pattern", "\"\(text)\" does not match the documented pattern", expected: pattern.source, found: text, node, &errors)
        }
        if assertFormats, let format = keywords.format, SchemaFormat.accepts(text, format: format) == false {
            fail("format", "\"\(text)\" is not a valid \(format)", expected: format, found: text, node, &errors)
        }
    }

    private func checkNumber(_ lexeme: String, _ node: SchemaNode, _ errors: inout [SchemaViolation]) {
        guard let number = JSONNumber(lexeme) else { return }
        for (keyword, bound) in node.bounds where !keyword.holds(number, bound) {
            let message = keyword == .multipleOf ? "\(lexeme) is not a multiple of \(bound.lexeme)" : "\(lexeme) is outside the documented range"
            fail(keyword.rawValue, message, expected: keyword.expectation(bound), found: lexeme, node, &errors)
        }
    }

    private mutating func applyComposition(_ value: JSONValue, _ node: SchemaNode, _ outcome: inout Outcome, _ errors: inout [SchemaViolation]) {
        guard let applicators = node.applicators else { return }
        for child in applicators.allOf { outcome.merge(evaluate(value, child, &errors)) }
        if !applicators.anyOf.isEmpty {
            let results = applicators.anyOf.map { child -> (Outcome, [SchemaViolation]) in
                var local: [SchemaViolation] = []
                return (evaluate(value, child, &local), local)
            }
            if results.contains(where: { $0.0.valid }) {
                for (result, _) in results { outcome.merge(result) }
            } else {
                errors += closest(results.map(\.1), keyword: "anyOf", node)
            }
        }
        if !applicators.oneOf.isEmpty {
            let results = applicators.oneOf.map { child -> (Outcome, [SchemaViolation]) in
                var local: [SchemaViolation] = []
                return (evaluate(value, child, &local), local)
            }
            let passing = results.filter { $0.0.valid }
            if passing.isEmpty {
                errors += closest(results.map(\.1), keyword: "oneOf", node)
            } else if passing.count > 1 {
                fail(
                    "oneOf", "\(value.shown) matches \(passing.count) of the `oneOf` schemas", expected: "exactly one", found: "\(passing.count)", node, &errors
                )
            } else {
                outcome.merge(passing[0].0)
            }
        }
        if let not = applicators.not {
            var local: [SchemaViolation] = []
            if evaluate(value, not, &local).valid {
                fail("not", "\(value.shown) matches the schema it must not", expected: "a value `not` excludes", found: value.shown, node, &errors)
            }
        }
        if let condition = applicators.ifSchema {
            var local: [SchemaViolation] = []
            let result = evaluate(value, condition, &local)
            if result.valid {
                outcome.merge(result)
                if let then = applicators.thenSchema { outcome.merge(evaluate(value, then, &errors)) }
            } else if let otherwise = applicators.elseSchema {
                outcome.merge(evaluate(value, otherwise, &errors))
            }
        }
    }

    /// The violations to report when no alternative holds: one `type` violation naming
    /// every type when each alternative fails on the type alone, else the alternative
    /// that fails least (the one the value was most likely meant to be).
    private func closest(_ alternatives: [[SchemaViolation]], keyword: String, _ node: SchemaNode) -> [SchemaViolation] {
        let here = path
        let typeOnly = alternatives.allSatisfy { $0.count == 1 && $0[0].keyword == "type" && $0[0].path == here }
        if typeOnly, let first = alternatives.first?[0] {
            let names = alternatives.map(\.[0].expected).joined(separator: " or ")
            return [
                SchemaViolation(
                    keyword: "type", path: here, message: "a value of none of the documented types (\(keyword))", expected: names, found: first.found,
                    seed: node.description ?? first.seed)
            ]
        }
        let ranked = alternatives.filter { !$0.contains { $0.keyword == "type" && $0.path == here } }
        return (ranked.isEmpty ? alternatives : ranked).min(by: { $0.count < $1.count }) ?? []
    }

    private mutating func applyUnevaluated(_ value: JSONValue, _ node: SchemaNode, _ outcome: inout Outcome, _ errors: inout [SchemaViolation]) {
        if let unevaluated = node.objectKeywords?.unevaluatedProperties, case .object(let object) = value, !outcome.allProperties {
            for member in object.members where !outcome.properties.contains(member.key) {
                path.append(.key(member.key))
                if program.nodes[unevaluated].constant == false {
                    fail("unevaluatedProperties", "`\(member.key)` is not a documented field", expected: "no other fields", found: member.key, node, &errors)
                } else {
                    _ = evaluate(member.value, unevaluated, &errors)
                }
                path.removeLast()
            }
            outcome.allProperties = true
        }
        if let unevaluated = node.arrayKeywords?.unevaluatedItems, case .array(let elements) = value, !outcome.allItems {
            for offset in outcome.itemsPrefix..<max(elements.count, outcome.itemsPrefix) where !outcome.containsIndices.contains(offset) {
                path.append(.index(offset))
                _ = evaluate(elements[offset], unevaluated, &errors)
                path.removeLast()
            }
            outcome.allItems = true
        }
    }
}
