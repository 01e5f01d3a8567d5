import Synchronization
import Tapedeck

/// The requests a server answered, newest last, bounded so that a long run
/// under load keeps a fixed amount of memory: past `capacity` entries or
/// `maximumBytes` of them the oldest go, and a long URI is kept shortened.
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
        /// The entries kept start at `start`; those before it are gone, and compacted away now and then.
        var entries: [Entry] = []
        var start = 0
        var total = 0
        var bytes = 0
    }

    /// The longest URI an entry or a log line keeps (longer ones are cut at a boundary and say how much is left out).
    static let maximumURI = 2_048
    /// What an entry costs besides its method and URI, roughly.
    private static let entryOverhead = 64

    let capacity: Int
    let maximumBytes: Int
    private let state = Mutex(State())

    init(capacity: Int = 10_000, maximumBytes: Int = 4 << 20) {
        self.capacity = capacity
        self.maximumBytes = maximumBytes
    }

    func append(method: String, uri: String, status: Int, outcome: Outcome, source: InteractionSource?) {
        let uri = Self.shortened(uri)
        let method = Self.shortened(method)
        state.withLock { state in
            let entry = Entry(sequence: state.total + 1, method: method, uri: uri, status: status, outcome: outcome, source: source)
            state.total += 1
            state.entries.append(entry)
            state.bytes += Self.cost(of: entry)
            while state.entries.count - state.start > capacity || state.bytes > maximumBytes, state.start < state.entries.count - 1 {
                state.bytes -= Self.cost(of: state.entries[state.start])
                state.start += 1
            }
            if state.start > 1_024, state.start * 2 > state.entries.count {
                state.entries.removeFirst(state.start)
                state.start = 0
            }
        }
    }

    private static func cost(of entry: Entry) -> Int { entry.uri.utf8.count + entry.method.utf8.count + entryOverhead }

    /// `uri` at most `maximumURI` bytes long: cut before a `/`, `?` or `&` (so that every
    /// query parameter kept is whole, and the redactor still knows its name), with a note of
    /// how many bytes were left out.
    static func shortened(_ uri: String) -> String {
        let bytes = Array(uri.utf8)
        guard bytes.count > maximumURI else { return uri }
        let boundaries: Set<UInt8> = [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "&")]
        let cut = bytes[1..<maximumURI].lastIndex { boundaries.contains($0) } ?? 0
        return String(decoding: bytes[..<cut], as: UTF8.self) + "…(\(bytes.count - cut) more bytes)"
    }

    func clear() { state.withLock { $0 = State() } }

    /// `{"total": n, "dropped": n, "requests": [...]}`, each target passed through `shown`
    /// (the server's redaction: the journal keeps targets as they came, secrets included, in memory only).
    func json(showing shown: (String) -> String) -> JSONValue {
        let (entries, total) = state.withLock { state in
            (Array(state.entries[state.start...]), state.total)
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
