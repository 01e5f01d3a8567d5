import Foundation
import Testing

@testable import Tapedeck
import TapedeckProviders

/// Every vendor token format of the catalogue and of the built-in provider
/// profiles (`ProfileCatalogue.standardRedactor`), each with a positive and a
/// negative case made from its own description: a value of the shortest valid
/// length is found and redacted; one character short, or glued to a word before
/// it, is not.
struct CredentialFormatTests {
    static let shapes = ProfileCatalogue.standardRedactor.catalogue.shapes
    static let formats = Array(shapes.indices)

    /// A valid value of `shape`: its first prefix and `length` characters it allows, dots where it needs them.
    static func value(of shape: CredentialShape, length: Int, seed: Int) -> String {
        if let closing = shape.closing {
            return shape.prefixes[0] + "\n" + String(repeating: "QUJD", count: max(8, length / 4)) + "\n-----END " + closing
        }
        let alphabet = shape.allowed.members.filter { $0 != UInt8(ascii: ".") }
        var state = UInt64(seed) &+ 0x9E37_79B9
        var run: [UInt8] = (0..<length).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return alphabet[Int((state >> 33) % UInt64(alphabet.count))]
        }
        if let dots = shape.dots {
            for dot in 1...dots { run[length * dot / (dots + 1)] = UInt8(ascii: ".") }
        }
        return shape.prefixes[0] + String(decoding: run, as: UTF8.self)
    }

    @Test func theCatalogueHoldsAtLeast150DistinctFormats() {
        let formats = Self.shapes.map(\.format)
        #expect(formats.count >= 150)
        #expect(Set(formats).count == formats.count, "each format is listed once")
    }

    @Test(arguments: formats)
    func aValueOfTheFormatIsFoundAndRedacted(index: Int) {
        let shape = Self.shapes[index]
        let secret = Self.value(of: shape, length: shape.minimum, seed: index)
        let alone = CredentialCatalogue(names: [], shapes: [shape])
        #expect(alone.hasShape("value: " + secret + " end"), "\(shape.format) does not find its own value")
        let redacted = ProfileCatalogue.standardRedactor.redacting(text: "note " + secret + " end")
        let hidden = shape.prefixIsSecret ? secret : String(secret.dropFirst(shape.prefixes[0].count))
        #expect(!redacted.contains(hidden), "\(shape.format) survived the redactor")
    }

    @Test(arguments: formats)
    func aShortOrGluedValueIsNot(index: Int) {
        let shape = Self.shapes[index]
        let alone = CredentialCatalogue(names: [], shapes: [shape])
        if shape.closing == nil {
            let short = Self.value(of: shape, length: shape.minimum - 1, seed: index)
            #expect(!alone.hasShape(short + " "), "\(shape.format) takes a value one character short")
        } else {
            #expect(!alone.hasShape(shape.prefixes[0] + "\nQUJD\n"), "\(shape.format) takes a block that never ends")
        }
        if shape.prefixIsSecret, let first = shape.prefixes[0].utf8.first, ByteSet.word.contains(first) {
            let glued = "x" + Self.value(of: shape, length: shape.minimum, seed: index)
            #expect(!alone.hasShape(glued), "\(shape.format) starts inside a longer word")
        }
    }

    /// A value that fails one shape is skipped whole, so text of many almost-tokens is read once, and a real token after it is still found.
    @Test func almostTokensAreSkippedWholeAndATokenAfterThemIsFound() {
        let almost = String(repeating: "eyJ", count: 200_000) + " " + String(repeating: "-----BEGIN PRIVATE KEY-----", count: 2_000)
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlMTIzNDU2"
        #expect(CredentialCatalogue.standard.shapeKinds(in: jwt + " " + almost) == ["jwt"])
        #expect(!ProfileCatalogue.standardRedactor.redacting(text: almost + " " + jwt).contains(jwt))
    }
}
