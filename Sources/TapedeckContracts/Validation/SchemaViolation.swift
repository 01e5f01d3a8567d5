import Tapedeck

/// One keyword a value breaks: which keyword, where in the value, what the schema
/// expects and what was found (a `Violation` once its rule is chosen).
struct SchemaViolation: Sendable, Equatable {
    var keyword: String
    var path: [JSONPath.Component]
    var message: String
    var expected: String
    var found: String
    /// The `description` of the schema that holds the keyword (the seed text behind it).
    var seed: String?
}
