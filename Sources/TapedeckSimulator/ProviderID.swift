import Foundation
public import TapedeckProviders

/// The five provider APIs the bundled simulator fakes, by the ids used in
/// `Cassettes/<provider-id>/`, their built-in `<provider-id>.profile.json` and
/// the simulator's base URLs. What Tapedeck knows about each is in its profile,
/// not here: only the simulator, the demo and the tests that drive them name providers.
public enum ProviderID: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case alibabaPetadata = "alibaba-petadata"
    case huaweiKafka = "huawei-kafka"
    case huaweiIotda = "huawei-iotda"
    case yandexBackup = "yandex-backup"
    case otcDdm = "otc-ddm"

    public var description: String { rawValue }

    /// The provider's built-in profile.
    public var profile: ProviderProfile {
        guard let profile = ProfileCatalogue.builtIn.profile(rawValue) else {
            preconditionFailure("no built-in profile \(rawValue).profile.json")
        }
        return profile
    }

    /// The built-in provider whose documented request this is (the one detection, `ProfileCatalogue.detect`).
    public static func detect(documentedPath segments: [String], parameters: [(String, String)]) -> ProviderID? {
        ProfileCatalogue.builtIn.detect(host: nil, segments: segments, parameters: parameters).flatMap { ProviderID(rawValue: $0.id) }
    }
}
