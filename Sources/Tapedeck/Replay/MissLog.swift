import Synchronization

/// The misses a replay has met: how many, and the reports of the first
/// `kept` (a server under a load of misses keeps no more).
package final class MissLog: Sendable {
    /// How many reports a log keeps.
    package static let kept = 1000

    private let state = Mutex<(reports: [CassetteMiss], count: Int)>(([], 0))

    package init() {}

    package func append(_ miss: CassetteMiss) {
        state.withLock { state in
            state.count += 1
            if state.reports.count < Self.kept { state.reports.append(miss) }
        }
    }

    /// The first reports, in order.
    package var reports: [CassetteMiss] { state.withLock { $0.reports } }

    /// How many misses there were in all.
    package var count: Int { state.withLock { $0.count } }

    package func clear() { state.withLock { $0 = ([], 0) } }
}
