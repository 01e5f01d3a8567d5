public import Foundation
import NIOCore
import Synchronization
public import Tapedeck
public import TapedeckHTTP
public import TapedeckProviders

/// Cassettes served over HTTP on loopback, for clients in any language:
/// `tapedeck serve` (replay, optionally recording misses from an upstream) and
/// `tapedeck record` (a recording reverse proxy). Matching is the in-process
/// replay's: identical requests in recorded order, volatile and redacted parts
/// ignored. Admin endpoints live under `/__tapedeck/` (journal, unused, reset).
public final class CassetteServer: Sendable {
    /// What to serve and how.
    public struct Configuration: Sendable {
        /// The cassette files. Replay (`never`) may merge several; recording takes exactly one.
        public var cassettes: [URL]
        /// `never` replays only; `missing` forwards misses to `upstream` and records them;
        /// `all` forwards everything (the recording proxy). `once` acts as `missing` on a new file.
        public var mode: RecordMode
        /// Where misses go when recording.
        public var upstream: URL?
        public var latency: ReplayLatency
        public var faults: [HTTPFault]
        /// Applied to the cassette before it is written, and gives replay its matcher (by default the standard redactor taught the built-in profiles).
        public var redactor: Redactor
        /// Serve an interaction again once all its identical twins were used.
        public var allowsRepeats: Bool
        public var limits: HTTPServer.Limits
        /// Where misses and upstream failures are reported (standard error in the CLI).
        public var log: @Sendable (String) -> Void
        /// Re-signs a forwarded request whose client signed `Host` for the proxy's
        /// address (Huawei `SDK-HMAC-SHA256`), so the upstream's check holds; `nil`
        /// forwards such a request as signed, and says so.
        public var resigner: HuaweiAKSKSigner?
        /// Where a recording's `recordedAt` comes from (`TAPEDECK_NOW` moves the default).
        public var clock: TapedeckClock

        public init(
            cassettes: [URL], mode: RecordMode = .never, upstream: URL? = nil, latency: ReplayLatency = .none, faults: [HTTPFault] = [],
            redactor: Redactor = ProfileCatalogue.standardRedactor, allowsRepeats: Bool = false, limits: HTTPServer.Limits = HTTPServer.Limits(),
            resigner: HuaweiAKSKSigner? = nil, clock: TapedeckClock = .current, log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.resigner = resigner
            self.clock = clock
            self.cassettes = cassettes
            self.mode = mode
            self.upstream = upstream
            self.latency = latency
            self.faults = faults
            self.redactor = redactor
            self.allowsRepeats = allowsRepeats
            self.limits = limits
            self.log = log
        }
    }

    public let configuration: Configuration
    private let index: ReplayIndex
    /// What records the upstream's answers to misses; `nil` when the server only replays.
    private let recorder: Recorder?
    private let responder: CassetteResponder
    private let server: Mutex<HTTPServer?> = Mutex(nil)

    /// Reads the cassettes.
    /// - Throws: `InputError` for a cassette that does not read, a replay of a
    ///   cassette that does not exist, a recording without one cassette and an upstream,
    ///   or a recording into a path that cannot be written.
    public init(configuration: Configuration) throws(InputError) {
        self.configuration = configuration
        let first = configuration.cassettes.first?.path ?? "(no cassette)"
        guard !configuration.cassettes.isEmpty else {
            throw InputError(file: first, expected: "at least one cassette to serve", found: "none")
        }
        var interactions: [Interaction] = []
        var names: [(String, Int)] = []
        if configuration.mode == .never {
            for file in configuration.cassettes {
                let loaded = try CassetteStore.load(file).interactions
                names.append((file.lastPathComponent, loaded.count))
                interactions += loaded
            }
            recorder = nil
        } else {
            guard configuration.cassettes.count == 1, let file = configuration.cassettes.first else {
                throw InputError(
                    file: first, expected: "exactly one cassette to record into (mode \(configuration.mode.rawValue))",
                    found: "\(configuration.cassettes.count) cassettes")
            }
            guard configuration.upstream != nil else {
                throw InputError(
                    file: file.path, expected: "an upstream URL to record from (mode \(configuration.mode.rawValue))", found: "none",
                    hint: "Pass --upstream http://…, or --mode never to replay only")
            }
            // Refused before listening: a proxy that cannot save would answer every request and lose them all at stop.
            try AtomicFile.checkWritable(file)
            for stale in AtomicFile.removeStale(beside: file) {
                configuration.log("removed \(stale), left by a write that was killed before it completed")
            }
            let recorder = try Recorder(
                CassetteConfiguration(
                    file: file, mode: configuration.mode, redactor: configuration.redactor, allowsRepeats: configuration.allowsRepeats,
                    clock: configuration.clock),
                spooled: true)
            interactions = recorder.replayed
            names.append((file.lastPathComponent, interactions.count))
            self.recorder = recorder
        }
        index = ReplayIndex(interactions, matcher: configuration.redactor.matcher(), allowsRepeats: configuration.allowsRepeats)
        let sources = names.flatMap { name, count in (0..<count).map { InteractionSource(cassette: name, index: $0) } }
        let answers = interactions.map { interaction in
            HTTPResponse(replaying: interaction.response, delay: Self.delay(for: interaction, latency: configuration.latency))
        }
        var upstream = configuration.upstream?.absoluteString
        while upstream?.hasSuffix("/") == true { upstream?.removeLast() }
        responder = CassetteResponder(
            index: index, recording: recorder.flatMap { $0.records ? CassetteResponder.Recording(recorder: $0, session: UpstreamSession()) : nil },
            answers: answers, sources: sources, upstream: upstream, resigner: configuration.resigner, journal: ServerJournal(),
            misses: MissLog(), faults: FaultInjector(faults: configuration.faults), redactor: configuration.redactor, log: configuration.log)
    }

    /// Starts listening; `port` 0 picks a free port (read it back from `port`).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        let started = try await HTTPServer(host: host, port: port, limits: configuration.limits, responder: responder)
        server.withLock { $0 = started }
    }

    /// The port the server listens on (0 before `start`).
    public var port: Int { server.withLock { $0?.port ?? 0 } }

    /// The interactions served from the cassettes.
    public var interactionCount: Int { responder.answers.count }

    /// Stops in order and within about four seconds: stops accepting, answers the
    /// exchanges under way (three seconds at most), gives an upstream exchange whose
    /// answer is complete one more second to be reported, then (when anything was
    /// recorded) redacts and writes the cassette atomically.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func stop() async throws -> CassetteSummary {
        let running = server.withLock { server -> HTTPServer? in
            defer { server = nil }
            return server
        }
        try? await running?.stop(drain: .seconds(3))
        let written = try recorder?.finish(save: true, waitingAtMost: 1) ?? (recorded: 0, saved: false)
        responder.recording?.session.close()
        return CassetteSummary(
            replayed: index.replayed, recorded: written.recorded, misses: responder.misses.reports, missed: responder.misses.count,
            unused: configuration.mode == .all ? [] : index.unused, saved: written.saved)
    }

    private static func delay(for interaction: Interaction, latency: ReplayLatency) -> TimeAmount {
        switch latency {
        case .none: .zero
        // The cassette reader bounds durations; an interaction made in code may hold anything.
        case .recorded: .milliseconds(Int64(CassetteBounds.isDuration(interaction.duration * 1000) ? interaction.duration * 1000 : 0))
        case .fixed(let milliseconds): .milliseconds(Int64(milliseconds))
        }
    }
}
