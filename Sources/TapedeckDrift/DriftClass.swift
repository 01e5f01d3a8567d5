/// How much a change between the committed and a fresh recording matters to a
/// client, after oasdiff's classes of API changes.
public enum DriftClass: String, CaseIterable, Comparable, Sendable {
    /// A new field: clients keep working.
    case nonBreaking = "non-breaking"
    /// A new enumeration value, an optional field gone: clients may break.
    case possiblyBreaking = "possibly-breaking"
    /// A field removed, a type changed, a field now null: clients break.
    case breaking

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
