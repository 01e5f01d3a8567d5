import ArgumentParser

/// Where a server command listens.
struct ListenOptions: ParsableArguments {
    @Option(help: "The address to bind; keep 127.0.0.1 unless you mean to expose it.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one; the URL is printed).")
    var port = 0
}
