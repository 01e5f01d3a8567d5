public import Tapedeck

/// Reduces a recording to the fewest interactions that still show one
/// violation, so the evidence attached to a bug stays small:
/// check → pick the violation → keep its walk from the first page up to the
/// violating page → (unless `fromStart`) drop each earlier page the violation
/// does not need → re-check that the violation is still reported.
public struct CassetteTrimmer: Sendable {
    /// Which violation to keep.
    public enum Target: Sendable, Equatable {
        /// The first failing violation of this rule.
        case rule(ContractRule)
        /// The n-th failing violation (1-based) in the order `tapedeck check` reports them.
        case violation(Int)

        /// The target `--rule RULE` names.
        /// - Throws: `InputError` naming `--rule` when the rule id is unknown.
        public init(rule: String) throws(InputError) {
            guard let known = ContractRule(rawValue: rule) else {
                throw InputError(
                    file: "--rule", expected: "a rule id (" + ContractRule.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                    found: "\"\(rule)\"")
            }
            self = .rule(known)
        }
    }

    /// A trimmed recording and the violation it still shows.
    public struct Trim: Sendable {
        /// The violation kept, as the untrimmed recording reported it.
        public var violation: Violation
        /// The indexes (into the untrimmed recording) of the interactions kept, in order.
        public var kept: [Int]
        /// The trimmed recording.
        public var cassette: Cassette
        /// The check of the trimmed recording; it reports `violation` again.
        public var report: CheckReport
    }

    /// The checker that finds the violation and re-checks every candidate.
    public var checker: ContractChecker
    /// Keep the walk from its first page (so it replays as a walk) instead of only the pages the violation needs.
    public var fromStart: Bool

    /// A trimmer checking with `checker`.
    public init(checker: ContractChecker, fromStart: Bool = false) {
        self.checker = checker
        self.fromStart = fromStart
    }

    /// Trims `cassette` (`file` names it in messages) to the violation `target` picks.
    /// - Throws: `InputError` when the recording does not report that violation, or when
    ///   the walk up to its page no longer shows it on its own.
    public func trim(_ cassette: Cassette, keeping target: Target, file: String) throws(InputError) -> Trim {
        let report = checker.check(cassette, recording: file)
        let violation = try pick(target, in: report, file: file)
        let walk = report.walks[violation.walk]
        var kept = Array(walk.exchanges[...violation.page])
        guard let confirmed = recheck(kept, of: cassette, for: violation) else {
            throw InputError(
                file: file,
                expected: "\(violation.rule.rawValue) at \(violation.path) to be reported by pages 0-\(violation.page) of walk \(violation.walk) alone",
                found: "no such violation once the other interactions are left out",
                hint: "It depends on more than its walk; attach the whole recording")
        }
        var result = confirmed
        if !fromStart {
            for index in kept.dropLast() {
                let candidate = kept.filter { $0 != index }
                guard let smaller = recheck(candidate, of: cassette, for: violation) else { continue }
                kept = candidate
                result = smaller
            }
        }
        return Trim(violation: violation, kept: kept, cassette: result.cassette, report: result.report)
    }

    private func pick(_ target: Target, in report: CheckReport, file: String) throws(InputError) -> Violation {
        let failures = report.failures
        let found =
            failures.isEmpty
            ? "no violations" : "only " + Array(Set(failures.map(\.rule.rawValue))).sorted().joined(separator: ", ")
        switch target {
        case .rule(let rule):
            guard let violation = failures.first(where: { $0.rule == rule }) else {
                throw InputError(
                    file: file, expected: "a violation of \(rule.rawValue) to keep", found: found,
                    hint: "Run `tapedeck check \(file)` to see what it reports")
            }
            return violation
        case .violation(let number):
            guard failures.indices.contains(number - 1) else {
                throw InputError(
                    file: "--violation", expected: "a number from 1 to \(failures.count) (the violations of \(file))",
                    found: "\(number)", hint: failures.isEmpty ? "\(file) reports no violations" : nil)
            }
            return failures[number - 1]
        }
    }

    /// The recording made of `kept` and its check, when that check still reports `violation` on the same interaction.
    private func recheck(_ kept: [Int], of cassette: Cassette, for violation: Violation) -> (cassette: Cassette, report: CheckReport)? {
        let trimmed = Cassette(interactions: kept.map { cassette.interactions[$0] })
        let report = checker.check(trimmed, recording: "trimmed")
        let shown = report.failures.contains {
            $0.rule == violation.rule && $0.path == violation.path && kept[$0.exchange] == violation.exchange
        }
        return shown ? (trimmed, report) : nil
    }
}
