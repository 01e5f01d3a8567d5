import Foundation
import Tapedeck
import Yams

/// A contract document as read: its tree as exact JSON whether it was written
/// in JSON or YAML, the OpenAPI version it declares and the JSON Schema dialect
/// that goes with it. JSON is parsed as JSON (an escaped emoji, `\ud83d\ude00`,
/// is a surrogate pair YAML readers refuse); YAML is composed with its aliases
/// bounded and kept for the line numbers of messages.
struct ContractDocument {
    /// The largest document read: above any published description (GitHub's, about
    /// 12 MB, is the largest known), below what would take minutes.
    static let maximumBytes = 40 << 20

    let source: ContractSource
    let root: JSONObject
    let dialect: SchemaDialect
    /// The tree's values by JSON pointer, for references.
    let index: DocumentIndex

    /// Reads `text`.
    /// - Throws: `InputError` for a document too large, malformed JSON or YAML (with
    ///   line and column), a root that is not a mapping, or an OpenAPI version other than 3.0 or 3.1.
    init(text: String, file: String) throws(InputError) {
        guard text.utf8.count <= Self.maximumBytes else {
            throw InputError(
                file: file, location: .path(.root), expected: "a document of at most \(Self.maximumBytes >> 20) MiB",
                found: "\(text.utf8.count >> 20) MiB", hint: "Split the description, or keep only the operations the recordings use")
        }
        let (value, yaml) = try Self.tree(text, file: file)
        let source = ContractSource(file: file, root: yaml)
        guard case .object(let root) = value else {
            throw source.error(at: [], expected: "an OpenAPI document (a mapping)", found: value.shown)
        }
        let dialect = try Self.dialect(of: root, source: source)
        guard case .object(let info)? = root["info"], info["title"]?.stringValue != nil, info["version"]?.scalarText != nil else {
            throw source.error(
                at: ["info"], expected: "an `info` mapping with a `title` and a `version`", found: root["info"]?.shown ?? "none")
        }
        self.init(source: source, root: root, dialect: dialect)
    }

    init(source: ContractSource, root: JSONObject, dialect: SchemaDialect) {
        self.source = source
        self.root = root
        self.dialect = dialect
        index = DocumentIndex(root: .object(root))
    }

    /// The text as exact JSON, and its composed YAML when it is YAML.
    static func tree(_ text: String, file: String) throws(InputError) -> (JSONValue, Node?) {
        if text.first(where: { !$0.isWhitespace }) == "{" {
            do {
                return (try JSONParser.parse(text), nil)
            } catch {
                throw InputError(file: file, parseError: error)
            }
        }
        // Aliases may expand to about one node per byte of the document, never exponentially.
        let limit = max(BoundedYAML.maximumNodes, text.utf8.count)
        guard let node = try BoundedYAML.compose(text, file: file, maximumNodes: limit) else {
            throw InputError(file: file, expected: "an OpenAPI 3.0 or 3.1 document", found: "an empty file")
        }
        return (YAMLValue.json(of: node), node)
    }

    private static func dialect(of root: JSONObject, source: ContractSource) throws(InputError) -> SchemaDialect {
        if let swagger = root["swagger"] {
            throw source.error(
                at: ["swagger"], expected: "an OpenAPI 3.0 or 3.1 document", found: "Swagger \(swagger.scalarText ?? swagger.shown)",
                hint: "Convert it to OpenAPI 3 first (swagger2openapi, or the Swagger Editor's Convert)")
        }
        switch root["openapi"]?.scalarText {
        case let version? where version == "3.0" || version.hasPrefix("3.0."): return .openAPI30
        case let version? where version == "3.1" || version.hasPrefix("3.1."): return .draft2020
        case let other:
            throw source.error(
                at: ["openapi"], expected: "an OpenAPI version 3.0.x or 3.1.x", found: other.map { "\"\($0)\"" } ?? "none")
        }
    }
}

extension ContractDocument {
    /// The object at `pointer`, following `$ref`s to other places in the document
    /// (a path item, parameter or response kept in `components`), and where it is.
    /// - Throws: `InputError` at the reference that names nothing or leaves the
    ///   document, or at a value that is not an object.
    func object(_ value: JSONValue, at pointer: [String]) throws(InputError) -> (object: JSONObject, pointer: [String]) {
        var value = value
        var pointer = pointer
        for _ in 0..<16 {
            guard case .object(let object) = value else {
                throw source.error(at: pointer, expected: "a mapping", found: value.shown)
            }
            guard case .string(let reference)? = object["$ref"] else { return (object, pointer) }
            guard let target = JSONPointer(fragment: reference), reference.hasPrefix("#"),
                let resolved = index.value(at: target.tokens)
            else {
                throw source.error(
                    at: pointer + ["$ref"], expected: "a reference to a place in this document (#/components/…)",
                    found: "`\(reference)`, which names nothing here")
            }
            value = resolved
            pointer = target.tokens
        }
        throw source.error(at: pointer, expected: "references that end at an object", found: "a chain of 16 or more references")
    }

    /// A schema that cannot be compiled, as an error at its place.
    func error(_ failure: SchemaProgramBuilder.Failure) -> InputError {
        source.error(at: failure.pointer, expected: failure.expected, found: failure.found)
    }
}
