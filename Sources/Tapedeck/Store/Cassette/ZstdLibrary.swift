package import Foundation

/// The system's zstd library, loaded when a body needs it (`Content-Encoding:
/// zstd`), so Tapedeck builds without its headers. Where the library is missing a
/// zstd body does not decode, and like any body that does not decode it is not
/// kept (`docs/redaction.md`).
// Its members are C function pointers, set once.
package final class ZstdLibrary: @unchecked Sendable {
    /// The library, or `nil` when the system has none.
    package static let shared = ZstdLibrary()

    private struct InBuffer {
        var src: UnsafeRawPointer?
        var size: Int
        var pos: Int
    }

    private struct OutBuffer {
        var dst: UnsafeMutableRawPointer?
        var size: Int
        var pos: Int
    }

    private typealias CreateStream = @convention(c) () -> OpaquePointer?
    private typealias FreeStream = @convention(c) (OpaquePointer?) -> Int
    private typealias DecompressStream = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    private typealias IsError = @convention(c) (Int) -> UInt32
    private typealias Compress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    private typealias CompressBound = @convention(c) (Int) -> Int

    private let createStream: CreateStream
    private let freeStream: FreeStream
    private let decompressStream: DecompressStream
    private let isError: IsError
    private let compressFrame: Compress
    private let compressBound: CompressBound

    private init?() {
        let names = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib", "/opt/homebrew/lib/libzstd.dylib", "/usr/local/lib/libzstd.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW) }).first else { return nil }
        func symbol<T>(_ name: String, as: T.Type) -> T? { dlsym(handle, name).map { unsafeBitCast($0, to: T.self) } }
        guard let create = symbol("ZSTD_createDStream", as: CreateStream.self), let free = symbol("ZSTD_freeDStream", as: FreeStream.self),
            let decompress = symbol("ZSTD_decompressStream", as: DecompressStream.self), let isError = symbol("ZSTD_isError", as: IsError.self),
            let compress = symbol("ZSTD_compress", as: Compress.self), let bound = symbol("ZSTD_compressBound", as: CompressBound.self)
        else { return nil }
        createStream = create
        freeStream = free
        decompressStream = decompress
        self.isError = isError
        compressFrame = compress
        compressBound = bound
    }

    /// The frames of `data` decompressed, or `nil` when they are corrupt or cut short.
    package func decompress(_ data: Data) -> Data? {
        guard let stream = createStream() else { return nil }
        defer { _ = freeStream(stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let input = [UInt8](data)
        var pending = 1
        let complete: Bool = input.withUnsafeBytes { source in
            var inBuffer = InBuffer(src: source.baseAddress, size: source.count, pos: 0)
            while true {
                let (result, written) = chunk.withUnsafeMutableBytes { target -> (Int, Int) in
                    var outBuffer = OutBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    let result = decompressStream(stream, &outBuffer, &inBuffer)
                    return (result, outBuffer.pos)
                }
                guard isError(result) == 0 else { return false }
                output.append(contentsOf: chunk[..<written])
                pending = result
                if inBuffer.pos == inBuffer.size && written < chunk.count { return pending == 0 }
            }
        }
        return complete ? output : nil
    }

    /// `data` compressed as one zstd frame, for tests and for serving a client that asks for it.
    package func compress(_ data: Data) -> Data {
        var output = [UInt8](repeating: 0, count: compressBound(data.count))
        let input = [UInt8](data)
        let size = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { compressFrame($0.baseAddress, $0.count, source.baseAddress, source.count, 3) }
        }
        return isError(size) == 0 ? Data(output.prefix(size)) : Data()
    }
}
