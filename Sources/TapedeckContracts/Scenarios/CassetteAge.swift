public import Foundation
public import Tapedeck

/// How old a cassette is: the age of its newest interaction. Stale recordings
/// hide drift, so the drift run and the scenario runner warn about them.
public enum CassetteAge {
    /// `TAPEDECK_MAX_CASSETTE_AGE_DAYS`: warn about cassettes older than this.
    public static let maximumDaysVariable = "TAPEDECK_MAX_CASSETTE_AGE_DAYS"
    /// `TAPEDECK_FAIL_ON_CASSETTE_AGE=1`: a stale cassette fails instead of warning.
    public static let failVariable = "TAPEDECK_FAIL_ON_CASSETTE_AGE"

    /// Whole days since the newest interaction was recorded; `nil` for an empty cassette.
    public static func days(of cassette: Cassette, now: Date = TapedeckClock.current.now()) -> Int? {
        guard let newest = cassette.interactions.map(\.recordedAt).max() else { return nil }
        return Int(now.timeIntervalSince(newest) / 86_400)
    }

    /// A warning when the cassette is older than `maximumDays`, naming it and how to refresh it.
    public static func warning(for cassette: Cassette, named name: String, maximumDays: Int, now: Date = TapedeckClock.current.now()) -> String? {
        guard let days = days(of: cassette, now: now), days > maximumDays else { return nil }
        return "\(name) was recorded \(days) days ago (more than \(maximumDays)); re-record it (tapedeck drift --update) so it does not hide drift"
    }
}
