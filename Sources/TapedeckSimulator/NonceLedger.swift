import Foundation

/// The `SignatureNonce` values seen, kept only while a request carrying one
/// could still pass the `Timestamp` freshness check: a nonce older than that
/// window can never be replayed successfully, so it is forgotten and memory
/// stays bounded by the traffic of two windows.
struct NonceLedger: Sendable {
    let window: TimeInterval
    private var current: Set<String> = []
    private var previous: Set<String> = []
    private var rotated: Date

    init(window: TimeInterval, now: Date) {
        self.window = window
        rotated = now
    }

    /// Records `nonce`; false when it was already seen within the window.
    mutating func insert(_ nonce: String, at now: Date) -> Bool {
        let elapsed = now.timeIntervalSince(rotated)
        if elapsed >= window {
            previous = elapsed >= 2 * window ? [] : current
            current = []
            rotated = now
        }
        if previous.contains(nonce) { return false }
        return current.insert(nonce).inserted
    }

    /// How many nonces are remembered.
    var count: Int { current.count + previous.count }
}
