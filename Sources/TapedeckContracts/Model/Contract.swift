public import Foundation
public import Tapedeck

/// One provider's documented contract: an OpenAPI 3.0 or 3.1 description with
/// `x-tapedeck-…` extensions (see `docs/contracts.md`), compiled for checking.
public struct Contract: Sendable {
    /// The provider id the document declares in `x-tapedeck-provider` (`otc-ddm`), or one made from its servers or title.
    public let provider: String
    /// The file the contract was read from, for messages.
    public let file: String
    let operations: [OperationContract]
    /// The hosts of the document's `servers`, as patterns (`iotda.*.myhuaweicloud.com`).
    let serverHosts: [String]
    /// The base paths of the document's `servers` (`["v1"]`), which its paths are under.
    let basePaths: [[String]]

    /// Parses a contract document: an OpenAPI 3.0 or 3.1 description (JSON or YAML),
    /// with `overlays` applied to it first.
    /// - Throws: `InputError` located by line or JSON path when the text is not
    ///   JSON or YAML, not an OpenAPI 3.0 or 3.1 document, an overlay's target matches
    ///   nothing, a schema cannot be compiled, or its `x-tapedeck-…` extensions are malformed.
    public init(yaml: String, file: String, overlays: [Overlay] = []) throws(InputError) {
        self = try ContractLoader(text: yaml, file: file, overlays: overlays).load()
    }

    /// Reads and parses the contract document at `url`, with `overlays` and then any overlay
    /// beside it by name (`spec.overlay.yaml` for `spec.yaml`) applied.
    /// - Throws: `InputError` when a file cannot be read or does not parse.
    public init(contentsOf url: URL, overlays: [Overlay] = []) throws(InputError) {
        let data = try InputError.read(url, expecting: "a readable contract document")
        var all = overlays
        for beside in Overlay.beside(url) { all.append(try Overlay(contentsOf: beside)) }
        try self.init(yaml: InputError.text(data, file: url.path, expecting: "a UTF-8 contract document"), file: url.path, overlays: all)
    }

    init(provider: String, file: String, operations: [OperationContract], serverHosts: [String] = [], basePaths: [[String]] = []) {
        self.provider = provider
        self.file = file
        self.operations = operations
        self.serverHosts = serverHosts
        self.basePaths = basePaths
    }

    /// The time format the contract documents for the query parameter `name` of
    /// the operation `url` is for, if any.
    package func timeFormat(ofQueryParameter name: String, inURL url: String, method: String = "GET") -> TimeFormat? {
        guard let operation = operation(forURL: url, method: method)?.operation, let parameter = operation.parameter(name),
            parameter.location == .query
        else { return nil }
        return operation.plan[parameter.node].timeFormat
    }

    /// The operation a request URL is for, and whether its path matched exactly
    /// (`false` when only the closest documented path was found).
    func operation(forURL url: String, method: String) -> (operation: OperationContract, exact: Bool)? {
        operation(for: relative(RequestTarget(url: url)), method: method)
    }

    /// Whether `request` is one of this contract's operations, its path matching exactly
    /// (what routes an exchange of a recording with several APIs here).
    public func routes(_ request: RecordedRequest) -> Bool { operation(for: request)?.exact == true }

    /// The operation a request is for (its form body's parameters count as its query's).
    func operation(for request: RecordedRequest) -> (operation: OperationContract, exact: Bool)? {
        operation(for: relative(RequestTarget(request: request)), method: request.method)
    }

    /// `target` with the servers' base path (`/v1`) taken off its path, after the simulator's
    /// `/<provider-id>` prefix when it has one: the documented paths are relative to it.
    func relative(_ target: RequestTarget) -> RequestTarget {
        var relative = target
        let start = target.segments.first == provider ? 1 : 0
        for base in basePaths where target.segments.dropFirst(start).starts(with: base) {
            relative.segments.removeSubrange(start..<(start + base.count))
            break
        }
        return relative
    }

    /// The operation `target` (relative to this contract) is for, and whether its path matches exactly.
    func operation(for target: RequestTarget, method: String) -> (operation: OperationContract, exact: Bool)? {
        var best: (operation: OperationContract, score: Int)?
        for operation in operations where operation.methods.contains(method.uppercased()) {
            guard operation.matchQuery.allSatisfy({ target.query[$0.key] == $0.value }) else { continue }
            if target.pathParameters(for: operation, provider: provider) != nil { return (operation, true) }
            let score = target.similarity(to: operation.segments)
            if score > 0, score > (best?.score ?? 0) { best = (operation, score) }
        }
        return best.map { ($0.operation, false) }
    }
}
