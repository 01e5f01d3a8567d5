/// One difference between a committed recording and a fresh one.
public struct DriftFinding: Sendable, Equatable {
    public var scenario: String
    public var kind: ChangeKind
    /// The JSON path, wildcarded (`$.tasks[*].status`), or the part of the walk for behaviour.
    public var path: String
    public var old: String
    public var new: String
    public var driftClass: DriftClass
    /// The contract rule a violation finding comes from.
    public var rule: String?
    /// How to see it locally.
    public var reproduce: String
    /// Why the change was accepted, when the config accepts it (accepted findings never fail a run).
    public var acceptedBecause: String?

    public init(
        scenario: String, kind: ChangeKind, path: String, old: String, new: String, driftClass: DriftClass? = nil, rule: String? = nil,
        reproduce: String = "", acceptedBecause: String? = nil
    ) {
        self.scenario = scenario
        self.kind = kind
        self.path = path
        self.old = old
        self.new = new
        self.driftClass = driftClass ?? kind.defaultClass
        self.rule = rule
        self.reproduce = reproduce
        self.acceptedBecause = acceptedBecause
    }

    /// One line for people: `breaking  huawei-iotda-walk  field-removed  $.tasks[*].status: string → (absent)`.
    public var summary: String {
        "\(driftClass.rawValue) \(kind.rawValue)\(rule.map { " (\($0))" } ?? "") at \(path): \(old) -> \(new)"
    }
}
