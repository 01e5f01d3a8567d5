public import Foundation
import NIOCore
import NIOPosix
import Synchronization
public import Tapedeck
public import TapedeckHTTP
public import TapedeckProviders
public import TapedeckSigning

/// Cassettes served over HTTP on loopback, for clients in any language:
/// `tapedeck serve` (replay, optionally recording misses from an upstream) and
/// `tapedeck record` (a recording reverse proxy), each also as a forward proxy
/// (`--forward`: absolute-form requests and `CONNECT`, HTTPS intercepted with
/// certificates from a local CA). Upstream exchanges go through NIO's HTTP client handlers
/// on the server's event loops. Matching is the in-process
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
        /// Re-sign a forwarded request whose client signed `Host` for the proxy's
        /// address, so the upstream's check holds: the first that claims the request's
        /// signature and holds keys signs it; one without keys forwards it as signed,
        /// and says so. By default the built-in profiles' schemes, without keys.
        public var resigners: [HostResigner]
        /// Where a recording's `recordedAt` comes from (`TAPEDECK_NOW` moves the default).
        public var clock: TapedeckClock
        /// Makes the server a forward proxy (no `upstream`: each request names its own).
        public var forward: ForwardProxy?
        /// Which upstream certificates are accepted.
        public var upstreamTrust: UpstreamTrust
        /// Write each recorded exchange and force it to the disk before its client has the end of the answer.
        public var syncsEveryExchange: Bool
        /// The most bytes of an answer's body a recording keeps (256 MiB by default): past
        /// it the answer is relayed whole but recorded truncated, with a `Tapedeck-Truncated`
        /// header saying so; once its client is gone, the upstream is closed.
        public var maximumRecordedBody = ProxiedExchange.defaultMaximumBody
        /// How many hosts' certificates the forward proxy keeps (least recently used go first).
        public var certificateCacheSize = LeafCertificateCache.defaultCapacity

        public init(
            cassettes: [URL], mode: RecordMode = .never, upstream: URL? = nil, latency: ReplayLatency = .none, faults: [HTTPFault] = [],
            redactor: Redactor = ProfileCatalogue.standardRedactor, allowsRepeats: Bool = false, limits: HTTPServer.Limits = HTTPServer.Limits(),
            resigners: [HostResigner] = HostResigner.all(in: .builtIn, environment: [:]),
            clock: TapedeckClock = .current, forward: ForwardProxy? = nil, upstreamTrust: UpstreamTrust = .system,
            syncsEveryExchange: Bool = false, log: @escaping @Sendable (String) -> Void = { _ in }
        ) {
            self.syncsEveryExchange = syncsEveryExchange
            self.forward = forward
            self.upstreamTrust = upstreamTrust
            self.resigners = resigners
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

    /// What a forward proxy intercepts, and with which authority.
    public struct ForwardProxy: Sendable {
        public var authority: CertificateAuthority
        /// The hosts whose HTTPS is intercepted (`*.example.com` for a domain's); empty: every host.
        /// Any other host's `CONNECT` becomes a plain byte tunnel, recorded nowhere.
        public var intercept: [String]

        public init(authority: CertificateAuthority, intercept: [String] = []) {
            self.authority = authority
            self.intercept = intercept.map { $0.lowercased() }
        }
    }

    public let configuration: Configuration
    private let deck: CassetteDeck
    private let answers: [HTTPResponse]
    private let sources: [InteractionSource]
    private let upstream: String?
    private let running: Mutex<(server: HTTPServer, client: UpstreamClient?)?> = Mutex(nil)

    /// Reads the cassettes. A recording whose recorder stopped before it saved is
    /// recovered into its cassette first, and the log says so.
    /// - Throws: `InputError` for a cassette that does not read, a replay of a
    ///   cassette that does not exist, a recording without one cassette and an
    ///   upstream (or `forward`), a recording into a path that cannot be written,
    ///   or one into a cassette another recorder holds.
    public init(configuration: Configuration) throws(InputError) {
        self.configuration = configuration
        guard let file = configuration.cassettes.first else {
            throw InputError(file: "(no cassette)", expected: "at least one cassette to serve", found: "none")
        }
        if configuration.mode != .never {
            guard configuration.cassettes.count == 1 else {
                throw InputError(
                    file: file.path, expected: "exactly one cassette to record into (mode \(configuration.mode.rawValue))",
                    found: "\(configuration.cassettes.count) cassettes")
            }
            guard configuration.upstream != nil || configuration.forward != nil else {
                throw InputError(
                    file: file.path, expected: "an upstream URL to record from (mode \(configuration.mode.rawValue))", found: "none",
                    hint: "Pass --upstream http://…, --forward to record as a forward proxy, or --mode never to replay only")
            }
            // Refused before listening: a proxy that cannot save would answer every request and lose them all at stop.
            try AtomicFile.checkWritable(file)
            for stale in AtomicFile.removeStale(beside: file) {
                configuration.log("removed \(stale), left by a write that was killed before it completed")
            }
        }
        // The recording starts now (its lock taken, its journal opened), so that a path
        // that cannot hold it, or a second recorder, is refused before anything is answered.
        deck = try CassetteDeck(
            CassetteConfiguration(
                file: file, mode: configuration.mode, redactor: configuration.redactor, allowsRepeats: configuration.allowsRepeats,
                clock: configuration.clock, syncsEveryExchange: configuration.syncsEveryExchange, matchesOrigin: configuration.forward != nil),
            replayingAlso: Array(configuration.cassettes.dropFirst()), claim: true)
        if let recovered = deck.recovered { configuration.log(recovered.note(cassette: file.path)) }
        // Said before serving: what a HAR's import left out, and which recorded headers
        // HTTP cannot carry as they are (joined lines, names with spaces), whose answers go out repaired.
        for warning in deck.warnings { configuration.log("warning: \(warning)") }
        let places = deck.files.flatMap { file, count in (0..<count).map { (file: file, index: $0) } }
        sources = places.map { InteractionSource(cassette: $0.file.lastPathComponent, index: $0.index) }
        answers = zip(deck.index.interactions, places).map { interaction, place in
            let request = "\(place.file.path): interaction \(place.index) (\(interaction.request.method) \(interaction.request.url))"
            return HTTPResponse(
                replaying: interaction.response, delay: Self.delay(for: interaction, latency: configuration.latency),
                repaired: { configuration.log("warning: \(request): \($0)") }
            ).encodedOnce()
        }
        var upstream = configuration.forward == nil ? configuration.upstream?.absoluteString : nil
        while upstream?.hasSuffix("/") == true { upstream?.removeLast() }
        self.upstream = upstream
    }

    /// Starts listening; `port` 0 picks a free port (read it back from `port`).
    /// - Throws: `InputError` naming the file when `upstreamTrust` names certificates
    ///   that do not read; NIO's error when the address cannot be bound.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let client: UpstreamClient?
        do {
            client = deck.records ? try UpstreamClient(group: group, trust: configuration.upstreamTrust) : nil
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        // Every line the server logs is scrubbed as free text first: an upstream's error may quote a URL, a header or a body.
        let log: @Sendable (String) -> Void = { [configuration] line in configuration.log(configuration.redactor.redacting(text: line)) }
        let responder = CassetteResponder(
            deck: deck, answers: answers, sources: sources, origin: configuration.forward == nil ? .fixed(upstream) : .named,
            upstream: client, resigners: configuration.resigners, journal: ServerJournal(),
            faults: FaultInjector(faults: configuration.faults), redactor: configuration.redactor, clock: configuration.clock,
            log: log, maximumRecordedBody: configuration.maximumRecordedBody)
        let tunnels = configuration.forward.map { forward in
            ForwardTunnels(
                responder: responder, leaves: LeafCertificateCache(authority: forward.authority, capacity: configuration.certificateCacheSize),
                intercepted: forward.intercept,
                reachesUpstream: client != nil, authority: forward.authority, log: log)
        }
        do {
            let started = try await HTTPServer(host: host, port: port, limits: configuration.limits, group: group, tunnels: tunnels, responder: responder)
            running.withLock { $0 = (started, client) }
        } catch {
            await client?.shutdown()
            throw error
        }
    }

    /// The port the server listens on (0 before `start`).
    public var port: Int { running.withLock { $0?.server.port ?? 0 } }

    /// How many exchanges were recorded so far.
    public var recorded: Int { deck.recorded }

    /// The interactions served from the cassettes.
    public var interactionCount: Int { answers.count }

    /// Stops in order and within about four seconds, however long the recording:
    /// stops accepting, answers the exchanges under way (three seconds at most),
    /// gives an upstream exchange whose answer is complete one more second to be
    /// reported, then (when anything was recorded) closes the recording, already
    /// redacted on disk, into the cassette.
    /// - Throws: `InputError` when the cassette cannot be written.
    @discardableResult
    public func stop() async throws -> CassetteSummary {
        let stopping = running.withLock { running in
            defer { running = nil }
            return running
        }
        if let stopping {
            let client = stopping.client
            try? await stopping.server.stop(drain: .seconds(3)) { await client?.shutdown() }
        }
        return try deck.finish(save: true, waitingAtMost: 1)
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
