import Foundation
import Tapedeck
// On Linux `stat` and its fields reach Swift through CoreFoundation's module, which a
// release build's member-import check wants named.
#if os(Linux)
    import CoreFoundation
#endif

/// A file a command writes because the user named it (`-o`, `--output`). A regular
/// file (or a new one) is replaced atomically; a symbolic link is followed and its
/// target written, so the link stays a link; a FIFO or a character device (a pipe
/// to another process, `/dev/stdout`, `/dev/null`) is written through, as a shell
/// redirection would, never replaced by a regular file (which, for root, would
/// replace `/dev/full` itself). Anything else (a folder, a socket, a block device) is refused.
enum OutputFile {
    /// The most links followed before a path is taken for a loop.
    static let maximumLinks = 40

    /// Writes `data` to `path`, which the option `option` named.
    /// - Throws: `InputError` naming the option and the path when it cannot be written
    ///   (a full device, a folder, a loop of links); a regular file stays intact then.
    static func write(_ data: Data, to path: String, option: String) throws(InputError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            // A new file (or a link to one): created atomically where the links lead.
            try AtomicFile.write(data, to: URL(fileURLWithPath: try resolve(path, option: option)))
            return
        }
        let special = path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
        switch status.st_mode & S_IFMT {
        // `/dev/stdout` and the like lead through the kernel's own links: written through, as named.
        case S_IFREG where special, S_IFIFO, S_IFCHR: try writeThrough(data, to: path, option: option)
        case S_IFREG: try AtomicFile.write(data, to: URL(fileURLWithPath: try resolve(path, option: option)))
        default:
            throw InputError(
                file: path, expected: "\(option) naming a regular file, a symbolic link to one, a pipe or a character device",
                found: kind(of: status.st_mode), hint: "Name a file to write")
        }
    }

    /// The path a link chain at `path` ends at (a link relative to its own folder).
    private static func resolve(_ path: String, option: String) throws(InputError) -> String {
        var current = URL(fileURLWithPath: path).standardizedFileURL.path
        for _ in 0..<maximumLinks {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current =
                destination.hasPrefix("/")
                ? URL(fileURLWithPath: destination).standardizedFileURL.path
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).standardizedFileURL.path
        }
        throw InputError(
            file: path, expected: "\(option) naming a file", found: "more than \(maximumLinks) symbolic links in a row (a loop?)")
    }

    private static func writeThrough(_ data: Data, to path: String, option: String) throws(InputError) {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, option: option) }
        defer { close(descriptor) }
        var written = 0
        let failed = data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let count = Foundation.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                written += count
            }
            return false
        }
        if failed { throw failure(path, option: option) }
    }

    private static func failure(_ path: String, option: String) -> InputError {
        InputError(file: path, expected: "\(option) naming a writable file", found: String(cString: strerror(errno)))
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFSOCK: "a socket"
        case S_IFBLK: "a block device"
        default: "a special file"
        }
    }
}
