import NIOCore
import Synchronization

/// The exchanges a server has begun answering and not yet finished, so that a
/// stop can happen in order: stop accepting, let what is in flight finish (or
/// give up on it after a bound), and only then shut the event loops down.
final class OpenExchanges: Sendable {
    /// One exchange's place in the count; ending it a second time does nothing.
    final class Token: Sendable {
        private let exchanges: OpenExchanges
        private let ended = Atomic(false)

        fileprivate init(_ exchanges: OpenExchanges) { self.exchanges = exchanges }

        /// The answer is complete, or its connection is gone.
        func end() {
            if !ended.exchange(true, ordering: .acquiringAndReleasing) { exchanges.ended() }
        }

        var isEnded: Bool { ended.load(ordering: .acquiring) }

        /// Whether the server is past waiting for its open exchanges.
        var serverIsClosing: Bool { exchanges.isClosing }
    }

    private struct State {
        var open = 0
        var drained: [CheckedContinuation<Void, Never>] = []
        var closing = false
    }

    private let state = Mutex(State())
    /// `state.closing`, readable without the lock on every part of every answer.
    private let closed = Atomic(false)

    /// Counts an exchange from the moment its request is complete.
    func begin() -> Token {
        state.withLock { $0.open += 1 }
        return Token(self)
    }

    /// Whether the event loops are being shut down: an answer that arrives now has nowhere to go.
    var isClosing: Bool { closed.load(ordering: .acquiring) }

    /// Returns when every open exchange has ended, or after `timeout`; then refuses late answers.
    func drain(within timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let now = self.state.withLock { state -> Bool in
                        if state.open == 0 || state.closing { return true }
                        state.drained.append(continuation)
                        return false
                    }
                    if now { continuation.resume() }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Release the waiter that lost the race, so the group can finish.
            let waiting = state.withLock { state in
                state.closing = true
                closed.store(true, ordering: .releasing)
                defer { state.drained = [] }
                return state.drained
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    private func ended() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open -= 1
            guard state.open == 0 else { return [] }
            defer { state.drained = [] }
            return state.drained
        }
        for continuation in waiting { continuation.resume() }
    }
}
