import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interactions recorded and not yet written to their cassette, kept on disk so
/// that a long recording does not grow in memory. They are not redacted yet (a
/// secret first seen later must be scrubbed from earlier interactions too), so
/// each is sealed with AES-GCM under a key that lives only in memory, in a file
/// removed from its folder as soon as it is opened: nothing readable reaches the
/// disk, and a crash leaves nothing behind. When the disk refuses a write, that
/// interaction and those after it are kept in memory instead: none is lost.
final class InteractionSpool: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable`), never written anywhere.
    private let keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    private let descriptor: Int32
    private let state = Mutex(State())

    private struct State {
        /// Where each sealed record starts, and its length.
        var records: [(offset: Int64, length: Int)] = []
        var end: Int64 = 0
        /// Interactions after the first write the disk refused.
        var inMemory: [Interaction] = []
        var highestPlaceholder = 0
    }

    /// Opens an anonymous spool file in `folder`.
    /// - Throws: `InputError` when no file can be made there.
    init(in folder: URL) throws(InputError) {
        let path = folder.appendingPathComponent(".tapedeck-spool-\(UUID().uuidString)").path
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw InputError(file: path, expected: "a writable folder for the recording's spool", found: String(cString: strerror(errno)))
        }
        unlink(path)
    }

    deinit { close(descriptor) }

    /// How many interactions the spool holds.
    var count: Int { state.withLock { $0.records.count + $0.inMemory.count } }

    /// The highest `n` of a placeholder `REDACTED-<kind>-<n>` in the spooled
    /// interactions' URLs, headers and bodies (0 when none), for numbering new ones after it.
    var highestPlaceholder: Int { state.withLock { $0.highestPlaceholder } }

    /// Adds `interaction` after the others.
    func append(_ interaction: Interaction) {
        let highest = PlaceholderTable.highestNumber(in: [interaction])
        let plain = JSONWriter().bytes(from: interaction.jsonValue)
        let sealed = try? AES.GCM.seal(plain, using: key).combined
        state.withLock { state in
            state.highestPlaceholder = max(state.highestPlaceholder, highest)
            guard state.inMemory.isEmpty, let sealed, Self.write(sealed, to: descriptor, at: state.end) else {
                return state.inMemory.append(interaction)
            }
            state.records.append((state.end, sealed.count))
            state.end += Int64(sealed.count)
        }
    }

    /// Calls `body` with each interaction, in the order they were appended.
    /// - Throws: what `body` throws, or `InputError` when a record no longer reads back.
    func forEach(_ body: (Interaction) throws -> Void) throws {
        let (records, inMemory) = state.withLock { ($0.records, $0.inMemory) }
        for (number, record) in records.enumerated() {
            var sealed = [UInt8](repeating: 0, count: record.length)
            let read = sealed.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, record.length, off_t(record.offset)) }
            let source = "the recording spool, interaction \(number)"
            guard read == record.length else {
                throw InputError(file: source, expected: "\(record.length) bytes", found: "\(read) (\(String(cString: strerror(errno))))")
            }
            let plain: Data
            do {
                plain = try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key)
            } catch {
                throw InputError(file: source, expected: "a record sealed by this process", found: "one that does not authenticate")
            }
            let value: JSONValue
            do {
                value = try JSONParser.parse(plain)
            } catch {
                throw InputError(file: source, parseError: error)
            }
            try body(Interaction(jsonValue: value, file: source))
        }
        for interaction in inMemory { try body(interaction) }
    }

    /// Writes all of `bytes` at `offset`; false when the disk refuses.
    private static func write(_ bytes: Data, to descriptor: Int32, at offset: Int64) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = pwrite(descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(offset) + off_t(written))
                if count <= 0 { return false }
                written += count
            }
            return true
        }
    }
}
