import Foundation
import Tapedeck

/// One interaction prepared for checking: its operation, its request taken
/// apart, and its response body as JSON (XML answers converted).
struct Exchange {
    /// Its position in what one checker checks (the router's exchanges are renumbered per route).
    var index: Int
    let interaction: Interaction
    let target: RequestTarget
    /// The documented operation, and whether the path matched it exactly.
    let operation: OperationContract?
    let exactPath: Bool
    let pathParameters: [String: String]
    let body: JSONValue?

    init(index: Int, interaction: Interaction, contract: Contract) {
        let target = contract.relative(RequestTarget(request: interaction.request))
        self.init(
            index: index, interaction: interaction, contract: contract, target: target,
            match: contract.operation(for: target, method: interaction.request.method))
    }

    /// The exchange, its request already taken apart (`target`, relative to the contract)
    /// and matched to an operation (`match`): what routing found is not looked up again.
    init(
        index: Int, interaction: Interaction, contract: Contract, target: RequestTarget,
        match: (operation: OperationContract, exact: Bool)?
    ) {
        self.index = index
        self.interaction = interaction
        self.target = target
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
