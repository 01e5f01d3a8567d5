public import Foundation

/// A recording: the interactions of one scenario, in the order they happened.
/// Stored as one JSON file (format version 1, or 2 when it keeps HAR details; see `docs/cassette-format.md`).
public struct Cassette: Sendable, Equatable {
    /// The newest format version this build reads and writes: 2 adds the `har` members.
    public static let formatVersion = 2
    /// The versions this build reads.
    public static let readableVersions: ClosedRange<Int64> = 1...2

    public var interactions: [Interaction]
    /// The HAR log's members other than its entries (`version`, `creator`, `browser`, `pages`, `comment`,
    /// `_fields`), kept so an export of an imported HAR gives them back; empty when not imported.
    public var har: JSONObject

    public init(interactions: [Interaction] = [], har: JSONObject = JSONObject()) {
        self.interactions = interactions
        self.har = har
    }

    /// The version a file of this cassette says: 1, which every reader reads, unless it keeps HAR details.
    public var writtenVersion: Int {
        har.isEmpty && !interactions.contains(where: \.keepsHARDetails) ? 1 : Cassette.formatVersion
    }

    /// When the oldest interaction was recorded; `nil` for an empty cassette.
    public var recordedAt: Date? { interactions.map(\.recordedAt).min() }
}
