import Foundation
import Synchronization

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal, a dropped SSH
/// session), caught from the moment `arm()` returns, so a server command stops
/// in order (and a recording proxy saves its cassette). A server command arms it
/// before it starts listening: a signal that arrives before `wait()` is kept,
/// not lost. A second signal, or SIGQUIT, ends the process at once: what was
/// recorded is already on disk, redacted, and the next start recovers it.
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

    /// The signals that stop a server command in order.
    private static let stopping = [SIGINT, SIGTERM, SIGHUP]

    private init() {
        for number in Self.stopping + [SIGQUIT] { signal(number, SIG_IGN) }
        // A terminal that went away must not end the process at its next line of output.
        signal(SIGPIPE, SIG_IGN)
        sources = (Self.stopping + [SIGQUIT]).map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
    }

    /// Starts catching SIGINT, SIGTERM, SIGHUP and SIGQUIT.
    static func arm() -> Termination {
        let termination = Termination()
        for (number, source) in zip(stopping + [SIGQUIT], termination.sources) {
            source.setEventHandler { [weak termination] in
                if number == SIGQUIT { Self.exitAtOnce("SIGQUIT", status: 128 + SIGQUIT) }
                termination?.signalled()
            }
            source.resume()
        }
        return termination
    }

    /// Ends the process now, saying what becomes of a recording.
    private static func exitAtOnce(_ cause: String, status: Int32) -> Never {
        let note = "stopped at once (\(cause)); what was recorded is on disk, redacted, and the next start with the same cassette recovers it\n"
        FileHandle.standardError.write(Data(note.utf8))
        exit(status)
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
        if again { Self.exitAtOnce("a second signal", status: 130) }
        waiting?.resume()
    }
}
