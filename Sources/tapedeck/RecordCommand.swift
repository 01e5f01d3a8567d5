import ArgumentParser
import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckServer
import TapedeckSigning

/// `tapedeck record`: a recording reverse proxy in front of a real API.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a client's traffic through a reverse proxy into a cassette.",
        discussion: """
            Point the client's base URL at the printed address instead of the upstream's. Every request \
            is forwarded to --upstream and the exchange recorded; concurrent clients are all recorded. \
            Answers stream to the client as they arrive. Each exchange is redacted as it completes and \
            appended to a journal beside the cassette (.NAME.recording, with checksums in \
            .NAME.recording-index), right behind its answer, forced to disk at least once a second \
            (--fsync-each-exchange: each exchange is written and forced to disk before its client has \
            the end of the answer), so memory does not grow with the recording and no secret reaches the disk. \
            Ctrl-C, SIGTERM or SIGHUP stops the proxy in order: it stops accepting connections, answers \
            the exchanges under way (waiting up to 4 s for them in all), then closes the journal into the \
            cassette by a rename, however long the recording: the previous file stays intact until then. \
            A second signal, or SIGQUIT, stops at once. After any death (kill -9, an OOM kill, a full \
            disk), the next start with the same cassette recovers every exchange whose record is \
            complete into it and says how many were cut; --recover does only that. One recorder at a \
            time holds a cassette: a second is refused. A cassette path that cannot be written is \
            refused before the proxy listens; temporary files a killed write left beside the cassette \
            are removed at start, and named.

            The client's Host header is replaced by the upstream's when it names the proxy (loopback); \
            any other Host goes upstream unchanged. So a client whose signature covers Host (AK/SK \
            schemes) sets Host to the upstream's address before signing, and the signature still holds.

            Redaction knows every provider profile (the built-in ones plus --contracts or \
            Scenarios/contracts): the values of the credential variables they name are scrubbed \
            wherever they appear, with their extra names and shapes (docs/providers.md).

            With --forward instead of --upstream it is a forward proxy: the client keeps its real \
            endpoints and sets HTTPS_PROXY to the printed address; HTTPS is intercepted with \
            certificates from the local CA (tapedeck ca), which the client must trust. Upstream \
            certificates are verified against the system's CAs, or --upstream-cacert.
            """
    )

    @Option(help: "The API to record (a real provider, or the simulator); not with --forward.")
    var upstream: String?

    @Option(help: "The cassette file to write.")
    var cassette: String?

    @Option(help: ArgumentHelp("Recover into CASSETTE what a recorder that stopped before it saved left beside it, then exit.", valueName: "CASSETTE"))
    var recover: String?

    @Flag(help: "Write each exchange and force it to disk before its client has the end of the answer (slower), not only once a second.")
    var fsyncEachExchange = false

    @OptionGroup var listen: ListenOptions

    @OptionGroup var redaction: RedactionOptions

    @OptionGroup var times: TimeOptions

    /// The record modes `record` takes.
    enum Mode: String, CaseIterable, ExpressibleByArgument {
        case all, missing

        var recordMode: RecordMode { self == .all ? .all : .missing }
    }

    @OptionGroup var forwarding: ForwardOptions

    @OptionGroup var resources: ResourceOptions

    @Option(help: "all: record every exchange anew; missing: keep what the cassette has and record only what it lacks.")
    var mode = Mode.all

    func validate() throws {
        guard (cassette == nil) != (recover == nil) else {
            throw ValidationError("pass --cassette PATH to record, or --recover PATH to recover an unfinished recording, one of the two")
        }
        guard recover != nil || (upstream == nil) == forwarding.forward else {
            throw ValidationError("pass --upstream URL (a reverse proxy) or --forward (a forward proxy), one of the two")
        }
    }

    func run() async throws {
        if let recover {
            let recovered = try CassetteJournal.recover(URL(fileURLWithPath: recover))
            print(recovered?.note(cassette: recover) ?? "nothing to recover beside \(recover)")
            return
        }
        let termination = Termination.arm()
        let recordMode = mode.recordMode
        let cassette = self.cassette ?? ""
        let file = URL(fileURLWithPath: cassette)
        // Every profile whose scheme signs Host re-signs what a client signed for this proxy, with the keys its variables hold.
        let resigners = HostResigner.all(in: try redaction.profiles())
        let configuration = try resources.applied(
            to: CassetteServer.Configuration(
                cassettes: [file], mode: recordMode, upstream: try upstream.map(ServeCommand.url), redactor: try redaction.redactor(),
                resigners: resigners, forward: try forwarding.proxy(), upstreamTrust: forwarding.upstreamTrust, syncsEveryExchange: fsyncEachExchange,
                log: ServeCommand.logToStandardError))
        // Every replay index the server builds takes the time options.
        let server = try TimeMatching.$current.withValue(try times.timeMatching(profiles: redaction.profiles())) {
            try CassetteServer(configuration: configuration)
        }
        try await listen.bind(forwarding: forwarding) { try await server.start(host: $0, port: $1) }
        if let proxy = configuration.forward {
            print("Recording through the forward proxy http://\(listen.host):\(server.port) into \(cassette). Ctrl-C saves and stops.")
            print(ForwardOptions.describe(proxy, host: listen.host, port: server.port))
        } else {
            print("Recording http://\(listen.host):\(server.port) -> \(upstream ?? "") into \(cassette). Ctrl-C saves and stops.")
        }
        if let resigner = resigners.first(where: \.canSign) {
            print(
                "Requests signed with \(resigner.scheme.summary) for this proxy's address are re-signed for the upstream with "
                    + "\(resigner.variables).")
        } else if let resigner = resigners.first {
            print(
                "No \(resigner.variables): a request signed with \(resigner.scheme.summary) for this proxy's address goes upstream as signed, "
                    + "and a real upstream refuses it.")
        }
        fflush(nil)
        // On a terminal, a running count; quiet through a pipe or in CI.
        let progress = ProgressLine("record")
        let counting = Task {
            while !Task.isCancelled {
                progress.show("\(server.recorded) exchanges recorded")
                try? await Task.sleep(for: .seconds(1))
            }
        }
        await termination.wait()
        counting.cancel()
        progress.finish()
        let summary = try await server.stop()
        print(ServeCommand.describe(summary, cassette: cassette))
    }
}
