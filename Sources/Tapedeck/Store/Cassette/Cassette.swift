public import Foundation

/// A recording: the interactions of one scenario, in the order they happened.
/// Stored as one JSON file (format version 1, see `docs/cassette-format.md`).
public struct Cassette: Sendable, Equatable {
    /// The format version this build reads and writes.
    public static let formatVersion = 1

    public var interactions: [Interaction]

    public init(interactions: [Interaction] = []) { self.interactions = interactions }

    /// When the oldest interaction was recorded; `nil` for an empty cassette.
    public var recordedAt: Date? { interactions.map(\.recordedAt).min() }
}
