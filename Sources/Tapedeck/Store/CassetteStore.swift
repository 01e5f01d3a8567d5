public import Foundation

/// Where cassettes live, and how they are read and written: names are resolved
/// under one root and may not escape it; writes are atomic (a temporary file in
/// the same folder, flushed, then renamed), so a crash or a kill mid-write
/// leaves the previous cassette intact.
public struct CassetteStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The file for a cassette name such as `huawei-iotda/marker-walk` (`.json` added unless it ends in `.json` or `.har`).
    /// - Throws: `InputError` when the name is absolute or escapes the root.
    public func url(for name: String) throws(InputError) -> URL {
        let file = name.hasSuffix(".json") || name.lowercased().hasSuffix(".har") ? name : name + ".json"
        guard !file.hasPrefix("/"), !file.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }), !file.isEmpty
        else {
            throw InputError(
                file: name, expected: "a cassette name below \(root.path) (no leading '/', no '..')", found: "\"\(name)\"")
        }
        let url = root.appendingPathComponent(file).standardizedFileURL
        let resolvedRoot = root.resolvingSymlinksInPath().path
        let resolvedParent = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        guard resolvedParent == resolvedRoot || resolvedParent.hasPrefix(resolvedRoot + "/") else {
            throw InputError(
                file: name, expected: "a cassette inside \(root.path)", found: "a path that leads to \(resolvedParent)",
                hint: "A symbolic link under the cassette folder points outside it")
        }
        return url
    }

    /// Reads the cassette at `url`. A `.har` file is a cassette too: its whole exchanges,
    /// imported with `redactor`'s redaction (entries that are not whole exchanges left out).
    /// - Throws: `InputError` naming the file and the line or JSON path.
    public static func load(_ url: URL, redactor: Redactor = .standard) throws(InputError) -> Cassette {
        try loadReporting(url, redactor: redactor).cassette
    }

    /// Reads the cassette at `url`, with the warnings of a `.har` file's import (entries left out, values repaired).
    /// - Throws: `InputError` naming the file and the line or JSON path.
    public static func loadReporting(_ url: URL, redactor: Redactor = .standard) throws(InputError) -> (cassette: Cassette, warnings: [String]) {
        let data = try InputError.read(url, expecting: "a readable cassette file")
        guard isHAR(url) else { return (try Cassette(jsonData: data, file: url.path), []) }
        let imported = try HARImporter(redactor: redactor).importing(data, file: url.path)
        return (imported.cassette, imported.warnings)
    }

    /// Whether `url` names a HAR file (`.har`), which is read by import and written by export.
    public static func isHAR(_ url: URL) -> Bool { url.pathExtension.lowercased() == "har" }

    /// Writes `cassette` to `url` atomically, creating the folder; to a `.har` file, as HAR 1.2.
    /// - Throws: `InputError` when the folder or file cannot be written, or when an
    ///   interaction holds a value the reader would reject (nothing is written then).
    public static func write(_ cassette: Cassette, to url: URL) throws(InputError) {
        try cassette.validate(file: url.path)
        try AtomicFile.write(isHAR(url) ? HARExporter.har(from: cassette) : cassette.jsonData(), to: url)
    }

    /// Writes a cassette atomically, one interaction at a time as `produce` hands
    /// them to its `emit`, so that a long recording is never held whole: the same
    /// bytes as `write(_:to:)` of the same interactions.
    package static func write(
        to url: URL, producing produce: (_ emit: (Interaction) throws -> Void) throws -> Void
    ) throws(InputError) {
        guard !isHAR(url) else {
            // HAR cannot be written entry by entry (the log's members close it), so a HAR recording is held whole.
            var interactions: [Interaction] = []
            do {
                try produce { interactions.append($0) }
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError(file: url.path, expected: "a writable file", found: error.localizedDescription)
            }
            return try write(Cassette(interactions: interactions), to: url)
        }
        try AtomicFile.write(to: url) { handle in
            let writer = JSONWriter(style: .pretty())
            var count = 0
            // Version 1 unless an interaction keeps HAR details: the digit is rewritten in place then (same length).
            let header = "{\n  \"version\": "
            try handle.write(contentsOf: Data((header + "1,\n  \"interactions\": [").utf8))
            var keepsHARDetails = false
            try produce { interaction in
                try interaction.validate(file: url.path, index: count)
                keepsHARDetails = keepsHARDetails || interaction.keepsHARDetails
                var piece = Array((count == 0 ? "\n    " : ",\n    ").utf8)
                piece += writer.bytes(from: interaction.jsonValue, indent: 2)
                try handle.write(contentsOf: piece)
                count += 1
            }
            try handle.write(contentsOf: Data((count == 0 ? "]\n}\n" : "\n  ]\n}\n").utf8))
            if keepsHARDetails {
                try handle.seek(toOffset: UInt64(header.utf8.count))
                try handle.write(contentsOf: Data(String(Cassette.formatVersion).utf8))
                try handle.seekToEnd()
            }
        }
    }
}

/// Atomic replacement of a file's contents: temporary file in the same folder, fsync, rename.
package enum AtomicFile {
    /// Checks, writing nothing, that `url` can be written: the nearest folder on
    /// its path that exists is a folder this process may write in, and `url` is not a folder.
    /// - Throws: `InputError` naming `url` and what stands in the way.
    package static func checkWritable(_ url: URL) throws(InputError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw InputError(file: url.path, expected: "a file to write the cassette to", found: "a folder")
        }
        var folder = url.deletingLastPathComponent()
        while !manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        guard isFolder.boolValue else {
            throw InputError(file: url.path, expected: "a writable folder", found: "\(folder.path), which is a file, not a folder")
        }
        guard access(folder.path, W_OK | X_OK) == 0 else {
            throw InputError(
                file: url.path, expected: "a writable folder", found: "\(folder.path), which is not writable (\(String(cString: strerror(errno))))")
        }
    }

    /// Removes the temporary files that writes of `url` killed mid-way (`kill -9`, power loss) left beside it;
    /// a temporary file whose writer still holds its lock is being written, and stays.
    /// - Returns: the paths removed.
    package static func removeStale(beside url: URL) -> [String] {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".tmp") }.compactMap { name in
            let stale = folder.appendingPathComponent(name)
            let descriptor = open(stale.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return nil }
            return (try? FileManager.default.removeItem(at: stale)).map { stale.path }
        }
    }

    package static func write(_ data: Data, to url: URL) throws(InputError) {
        try write(to: url) { try $0.write(contentsOf: data) }
    }

    /// Replaces `url` with what `produce` writes to the handle it is given, piece by piece.
    /// - Throws: `InputError` when the folder or file cannot be written, or what `produce` throws
    ///   (an `InputError` as it is); the previous file stays intact either way.
    package static func write(to url: URL, producing produce: (FileHandle) throws -> Void) throws(InputError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: url.path, expected: "a writable folder", found: "\(folder.path) cannot be created (\(error.localizedDescription))")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw InputError(file: url.path, expected: "a writable folder", found: "\(folder.path) is not writable")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            // Held until the rename: a writer of the same cassette elsewhere leaves this file alone.
            flock(handle.fileDescriptor, LOCK_EX)
            try produce(handle)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                throw InputError(file: url.path, expected: "a writable file", found: String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let error = error as? InputError { throw error }
            throw InputError(file: url.path, expected: "a writable file", found: error.localizedDescription)
        }
    }
}
