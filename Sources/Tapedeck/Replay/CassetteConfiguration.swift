public import Foundation

/// Everything a cassette in use needs to know, in one value: where it is, what
/// to record, and how to redact. The matcher is derived from the redactor, so
/// the two always agree on what a placeholder stands for.
public struct CassetteConfiguration: Sendable {
    public var file: URL
    /// What is replayed and what is recorded (`TAPEDECK_RECORD`).
    public var mode: RecordMode
    /// Applied to everything recorded before it is written, and to what a miss
    /// report shows; its volatile parameters are the matcher's. `.standard` knows
    /// credential names and shapes only: `ProfileCatalogue.standardRedactor`
    /// (TapedeckProviders) adds the provider profiles' volatile parameters and credentials.
    public var redactor: Redactor
    /// Serve an interaction again once all its identical twins were used.
    public var allowsRepeats: Bool
    /// Where `recordedAt` comes from (`TAPEDECK_NOW` moves the default).
    public var clock: TapedeckClock
    /// Request values computed from relative times (`{now-7d}`): each recording
    /// that sends one keeps the expression beside it, so it replays later.
    public var relativeTimes: [RelativeTime.Binding]
    /// Write each recorded exchange and force it to the disk (`fsync`) before its
    /// client has the end of the answer, not right behind the answer and only once a
    /// second: a crash or a power loss then loses at most the exchanges in flight.
    public var syncsEveryExchange: Bool
    /// How replay matches request times a client computed from its own clock, and
    /// whether answers' times move with it (`TimeMatching.current` by default).
    public var timeMatching: TimeMatching
    /// Whether scheme, host and port must agree too (a forward proxy, which replays for every host).
    public var matchesOrigin: Bool

    public init(
        file: URL, mode: RecordMode, redactor: Redactor = .standard, allowsRepeats: Bool = false, clock: TapedeckClock = .current,
        relativeTimes: [RelativeTime.Binding] = [], syncsEveryExchange: Bool = false, timeMatching: TimeMatching = .current,
        matchesOrigin: Bool = false
    ) {
        self.matchesOrigin = matchesOrigin
        self.syncsEveryExchange = syncsEveryExchange
        self.file = file
        self.mode = mode
        self.redactor = redactor
        self.allowsRepeats = allowsRepeats
        self.clock = clock
        self.relativeTimes = relativeTimes
        self.timeMatching = timeMatching
    }

    /// How requests are compared with recordings: placeholders and pseudonyms as the redactor writes them.
    public var matcher: RequestMatcher { redactor.matcher().matchingOrigin(matchesOrigin) }
}
