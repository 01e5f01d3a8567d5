import Foundation
import Tapedeck

/// Turns a document's schemas into `SchemaPlan` nodes: the summary the
/// Tapedeck-specific rules read (documented types, fields, values, time
/// formats). A `$ref` is compiled once and shared, so a recursive schema is a
/// node that refers back to itself; full JSON Schema validation is
/// `SchemaEvaluator`'s.
struct SchemaCompiler {
    /// How many references deep a schema is summarised: below that it accepts anything
    /// (`SchemaEvaluator` still validates it in full).
    static let maximumReferenceDepth = 128

    let document: DocumentIndex
    let dialect: SchemaDialect
    var plan = SchemaPlan()
    /// The first schema keyword whose value makes no sense (a negative length, an
    /// empty range): where (a JSON pointer as tokens), what was expected and what was found.
    private(set) var problem: (pointer: [String], expected: String, found: String)?
    private var compiledReferences: [String: Int] = [:]
    private var expressions = ExpressionCache()
    private var depth = 0

    init(document: DocumentIndex, dialect: SchemaDialect) {
        self.document = document
        self.dialect = dialect
    }

    /// Compiles the schema at `pointer` (reference tokens into the document) and returns its node index.
    mutating func compile(_ schema: JSONValue, at pointer: [String], seed: String? = nil) -> Int {
        guard case .object(let object) = schema, depth < Self.maximumReferenceDepth else {
            return plan.add(SchemaPlan.Node(types: schema == .bool(false) ? [] : .any, seed: seed))
        }
        depth += 1
        defer { depth -= 1 }
        if case .string(let reference)? = object["$ref"] {
            let node = compileReference(reference)
            if dialect == .openAPI30 || object.count == 1 { return node }
        }
        var node = SchemaPlan.Node()
        node.seed = object["description"]?.stringValue ?? seed
        let nullable = dialect == .openAPI30 && object["nullable"] == .bool(true)
        if let types = Self.types(object["type"]) { node.types = types }
        var allowed = object["enum"]?.arrayValue
        if dialect == .draft2020, let constant = object["const"] { allowed = [constant] }
        let format = object["format"]?.stringValue
        if node.types.contains(.integer) || node.types.contains(.string) { node.timeFormat = format.flatMap(TimeFormat.init(format:)) }
        if node.types == .string || node.types == [.string, .null] { node.integerString = format == "int64" || format == "int32" }
        readRange(object, into: &node, at: pointer)
        node.text = textRules(object, allowed: allowed?.filter { $0 != .null }.compactMap(\.scalarText), at: pointer)
        if let items = object["items"], items.objectValue != nil || items.boolValue != nil {
            node.items = compile(items, at: pointer + ["items"])
        }
        if case .object(let properties)? = object["properties"] {
            let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            node.properties = properties.members.map { member in
                SchemaPlan.Property(
                    key: member.key, node: compile(member.value, at: pointer + ["properties", member.key]),
                    required: required.contains(member.key))
            }
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            guard let members = object[key]?.arrayValue, !members.isEmpty else { continue }
            // A union: accept every member's type; keep the structure of the first structured member.
            let compiled = members.enumerated().map { compile($1, at: pointer + [key, String($0)]) }
            if object["type"] == nil { node.types = compiled.reduce(into: []) { $0.formUnion(plan[$1].types) } }
            if node.properties.isEmpty, node.items == nil,
                let structured = compiled.first(where: { !plan[$0].properties.isEmpty || plan[$0].items != nil })
            {
                node.properties = plan[structured].properties
                node.items = plan[structured].items
            }
            if compiled.contains(where: { plan[$0].types == .null }) { node.types.insert(.null) }
        }
        // 3.0's `nullable` admits null beside `allOf`/`anyOf` as well as beside `type`.
        if nullable { node.types.insert(.null) }
        return plan.add(node)
    }

    /// The node of a local reference (`#/components/schemas/Task`), compiled on first use; a
    /// reference back into a schema being compiled gets that schema's node.
    private mutating func compileReference(_ reference: String) -> Int {
        if let node = compiledReferences[reference] { return node }
        let node = plan.add(SchemaPlan.Node())
        compiledReferences[reference] = node
        guard reference.hasPrefix("#"), let target = JSONPointer(fragment: reference), let value = document.value(at: target.tokens) else { return node }
        let compiled = compile(value, at: target.tokens)
        let summary = plan[compiled]
        plan.update(node) { $0 = summary }
        return node
    }

    /// The types `type` names; `number` admits integers too.
    private static func types(_ value: JSONValue?) -> SchemaPlan.Types? {
        let names: [String]
        switch value {
        case .string(let name)?: names = [name]
        case .array(let list)?: names = list.compactMap(\.stringValue)
        default: return nil
        }
        let types = SchemaPlan.Types(names: names)
        return types.contains(.number) ? types.union(.integer) : types
    }

    /// `minimum`/`maximum` in either dialect's exclusive form (an integer's exclusive bound moves by one).
    private mutating func readRange(_ object: JSONObject, into node: inout SchemaPlan.Node, at pointer: [String]) {
        let integer = node.types == .integer || node.types == [.integer, .null]
        let step = integer ? 1.0 : 0
        node.minimum = object["minimum"]?.doubleValue
        node.maximum = object["maximum"]?.doubleValue
        switch object["exclusiveMinimum"] {
        case .bool(true)?: node.minimum = node.minimum.map { $0 + step }
        case .number(let lexeme)?: node.minimum = Double(lexeme).map { $0 + step }
        default: break
        }
        switch object["exclusiveMaximum"] {
        case .bool(true)?: node.maximum = node.maximum.map { $0 - step }
        case .number(let lexeme)?: node.maximum = Double(lexeme).map { $0 - step }
        default: break
        }
        if let minimum = node.minimum, let maximum = node.maximum, minimum > maximum {
            note(at: pointer, expected: "`minimum` at most `maximum`", found: "\(minimum) and \(maximum)")
        }
    }

    /// The string keywords of `object`, with `allowed` from its `enum` or `const`; `nil` when it has none.
    private mutating func textRules(_ object: JSONObject, allowed: [String]?, at pointer: [String]) -> SchemaPlan.TextRules? {
        let pattern = object["pattern"]?.stringValue
        let minLength = object["minLength"]?.int64Value.map(Int.init)
        let maxLength = object["maxLength"]?.int64Value.map(Int.init)
        if (minLength ?? 0) < 0 || (maxLength ?? 0) < 0 {
            note(at: pointer, expected: "`minLength` and `maxLength` of 0 or more", found: "\(minLength ?? 0) and \(maxLength.map(String.init) ?? "none")")
        } else if let maximum = maxLength, maximum < (minLength ?? 0) {
            note(at: pointer, expected: "`minLength` at most `maxLength`", found: "\(minLength ?? 0) and \(maximum)")
        }
        let minimum = (minLength ?? 0) > 0 ? minLength : nil
        guard allowed != nil || pattern != nil || minimum != nil || maxLength != nil else { return nil }
        let characterClass = pattern.flatMap(CharacterClass.init(pattern:))
        var expression: NSRegularExpression?
        if characterClass == nil, let pattern { expression = expressions.expression(pattern) }
        return SchemaPlan.TextRules(
            allowed: allowed, pattern: pattern, characterClass: characterClass, expression: expression, minLength: minimum, maxLength: maxLength)
    }

    private mutating func note(at pointer: [String], expected: String, found: String) {
        if problem == nil { problem = (pointer, expected, found) }
    }
}
