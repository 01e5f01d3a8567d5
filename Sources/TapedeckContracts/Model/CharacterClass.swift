/// A `pattern` of the form `^[…]+$`, `^[…]*$` or `^[…]{m,n}$` over ASCII
/// (`^[a-f0-9-]+$`), precompiled to a 128-bit set so checking a million ids
/// needs no regular expression engine. Other patterns are matched as regular
/// expressions.
struct CharacterClass: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    let minimumCount: Int
    let maximumCount: Int?

    init?(pattern: String) {
        let scalars = Array(pattern.unicodeScalars)
        guard scalars.count >= 5, scalars.first == "^", scalars[1] == "[", scalars.last == "$",
            let close = scalars.firstIndex(of: "]"), close > 2, scalars[2] != "^"
        else { return nil }
        let quantifier = String(String.UnicodeScalarView(scalars[(close + 1)..<(scalars.count - 1)]))
        switch quantifier {
        case "+": (minimumCount, maximumCount) = (1, nil)
        case "*": (minimumCount, maximumCount) = (0, nil)
        default:
            guard quantifier.hasPrefix("{"), quantifier.hasSuffix("}") else { return nil }
            let bounds = quantifier.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard let minimum = bounds.first.flatMap({ Int($0) }), bounds.count <= 2 else { return nil }
            minimumCount = minimum
            maximumCount = bounds.count == 1 ? minimum : (bounds[1].isEmpty ? nil : Int(bounds[1]))
        }
        var index = 2
        while index < close {
            let scalar = scalars[index]
            guard scalar.isASCII, scalar != "\\", scalar != "[" else { return nil }
            if index + 2 < close, scalars[index + 1] == "-" {
                let upper = scalars[index + 2]
                guard upper.isASCII, upper.value >= scalar.value else { return nil }
                for value in scalar.value...upper.value { insert(UInt8(value)) }
                index += 3
            } else {
                insert(UInt8(scalar.value))
                index += 1
            }
        }
    }

    private mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
    }

    private func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        return byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    func matches(_ text: String) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard contains(byte) else { return false }
            count += 1
        }
        return count >= minimumCount && count <= (maximumCount ?? .max)
    }
}
