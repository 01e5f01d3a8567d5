import ArgumentParser
import Foundation
import TapedeckServer

/// The forward proxy's options, shared by `record` and `serve`, and how the proxy trusts its upstreams.
struct ForwardOptions: ParsableArguments {
    @Flag(help: "Be a forward proxy (HTTPS_PROXY): absolute URLs and CONNECT, HTTPS intercepted with the local CA's certificates.")
    var forward = false

    @Option(
        name: .customLong("intercept"), parsing: .upToNextOption,
        help: "With --forward: the hosts to intercept (*.example.com for a domain's); any other host is a plain tunnel, not recorded. Default: all.")
    var intercepted: [String] = []

    @OptionGroup var authority: CAOptions

    @Option(name: .customLong("upstream-cacert"), help: "Verify upstream certificates against the CAs in this PEM file instead of the system's.")
    var upstreamCACert: String?

    @Flag(name: .customLong("insecure-upstream"), help: "Accept any upstream certificate, unverified (a test upstream only).")
    var insecureUpstream = false

    @Flag(
        name: .customLong("allow-open-proxy"),
        help: "With --forward and a --host other than loopback: accept that anyone who reaches the address may send traffic through the proxy.")
    var allowsOpenProxy = false

    func validate() throws {
        if upstreamCACert != nil, insecureUpstream {
            throw ValidationError("--upstream-cacert and --insecure-upstream exclude each other: verify against the file, or do not verify")
        }
        if !intercepted.isEmpty, !forward { throw ValidationError("--intercept takes --forward") }
        for pattern in intercepted { try Self.validate(intercept: pattern) }
    }

    /// Refuses an `--intercept` pattern that names no host: an empty one, `*` alone (every
    /// host is the default: leave --intercept out), or a `*` anywhere but a leading `*.`.
    static func validate(intercept pattern: String) throws {
        let domain = pattern.hasPrefix("*.") ? String(pattern.dropFirst(2)) : pattern
        guard !domain.isEmpty, !domain.contains("*"), !domain.hasPrefix("."), !domain.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ValidationError(
                "--intercept takes a host (api.example.com) or a domain's hosts (*.example.com), not \"\(pattern)\"; "
                    + "to intercept every host, leave --intercept out")
        }
    }

    var upstreamTrust: UpstreamTrust {
        if insecureUpstream { return .insecure }
        return upstreamCACert.map { .certificates(URL(fileURLWithPath: $0)) } ?? .system
    }

    /// The forward proxy's configuration, its CA created when there is none; `nil` without `--forward`.
    /// - Throws: `InputError` naming the CA folder when it cannot be created or read.
    func proxy() throws -> CassetteServer.ForwardProxy? {
        guard forward else { return nil }
        return CassetteServer.ForwardProxy(authority: try authority.load(), intercept: intercepted)
    }

    /// What the forward proxy prints at start: the line to export, and the CA to trust.
    static func describe(_ proxy: CassetteServer.ForwardProxy, host: String, port: Int) -> String {
        let address = "http://\(host):\(port)"
        return """
            export HTTPS_PROXY=\(address) HTTP_PROXY=\(address)
            \(proxy.authority.trustGuide(proxy: address))
            Intercepted: \(proxy.intercept.isEmpty ? "every host" : proxy.intercept.joined(separator: ", ")) (other hosts: a plain tunnel, not recorded)
            """
    }
}
