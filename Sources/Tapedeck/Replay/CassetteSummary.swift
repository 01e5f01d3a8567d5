/// What a cassette in use did, reported when it finishes.
public struct CassetteSummary: Sendable {
    public var replayed: Int
    public var recorded: Int
    /// The first misses (at most `MissLog.kept`), in order, redacted.
    public var misses: [CassetteMiss]
    /// How many requests missed in all.
    public var missed: Int
    /// Indexes of recorded interactions that no request used.
    public var unused: [Int]
    /// Whether the cassette file was written.
    public var saved: Bool
    /// What the user should know of the recording: exchanges set aside, and where.
    public var notes: [String]

    package init(replayed: Int, recorded: Int, misses: [CassetteMiss], missed: Int, unused: [Int], saved: Bool, notes: [String] = []) {
        self.notes = notes
        self.replayed = replayed
        self.recorded = recorded
        self.misses = misses
        self.missed = missed
        self.unused = unused
        self.saved = saved
    }
}
