/// How long the replay server waits before answering from a cassette.
public enum ReplayLatency: Sendable, Equatable {
    /// At once.
    case none
    /// As long as the recorded exchange took.
    case recorded
    /// A fixed number of milliseconds.
    case fixed(milliseconds: Int)

    /// Reads `none`, `recorded` or a number of milliseconds.
    public init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "recorded": self = .recorded
        default:
            guard let milliseconds = Int(argument), milliseconds >= 0 else { return nil }
            self = .fixed(milliseconds: milliseconds)
        }
    }
}
