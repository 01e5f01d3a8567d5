import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM, caught from the moment `arm()` returns, so a
/// server command can stop cleanly (and a recording proxy save its cassette)
/// instead of dying mid-write. A server command arms it before it starts
/// listening: a signal that arrives before `wait()` is kept, not lost. A second
/// signal ends the process at once (a long cassette write included: writes are
/// atomic, so the previous cassette stays intact).
final class Termination: @unchecked Sendable {
    // @unchecked Sendable: `sources` is set once in `init` and only kept alive
    // afterwards (never touched again); `state` lives behind its Mutex.
    private enum State {
        case armed
        case waiting(CheckedContinuation<Void, Never>)
        case signalled
    }

    private let state = Mutex(State.armed)
    /// The dispatch sources, kept alive as long as the termination is.
    private let sources: [any DispatchSourceSignal]

    private init() {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
    }

    /// Starts catching SIGINT and SIGTERM.
    static func arm() -> Termination {
        let termination = Termination()
        for source in termination.sources {
            source.setEventHandler { [weak termination] in termination?.signalled() }
            source.resume()
        }
        return termination
    }

    /// Returns once SIGINT or SIGTERM has arrived (at once if one already did), saying so.
    func wait() async {
        defer {
            print("stopping: finishing what is under way (Ctrl-C again stops at once)")
            fflush(nil)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                guard case .armed = state else { return true }
                state = .waiting(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func signalled() {
        let (waiting, again) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Bool) in
            defer { state = .signalled }
            switch state {
            case .armed: return (nil, false)
            case .waiting(let continuation): return (continuation, false)
            case .signalled: return (nil, true)
            }
        }
        if again {
            FileHandle.standardError.write(Data("stopped at a second signal; a cassette being written keeps its previous contents\n".utf8))
            exit(130)
        }
        waiting?.resume()
    }
}
