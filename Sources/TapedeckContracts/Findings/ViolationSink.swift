import Tapedeck

/// Collects the violations of one recording, stamping each with where it was found.
struct ViolationSink {
    let provider: String
    let rules: Set<ContractRule>
    var exchange = 0
    var walk = 0
    var page = 0
    private(set) var violations: [Violation] = []

    init(provider: String, rules: Set<ContractRule>) {
        self.provider = provider
        self.rules = rules
    }

    func isEnabled(_ rule: ContractRule) -> Bool { rules.contains(rule) }

    /// Records a violation at a JSON path into the response body.
    mutating func report(
        _ rule: ContractRule, at path: JSONPath, _ message: String, expected: String? = nil, actual: String? = nil,
        seed: String? = nil
    ) {
        report(rule, at: path.description, pattern: path.wildcarded, message, expected: expected, actual: actual, seed: seed)
    }

    /// Records a violation at a request location (`request.query.limit`).
    mutating func report(
        _ rule: ContractRule, at path: String, pattern: String? = nil, _ message: String, expected: String? = nil,
        actual: String? = nil, seed: String? = nil
    ) {
        guard rules.contains(rule) else { return }
        violations.append(
            Violation(
                rule: rule, provider: provider, exchange: exchange, path: path, pathPattern: pattern, message: message,
                expected: expected, actual: actual, walk: walk, page: page, seed: seed))
    }

    /// Stamps the violations recorded so far with the walk and page of their
    /// exchange (walks are known only after every request has been read).
    mutating func place(_ placement: [(walk: Int, page: Int)]) {
        for index in violations.indices where placement.indices.contains(violations[index].exchange) {
            (violations[index].walk, violations[index].page) = placement[violations[index].exchange]
        }
    }
}

extension JSONValue {
    /// The value as it appears in messages: strings quoted, others as JSON.
    var shown: String {
        switch self {
        case .string(let text): "\"\(text)\""
        case .array(let elements): "an array of \(elements.count)"
        case .object: "an object"
        default: compactText
        }
    }

    /// The value as a plain string for comparisons with request parameters: strings as is, numbers as lexemes.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .number(let lexeme): lexeme
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }
}
