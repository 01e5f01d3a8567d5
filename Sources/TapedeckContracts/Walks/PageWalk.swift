/// Consecutive exchanges of one paginated listing: the first page and the pages that follow it.
struct PageWalk {
    var index: Int
    var exchanges: [Exchange]
    /// Whether the walk begins with a request for a first page (a walk can also
    /// begin mid-listing, when a non-paging parameter changed).
    var startsAtFirstPage: Bool
}
