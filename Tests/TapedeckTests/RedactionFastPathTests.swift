import Foundation
import Testing

@testable import Tapedeck

/// The hand-written fast paths of the per-value redaction pipeline agree with the
/// Foundation calls they replace, on generated inputs.
struct RedactionFastPathTests {
    /// A fixed-seed generator: the same inputs on every run.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Foundation's reading of what `EmbeddedBase64` accepts: base64 (either
    /// alphabet, padded or not) of UTF-8 text at most one scalar in ten a control character.
    private static func foundationDecoding(_ string: String) -> String? {
        guard string.utf8.count >= 16, string.utf8.count % 4 != 1 else { return nil }
        var standard = String(string.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while standard.utf8.count % 4 != 0 { standard += "=" }
        guard let data = Data(base64Encoded: standard), let text = String(data: data, encoding: .utf8), !text.isEmpty else { return nil }
        let printable = text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" }.count
        return printable * 10 >= text.unicodeScalars.count * 9 ? text : nil
    }

    @Test func embeddedBase64DecodesWhatFoundationDecodesAndRoundTrips() {
        var random = SplitMix(state: 0x7A9E_DECC)
        let pieces = ["user", "pässwörd", "{\"token\":\"", "\n", "\t", "\u{1}", "\u{7}", "ключ", "🔑", "=", " ", "0123456789", "\u{7F}"]
        var accepted = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 3...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var encoded = Data(text.utf8).base64EncodedString()
            let urlSafe = Bool.random(using: &random)
            let padded = Bool.random(using: &random)
            if !padded { encoded = String(encoded.prefix { $0 != "=" }) }
            if urlSafe { encoded = String(encoded.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }) }
            let decoded = EmbeddedBase64(encoded)
            #expect(decoded?.text == Self.foundationDecoding(encoded), "\(encoded)")
            if let decoded {
                accepted += 1
                #expect(decoded.encoding(decoded.text) == encoded || urlSafe && !encoded.contains(where: { "-_".contains($0) }))
            }
        }
        #expect(accepted > 500, "the generated texts are mostly printable: \(accepted) accepted")
    }

    @Test func embeddedBase64RefusesWhatFoundationRefuses() {
        var random = SplitMix(state: 0xBA5E_0064)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=.:%")
        for _ in 0..<5000 {
            let string = String((0..<Int.random(in: 14...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(EmbeddedBase64(string)?.text == Self.foundationDecoding(string), "\(string)")
        }
    }

    @Test func trimmingSpacesTrimsWhatFoundationTrims() {
        var random = SplitMix(state: 0x5_9ACE)
        let pieces = [" ", "\t", "a", "=", "ü", "🔑", "\"", ";"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(String(text.trimmingSpaces) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            let slice = text.dropFirst(min(1, text.count))
            #expect(String(slice.trimmingSpaces) == slice.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func thousandthsWriteWhatPrintfWrites() {
        var random = SplitMix(state: 0x0003_D0C5)
        for _ in 0..<5000 {
            // Whole microseconds, as durations are measured; a tie at half a microsecond is not one of them.
            let value = Double(Int.random(in: -10_000_000...100_000_000_000, using: &random)) / 1000 + 0.0001
            guard case .number(let lexeme) = JSONValue.thousandths(value) else { Issue.record("not a number"); continue }
            #expect(lexeme == String(format: "%.3f", value), "\(value)")
        }
    }

    @Test func formDecodingDecodesWhatFoundationDecodes() {
        var random = SplitMix(state: 0xF0_4D5)
        let pieces = ["%", "%2", "%20", "%2B", "%c3", "%A9", "%C3%A9", "%e2%82%ac", "%zz", "%ff", "+", "a", "=", "ü", "%00", "%7E"]
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 1...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            #expect(FormFields.decode(text) == spaced.removingPercentEncoding ?? spaced, "\(text)")
        }
    }

    @Test func percentEncodingEncodesWhatFoundationEncodes() {
        var random = SplitMix(state: 0xE_4C0D)
        let pieces = ["a", "Z", "9", " ", "-", "_", ".", "~", "*", "/", "+", "=", "%", "&", "ü", "ß", "١", "🔑", "\u{7F}", "\n", "é"]
        let sets: [(PercentEncodedForms.Kept, CharacterSet)] = [
            (PercentEncodedForms.alphanumerics, .alphanumerics),
            (PercentEncodedForms.unreserved, CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))),
        ]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for (kept, set) in sets {
                #expect(PercentEncodedForms.encoding(text, keeping: kept) == text.addingPercentEncoding(withAllowedCharacters: set), "\(text)")
            }
        }
    }

    @Test func timesAndNumbersNameNoAssignment() {
        for text in ["2026-12-07T10:00:00.5Z", "12:30", "1/2", "+01:00", "2026-12-07, 10:00"] {
            #expect(TextAssignments.replacingValues(in: text) { _, _ in "X" } == text)
        }
        #expect(TextAssignments.replacingValues(in: "pin: 1234") { _, _ in "X" } == "pin: X")
    }
}
