import ArgumentParser
import Foundation
import Tapedeck

/// Where a server command listens.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to bind; keep 127.0.0.1 unless you mean to expose it.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one; the URL is printed).")
    var port = 0

    func validate() throws {
        try Self.validate(port: port)
    }

    /// Starts a server on `host`:`port` through `start`.
    /// - Throws: `InputError` naming `--host` when the address cannot be bound (an unknown
    ///   name, an address of another machine, a port in use).
    /// - Throws: `ValidationError` for a forward proxy on an address other than loopback
    ///   without `--allow-open-proxy`.
    func bind(forwarding: ForwardOptions, _ start: (String, Int) async throws -> Void) async throws {
        if forwarding.forward, !forwarding.allowsOpenProxy, !Self.isLoopback(host) {
            throw ValidationError(
                "--host \(host) is not a loopback address: a forward proxy there is an open proxy, which anyone who reaches it can "
                    + "send traffic through into every network this machine reaches. Pass --allow-open-proxy if that is what you mean")
        }
        try await Self.bind(host: host, port: port, start)
    }

    /// Whether `host` is an address only this machine reaches: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if ["localhost", "::1", "0:0:0:0:0:0:0:1"].contains(bare.lowercased()) { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The warning a server on `host` prints at start when it is not loopback, naming the risk.
    static func exposureWarning(host: String) -> String? {
        guard !isLoopback(host) else { return nil }
        return "warning: --host \(host) is not a loopback address: anyone who can reach it over the network can read the recorded "
            + "answers, use the admin endpoints, and send requests to the upstream with this machine's access"
    }

    /// Refuses a port outside 0-65535 (the kernel would silently take it modulo 65536).
    static func validate(port: Int) throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port is a TCP port from 0 to 65535 (0 picks a free one), not \(port)")
        }
    }

    static func bind(host: String, port: Int, _ start: (String, Int) async throws -> Void) async throws {
        if let warning = exposureWarning(host: host) { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        do {
            try await start(host, port)
        } catch let error as InputError {
            // Another option's file (`--upstream-cacert`), named by its own error.
            throw error
        } catch {
            throw InputError(
                file: "--host", expected: "an address of this machine to listen on, such as 127.0.0.1",
                found: "\"\(host)\" (port \(port)): \(error)")
        }
    }
}
