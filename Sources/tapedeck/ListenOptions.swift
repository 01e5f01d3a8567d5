import ArgumentParser
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
    func bind(_ start: (String, Int) async throws -> Void) async throws {
        try await Self.bind(host: host, port: port, start)
    }

    /// Refuses a port outside 0-65535 (the kernel would silently take it modulo 65536).
    static func validate(port: Int) throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port is a TCP port from 0 to 65535 (0 picks a free one), not \(port)")
        }
    }

    static func bind(host: String, port: Int, _ start: (String, Int) async throws -> Void) async throws {
        do {
            try await start(host, port)
        } catch {
            throw InputError(
                file: "--host", expected: "an address of this machine to listen on, such as 127.0.0.1",
                found: "\"\(host)\" (port \(port)): \(error)")
        }
    }
}
