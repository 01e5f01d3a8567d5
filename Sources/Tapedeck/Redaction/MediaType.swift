import Foundation

/// A `Content-Type` read for what redaction needs: the type, whatever its
/// letter case, and the `charset` and `boundary` parameters.
struct MediaType: Sendable, Equatable {
    /// `type/subtype`, lower case.
    var essence: String
    /// Parameters by lower-case name, quotes removed.
    var parameters: [String: String]

    init(_ header: String?) {
        let parts = (header ?? "").split(separator: ";").map { $0.trimmingSpaces }
        essence = parts.first?.lowercased() ?? ""
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            while value.first == "\"" { value = value.dropFirst() }
            while value.last == "\"" { value = value.dropLast() }
            parameters[pair[0].lowercased()] = String(value)
        }
        self.parameters = parameters
    }

    var isJSON: Bool { essence.hasSuffix("/json") || essence.hasSuffix("+json") }
    var isForm: Bool { essence == "application/x-www-form-urlencoded" }
    var isXML: Bool { essence.hasSuffix("/xml") || essence.hasSuffix("+xml") }
    var isMultipart: Bool { essence.hasPrefix("multipart/") && parameters["boundary"] != nil }

    /// The text encoding the `charset` parameter names, when it is one Foundation reads.
    var charset: String.Encoding? {
        parameters["charset"].flatMap { Self.encodings[$0.lowercased()] }
    }

    private static let encodings: [String: String.Encoding] = [
        "utf-8": .utf8, "utf8": .utf8, "us-ascii": .ascii, "ascii": .ascii, "utf-16": .utf16, "utf-16le": .utf16LittleEndian,
        "utf-16be": .utf16BigEndian, "utf-32": .utf32, "utf-32le": .utf32LittleEndian, "utf-32be": .utf32BigEndian,
        "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso-8859-2": .isoLatin2, "windows-1250": .windowsCP1250,
        "windows-1251": .windowsCP1251, "windows-1252": .windowsCP1252, "windows-1253": .windowsCP1253, "windows-1254": .windowsCP1254,
        "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP,
    ]
}
