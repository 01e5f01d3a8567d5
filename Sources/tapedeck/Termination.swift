import Foundation

/// Waiting for Ctrl-C (SIGINT) or SIGTERM, so a server command can stop cleanly
/// (and a recording proxy save its cassette) instead of dying mid-write.
enum Termination {
    /// Returns on SIGINT or SIGTERM.
    static func wait() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
            let once = OnceFlag()
            for source in sources {
                source.setEventHandler {
                    if once.set() { continuation.resume() }
                }
                source.resume()
            }
            SignalSources.keep(sources)
        }
    }
}

/// Keeps the signal sources alive for the life of the process.
private enum SignalSources {
    nonisolated(unsafe) static var retained: [any DispatchSourceSignal] = []
    static func keep(_ sources: [any DispatchSourceSignal]) { retained = sources }
}

/// True the first time only.
private final class OnceFlag: @unchecked Sendable {
    // @unchecked Sendable: the flag is only touched under the lock.
    private let lock = NSLock()
    private var done = false
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
