/// A fault a server injects into its answers, for testing how clients cope:
/// written on the command line as `503@0.2` (a status at a rate), `429@0.5`
/// (with `Retry-After`), `reset@0.1`, `truncate@0.1`, `slow@0.1`, and
/// `latency=250` (milliseconds added to every answer). A rate is the share
/// of requests hit, from 0 to 1; without one, every request is hit.
public enum HTTPFault: Sendable, Equatable, CustomStringConvertible {
    /// Answer with this status (5xx, or 429 with `Retry-After`) instead.
    case status(Int, rate: Double)
    /// Reset the connection instead of answering.
    case reset(rate: Double)
    /// Send the head and half the body, then close.
    case truncate(rate: Double)
    /// Send the body slowly, a small chunk at a time.
    case slowBody(rate: Double)
    /// Wait this long before every answer.
    case latency(milliseconds: Int)

    /// The longest wait a latency may ask for: ten minutes.
    public static let maximumLatencyMilliseconds = 600_000

    /// The accepted spellings, for help texts and errors.
    public static let syntax = "STATUS[@RATE] (5xx or 429), reset[@RATE], truncate[@RATE], slow[@RATE], latency=MS"

    /// Reads one fault as written on the command line.
    /// - Throws: `HTTPFault.SyntaxError` saying what was expected.
    public init(parsing text: String) throws(SyntaxError) {
        let spec = text.trimmingCharactersInSpaces()
        if spec.hasPrefix("latency=") {
            guard let milliseconds = Int(spec.dropFirst("latency=".count)), (0...Self.maximumLatencyMilliseconds).contains(milliseconds) else {
                throw SyntaxError(text: text, problem: "latency takes whole milliseconds up to \(Self.maximumLatencyMilliseconds), as in latency=250")
            }
            self = .latency(milliseconds: milliseconds)
            return
        }
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        var rate = 1.0
        if parts.count == 2 {
            guard let value = Double(parts[1]), value > 0, value <= 1 else {
                throw SyntaxError(text: text, problem: "the rate after @ is a share of requests, above 0 and at most 1")
            }
            rate = value
        }
        switch parts.first ?? "" {
        case "reset": self = .reset(rate: rate)
        case "truncate": self = .truncate(rate: rate)
        case "slow": self = .slowBody(rate: rate)
        case let name:
            guard let code = Int(name), code == 429 || (500...599).contains(code) else {
                throw SyntaxError(text: text, problem: "unknown fault \"\(name)\"")
            }
            self = .status(code, rate: rate)
        }
    }

    /// The share of requests this fault hits.
    var rate: Double {
        switch self {
        case .status(_, let rate), .reset(let rate), .truncate(let rate), .slowBody(let rate): rate
        case .latency: 1
        }
    }

    public var description: String {
        switch self {
        case .status(let code, let rate): "\(code)@\(rate)"
        case .reset(let rate): "reset@\(rate)"
        case .truncate(let rate): "truncate@\(rate)"
        case .slowBody(let rate): "slow@\(rate)"
        case .latency(let milliseconds): "latency=\(milliseconds)"
        }
    }

    /// A fault that does not read.
    public struct SyntaxError: Error, CustomStringConvertible {
        public var text: String
        public var problem: String
        public var description: String { "bad fault \"\(text)\": \(problem); expected \(HTTPFault.syntax)" }
    }
}

extension String {
    fileprivate func trimmingCharactersInSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
