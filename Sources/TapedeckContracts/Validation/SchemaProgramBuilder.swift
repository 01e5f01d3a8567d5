import Foundation
import Tapedeck

/// Compiles JSON Schemas into a `SchemaProgram`. Subschemas are compiled as
/// they are met, each schema location once; references are resolved after the
/// schema that holds them, from a work list, so a cycle is an index back and a
/// long chain of references never deepens the stack. `$id`, `$anchor` and
/// `$dynamicAnchor` name locations as they are compiled. A class, so the
/// reader of each schema object shares it rather than copies its tables.
final class SchemaProgramBuilder {
    /// A schema's place: a document and a JSON pointer into it (as reference tokens).
    struct Location: Hashable {
        var document: Int
        var pointer: [String]

    }

    /// A schema that cannot be compiled: where (a JSON pointer into `document`), what was expected, what was found.
    struct Failure: Error {
        var document: Int
        var pointer: [String]
        var expected: String
        var found: String
    }

    let dialect: SchemaDialect
    /// Fetches a document another one refers to by absolute URI (the conformance suite's remotes); `nil` when unknown.
    let remote: (String) -> JSONValue?
    private(set) var program = SchemaProgram()
    private(set) var documents: [(index: DocumentIndex, uri: String)] = []
    private var resources: [String: (location: Location, index: Int)] = [:]
    private var anchors: [String: Location] = [:]
    private var compiled: [Location: Int] = [:]
    private var pending: [(node: Int, uri: String, at: Location, dynamic: Bool)] = []
    private var expressions = ExpressionCache()

    init(dialect: SchemaDialect, remote: @escaping (String) -> JSONValue? = { _ in nil }) {
        self.dialect = dialect
        self.remote = remote
    }

    /// Adds a document whose schemas are compiled on demand, with `uri` as its base.
    func add(document: JSONValue, uri: String = "") -> Int {
        add(index: DocumentIndex(root: document), uri: uri)
    }

    /// Adds a document already indexed (shared with the compiler of `SchemaPlan`s).
    func add(index: DocumentIndex, uri: String = "") -> Int {
        documents.append((index, uri))
        let location = Location(document: documents.count - 1, pointer: [])
        if resources[uri] == nil { resources[uri] = (location, newResource()) }
        return location.document
    }

    /// Compiles the schema at `pointer` in `document`, and every schema it refers to.
    /// - Throws: `Failure` at the schema that is not one, the reference that names
    ///   nothing, the pattern that does not compile, the nesting that is too deep.
    func compile(document: Int, pointer: [String]) throws(Failure) -> Int {
        let index = try compile(at: Location(document: document, pointer: pointer))
        try resolvePending()
        return index
    }

    private func newResource() -> Int {
        program.dynamicAnchors.append([:])
        return program.dynamicAnchors.count - 1
    }

    /// The schema at `location`, compiled with the base URI of the resources around it.
    private func compile(at location: Location) throws(Failure) -> Int {
        if let index = compiled[location] { return index }
        let document = documents[location.document].index
        guard let value = document.value(at: location.pointer) else {
            throw Failure(document: location.document, pointer: location.pointer, expected: "a schema at this location", found: "nothing")
        }
        var base = documents[location.document].uri
        var resource = resources[base]?.index ?? 0
        // The base URI is the nearest `$id` above the schema (not one that is a property's name).
        if dialect == .draft2020 {
            for depth in 1..<max(location.pointer.count, 1) where location.pointer[depth - 1] != "properties" {
                guard case .string(let id)? = document.value(at: Array(location.pointer[..<depth]))?["$id"] else { continue }
                base = Self.resolve(id, against: base)
                resource = resources[base]?.index ?? resource
            }
        }
        return try compile(value, at: location, base: base, resource: resource, depth: 0)
    }

    private func compile(_ value: JSONValue, at location: Location, base: String, resource: Int, depth: Int) throws(Failure) -> Int {
        if let index = compiled[location] { return index }
        guard depth <= SchemaProgram.maximumDepth else {
            throw Failure(
                document: location.document, pointer: location.pointer,
                expected: "schemas nested at most \(SchemaProgram.maximumDepth) levels deep", found: "deeper nesting")
        }
        let index = program.nodes.count
        program.nodes.append(SchemaNode())
        compiled[location] = index
        var node = SchemaNode()
        switch value {
        case .bool(let flag):
            node.constant = flag
            node.resource = resource
        case .object(let object):
            var reader = Reader(builder: self, object: object, location: location, base: base, resource: resource, depth: depth)
            try reader.read(into: &node, index: index)
        default:
            throw Failure(document: location.document, pointer: location.pointer, expected: "a schema (an object or a boolean)", found: value.shown)
        }
        program.nodes[index] = node
        return index
    }

    private func resolvePending() throws(Failure) {
        while let reference = pending.popLast() {
            guard let target = try locate(reference.uri),
                documents[target.document].index.value(at: target.pointer) != nil
            else {
                throw Failure(
                    document: reference.at.document, pointer: reference.at.pointer + [reference.dynamic ? "$dynamicRef" : "$ref"],
                    expected: "a reference to a schema the document holds", found: "`\(reference.uri)`, which names nothing")
            }
            let index = try compile(at: target)
            if reference.dynamic {
                let fragment = reference.uri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init)
                let anchor = fragment.flatMap { name in
                    !name.isEmpty && !name.hasPrefix("/") && program.dynamicAnchors[program.nodes[index].resource][name] == index ? name : nil
                }
                program.nodes[reference.node].applicators?.dynamicRef = (anchor, index)
            } else {
                program.nodes[reference.node].ref = index
            }
        }
    }

    /// The location an absolute URI names: a resource, a JSON pointer into one, or an anchor.
    private func locate(_ uri: String) throws(Failure) -> Location? {
        let parts = uri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let resourceURI = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        if resources[resourceURI] == nil, let document = remote(resourceURI) {
            let added = add(document: document, uri: resourceURI)
            _ = try compile(at: Location(document: added, pointer: []))
        }
        guard let resource = resources[resourceURI] else { return nil }
        if let pointer = JSONPointer(fragment: fragment) {
            return Location(document: resource.location.document, pointer: resource.location.pointer + pointer.tokens)
        }
        return anchors[resourceURI + "#" + fragment]
    }

    /// `reference` resolved against `base` (RFC 3986), without an empty fragment.
    static func resolve(_ reference: String, against base: String) -> String {
        let resolved: String
        if reference.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            resolved = reference
        } else if reference.hasPrefix("#") || reference.isEmpty {
            resolved = String(base.prefix { $0 != "#" }) + reference
        } else if let baseURL = URL(string: base), baseURL.scheme != nil, let url = URL(string: reference, relativeTo: baseURL) {
            resolved = url.absoluteString
        } else {
            resolved = reference
        }
        return resolved.hasSuffix("#") ? String(resolved.dropLast()) : resolved
    }

    /// Reads one schema object's keywords.
    private struct Reader {
        let builder: SchemaProgramBuilder
        let object: JSONObject
        let location: Location
        var base: String
        var resource: Int
        let depth: Int

        private func failure(_ key: String, expected: String, found: String) -> Failure {
            Failure(document: location.document, pointer: location.pointer + [key], expected: expected, found: found)
        }

        private mutating func schema(_ key: String, _ value: JSONValue, path: [String] = []) throws(Failure) -> Int {
            let child = Location(document: location.document, pointer: location.pointer + [key] + path)
            return try builder.compile(value, at: child, base: base, resource: resource, depth: depth + 1)
        }

        private mutating func schema(_ key: String) throws(Failure) -> Int? {
            guard let value = object[key] else { return nil }
            return try schema(key, value)
        }

        private mutating func schemas(_ key: String) throws(Failure) -> [Int] {
            guard let value = object[key] else { return [] }
            guard case .array(let array) = value, !array.isEmpty else {
                throw failure(key, expected: "a non-empty list of schemas", found: value.shown)
            }
            var result: [Int] = []
            for (offset, element) in array.enumerated() { result.append(try schema(key, element, path: [String(offset)])) }
            return result
        }

        private mutating func schemaMap(_ key: String) throws(Failure) -> [(String, Int)] {
            guard let value = object[key] else { return [] }
            guard case .object(let members) = value else { throw failure(key, expected: "a mapping of schemas", found: value.shown) }
            var result: [(String, Int)] = []
            for member in members.members { result.append((member.key, try schema(key, member.value, path: [member.key]))) }
            return result
        }

        private func count(_ key: String) throws(Failure) -> Int? {
            guard let value = object[key] else { return nil }
            guard let number = JSONNumber(value), number.isInteger, number.double >= 0, number.double < 1e15 else {
                throw failure(key, expected: "`\(key)` of 0 or more", found: value.shown)
            }
            return Int(number.double)
        }

        private func number(_ key: String) throws(Failure) -> JSONNumber? {
            guard let value = object[key] else { return nil }
            guard let number = JSONNumber(value) else { throw failure(key, expected: "a number", found: value.shown) }
            return number
        }

        private func pattern(_ source: String, key: [String]) throws(Failure) -> SchemaNode.Pattern {
            guard let expression = builder.expressions.expression(source) else {
                throw Failure(
                    document: location.document, pointer: location.pointer + key,
                    expected: "a regular expression", found: "\"\(source)\", which does not compile")
            }
            return SchemaNode.Pattern(source: source, expression: expression)
        }

        mutating func read(into node: inout SchemaNode, index: Int) throws(Failure) {
            if builder.dialect == .draft2020, case .string(let id)? = object["$id"], !id.hasPrefix("#") {
                base = SchemaProgramBuilder.resolve(id, against: base)
                if let known = builder.resources[base] {
                    resource = known.index
                } else {
                    resource = builder.newResource()
                    builder.resources[base] = (location, resource)
                }
            }
            node.resource = resource
            node.description = object["description"]?.stringValue
            if builder.dialect == .draft2020 {
                if case .string(let name)? = object["$anchor"] { builder.anchors[base + "#" + name] = location }
                if case .string(let name)? = object["$dynamicAnchor"] {
                    builder.anchors[base + "#" + name] = location
                    builder.program.dynamicAnchors[resource][name] = index
                }
            }
            if case .string(let reference)? = object["$ref"] {
                builder.pending.append((index, SchemaProgramBuilder.resolve(reference, against: base), location, false))
                // OpenAPI 3.0 (JSON Schema draft 4): a reference replaces whatever is beside it.
                if builder.dialect == .openAPI30 { return }
            }
            if case .string(let reference)? = object["$dynamicRef"] {
                builder.pending.append((index, SchemaProgramBuilder.resolve(reference, against: base), location, true))
            }
            try readValues(into: &node)
            // A group is made only for a schema that writes one of its keywords.
            if writes(SchemaNode.Applicators.names) { node.applicators = try readApplicators() }
            if writes(SchemaNode.ObjectKeywords.names) { node.objectKeywords = try readObject() }
            if writes(SchemaNode.ArrayKeywords.names) { node.arrayKeywords = try readArray() }
            try readScalars(into: &node)
            if writes(SchemaNode.StringKeywords.names) { node.stringKeywords = try readString() }
            for key in ["$defs", "definitions"] { _ = try schemaMap(key) }
        }

        /// Whether the schema writes one of `keywords`.
        private func writes(_ keywords: Set<String>) -> Bool {
            object.members.contains { keywords.contains($0.key) }
        }

        private mutating func readValues(into node: inout SchemaNode) throws(Failure) {
            node.nullable = builder.dialect == .openAPI30 && object["nullable"] == .bool(true)
            switch object["type"] {
            case .string(let name)?: node.types = SchemaPlan.Types(names: [name])
            case .array(let names)?: node.types = SchemaPlan.Types(names: names.compactMap(\.stringValue))
            case nil: break
            case let other?: throw failure("type", expected: "a type name or a list of them", found: other.shown)
            }
            if let values = object["enum"] {
                guard case .array(let list) = values else { throw failure("enum", expected: "a list of values", found: values.shown) }
                node.enumValues = list
            }
        }

        private mutating func readApplicators() throws(Failure) -> SchemaNode.Applicators {
            let group = SchemaNode.Applicators()
            group.allOf = try schemas("allOf")
            group.anyOf = try schemas("anyOf")
            group.oneOf = try schemas("oneOf")
            group.not = try schema("not")
            guard builder.dialect == .draft2020 else { return group }
            group.constValue = object["const"]
            group.ifSchema = try schema("if")
            group.thenSchema = try schema("then")
            group.elseSchema = try schema("else")
            return group
        }

        private mutating func readObject() throws(Failure) -> SchemaNode.ObjectKeywords {
            let group = SchemaNode.ObjectKeywords()
            for (key, child) in try schemaMap("properties") { group.properties[key] = child }
            for (source, child) in try schemaMap("patternProperties") {
                group.patternProperties.append((try pattern(source, key: ["patternProperties", source]), child))
            }
            group.additionalProperties = try schema("additionalProperties")
            group.propertyNames = try schema("propertyNames")
            group.unevaluatedProperties = try schema("unevaluatedProperties")
            if let required = object["required"] {
                guard case .array(let names) = required, names.allSatisfy({ $0.stringValue != nil }) else {
                    throw failure("required", expected: "a list of property names", found: required.shown)
                }
                group.required = names.compactMap(\.stringValue)
            }
            group.minProperties = try count("minProperties")
            group.maxProperties = try count("maxProperties")
            if case .object(let dependencies)? = object["dependentRequired"] {
                group.dependentRequired = dependencies.members.map { ($0.key, $0.value.arrayValue?.compactMap(\.stringValue) ?? []) }
            }
            group.dependentSchemas = try schemaMap("dependentSchemas").map { (key: $0.0, node: $0.1) }
            if group.unevaluatedProperties != nil { builder.program.usesUnevaluated = true }
            return group
        }

        private mutating func readArray() throws(Failure) -> SchemaNode.ArrayKeywords {
            let group = SchemaNode.ArrayKeywords()
            group.prefixItems = builder.dialect == .draft2020 ? try schemas("prefixItems") : []
            if case .array = object["items"] {
                group.prefixItems = try schemas("items")
                group.items = try schema("additionalItems")
            } else {
                group.items = try schema("items")
            }
            group.contains = try schema("contains")
            group.minContains = try count("minContains")
            group.maxContains = try count("maxContains")
            group.uniqueItems = object["uniqueItems"] == .bool(true)
            group.minItems = try count("minItems")
            group.maxItems = try count("maxItems")
            group.unevaluatedItems = try schema("unevaluatedItems")
            if group.unevaluatedItems != nil { builder.program.usesUnevaluated = true }
            return group
        }

        private func readString() throws(Failure) -> SchemaNode.StringKeywords {
            let group = SchemaNode.StringKeywords()
            group.minLength = try count("minLength")
            group.maxLength = try count("maxLength")
            if let source = object["pattern"] {
                guard case .string(let text) = source else { throw failure("pattern", expected: "a regular expression", found: source.shown) }
                group.pattern = try pattern(text, key: ["pattern"])
            }
            group.format = object["format"]?.stringValue
            return group
        }

        private mutating func readScalars(into node: inout SchemaNode) throws(Failure) {
            for keyword in [NumberKeyword.minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf] {
                switch object[keyword.rawValue] {
                case nil, .bool(false)?:
                    continue
                case .bool(true)? where keyword == .exclusiveMinimum || keyword == .exclusiveMaximum:
                    // OpenAPI 3.0: a boolean that makes `minimum`/`maximum` exclusive.
                    let inclusive: NumberKeyword = keyword == .exclusiveMinimum ? .minimum : .maximum
                    guard let position = node.bounds.firstIndex(where: { $0.keyword == inclusive }) else { continue }
                    node.bounds[position].keyword = keyword
                default:
                    guard let value = try number(keyword.rawValue) else { continue }
                    if keyword == .multipleOf, value.double <= 0 {
                        throw failure("multipleOf", expected: "a number above 0", found: value.lexeme)
                    }
                    node.bounds.append((keyword, value))
                }
            }
        }
    }
}
