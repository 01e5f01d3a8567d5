import TapedeckHTTP

/// How long the replay server waits before answering from a cassette.
public enum ReplayLatency: Sendable, Equatable {
    /// At once.
    case none
    /// As long as the recorded exchange took.
    case recorded
    /// A fixed number of milliseconds.
    case fixed(milliseconds: Int)

    /// Reads `none`, `recorded` or a number of milliseconds (at most `HTTPFault.maximumLatencyMilliseconds`).
    public init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "recorded": self = .recorded
        default:
            guard let milliseconds = Int(argument), (0...HTTPFault.maximumLatencyMilliseconds).contains(milliseconds) else { return nil }
            self = .fixed(milliseconds: milliseconds)
        }
    }
}
