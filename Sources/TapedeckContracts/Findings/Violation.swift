/// One broken contract rule, located in a recording.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    /// The rule broken.
    public var rule: ContractRule
    /// The provider id of the contract that was broken.
    public var provider: String
    /// The interaction's index in the recording, 0-based, in file order.
    public var exchange: Int
    /// A JSON path into the response body (`$.jobs[3].status`) or, for request
    /// rules, into the request (`request.query.limit`, `request.path`).
    public var path: String
    /// The same path with every array index replaced by `*`, which `--allow` and `allow:` entries match.
    public var pathPattern: String
    /// What is wrong, in a sentence.
    public var message: String
    /// What the contract documents, where it applies.
    public var expected: String?
    /// What the recording holds, where it applies.
    public var actual: String?
    /// The walk (0-based) and the page within it (0-based) the exchange belongs to.
    public var walk: Int
    /// See `walk`.
    public var page: Int
    /// The seed table text behind the rule, when the contract records it.
    public var seed: String?
    /// Why the violation is a known deviation, when an allowance matched it; allowed violations do not fail.
    public var allowedBecause: String?

    /// A violation; `ContractChecker` makes these, tests and tools may too.
    public init(
        rule: ContractRule, provider: String, exchange: Int, path: String, pathPattern: String? = nil,
        message: String, expected: String? = nil, actual: String? = nil, walk: Int = 0, page: Int = 0,
        seed: String? = nil, allowedBecause: String? = nil
    ) {
        self.rule = rule
        self.provider = provider
        self.exchange = exchange
        self.path = path
        self.pathPattern = pathPattern ?? path
        self.message = message
        self.expected = expected
        self.actual = actual
        self.walk = walk
        self.page = page
        self.seed = seed
        self.allowedBecause = allowedBecause
    }

    /// One line for test issues and logs:
    /// `enum-value at $.jobs[0].status (exchange 0, walk 0, page 0): … expected …, found …`.
    public var description: String {
        var text = "\(rule.rawValue) at \(path) (exchange \(exchange), walk \(walk), page \(page)): \(message)"
        if let expected { text += "; expected \(expected)" }
        if let actual { text += ", found \(actual)" }
        if let allowedBecause { text += " [\(allowedBecause)]" }
        return text
    }

    /// Whether the violation fails a check (it is not a known, allowed deviation).
    public var isFailing: Bool { allowedBecause == nil }
}
