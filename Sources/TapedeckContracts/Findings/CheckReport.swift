/// What checking one recording found.
public struct CheckReport: Sendable, Equatable {
    /// The recording's name (its file path), for reports.
    public var recording: String
    /// The provider id of the contract used.
    public var provider: String
    /// The page walks found, in file order.
    public var walks: [WalkSummary]
    /// Every violation, allowed ones included, ordered by exchange.
    public var violations: [Violation]
    /// The rules that were run.
    public var rules: [ContractRule]

    /// A report; `ContractChecker` makes these.
    public init(
        recording: String, provider: String, walks: [WalkSummary], violations: [Violation], rules: [ContractRule]
    ) {
        self.recording = recording
        self.provider = provider
        self.walks = walks
        self.violations = violations
        self.rules = rules
    }

    /// The violations that fail the check (not allowed as known deviations).
    public var failures: [Violation] { violations.filter(\.isFailing) }

    /// True when nothing fails.
    public var isClean: Bool { !violations.contains(where: \.isFailing) }

    /// The violations of one rule.
    public func violations(of rule: ContractRule) -> [Violation] { violations.filter { $0.rule == rule } }
}
