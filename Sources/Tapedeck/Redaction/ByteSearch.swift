import Foundation

/// Finding bytes in bytes: `memchr` for the first byte, then `memcmp` for the rest.
enum ByteSearch {
    /// Whether `text` holds `needle`, byte for byte: Foundation's `contains` on a
    /// `String` goes through `NSString`, which costs more than a value's whole redaction.
    static func contains(_ needle: String, in text: some StringProtocol) -> Bool {
        var text = String(text)
        return text.withUTF8 { find(Array(needle.utf8), in: $0) != nil }
    }

    /// Where `needle` first starts in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { find($0, in: haystack, from: from) }
    }

    /// Where `needle` first starts in `haystack` at or after `from`.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let first = needle.first, let needleStart = needle.baseAddress, let base = haystack.baseAddress, from < haystack.count
        else { return nil }
        var start = base + from
        let end: UnsafePointer<UInt8> = base + haystack.count
        while end - start >= needle.count {
            guard let hit = memchr(start, Int32(first), end - start) else { return nil }
            let candidate = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self))
            if end - candidate < needle.count { return nil }
            if memcmp(candidate, needleStart, needle.count) == 0 { return candidate - base }
            start = candidate + 1
        }
        return nil
    }
}
