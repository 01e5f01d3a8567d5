public import Foundation

/// The five provider APIs Tapedeck knows out of the box, by the ids used in
/// `Cassettes/<provider-id>/`, `Scenarios/contracts/<provider-id>.yaml` and the
/// simulator's base URLs.
public enum ProviderID: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case alibabaPetadata = "alibaba-petadata"
    case huaweiKafka = "huawei-kafka"
    case huaweiIotda = "huawei-iotda"
    case yandexBackup = "yandex-backup"
    case otcDdm = "otc-ddm"

    public var description: String { rawValue }

    /// The documented path of the task listing, with `{placeholders}`.
    public var pathTemplate: String {
        switch self {
        case .alibabaPetadata: "/"
        case .huaweiKafka: "/v2/{project_id}/instances/{instance_id}/scheduled-tasks"
        case .huaweiIotda: "/v5/iot/{project_id}/iotda-instances/{instance_id}/tasks"
        case .yandexBackup: "/backup/v1/resources/{computeInstanceId}/tasks"
        case .otcDdm: "/v3/{project_id}/jobs"
        }
    }

    /// The response header that carries the provider's request id.
    public var requestIDHeader: String {
        switch self {
        case .alibabaPetadata: "x-acs-request-id"
        case .huaweiKafka, .huaweiIotda, .otcDdm: "X-Request-Id"
        case .yandexBackup: "x-request-id"
        }
    }

    /// Query parameters whose value changes on every request (signatures,
    /// nonces, timestamps): matchers ignore them.
    public var volatileQueryParameters: Set<String> {
        self == .alibabaPetadata ? ["Timestamp", "SignatureNonce", "Signature"] : []
    }

    /// Headers whose value changes on every request.
    public var volatileHeaders: Set<String> {
        switch self {
        case .huaweiKafka, .huaweiIotda: ["X-Sdk-Date", "Authorization"]
        default: []
        }
    }

    /// The provider whose documented request this is, from its path segments and
    /// its parameters (an RPC API's are in the query of a GET or the form body of a POST).
    public static func detect(documentedPath segments: [String], parameters: [(String, String)]) -> ProviderID? {
        if segments.isEmpty, parameters.contains(where: { $0.0 == "Action" && $0.1 == "DescribeTasks" }) { return .alibabaPetadata }
        return allCases.first { $0 != .alibabaPetadata && $0.matchesPath(segments) }
    }

    private func matchesPath(_ segments: [String]) -> Bool {
        let template = pathTemplate.split(separator: "/").map(String.init)
        guard template.count == segments.count else { return false }
        return zip(template, segments).allSatisfy { pattern, segment in pattern.hasPrefix("{") || pattern == segment }
    }
}
