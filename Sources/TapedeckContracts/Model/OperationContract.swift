import Tapedeck

/// One documented operation, compiled for checking.
struct OperationContract: Sendable {
    /// One documented request parameter.
    struct Parameter: Sendable {
        enum Location: String, Sendable {
            case query, path, header
        }

        var name: String
        var location: Location
        var required: Bool
        /// Its schema's summary in `plan`.
        var node: Int
        /// Its schema in `program`, if it documents one.
        var schema: Int?
    }

    /// One documented response status (`200`, `4XX`, `default`).
    struct Response: Sendable {
        var status: String
        /// Its body schema's summary in `plan`, if it documents one.
        var node: Int?
        /// Its body schema in `program`.
        var schema: Int?

        func matches(_ code: Int) -> Bool {
            if status == String(code) { return true }
            if status.count == 3, status.hasSuffix("XX"), let first = status.first?.wholeNumberValue {
                return code / 100 == first
            }
            return false
        }
    }

    /// The documented method, then any other an RPC action answers (`x-tapedeck-rpc-methods`).
    var methods: [String]
    var path: String
    var segments: [PathSegment]
    /// Query values that identify the operation (`Action=DescribeTasks`), from `x-tapedeck-match-query`.
    var matchQuery: [String: String]
    var parameters: [Parameter]
    var responses: [Response]
    /// The contract's schema summaries (shared by its operations).
    var plan: SchemaPlan
    /// The contract's schemas compiled for full JSON Schema validation (shared by its operations).
    var program = SchemaProgram()
    var paging: PagingSpec?
    var echoes: [EchoSpec]
    var window: WindowSpec?
    var filters: [FilterSpec]
    /// Parameters that change on every request (signatures, nonces) and do not start a new walk.
    var volatileParams: Set<String>
    /// Rules between fields of one item (`x-tapedeck-conditions`).
    var conditions: [ConditionSpec] = []
    /// The credentials a request must carry (`x-tapedeck-credentials`).
    var credentials: CredentialSpec?

    /// The response documented for `status`: an exact code first, then a range, then `default`.
    func response(for status: Int) -> Response? {
        responses.first(where: { $0.status == String(status) })
            ?? responses.first(where: { $0.matches(status) })
            ?? responses.first(where: { $0.status == "default" })
    }

    func parameter(_ name: String) -> Parameter? { parameters.first(where: { $0.name == name }) }
}

/// One segment of a path template: a literal or a `{parameter}`.
enum PathSegment: Sendable, Equatable {
    case literal(String)
    case parameter(String)

    static func parse(_ template: String) -> [PathSegment] {
        template.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                return .parameter(String(segment.dropFirst().dropLast()))
            }
            return .literal(String(segment))
        }
    }
}
