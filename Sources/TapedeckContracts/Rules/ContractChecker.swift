import Foundation
public import Tapedeck

/// Checks recordings against one provider's contract: splits them into page
/// walks, runs the rule catalogue on every page and across the pages of each
/// walk, and marks known deviations as allowed.
///
/// ```swift
/// let report = ContractChecker(contract: contract).check(cassette, recording: "walk.json")
/// #expect(report.isClean)
/// ```
public struct ContractChecker: Sendable {
    /// The contract recordings are checked against.
    public let contract: Contract
    /// The rules to run (all by default).
    public var rules: Set<ContractRule>
    /// Known deviations: reported, but they do not fail.
    public var allowances: [Allowance]

    /// A checker running `rules` (all by default), with `allowances` for known deviations.
    public init(contract: Contract, rules: Set<ContractRule> = Set(ContractRule.allCases), allowances: [Allowance] = []) {
        self.contract = contract
        self.rules = rules
        self.allowances = allowances
    }

    /// Checks a cassette; `recording` names it in reports.
    public func check(_ cassette: Cassette, recording: String = "cassette") -> CheckReport {
        check(cassette.interactions, recording: recording)
    }

    /// Checks interactions in the order they happened (indexes in violations are into this array).
    public func check(_ interactions: [Interaction], recording: String = "recording") -> CheckReport {
        check(exchanges: interactions.enumerated().map { Exchange(index: $0, interaction: $1, contract: contract) }, recording: recording)
    }

    /// Checks exchanges already taken apart for this contract (by routing), numbered
    /// by their position here (the report's exchange numbers).
    func check(exchanges routed: [Exchange], recording: String) -> CheckReport {
        var sink = ViolationSink(provider: contract.provider, rules: rules)
        var exchanges = routed
        for position in exchanges.indices { exchanges[position].index = position }
        let requests = RequestValidator(contract: contract)
        for exchange in exchanges {
            sink.exchange = exchange.index
            requests.check(exchange, into: &sink)
            checkResponse(exchange, into: &sink)
        }
        let walks = WalkSplitter().split(exchanges)
        var placement = Array(repeating: (walk: 0, page: 0), count: exchanges.count)
        for walk in walks {
            for (page, exchange) in walk.exchanges.enumerated() { placement[exchange.index] = (walk.index, page) }
        }
        sink.place(placement)
        var summaries: [WalkSummary] = []
        for walk in walks {
            sink.walk = walk.index
            let (items, complete) = WalkChecker().check(walk, into: &sink)
            summaries.append(
                WalkSummary(
                    index: walk.index, provider: contract.provider, exchanges: walk.exchanges.map(\.index), items: items,
                    isComplete: complete))
        }
        var violations = sink.violations
        for index in violations.indices {
            violations[index].allowedBecause = allowances.first(where: { $0.matches(violations[index]) })?.reason
        }
        violations.sort { ($0.exchange, $0.rule) < ($1.exchange, $1.rule) }
        return CheckReport(
            recording: recording, provider: contract.provider, walks: summaries, violations: violations,
            rules: rules.sorted())
    }

    /// status-code, error-shape, and the schema rules on the response body.
    private func checkResponse(_ exchange: Exchange, into sink: inout ViolationSink) {
        guard let operation = exchange.operation else { return }
        guard let response = operation.response(for: exchange.status) else {
            sink.report(
                .statusCode, at: "$", pattern: "$", "HTTP \(exchange.status) is not a status the contract documents",
                expected: operation.responses.map(\.status).joined(separator: ", "), actual: String(exchange.status))
            return
        }
        guard let node = response.node else { return }
        let rule: ContractRule? = exchange.isSuccess ? nil : .errorShape
        guard let body = exchange.body else {
            sink.report(
                rule ?? .fieldType, at: .root, "the body is not JSON (or XML) that the contract can check",
                expected: operation.plan[node].types.names,
                actual: exchange.interaction.response.body.isEmpty ? "an empty body" : "a non-JSON body")
            return
        }
        let before = sink.violations.count
        var validator = ResponseValidator(plan: operation.plan, override: rule)
        validator.validate(body, node: node, into: &sink)
        if let schema = response.schema {
            // Full JSON Schema validation adds what the summary's rules did not already report at or above the same place.
            let reported = sink.violations[before...].map(\.path)
            var evaluator = SchemaEvaluator(program: operation.program)
            for violation in evaluator.violations(of: body, node: schema) {
                let path = JSONPath(components: violation.path)
                guard !reported.contains(where: { path.description.isWithin($0) }) else { continue }
                sink.report(rule ?? violation.rule, at: path, violation.message, expected: violation.expected, actual: violation.found, seed: violation.seed)
            }
        }
        if exchange.isSuccess {
            for condition in operation.conditions { check(condition, body: body, into: &sink) }
        }
    }

    /// value-format for a rule between fields of one item (`x-tapedeck-conditions`).
    private func check(_ condition: ConditionSpec, body: JSONValue, into sink: inout ViolationSink) {
        guard let items = body[condition.items]?.arrayValue else { return }
        for (offset, item) in items.enumerated() {
            guard case .object(let object) = item else { continue }
            let holds = condition.holds(for: object)
            for expectation in holds ? condition.then : condition.otherwise {
                guard let text = object[expectation.field]?.scalarText,
                    expectation.expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil
                else { continue }
                let state = (condition.when + condition.whenNot).map { "\($0.field)=\"\(object[$0.field]?.scalarText ?? "")\"" }
                sink.report(
                    .valueFormat, at: condition.items.appending(index: offset).appending(expectation.field),
                    "\"\(text)\" does not fit \(state.joined(separator: ", ")) as the page states",
                    expected: expectation.pattern, actual: text, seed: condition.seed)
            }
        }
    }
}
