import ArgumentParser
import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders
import TapedeckServer

/// `tapedeck serve`: cassettes over HTTP for clients in any language.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer HTTP requests from cassettes, on loopback.",
        discussion: """
            Point a client's base URL at the printed address. Requests are matched as in-process replay \
            matches them: identical requests get their recorded answers in recorded order, volatile and \
            redacted parts are ignored. A request nothing matches gets status 490 and a JSON near-miss \
            report (the closest interactions and the parts that differ); with --mode missing and \
            --upstream it is forwarded instead, and the cassette is saved (redacted, atomically) on Ctrl-C.

            Admin endpoints: GET /__tapedeck/journal (requests served), GET /__tapedeck/unused \
            (interactions not used yet), POST /__tapedeck/reset (start over).

            With --forward it is a forward proxy (HTTPS_PROXY): clients keep their real endpoints, \
            HTTPS is intercepted with the local CA's certificates (tapedeck ca), and in replay nothing \
            goes upstream.

            Faults for resilience tests (--fault, repeatable): \(HTTPFault.syntax). \
            Example: --fault 503@0.1 --fault reset@0.05.
            """
    )

    @Argument(help: "Cassette files. Replay merges them; recording misses takes exactly one.")
    var cassettes: [String]

    @OptionGroup var listen: ListenOptions

    @OptionGroup var redaction: RedactionOptions

    @OptionGroup var times: TimeOptions

    /// The record modes `serve` takes.
    enum Mode: String, CaseIterable, ExpressibleByArgument {
        case never, missing

        var recordMode: RecordMode { self == .never ? .never : .missing }
    }

    @Option(help: "never: replay only; missing: forward misses to --upstream and record them.")
    var mode = Mode.never

    @Option(help: "The real API (or the simulator) misses are forwarded to in --mode missing.")
    var upstream: String?

    @Option(help: "Wait before answering: none, recorded (as long as the recorded exchange took), or milliseconds.")
    var latency = "none"

    @Option(name: .customLong("fault"), help: "A fault to inject: \(HTTPFault.syntax). Repeatable.")
    var faults: [String] = []

    @Flag(help: "Serve an interaction again once all its identical twins were used.")
    var repeats = false

    @OptionGroup var forwarding: ForwardOptions

    @OptionGroup var resources: ResourceOptions

    func run() async throws {
        let termination = Termination.arm()
        let recordMode = mode.recordMode
        guard let replayLatency = ReplayLatency(argument: latency) else {
            throw ValidationError("--latency is none, recorded or a number of milliseconds up to \(HTTPFault.maximumLatencyMilliseconds), not \"\(latency)\"")
        }
        let configuration = try resources.applied(
            to: CassetteServer.Configuration(
                cassettes: cassettes.map { URL(fileURLWithPath: $0) }, mode: recordMode, upstream: try upstream.map(Self.url),
                latency: replayLatency, faults: try faults.map(Self.fault), redactor: try redaction.redactor(), allowsRepeats: repeats,
                forward: try forwarding.proxy(), upstreamTrust: forwarding.upstreamTrust, log: Self.logToStandardError))
        // The time options first: a bad one is a usage error, whatever the cassettes hold.
        let timeMatching = try times.timeMatching(profiles: redaction.profiles())
        // Every replay index the server builds takes the time options.
        let server = try TimeMatching.$current.withValue(timeMatching) {
            try CassetteServer(configuration: configuration)
        }
        try await listen.bind(forwarding: forwarding) { try await server.start(host: $0, port: $1) }
        print(
            "Serving \(server.interactionCount) interactions from \(cassettes.count) cassette(s) at http://\(listen.host):\(server.port) (mode \(mode.rawValue))"
        )
        if let proxy = configuration.forward { print(ForwardOptions.describe(proxy, host: listen.host, port: server.port)) }
        print("Admin: http://\(listen.host):\(server.port)/__tapedeck/journal | unused | reset (POST). Ctrl-C stops.")
        fflush(nil)
        await termination.wait()
        let summary = try await server.stop()
        print(Self.describe(summary, cassette: cassettes.first ?? ""))
    }

    /// The `--upstream` URL: http(s), with a host, and nothing a base URL cannot carry
    /// (user info would go to the upstream in every recorded URL, a query or fragment
    /// would be glued before each request's own path).
    static func url(_ text: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ValidationError("--upstream must be an http(s) URL such as http://127.0.0.1:4010, not \"\(text)\"")
        }
        let extra = [
            (url.user != nil || url.password != nil, "user info (user:password@), which would be recorded; give credentials to the client"),
            (url.query != nil, "a query (?…): each request brings its own"),
            (url.fragment != nil, "a fragment (#…), which never goes to a server"),
        ].first { $0.0 }
        if let extra {
            throw ValidationError("--upstream is a base URL such as https://api.example.com/v1, without \(extra.1)")
        }
        return url
    }

    static func fault(_ text: String) throws -> HTTPFault {
        do {
            return try HTTPFault(parsing: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    static func describe(_ summary: CassetteSummary, cassette: String) -> String {
        var text = "stopped: \(summary.replayed) replayed, \(summary.recorded) recorded, \(summary.missed) missed, \(summary.unused.count) unused"
        if summary.saved { text += "\nsaved \(cassette) (redacted)" }
        for note in summary.notes { text += "\nnote: " + note }
        return text
    }

    @Sendable static func logToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
