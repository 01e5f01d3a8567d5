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
    /// - Throws: `InputError` naming `option` when the rule id is unknown or the path is malformed.
    public init(parsing text: String, option: String = "--allow") throws(InputError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let rule = ContractRule(rawValue: String(first)) else {
            throw InputError(
                file: option, expected: "RULE[@JSONPATH] with a rule id such as enum-value", found: "\"\(text)\"",
                hint: "Rule ids: " + ContractRule.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let path = parts.count > 1 ? String(parts[1]) : nil
        if let path, !Self.isWellFormed(path: path) {
            throw InputError(file: option, expected: Self.pathSyntax, found: "\"\(path)\"")
        }
        self.init(rule: rule, path: path, reason: "allowed by \(option) \(text)")
    }

    /// How an allowance's path is written, for messages.
    package static let pathSyntax =
        "a path as reports write it: $ followed by .key, ['key'], [N] or [*] ($.jobs[*].status), or request.LOCATION.NAME"

    /// Whether `path` is written the way reports write paths, so that it can match one.
    package static func isWellFormed(path: String) -> Bool {
        if path.hasPrefix("request.") { return path.count > "request.".count }
        var rest = Substring(path)
        guard rest.popFirst() == "$" else { return false }
        while let next = rest.popFirst() {
            switch next {
            case ".":
                let key = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
                guard !key.isEmpty else { return false }
                rest = rest.dropFirst(key.count)
            case "[":
                if rest.hasPrefix("*]") {
                    rest = rest.dropFirst(2)
                } else if rest.first == "'" {
                    guard let end = rest.dropFirst().firstRange(of: "']") else { return false }
                    rest = rest[end.upperBound...]
                } else {
                    let digits = rest.prefix(while: \.isASCII).prefix(while: \.isNumber)
                    guard !digits.isEmpty, rest.dropFirst(digits.count).first == "]" else { return false }
                    rest = rest.dropFirst(digits.count + 1)
                }
            default:
                return false
            }
        }
        return true
    }

    func matches(_ violation: Violation) -> Bool {
        guard violation.rule == rule else { return false }
        guard let path else { return true }
        return path == violation.path || path == violation.pathPattern
    }
}
