import ArgumentParser
import Foundation
import Tapedeck
import TapedeckProviders
import TapedeckServer

/// `tapedeck record`: a recording reverse proxy in front of a real API.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a client's traffic through a reverse proxy into a cassette.",
        discussion: """
            Point the client's base URL at the printed address instead of the upstream's. Every request \
            is forwarded to --upstream and the exchange recorded; concurrent clients are all recorded. \
            Answers stream to the client as they arrive. Until the proxy stops, the recording waits on \
            disk, encrypted under a key held only in memory, so memory does not grow with it. \
            Ctrl-C (or SIGTERM) stops the proxy in order: it stops accepting connections, answers the \
            exchanges under way (waiting up to 4 s for them in all), then writes the cassette, redacted, \
            atomically: the previous file stays intact until the new one is complete. A second Ctrl-C \
            stops at once. A cassette path \
            that cannot be written is refused before the proxy listens; temporary files a killed write \
            left beside the cassette are removed at start, and named.

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
    var cassette: String

    @OptionGroup var listen: ListenOptions

    @OptionGroup var redaction: RedactionOptions

    /// The record modes `record` takes.
    enum Mode: String, CaseIterable, ExpressibleByArgument {
        case all, missing

        var recordMode: RecordMode { self == .all ? .all : .missing }
    }

    @OptionGroup var forwarding: ForwardOptions

    @OptionGroup var resources: ResourceOptions

    @Option(help: "all: record every exchange anew; missing: keep what the cassette has and record only what it lacks.")
    var mode = Mode.all

    func run() async throws {
        let termination = Termination.arm()
        let recordMode = mode.recordMode
        guard (upstream == nil) == forwarding.forward else {
            throw ValidationError("pass --upstream URL (a reverse proxy) or --forward (a forward proxy), one of the two")
        }
        let file = URL(fileURLWithPath: cassette)
        // Of the profiles' credentials, AK/SK keys re-sign what a client signed (Host included) for this proxy.
        var resigner: HuaweiAKSKSigner?
        for profile in try redaction.profiles().profiles {
            if case .huaweiAccessKey(let accessKey, let secretKey)? = ProviderCredentials.fromEnvironment(for: profile)?.kind {
                resigner = HuaweiAKSKSigner(accessKey: accessKey, secretKey: secretKey)
                break
            }
        }
        let configuration = try resources.applied(to: CassetteServer.Configuration(
            cassettes: [file], mode: recordMode, upstream: try upstream.map(ServeCommand.url), redactor: try redaction.redactor(),
            resigner: resigner, forward: try forwarding.proxy(), upstreamTrust: forwarding.upstreamTrust, log: ServeCommand.logToStandardError))
        let server = try CassetteServer(configuration: configuration)
        try await listen.bind(forwarding: forwarding) { try await server.start(host: $0, port: $1) }
        if let proxy = configuration.forward {
            print("Recording through the forward proxy http://\(listen.host):\(server.port) into \(cassette). Ctrl-C saves and stops.")
            print(ForwardOptions.describe(proxy, host: listen.host, port: server.port))
        } else {
            print("Recording http://\(listen.host):\(server.port) -> \(upstream ?? "") into \(cassette). Ctrl-C saves and stops.")
        }
        print(
            resigner == nil
                ? "No HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK: a request signed (SDK-HMAC-SHA256) for this proxy's address goes upstream as signed, and a real upstream refuses it."
                : "Requests signed (SDK-HMAC-SHA256) for this proxy's address are re-signed for the upstream with HUAWEICLOUD_SDK_AK.")
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
