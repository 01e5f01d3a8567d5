import Foundation
import Tapedeck
import Testing

@testable import TapedeckProviders
import TapedeckTestSupport

/// Host patterns of many `*` against long hosts, and profile folders that give one id twice.
struct HostilePatternTests {
    /// The plain definition: `*` is one or more labels, tried every way (exponential; small inputs only).
    static func reference(_ labels: [Substring], _ parts: [Substring]) -> Bool {
        guard let part = parts.first else { return labels.isEmpty }
        guard !labels.isEmpty else { return false }
        if part == "*" { return (1...labels.count).contains { reference(Array(labels.dropFirst($0)), Array(parts.dropFirst())) } }
        return part == labels[0] && reference(Array(labels.dropFirst()), Array(parts.dropFirst()))
    }

    /// Every host of one to five labels of `a` and `b`, and every pattern of one to four parts
    /// of `a`, `b` and `*`: 7,440 pairs, each decided as the definition decides it.
    @Test func theLinearMatcherAgreesWithTheDefinitionOnEveryShortInput() {
        func all(_ alphabet: [String], upTo length: Int) -> [String] {
            var words: [[String]] = [[]]
            var result: [String] = []
            for _ in 1...length {
                words = words.flatMap { word in alphabet.map { word + [$0] } }
                result += words.map { $0.joined(separator: ".") }
            }
            return result
        }
        for host in all(["a", "b"], upTo: 5) {
            for pattern in all(["a", "b", "*"], upTo: 4) {
                let expected = Self.reference(host.split(separator: "."), pattern.split(separator: "."))
                #expect(ProviderProfile.fits(host: host, pattern) == expected, "\(pattern) against \(host)")
            }
        }
    }

    /// Four and more `*` against a long host that almost fits: once this tried every split.
    @Test(arguments: [4, 8, 30])
    func manyStarsAgainstALongHostAnswerAtOnce(stars: Int) throws {
        let host = Array(repeating: "a", count: 2_000).joined(separator: ".") + ".c"
        let pattern = Array(repeating: "*", count: stars).joined(separator: ".") + ".b"
        #expect(!ProviderProfile.fits(host: host, pattern))
        let alternating = (0..<stars).map { _ in "*.a" }.joined(separator: ".") + ".b"
        #expect(!ProviderProfile.fits(host: host, alternating))
        #expect(ProviderProfile.fits(host: host, Array(repeating: "*", count: stars).joined(separator: ".") + ".c"))
        let profile = try ProviderProfile(
            document: try JSONParser.parse(
                #"{"id":"stars","summary":"s","authentication":[],"recognise":{"hosts":["\#(pattern)"],"paths":["/v1/x"]}}"#),
            file: "stars.profile.json")
        #expect(!profile.recognises(host: host, segments: ["v2"], parameters: []))
    }

    @Test(arguments: [("a.profile.json", "b.profile.json"), ("profile.json", "x.profile.json")])
    func twoProfilesWithOneIDAreRefusedNamingBothFiles(names: (String, String)) throws {
        let folder = scratchRoot.appendingPathComponent("tapedeck-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let document = #"{"id":"twin","summary":"s","authentication":[],"recognise":{"hosts":["twin.example"],"paths":["/v1/x"]}}"#
        for name in [names.0, names.1] { try Data(document.utf8).write(to: folder.appendingPathComponent(name)) }
        do {
            _ = try ProfileCatalogue().adding(folder: folder)
            Issue.record("two profiles with one id loaded")
        } catch {
            #expect(error.description.contains(names.0) && error.description.contains(names.1), "\(error)")
            #expect(error.description.contains("twin"))
        }
    }
}
