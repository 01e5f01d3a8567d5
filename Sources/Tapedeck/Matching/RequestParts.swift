import Foundation

/// A URL's path and its query values by name (in order, repeats kept), percent-decoded,
/// and its origin.
///
/// Every request a replay answers is taken apart, so the everyday URL (printable
/// ASCII with nothing to decode: `scheme://host[:port]/path[?name=value&…]`) is
/// split directly; any other goes through `URLComponents`, which the direct split
/// agrees with wherever it applies (`RequestPartsTests` compares the two).
struct RequestParts: Sendable, Equatable {
    var path: String
    var query: [String: [String]]
    /// `scheme://host:port`, lowercased, the port written out (80 and 443 by default);
    /// empty for a URL without a host.
    var origin: String

    init(_ url: String) {
        self = Self(splitting: url) ?? Self(components: url)
    }

    /// The parts as `URLComponents` reads them.
    init(components url: String) {
        let components = URLComponents(string: url)
        if let scheme = components?.scheme?.lowercased(), let host = components?.host?.lowercased() {
            origin = Self.origin(scheme: scheme, host: host, port: components?.port)
        } else {
            origin = ""
        }
        path = components?.path ?? url
        if path.isEmpty { path = "/" }
        var query: [String: [String]] = [:]
        for item in components?.queryItems ?? [] { query[item.name, default: []].append(item.value ?? "") }
        self.query = query
    }

    /// The parts of an everyday URL, split without decoding; nil for any URL with
    /// something to decode or an unusual form (user info, a fragment, an IP literal,
    /// an empty query item, a port that is not plain digits).
    init?(splitting url: String) {
        let parts = url.utf8.withContiguousStorageIfAvailable(Self.parts(of:)) ?? Array(url.utf8).withUnsafeBufferPointer(Self.parts(of:))
        guard let parts else { return nil }
        self = parts
    }

    private init(path: String, query: [String: [String]], origin: String) {
        self.path = path
        self.query = query
        self.origin = origin
    }

    private static func parts(of bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        guard let split = split(bytes) else { return nil }
        func text(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> String { String(decoding: UnsafeBufferPointer(rebasing: part), as: UTF8.self) }
        func lowercased(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> String {
            String(unsafeUninitializedCapacity: part.count) { buffer in
                for (index, byte) in part.enumerated() { buffer[index] = isUpper(byte) ? byte | 0x20 : byte }
                return part.count
            }
        }
        var query: [String: [String]] = [:]
        if let range = split.query {
            for item in bytes[range].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
                let equals = item.firstIndex(of: UInt8(ascii: "=")) ?? item.endIndex
                let value = equals < item.endIndex ? text(item[(equals + 1)...]) : ""
                query[text(item[..<equals]), default: []].append(value)
            }
        }
        return Self(
            path: split.path.isEmpty ? "/" : text(bytes[split.path]), query: query,
            origin: origin(scheme: lowercased(bytes[split.scheme]), host: lowercased(bytes[split.host]), port: split.port))
    }

    private static func origin(scheme: String, host: String, port: Int?) -> String {
        "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port ?? (scheme == "https" ? 443 : 80))"
    }

    /// The ranges of an everyday URL's parts, or nil when `URLComponents` must read it.
    private static func split(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (
        scheme: Range<Int>, host: Range<Int>, port: Int?, path: Range<Int>, query: Range<Int>?
    )? {
        // Printable ASCII that needs no decoding and has no user info, fragment or IP literal.
        for byte in bytes where !allowed[Int(byte)] { return nil }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
            isAlpha(bytes[0]), bytes[..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }),
            bytes.count > colon + 2, bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        else { return nil }
        let hostStart = colon + 3
        var end = hostStart
        while end < bytes.count, bytes[end] != UInt8(ascii: "/"), bytes[end] != UInt8(ascii: "?") { end += 1 }
        let authority = hostStart..<end
        var host = authority
        var port: Int?
        if let portColon = bytes[authority].firstIndex(of: UInt8(ascii: ":")) {
            let digits = bytes[(portColon + 1)..<end]
            // One to five digits without a leading zero, at most 65535.
            guard (1...5).contains(digits.count), digits.allSatisfy(isDigit), digits.first != UInt8(ascii: "0") else { return nil }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard value <= 65535 else { return nil }
            port = value
            host = hostStart..<portColon
        }
        guard !host.isEmpty, bytes[host].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x5F || $0 == 0x7E })
        else { return nil }
        var pathEnd = end
        while pathEnd < bytes.count, bytes[pathEnd] != UInt8(ascii: "?") { pathEnd += 1 }
        guard pathEnd < bytes.count else { return (0..<colon, host, port, end..<pathEnd, nil) }
        let query = (pathEnd + 1)..<bytes.count
        // A second `?`, an empty query or an empty or unnamed item: URLComponents says what they mean.
        let items = bytes[query].split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false)
        guard !query.isEmpty, !bytes[query].contains(UInt8(ascii: "?")),
            items.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "=") })
        else { return nil }
        return (0..<colon, host, port, end..<pathEnd, query)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { isUpper(byte) || (0x61...0x7A).contains(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// The bytes an everyday URL may hold: unreserved, sub-delimiters, `:`, `/`, `?`.
    private static let allowed: [Bool] = (0..<256).map { byte in
        let byte = UInt8(byte)
        return isAlpha(byte) || isDigit(byte) || "-._~!$&'()*+,;=:/?".utf8.contains(byte)
    }
}
