/// How sure the drafter is of a guess, from how much of the recording agrees with it.
public enum DraftConfidence: String, Sendable, Comparable, CaseIterable {
    /// Nothing in the recording contradicts it, but little supports it: a name, one page.
    case unsure
    /// One page turn (or one kind of evidence) supports it.
    case likely
    /// Every page turn of the recording supports it, and there are at least two.
    case sure

    public static func < (lhs: DraftConfidence, rhs: DraftConfidence) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
