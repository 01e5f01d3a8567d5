import Foundation
import Tapedeck

/// One interaction prepared for checking: its operation, its request taken
/// apart, and its response body as JSON (XML answers converted).
struct Exchange {
    let index: Int
    let interaction: Interaction
    let target: RequestTarget
    /// The documented operation, and whether the path matched it exactly.
    let operation: OperationContract?
    let exactPath: Bool
    let pathParameters: [String: String]
    let body: JSONValue?

    init(index: Int, interaction: Interaction, contract: Contract) {
        self.index = index
        self.interaction = interaction
        let target = contract.relative(RequestTarget(request: interaction.request))
        self.target = target
        let match = contract.operation(for: interaction.request)
        operation = match?.operation
        exactPath = match?.exact ?? false
        pathParameters = match.flatMap { target.pathParameters(for: $0.operation, provider: contract.provider) } ?? [:]
        body = Self.body(of: interaction.response, operation: match?.operation)
    }

    var status: Int { interaction.response.status }
    var isSuccess: Bool { (200..<300).contains(status) }
    var recordedAt: Double { interaction.recordedAt.timeIntervalSince1970 }

    /// A request parameter's value: query, then path, then header.
    func parameter(_ name: String) -> String? {
        target.query[name] ?? pathParameters[name] ?? interaction.request.headers[name]
    }

    private static func body(of response: RecordedResponse, operation: OperationContract?) -> JSONValue? {
        if let json = response.body.json { return json }
        guard case .text(let text) = response.body.content, text.first(where: { !$0.isWhitespace }) == "<" else {
            return nil
        }
        let node = operation?.response(for: response.status)?.node
        return XMLBody.convert(text, plan: operation?.plan, node: node)
    }
}
