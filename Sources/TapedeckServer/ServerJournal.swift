import Synchronization
import Tapedeck

/// The requests a server answered, newest last, bounded so that a long run
/// under load keeps a fixed amount of memory: past `capacity` the oldest go.
final class ServerJournal: Sendable {
    /// What became of one request.
    enum Outcome: String {
        case replayed, recorded, miss, failed, admin
    }

    struct Entry {
        var sequence: Int
        var method: String
        var uri: String
        var status: Int
        var outcome: Outcome
        /// The cassette and interaction that answered, when one did.
        var source: InteractionSource?
    }

    private struct State {
        var entries: [Entry] = []
        var start = 0
        var total = 0
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func append(method: String, uri: String, status: Int, outcome: Outcome, source: InteractionSource?) {
        state.withLock { state in
            let entry = Entry(sequence: state.total + 1, method: method, uri: uri, status: status, outcome: outcome, source: source)
            state.total += 1
            if state.entries.count < capacity {
                state.entries.append(entry)
            } else {
                state.entries[state.start] = entry
                state.start = (state.start + 1) % capacity
            }
        }
    }

    func clear() { state.withLock { $0 = State() } }

    /// `{"total": n, "dropped": n, "requests": [...]}`, each target passed through `shown`
    /// (the server's redaction: the journal keeps targets as they came, secrets included, in memory only).
    func json(showing shown: (String) -> String) -> JSONValue {
        let (entries, total) = state.withLock { state in
            (Array(state.entries[state.start...] + state.entries[..<state.start]), state.total)
        }
        return .object(
            JSONObject([
                .init(key: "total", value: .number(String(total))),
                .init(key: "dropped", value: .number(String(total - entries.count))),
                .init(key: "requests", value: .array(entries.map { $0.json(showing: shown) })),
            ]))
    }
}

extension ServerJournal.Entry {
    func json(showing shown: (String) -> String) -> JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "sequence", value: .number(String(sequence))), .init(key: "method", value: .string(method)),
            .init(key: "uri", value: .string(shown(uri))), .init(key: "status", value: .number(String(status))),
            .init(key: "outcome", value: .string(outcome.rawValue)),
        ]
        if let source { members.append(.init(key: "interaction", value: source.json)) }
        return .object(JSONObject(members))
    }
}
