import Synchronization
import Tapedeck
import TapedeckProviders

/// Each task's JSON as its provider writes it, kept per drift set: a task's
/// rendering depends only on the task and the drifts in force, so a page is
/// assembled from stored bytes instead of building and writing a tree per request.
final class TaskRenderings: Sendable {
    /// The renderings under one provider and drift set, by task index: a page
    /// hashes its drift set once, not once per task.
    private struct Key: Hashable {
        var provider: ProviderID
        var drifts: Set<DriftKind>
    }

    /// Past this many stored renderings the store starts again (a bound on memory).
    private let capacity: Int
    private let store = Mutex<[Key: [Int: [UInt8]]]>([:])

    init(capacity: Int = 200_000) { self.capacity = capacity }

    /// `tasks` as a JSON array, each element written by `render` the first time it is needed.
    func array(
        of tasks: [SimulatedTask], provider: ProviderID, drifts: Set<DriftKind>, render: (SimulatedTask) -> JSONValue
    ) -> [UInt8] {
        let key = Key(provider: provider, drifts: drifts)
        var items = store.withLock { store in
            let stored = store[key]
            return tasks.map { stored?[$0.index] }
        }
        var fresh: [Int: [UInt8]] = [:]
        for (position, task) in tasks.enumerated() where items[position] == nil {
            let bytes = JSONWriter().bytes(from: render(task))
            items[position] = bytes
            fresh[task.index] = bytes
        }
        if !fresh.isEmpty {
            store.withLock { store in
                if store.values.reduce(fresh.count, { $0 + $1.count }) > capacity { store.removeAll(keepingCapacity: true) }
                store[key, default: [:]].merge(fresh) { _, new in new }
            }
        }
        var output: [UInt8] = [UInt8(ascii: "[")]
        output.reserveCapacity(items.reduce(2) { $0 + ($1?.count ?? 0) + 1 })
        for (position, item) in items.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: item ?? [])
        }
        output.append(UInt8(ascii: "]"))
        return output
    }
}
