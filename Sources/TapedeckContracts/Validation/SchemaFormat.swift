import Foundation

/// The `format` values Tapedeck asserts, each to its RFC: date-time, date,
/// time and duration (RFC 3339), email (RFC 5321), hostname (RFC 1123), ipv4,
/// ipv6 (RFC 4291), uri and uri-reference (RFC 3986), uuid (RFC 4122), regex.
/// Other formats (`int64`, Tapedeck's time formats) are checked elsewhere or not at all.
enum SchemaFormat {
    /// Whether `text` is a valid `format`; `nil` for a format this type does not check.
    static func accepts(_ text: String, format: String) -> Bool? {
        switch format {
        case "date-time": dateTime(text)
        case "date": date(Substring(text))
        case "time": time(Substring(text))
        case "duration": duration(text)
        case "email": email(text)
        case "hostname": hostname(text)
        case "ipv4": ipv4(Substring(text))
        case "ipv6": ipv6(Substring(text))
        case "uri": URIGrammar.isURI(text)
        case "uri-reference": URIGrammar.isURIReference(text)
        case "uuid": uuid(text)
        case "regex": (try? NSRegularExpression(pattern: text)) != nil
        default: nil
        }
    }

    private static func digits(_ text: Substring, count: Int) -> Int? {
        guard text.count == count, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func dateTime(_ text: String) -> Bool {
        guard let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return false }
        return date(text[..<separator]) && time(text[text.index(after: separator)...])
    }

    static func date(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = digits(parts[0], count: 4), let month = digits(parts[1], count: 2),
            let day = digits(parts[2], count: 2), (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)`; a leap second only where it is 23:59 in UTC.
    static func time(_ text: Substring) -> Bool {
        guard text.count >= 9 else { return false }
        let clock = text.prefix(8)
        var rest = text.dropFirst(8)
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let hour = digits(fields[0], count: 2), let minute = digits(fields[1], count: 2),
            let second = digits(fields[2], count: 2), hour < 24, minute < 60, second <= 60
        else { return false }
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(1 + fraction.count)
        }
        var offsetMinutes = 0
        if rest == "Z" || rest == "z" {
            offsetMinutes = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            let offset = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard offset.count == 2, let hours = digits(offset[0], count: 2), let minutes = digits(offset[1], count: 2), hours < 24, minutes < 60 else {
                return false
            }
            offsetMinutes = (hours * 60 + minutes) * (sign == "+" ? 1 : -1)
        } else {
            return false
        }
        guard second == 60 else { return true }
        let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
        return utc == 23 * 60 + 59
    }

    private static let durationPattern = try! NSRegularExpression(
        pattern:
            "^P(?:[0-9]+W|(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))$"
    )

    static func duration(_ text: String) -> Bool {
        durationPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func email(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let localValid: Bool
        if local.count >= 2, local.first == "\"", local.last == "\"" {
            localValid = local.dropFirst().dropLast().allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        } else {
            let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
            localValid =
                !local.isEmpty && local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy(atext.contains) }
        }
        guard localValid, local.utf8.count <= 64 else { return false }
        if domain.hasPrefix("[IPv6:"), domain.hasSuffix("]") { return ipv6(domain.dropFirst(6).dropLast()) }
        if domain.hasPrefix("["), domain.hasSuffix("]") { return ipv4(domain.dropFirst().dropLast()) }
        return hostname(String(domain))
    }

    static func hostname(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else { return false }
            // "--" in the third and fourth places is reserved for A-labels (xn--).
            let lower = label.lowercased()
            return !(lower.dropFirst(2).hasPrefix("--")) || lower.hasPrefix("xn--")
        }
    }

    static func ipv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return false }
                return value <= 255 && (part.count == 1 || part.first != "0")
            }
    }

    static func ipv6(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else { return false }
        var body = text
        var groups = 0
        // A trailing dotted IPv4 address counts as two groups.
        if body.contains(".") {
            guard let colon = body.lastIndex(of: ":"), ipv4(body[body.index(after: colon)...]) else { return false }
            groups = 2
            body = body[...colon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        for half in halves where !half.isEmpty {
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ (1...4).contains($0.count) }) else { return false }
            groups += parts.count
        }
        return halves.count == 2 ? groups <= 7 : groups == 8
    }

    static func uuid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isHexDigit } }
    }
}
