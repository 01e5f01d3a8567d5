/// Which JSON Schema a document's schemas are written in.
enum SchemaDialect: Sendable {
    /// OpenAPI 3.0's subset of JSON Schema draft 4: `nullable`, boolean
    /// `exclusiveMinimum`/`exclusiveMaximum`, a `$ref` that replaces its siblings.
    case openAPI30
    /// JSON Schema 2020-12, the dialect of OpenAPI 3.1.
    case draft2020
}
