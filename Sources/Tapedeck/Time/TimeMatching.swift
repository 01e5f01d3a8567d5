public import Foundation

/// How replay matches request values that are times a client computed from its
/// own clock ("the last 7 days"). At load, each recorded request parameter whose
/// value is a time near the interaction's `recordedAt` becomes an offset from it
/// in its notation (`RecordedTime`); a request matches when each such value, in
/// the same notation, lies at the same offset from the replay clock's now within
/// `tolerance`, and all of them moved alike (a window keeps its length). A request
/// that sends the recorded values unchanged matches too.
public struct TimeMatching: Sendable {
    /// Whether times are matched by offset at all (off: every value must be the recorded one).
    public var isEnabled: Bool
    /// How far a requested offset may lie from the recorded one; `nil` for the
    /// default, the recording's own duration plus `margin`.
    public var tolerance: TimeInterval?
    /// How far from `recordedAt` a value may lie and still be inferred as a time
    /// (parameters `parameters` names are times at any distance).
    public var distance: TimeInterval
    /// Parameter names always treated as times (a contract's window parameters and
    /// time-formatted parameters, a profile's additions): a query or form field name,
    /// or a JSON body member's key.
    public var parameters: Set<String>
    /// Parameter names never treated as times (a profile's exclusions).
    public var excluded: Set<String>
    /// Whether times in replayed answers move by (replay now − `recordedAt`).
    public var shiftsAnswers: Bool
    /// The replay clock offsets are taken from (`TAPEDECK_NOW` moves the default).
    public var clock: TapedeckClock

    /// Added to the recording's duration for the default tolerance: a client's own
    /// work between reading its clock and sending, and clocks set apart by hand.
    public static let margin: TimeInterval = 300
    /// The default `distance`: a year's window, with slack.
    public static let defaultDistance: TimeInterval = 400 * 86_400
    /// Recordings further apart than this are separate sessions, each with its own duration.
    static let sessionGap: TimeInterval = 3_600

    public init(
        isEnabled: Bool = true, tolerance: TimeInterval? = nil, distance: TimeInterval = Self.defaultDistance,
        parameters: Set<String> = [], excluded: Set<String> = [], shiftsAnswers: Bool = false, clock: TapedeckClock = .current
    ) {
        self.isEnabled = isEnabled
        self.tolerance = tolerance
        self.distance = distance
        self.parameters = parameters
        self.excluded = excluded
        self.shiftsAnswers = shiftsAnswers
        self.clock = clock
    }

    /// The time matching replay uses where none is passed: the CLI's options and a
    /// test's settings reach every replay index built within `$current.withValue`.
    @TaskLocal public static var current = TimeMatching()

    /// The tolerance for each interaction: `tolerance` when set, else the duration
    /// of the recording session it belongs to plus `margin`.
    func tolerances(for interactions: [Interaction]) -> [TimeInterval] {
        if let tolerance { return Array(repeating: tolerance, count: interactions.count) }
        var tolerances = Array(repeating: Self.margin, count: interactions.count)
        let order = interactions.indices.sorted { interactions[$0].recordedAt < interactions[$1].recordedAt }
        var session: [Int] = []
        func close() {
            guard let first = session.first else { return }
            let start = interactions[first].recordedAt
            let end = session.map { interactions[$0].recordedAt.addingTimeInterval(max(0, interactions[$0].duration)) }.max() ?? start
            for position in session { tolerances[position] = end.timeIntervalSince(start) + Self.margin }
            session.removeAll()
        }
        for position in order {
            if let last = session.last, interactions[position].recordedAt.timeIntervalSince(interactions[last].recordedAt) > Self.sessionGap {
                close()
            }
            session.append(position)
        }
        close()
        return tolerances
    }

    /// Reads a duration an option gives: a number of seconds, or a whole number
    /// with a unit, `s`, `m` (minutes), `h`, `d` or `w` (`90s`, `10m`, `400d`).
    /// - Throws: `InputError` naming `option` when `text` is not a duration.
    public static func duration(_ text: String, option: String) throws(InputError) -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        var number = Substring(text)
        var unit: TimeInterval = 1
        if let last = number.last, let named = units[last] {
            unit = named
            number = number.dropLast()
        }
        guard !number.isEmpty, number.count <= 9, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let amount = Double(number), amount.isFinite
        else {
            throw InputError(
                file: option, expected: "a duration: seconds, or a number with s, m, h, d or w (90s, 10m, 400d)",
                found: "\"\(InputError.bounded(text, limit: 40))\"")
        }
        return amount * unit
    }
}
