/// What importing a HAR file made: the cassette, and what it left out or changed on the way.
public struct HARImport: Sendable {
    /// The entries that are whole exchanges, redacted, with every HAR member a round trip needs.
    public var cassette: Cassette
    /// One line per entry left out (status 0, no response, an aborted request) or value repaired,
    /// naming the entry by its JSON path and its method and URL (redacted).
    public var warnings: [String]
    /// How many entries were left out.
    public var skipped: Int

    public init(cassette: Cassette, warnings: [String] = [], skipped: Int = 0) {
        self.cassette = cassette
        self.warnings = warnings
        self.skipped = skipped
    }
}
