import Foundation

/// The ways a value can appear percent-encoded in a recorded URL or form body:
/// every character but letters and digits encoded, or (as RFC 3986 encoders and
/// `URLComponents` do) only what is not unreserved (`A-Z a-z 0-9 - . _ ~`).
/// Excludes the value itself and repeats.
enum PercentEncodedForms {
    /// The characters an encoding leaves as they are. Only ASCII ever stays (as
    /// Foundation encodes every other character whatever the set), so a table of
    /// 128 answers all, and the forms of every secret recorded are written without
    /// Foundation's string bridge.
    struct Kept: Sendable {
        private let ascii: [Bool]

        init(_ set: CharacterSet) { ascii = (0..<128).map { set.contains(Unicode.Scalar(UInt8($0))) } }

        func contains(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && ascii[Int(scalar.value)] }
    }

    static let alphanumerics = Kept(.alphanumerics)
    static let unreserved = Kept(CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~")))

    static func of(_ value: String) -> [String] {
        var forms: [String] = []
        for kept in [alphanumerics, unreserved] {
            let encoded = encoding(value, keeping: kept)
            if encoded != value, !forms.contains(encoded) { forms.append(encoded) }
        }
        return forms
    }

    /// `value` with each character `kept` does not hold written as `%XX` per UTF-8
    /// byte, as `addingPercentEncoding(withAllowedCharacters:)` writes it.
    static func encoding(_ value: String, keeping kept: Kept) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            if kept.contains(scalar) {
                UTF8.encode(scalar) { bytes.append($0) }
            } else {
                UTF8.encode(scalar) { bytes += [UInt8(ascii: "%"), hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
