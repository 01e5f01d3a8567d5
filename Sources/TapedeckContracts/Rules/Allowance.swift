public import Tapedeck

/// A known deviation: violations of `rule` (at `path`, when given) are reported
/// but do not fail. Written `RULE[@JSONPATH]` on the command line.
public struct Allowance: Sendable, Equatable {
    /// The rule whose violations are allowed.
    public var rule: ContractRule
    /// A path as reports show it, with `[*]` for any index (`$.jobs[*].status`); `nil` allows the rule anywhere.
    public var path: String?
    /// Why, as reports show it.
    public var reason: String

    /// Allows `rule` at `path` (anywhere when `nil`), for `reason`.
    public init(rule: ContractRule, path: String? = nil, reason: String = "allowed") {
        self.rule = rule
        self.path = path
        self.reason = reason
    }

    /// Parses `RULE[@JSONPATH]`.
    /// - Throws: `InputError` naming `option` when the rule id is unknown.
    public init(parsing text: String, option: String = "--allow") throws(InputError) {
        let parts = text.split(separator: "@", maxSplits: 1)
        guard let first = parts.first, let rule = ContractRule(rawValue: String(first)) else {
            throw InputError(
                file: option, expected: "RULE[@JSONPATH] with a rule id such as enum-value", found: "\"\(text)\"",
                hint: "Rule ids: " + ContractRule.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.init(rule: rule, path: parts.count > 1 ? String(parts[1]) : nil, reason: "allowed by \(option) \(text)")
    }

    func matches(_ violation: Violation) -> Bool {
        guard violation.rule == rule else { return false }
        guard let path else { return true }
        return path == violation.path || path == violation.pathPattern
    }
}
