import Tapedeck

/// A set of JSON Schemas compiled into one flat array of `SchemaNode`s. Every
/// schema object is compiled once, whatever refers to it: a `$ref` is an index,
/// so recursive schemas (a tree node, an object that refers back to its parent)
/// cost their size, never their expansion. Built by `SchemaProgramBuilder`;
/// evaluated by `SchemaEvaluator`.
struct SchemaProgram: Sendable {
    /// The most schemas nested in each other a document may write (references do not count).
    static let maximumDepth = 64

    var nodes: [SchemaNode] = []
    /// Each schema resource's `$dynamicAnchor`s, by resource index.
    var dynamicAnchors: [[String: Int]] = []
    /// Whether any schema uses `unevaluatedProperties` or `unevaluatedItems`: only then
    /// does evaluation keep which properties and items each subschema evaluated.
    var usesUnevaluated = false

    subscript(index: Int) -> SchemaNode { nodes[index] }
}
