import Foundation

/// A response's recorded headers as HTTP/1.1 can carry them. HAR files hold
/// headers no server may send: `Set-Cookie` lines (and other repeated headers)
/// joined with newlines, as browsers export them; names with spaces or other
/// characters outside a token; control characters in values. Each is repaired
/// (split, trimmed, cleaned) or, when nothing sendable is left, dropped, so
/// replay answers every request; `repairs` says what changed, for the log.
package struct SendableHeaders: Sendable, Equatable {
    package var fields: HeaderFields
    /// One line per change that is not a plain split of joined `Set-Cookie` lines.
    package var repairs: [String]

    package init(_ recorded: HeaderFields) {
        var fields = HeaderFields()
        var repairs: [String] = []
        for field in recorded {
            let name = field.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                repairs.append("header \"\(Self.shown(field.name))\" dropped: HTTP allows no such name")
                continue
            }
            if name != field.name { repairs.append("header \"\(Self.shown(field.name))\" sent as \"\(name)\": spaces around the name") }
            let lines = field.value.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.count > 1, !name.caseInsensitiveEquals("Set-Cookie") {
                repairs.append("header \(name): \(lines.count) values joined with line breaks sent as \(lines.count) headers")
            }
            for line in lines.isEmpty ? [""] : lines {
                let clean = String(line.unicodeScalars.filter { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }.map(Character.init))
                if clean != line { repairs.append("header \(name): control characters removed from its value") }
                fields.append(name: name, value: clean)
            }
        }
        self.fields = fields
        self.repairs = repairs
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func shown(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(60))
    }
}
