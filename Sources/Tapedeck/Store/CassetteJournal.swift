import CZlib
package import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A recording as it is made, safe against the recorder's death: the cassette
/// being written, one redacted interaction at a time, in a file beside it
/// (`.<name>.recording`), and in a second file (`.<name>.recording-index`) each
/// record's offset, length and CRC-32. Closing appends the cassette's last
/// bracket and renames the file over the cassette, so a stop takes the same
/// time however long the recording is.
///
/// A recorder that dies (kill -9, an OOM kill, a lost terminal, power loss,
/// a full disk) leaves both files; `recover` makes every record whose checksum
/// holds into the cassette and counts the ones cut. An advisory lock on the
/// recording file, held from `open` until the rename, keeps a second recorder
/// out, and tells a live recording from a dead one's.
package final class CassetteJournal: @unchecked Sendable {
    // @unchecked Sendable: a journal is written from its recorder's one serial
    // queue only; the descriptors and offsets are never touched concurrently.

    /// What `recover` made of a recording its recorder left behind.
    package struct Recovery: Sendable, Equatable {
        /// New exchanges saved into the cassette.
        package var recovered: Int
        /// Records that were cut: written in part, or whose checksum failed.
        package var cut: Int

        /// What to tell the user.
        package func note(cassette: String) -> String {
            let cutNote = cut == 0 ? "" : "; \(cut) cut mid-write were left out"
            return recovered == 0
                ? "removed an unfinished recording of \(cassette) that held no new exchange\(cutNote)"
                : "recovered \(recovered) exchanges into \(cassette) from a recording that stopped before it saved\(cutNote)"
        }
    }

    private let cassette: URL
    private let data: Int32
    private let index: Int32
    private let paths: (data: URL, index: URL)
    /// Where the next record starts in each file; advanced only once a write is whole.
    private var dataEnd: Int64
    private var indexEnd: Int64
    /// Records written, the cassette's own kept ones included.
    private(set) var records = 0
    /// Where each record starts in the data file.
    private(set) var offsets: [Int64] = []
    private var unsynced = false
    /// Whether the descriptors are still open (not yet finished or discarded).
    private var isOpen = true
    private let writer = JSONWriter(style: .pretty())

    /// The two files of `cassette`'s recording.
    package static func paths(for cassette: URL) -> (data: URL, index: URL) {
        let folder = cassette.deletingLastPathComponent()
        let name = cassette.lastPathComponent
        return (folder.appendingPathComponent(".\(name).recording"), folder.appendingPathComponent(".\(name).recording-index"))
    }

    /// The cassette's opening, as `CassetteStore` writes it: version 1, which every
    /// reader reads, unless what it keeps holds HAR details. Both openings are as long.
    private static func opening(keeping kept: [Interaction]) -> [UInt8] {
        let version = kept.contains(where: \.keepsHARDetails) ? Cassette.formatVersion : 1
        return Array("{\n  \"version\": \(version),\n  \"interactions\": [".utf8)
    }

    private static let openingLength = opening(keeping: []).count

    /// Starts a recording of `cassette`, taking its lock, and writes `kept` (the
    /// interactions the cassette keeps, already redacted) as its first records.
    /// - Throws: `InputError` when another recorder holds the cassette, when a dead
    ///   recorder's recording is still there (recover it first), or when the folder
    ///   cannot be written.
    package init(recording cassette: URL, keeping kept: [Interaction]) throws(InputError) {
        self.cassette = cassette
        paths = Self.paths(for: cassette)
        let folder = cassette.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(
                file: cassette.path, expected: "a folder the recording can be written in",
                found: "\(folder.path) cannot be created (\(error.localizedDescription))")
        }
        data = try Self.lockedDescriptor(paths.data, cassette: cassette, creating: true)
        if Self.size(of: data) > 0 {
            closeFile(data)
            throw InputError(
                file: cassette.path, expected: "no unfinished recording beside the cassette",
                found: "\(paths.data.lastPathComponent), left by a recorder that stopped before it saved",
                hint: "Recover it first: tapedeck record --recover \(cassette.path)")
        }
        index = open(paths.index.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard index >= 0 else {
            let reason = String(cString: strerror(errno))
            unlink(paths.data.path)
            closeFile(data)
            throw InputError(file: paths.index.path, expected: "a writable folder for the recording", found: reason)
        }
        dataEnd = 0
        indexEnd = 0
        let header = "tapedeck-recording 1 pid=\(getpid()) kept=\(kept.count)\n"
        let opening = Self.opening(keeping: kept)
        guard Self.write(Array(header.utf8), to: index, at: 0), Self.write(opening, to: data, at: 0) else {
            let reason = String(cString: strerror(errno))
            discard()
            throw InputError(file: paths.data.path, expected: "room to start the recording", found: reason)
        }
        indexEnd = Int64(header.utf8.count)
        dataEnd = Int64(opening.count)
        for interaction in kept {
            guard append(interaction) else {
                let reason = String(cString: strerror(errno))
                discard()
                throw InputError(file: paths.data.path, expected: "room to start the recording", found: reason)
            }
        }
        sync()
    }

    /// Writes `interaction` as the next record; false, with nothing recorded, when the disk refuses.
    /// - Precondition: the interaction keeps to `CassetteBounds` (the recorder checks, and keeps aside what does not).
    @discardableResult
    package func append(_ interaction: Interaction) -> Bool {
        var bytes = Array((records == 0 ? "\n    " : ",\n    ").utf8)
        bytes += writer.bytes(from: interaction.jsonValue, indent: 2)
        let checksum = bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        let line = Array("\(dataEnd) \(bytes.count) \(String(checksum, radix: 16))\n".utf8)
        guard Self.write(bytes, to: data, at: dataEnd), Self.write(line, to: index, at: indexEnd) else { return false }
        offsets.append(dataEnd)
        dataEnd += Int64(bytes.count)
        indexEnd += Int64(line.count)
        records += 1
        unsynced = true
        return true
    }

    /// Forces what was written to the disk (at least once a second while recording).
    package func sync() {
        guard unsynced else { return }
        fsync(data)
        fsync(index)
        unsynced = false
    }

    /// The bytes of the records in `range` (separators included), for a look before `finish`.
    func bytes(of range: Range<Int>) -> Data {
        guard !range.isEmpty else { return Data() }
        let start = offsets[range.lowerBound]
        let end = range.upperBound < records ? offsets[range.upperBound] : dataEnd
        return Self.read(data, from: start, count: Int(end - start))
    }

    /// Calls `body` with the JSON text of each record, in order.
    func forEachRecord(_ body: (Data) throws -> Void) rethrows {
        for record in 0..<records {
            let bytes = self.bytes(of: record..<(record + 1))
            // Past the separator: a comma, a line break and the indent.
            try body(bytes.drop { $0 != UInt8(ascii: "{") })
        }
    }

    /// Ends the recording: the cassette's closing, then a rename over the cassette,
    /// which keeps the mode its owner gave it. The previous cassette stays whole until then.
    /// - Throws: `InputError` when the disk refuses; the recording stays for `recover`.
    package func finish() throws(InputError) {
        try Self.closeCassette(data: data, end: dataEnd, empty: records == 0, into: cassette, from: paths.data)
        unlink(paths.index.path)
        closeDescriptors()
    }

    /// Ends the recording, writing nothing: both files go.
    package func discard() {
        unlink(paths.data.path)
        unlink(paths.index.path)
        closeDescriptors()
    }

    /// A journal let go unfinished (its recorder given up mid-way) stays on disk for `recover`, its lock released.
    deinit { closeDescriptors() }

    private func closeDescriptors() {
        guard isOpen else { return }
        isOpen = false
        closeFile(index)
        closeFile(data)
    }

    /// Makes what a dead recorder left beside `cassette` into the cassette: every
    /// record whose checksum holds, in order, up to the first that does not.
    /// - Returns: what was recovered, or `nil` when there was nothing to recover.
    /// - Throws: `InputError` when a live recorder holds the cassette, or when the
    ///   disk refuses the recovered cassette (the recording stays as it was).
    package static func recover(_ cassette: URL) throws(InputError) -> Recovery? {
        let paths = paths(for: cassette)
        guard FileManager.default.fileExists(atPath: paths.data.path) else { return nil }
        let data = try lockedDescriptor(paths.data, cassette: cassette, creating: false)
        let lines = (try? String(contentsOf: paths.index, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        let header = lines.first.map(String.init) ?? ""
        let kept = header.split(separator: " ").first { $0.hasPrefix("kept=") }.flatMap { Int($0.dropFirst(5)) } ?? 0
        // The opening, then each record whose line is whole and whose bytes check.
        var end = Int64(openingLength)
        var valid = 0
        var cut = 0
        let size = Self.size(of: data)
        for line in lines.dropFirst() where !line.isEmpty {
            let fields = line.split(separator: " ")
            guard cut == 0, fields.count == 3, let offset = Int64(fields[0]), let length = Int(fields[1]), let checksum = UInt(fields[2], radix: 16),
                offset == end, offset + Int64(length) <= size
            else {
                cut += 1
                continue
            }
            let bytes = read(data, from: offset, count: length)
            let actual = bytes.withUnsafeBytes { crc32(0, $0.bindMemory(to: UInt8.self).baseAddress, uInt(length)) }
            guard actual == checksum else {
                cut += 1
                continue
            }
            end = offset + Int64(length)
            valid += 1
        }
        // Bytes after the last whole record, with no line of their own: one record cut mid-write.
        if cut == 0, size > end { cut = 1 }
        guard valid > kept else {
            unlink(paths.data.path)
            unlink(paths.index.path)
            closeFile(data)
            return Recovery(recovered: 0, cut: cut)
        }
        try closeCassette(data: data, end: end, empty: false, into: cassette, from: paths.data)
        unlink(paths.index.path)
        closeFile(data)
        return Recovery(recovered: valid - kept, cut: cut)
    }

    /// Cuts the data file at `end`, closes the cassette's array and object, forces
    /// it to the disk and renames it over `cassette`.
    private static func closeCassette(data: Int32, end: Int64, empty: Bool, into cassette: URL, from path: URL) throws(InputError) {
        let closing = Array((empty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        guard ftruncate(data, off_t(end)) == 0, write(closing, to: data, at: end), fsync(data) == 0 else {
            throw InputError(
                file: cassette.path, expected: "room on the disk to close the cassette", found: String(cString: strerror(errno)),
                hint: "The recording is kept in \(path.path): free some space and run tapedeck record --recover \(cassette.path)")
        }
        var status = stat()
        if stat(cassette.path, &status) == 0 { fchmod(data, status.st_mode & 0o7777) }
        guard rename(path.path, cassette.path) == 0 else {
            throw InputError(
                file: cassette.path, expected: "a cassette path the recording can be renamed to", found: String(cString: strerror(errno)),
                hint: "The recording is kept in \(path.path): run tapedeck record --recover \(cassette.path) once the path is writable")
        }
        // The rename itself reaches the disk with its folder.
        let folder = open(cassette.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            closeFile(folder)
        }
    }

    /// Opens `path` and takes its lock without waiting.
    /// - Throws: `InputError` naming the cassette when another recorder holds it.
    private static func lockedDescriptor(_ path: URL, cassette: URL, creating: Bool) throws(InputError) -> Int32 {
        let descriptor = open(path.path, O_RDWR | O_CLOEXEC | (creating ? O_CREAT : 0), 0o666)
        guard descriptor >= 0 else {
            throw InputError(file: path.path, expected: "a writable folder for the recording", found: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            closeFile(descriptor)
            let index = (try? String(contentsOf: paths(for: cassette).index, encoding: .utf8))?.split(separator: "\n").first ?? ""
            let owner = index.split(separator: " ").first { $0.hasPrefix("pid=") }.map { " (process \($0.dropFirst(4)))" } ?? ""
            throw InputError(
                file: cassette.path, expected: "a cassette no other recorder is writing", found: "another recorder is recording into it\(owner)",
                hint: "Stop that recorder first, or record into another cassette")
        }
        return descriptor
    }

    private static func size(of descriptor: Int32) -> Int64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : 0
    }

    private static func read(_ descriptor: Int32, from offset: Int64, count: Int) -> Data {
        var bytes = Data(count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read == count ? bytes : Data()
    }

    /// Writes all of `bytes` at `offset`; false when the disk refuses.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int64) -> Bool {
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

/// Closes a file descriptor (the C function, which the journal's own names would hide).
private func closeFile(_ descriptor: Int32) { _ = close(descriptor) }
