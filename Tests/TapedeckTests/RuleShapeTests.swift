import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// Token formats given as data (a rules file's or a provider profile's `shapes`)
/// are the catalogue's like its own: generated formats, each with a value of its
/// shortest and longest run, are redacted wherever they appear, found by the scan,
/// and refused as pseudonyms; a run one short or one long is not taken.
struct RuleShapeTests {
    /// One generated format: a prefix, the characters of its run, and the run's bounds.
    struct Format: CustomStringConvertible {
        var prefix: String
        var characters: [Character]
        var spelled: String
        var minimum: Int
        var maximum: Int

        var description: String { "\(prefix)[\(spelled)]{\(minimum),\(maximum)}" }

        var rules: String {
            #"{"shapes": [{"kind": "generated-key", "prefixes": ["\#(prefix)"], "characters": "\#(spelled)", "minimum": \#(minimum), "maximum": \#(maximum)}]}"#
        }

        func value(length: Int, using generator: inout SeededGenerator) -> String {
            prefix + String((0..<length).map { _ in generator.pick(characters) })
        }
    }

    /// The run's alphabets a format may take, as a rules file spells them.
    static let alphabets: [(spelled: String, characters: String)] = [
        ("A-Z0-9", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), ("a-f0-9", "abcdef0123456789"),
        ("A-Za-z0-9_-", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"), ("0-9", "0123456789"),
    ]

    static func format(seed: UInt64) -> Format {
        var generator = SeededGenerator(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        // "zq" starts no format the standard catalogue knows, so the kind found is the generated one.
        let prefix = "zq" + String((0..<generator.int(2...4)).map { _ in generator.pick(letters) }) + generator.pick(["_", "-", "."])
        let alphabet = generator.pick(alphabets)
        let minimum = generator.int(16...40)
        return Format(
            prefix: prefix, characters: Array(alphabet.characters), spelled: alphabet.spelled, minimum: minimum,
            maximum: minimum + generator.int(0...24))
    }

    @Test(arguments: 1...24)
    func aFormatFromRulesIsRedactedScannedAndNeverAPseudonym(seed: UInt64) throws {
        let format = Self.format(seed: seed)
        var generator = SeededGenerator(seed: seed &* 31)
        let redactor = try Redactor.standard.adding(rulesFromJSON: Data(format.rules.utf8), file: "rules.json", environment: [:])
        for length in [format.minimum, format.maximum] {
            let secret = format.value(length: length, using: &generator)
            let interaction = Interaction(
                request: RecordedRequest(
                    method: "POST", url: "http://127.0.0.1:1/v1/items?note=\(secret)", headers: ["X-Note": "seen \(secret) here"],
                    body: RecordedBody(content: .json(["description": .string("a value: \(secret).")]))),
                response: RecordedResponse(status: 200, body: RecordedBody(data: Data("issued \(secret)\n".utf8), contentType: "text/plain")),
                recordedAt: Date(timeIntervalSince1970: 0), duration: 0)
            let written = String(decoding: redactor.redact(Cassette(interactions: [interaction])).jsonData(), as: UTF8.self)
            #expect(!written.contains(secret), "\(format): a value of \(length) survived")
            // Under a name the value may be found as that name's; in free text only its shape finds it.
            #expect(redactor.redacting(text: "issued \(secret) today") == "issued REDACTED-generated-key-1 today", "\(format)")
            #expect(redactor.catalogue.shapeKinds(in: "x \(secret) y") == ["generated-key"], "\(format)")
            #expect(redactor.pseudonymising(secret, kind: "user").pseudonyms.entries.isEmpty, "\(format): a shaped value got a stand-in")
        }
        let short = format.value(length: format.minimum - 1, using: &generator)
        #expect(!redactor.catalogue.hasShape("x \(short) y"), "\(format): one short is taken")
        let long = format.value(length: format.maximum + 1, using: &generator)
        #expect(!redactor.catalogue.hasShape("x \(long) y"), "\(format): one long is taken")
    }

    @Test func aShapeTwoProfilesGiveIsListedOnce() throws {
        let rules = Data(Self.format(seed: 7).rules.utf8)
        let once = try Redactor.standard.adding(rulesFromJSON: rules, file: "a.json", environment: [:])
        let twice = try once.adding(rulesFromJSON: rules, file: "b.json", environment: [:])
        #expect(twice.catalogue.shapes.count == once.catalogue.shapes.count)
        #expect(once.catalogue.shapes.count == CredentialCatalogue.standard.shapes.count + 1)
    }
}
