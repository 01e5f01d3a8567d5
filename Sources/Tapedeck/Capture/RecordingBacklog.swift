import Foundation

/// The exchanges waiting to be written, bounded in count and in bytes so that
/// memory, and the time a stop takes to write them, stay small whatever the load.
struct RecordingBacklog {
    /// At most this many exchanges wait, holding at most `maximumBytes` of bodies between them.
    static let maximumCount = 64
    static let maximumBytes = 4 << 20
    var count = 0
    var bytes = 0

    /// Takes an exchange of `size` bytes when there is room for it.
    mutating func admit(_ size: Int) -> Bool {
        guard count < Self.maximumCount, bytes + size <= Self.maximumBytes else { return false }
        count += 1
        bytes += size
        return true
    }

    mutating func release(_ size: Int) {
        count -= 1
        bytes -= size
    }

    /// The bytes a body holds in memory (a request's JSON is written out to count it: such bodies are small).
    static func size(of body: RecordedBody) -> Int {
        switch body.content {
        case .empty: 0
        case .text(let text): text.utf8.count
        case .binary(let data): data.count
        case .json: body.data.count
        }
    }
}
