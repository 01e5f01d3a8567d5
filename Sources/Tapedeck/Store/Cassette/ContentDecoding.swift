package import Foundation
import CBrotli
import CZlib

/// Decodes `gzip`, `deflate` (zlib-wrapped or raw), `br` and `zstd` bodies so
/// cassettes store what the client read. A list of codings (`gzip, br`) is
/// undone last first.
package enum ContentDecoding {
    /// The decoded bytes, or `nil` when `encoding` is not one Tapedeck reads or the data is corrupt.
    package static func decode(_ data: Data, encoding: String) -> Data? {
        let codings = encoding.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0 != "identity" }
        guard codings.count != 1 else { return decode(data, coding: codings[0]) }
        var result = data
        for coding in codings.reversed() {
            guard let decoded = decode(result, coding: coding) else { return nil }
            result = decoded
        }
        return result
    }

    /// Whether `encoding` leaves the bytes as they are (`identity`, or nothing).
    package static func isIdentity(_ encoding: String) -> Bool {
        encoding.lowercased().split(separator: ",").allSatisfy { $0.trimmingCharacters(in: .whitespaces) == "identity" }
    }

    private static func decode(_ data: Data, coding: String) -> Data? {
        switch coding {
        case "gzip", "x-gzip": return inflated(data, windowBits: 15 + 16)
        // Servers send both zlib-wrapped and raw deflate under this name, as browsers accept both.
        case "deflate": return inflated(data, windowBits: 15 + 32) ?? inflated(data, windowBits: -15)
        case "br": return brotliDecoded(data)
        case "zstd": return ZstdLibrary.shared?.decompress(data)
        default: return nil
        }
    }

    private static func inflated(_ data: Data, windowBits: Int32) -> Data? {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = Data()
        var input = [UInt8](data)
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(chunkBuffer.baseAddress!, count: chunkSize - Int(stream.avail_out))
                }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        return status == Z_STREAM_END ? output : nil
    }

    /// `data` gzip-compressed, for tests and for serving a client that asks for it.
    package static func gzip(_ data: Data) -> Data {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return Data() }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let written = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                _ = deflate(&stream, Z_FINISH)
                return outputBuffer.count - Int(stream.avail_out)
            }
        }
        return Data(output.prefix(written))
    }

    /// `data` Brotli-decoded, or `nil` when it is not a whole Brotli stream.
    private static func brotliDecoded(_ data: Data) -> Data? {
        guard let decoder = BrotliDecoderCreateInstance(nil, nil, nil) else { return nil }
        defer { BrotliDecoderDestroyInstance(decoder) }
        var output = Data()
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
        let input = [UInt8](data)
        input.withUnsafeBufferPointer { inputBuffer in
            var availableIn = inputBuffer.count
            var nextIn = inputBuffer.baseAddress
            while result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT {
                chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                    var availableOut = chunkSize
                    var nextOut = chunkBuffer.baseAddress
                    result = BrotliDecoderDecompressStream(decoder, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    output.append(chunkBuffer.baseAddress!, count: chunkSize - availableOut)
                }
            }
        }
        return result == BROTLI_DECODER_RESULT_SUCCESS ? output : nil
    }

    /// `data` Brotli-compressed, for tests.
    package static func brotli(_ data: Data) -> Data {
        var output = [UInt8](repeating: 0, count: max(BrotliEncoderMaxCompressedSize(data.count), 16))
        var size = output.count
        let input = [UInt8](data)
        let done = BrotliEncoderCompress(
            BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.count, input, &size, &output)
        return done == BROTLI_TRUE ? Data(output.prefix(size)) : Data()
    }
}
