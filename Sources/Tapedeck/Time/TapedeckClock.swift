public import Foundation

/// Where Tapedeck takes "now" from: the simulator's data and windows, the
/// recorder's `recordedAt`, request signatures, drift's cassette ages and the
/// relative times of scenarios all read one clock, so a whole run can be moved
/// in time at once. `TAPEDECK_NOW` (RFC 3339) sets `current` for a process: it
/// reads that instant at start and ticks on from there with the system clock.
public struct TapedeckClock: Sendable {
    /// The variable that moves `current`: `TAPEDECK_NOW=2028-01-06T00:00:00Z`.
    public static let environmentVariable = "TAPEDECK_NOW"

    /// The instants `TAPEDECK_NOW` may name, in seconds since 1970: a recorded time is written
    /// with a four-digit year, and the simulator's windows count from 1970, so a clock outside
    /// these years would write cassettes that do not load (or trap on the way).
    static let validRange: ClosedRange<Double> = 0...253_402_300_799

    /// Seconds added to the system clock, or the one instant a fixed clock always reads.
    private let offset: TimeInterval
    private let fixedAt: Date?

    private init(offset: TimeInterval, fixedAt: Date?) {
        self.offset = offset
        self.fixedAt = fixedAt
    }

    /// The current instant by this clock.
    public func now() -> Date { fixedAt ?? Date(timeIntervalSinceNow: offset) }

    /// The system's wall clock.
    public static let system = TapedeckClock(offset: 0, fixedAt: nil)

    /// A clock that always reads `date`: for tests.
    public static func fixed(_ date: Date) -> TapedeckClock { TapedeckClock(offset: 0, fixedAt: date) }

    /// A clock that reads `start` now and advances with the system clock from there.
    public static func starting(at start: Date) -> TapedeckClock {
        TapedeckClock(offset: start.timeIntervalSinceNow, fixedAt: nil)
    }

    /// The clock `TAPEDECK_NOW` in `environment` asks for, or the system clock when it is unset.
    /// - Throws: `InputError` naming the variable when its value is not an RFC 3339 time.
    public static func fromEnvironment(_ environment: [String: String]) throws(InputError) -> TapedeckClock {
        guard let text = environment[environmentVariable] else { return .system }
        guard let seconds = TimeFormat.rfc3339.seconds(text) else {
            throw InputError(
                file: environmentVariable, expected: "an RFC 3339 time such as 2028-01-06T00:00:00Z",
                found: "\"\(text.prefix(60))\"", hint: "Unset it to use the system clock")
        }
        guard validRange.contains(seconds) else {
            throw InputError(
                file: environmentVariable, expected: "a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the years a cassette can hold",
                found: "\"\(text.prefix(60))\"", hint: "Unset it to use the system clock")
        }
        return .starting(at: Date(timeIntervalSince1970: seconds))
    }

    /// The process's clock: `TAPEDECK_NOW` when it is set and valid, the system clock
    /// otherwise (the CLI refuses an invalid `TAPEDECK_NOW` before it starts).
    public static let current: TapedeckClock = (try? fromEnvironment(ProcessInfo.processInfo.environment)) ?? .system
}
