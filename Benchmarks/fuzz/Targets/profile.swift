import Foundation
import Tapedeck
import TapedeckProviders

/// libFuzzer target: the provider profile loader. Any input loads or throws an
/// `InputError`; a profile it loads teaches a redactor, and recognises a long
/// host against every host pattern, in bounded time (patterns with many `*`
/// match in linear time).
func fuzzProfile(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard let document = try? JSONParser.parse(Data(bytes: bytes, count: count)),
        let profile = try? ProviderProfile(document: document, file: "fuzz.profile.json")
    else { return 0 }
    _ = try? ProfileCatalogue(profiles: [profile]).redactor(.standard, environment: [:])
    let longHost = Array(repeating: "a", count: 120).joined(separator: ".") + ".example.com"
    _ = profile.recognises(host: longHost, segments: ["a", "b"], parameters: [])
    return 0
}
