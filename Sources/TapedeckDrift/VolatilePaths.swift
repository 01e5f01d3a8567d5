/// Paths whose values differ between two recordings of the same walk made one
/// after the other: ids, request ids, timestamps, tokens. Their values are
/// never drift.
enum VolatilePaths {
    static func learn(_ first: ResponseShape, _ second: ResponseShape) -> Set<String> {
        Set(Set(first.sequences.keys).union(second.sequences.keys).filter { first.sequences[$0] != second.sequences[$0] })
    }
}
