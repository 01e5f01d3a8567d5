/// One page walk found in a recording.
public struct WalkSummary: Sendable, Equatable {
    /// 0-based, in file order.
    public var index: Int
    /// The provider id of the contract the walk was checked against.
    public var provider: String
    /// The interactions of the walk, 0-based indexes into the recording.
    public var exchanges: [Int]
    /// Items seen across the walk's successful pages.
    public var items: Int
    /// Whether the walk reached its last page; cross-page totals are only compared on complete walks.
    public var isComplete: Bool

    /// How many exchanges (pages, errors included) the walk holds.
    public var pages: Int { exchanges.count }
}
