import ArgumentParser
import Foundation
import TapedeckHTTP
import TapedeckServer

/// The bounds a server command holds its resources to, shared by `serve` and `record`
/// (docs/server.md lists the defaults).
struct ResourceOptions: ParsableArguments {
    @Option(
        name: .customLong("max-recorded-body"),
        help:
            "The most bytes of an answer's body a recording keeps (K, M, G: binary units); past it the answer is relayed whole and recorded truncated, with a Tapedeck-Truncated header. Default: 256M."
    )
    var maximumRecordedBody = "256M"

    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a connection (or a plain CONNECT tunnel) may carry nothing before it is closed.")
    var idleTimeout = 60

    @Option(
        name: .customLong("certificate-cache"),
        help: "With --forward: how many hosts' certificates are kept (the least recently used are minted again).")
    var certificateCache = 1_000

    func validate() throws {
        _ = try bytes()
        guard (1...86_400).contains(idleTimeout) else {
            throw ValidationError("--idle-timeout is a number of seconds from 1 to 86400, not \(idleTimeout)")
        }
        guard (1...1_000_000).contains(certificateCache) else {
            throw ValidationError("--certificate-cache is a number of hosts from 1 to 1000000, not \(certificateCache)")
        }
    }

    /// `configuration` with these bounds.
    func applied(to configuration: CassetteServer.Configuration) throws -> CassetteServer.Configuration {
        var bounded = configuration
        bounded.maximumRecordedBody = try bytes()
        bounded.limits.idleTimeoutSeconds = Int64(idleTimeout)
        bounded.certificateCacheSize = certificateCache
        return bounded
    }

    /// `--max-recorded-body` in bytes: a number with an optional K, M or G (binary units, an optional `iB`).
    func bytes() throws -> Int {
        let text = maximumRecordedBody.uppercased().replacingOccurrences(of: "IB", with: "")
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30]
        let shift = text.last.flatMap { shifts[$0] } ?? 0
        let digits = shift == 0 ? text : String(text.dropLast())
        guard let count = Int(digits), count >= 0, count <= (Int.max >> 31) else {
            throw ValidationError("--max-recorded-body is a number of bytes with an optional K, M or G (such as 256M), not \"\(maximumRecordedBody)\"")
        }
        return count << shift
    }
}
