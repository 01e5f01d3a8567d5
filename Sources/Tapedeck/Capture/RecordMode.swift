/// When a cassette records and when it only replays, named as in
/// swift-snapshot-testing so Swift users know them.
public enum RecordMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Replay only: a request with no recorded match fails.
    case never
    /// Replay what matches, record what is missing.
    case missing
    /// Record only when the cassette file does not exist yet; replay otherwise.
    case once
    /// Re-record everything, replacing the cassette.
    case all

    public var description: String { rawValue }

    /// The environment variable that sets the mode for a whole run.
    public static let environmentVariable = "TAPEDECK_RECORD"

    /// The mode in force: `explicit` (API or trait) first, then `TAPEDECK_RECORD`,
    /// then `never` when `CI` is set (a CI run never touches the network by
    /// accident), else `once`: a cassette that exists only replays, so a request
    /// that no longer matches fails instead of growing the cassette unnoticed.
    /// - Throws: `InputError` when `TAPEDECK_RECORD` holds an unknown value.
    public static func resolve(_ explicit: RecordMode? = nil, environment: [String: String]) throws(InputError) -> RecordMode {
        if let explicit { return explicit }
        if let text = environment[environmentVariable], !text.isEmpty {
            guard let mode = RecordMode(rawValue: text.lowercased()) else {
                throw InputError(
                    file: environmentVariable, expected: "one of " + allCases.map(\.rawValue).joined(separator: ", "),
                    found: "\"\(text)\"")
            }
            return mode
        }
        if let ci = environment["CI"], !ci.isEmpty, ci != "false", ci != "0" { return .never }
        return .once
    }
}
