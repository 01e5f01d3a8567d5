public import Foundation
public import Tapedeck
import TapedeckProviders

/// The fixed account, project and instance ids the simulator serves, and the
/// first page of a walk of each provider (the demo and the scenarios use these).
public enum SimulatorFixtures {
    public static let alibabaInstance = "pd-bp1tapedeck0000001"
    public static let kafkaProject = "0b01fbb53600d4671fa8c00673c71260"
    public static let kafkaInstance = "6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    public static let iotdaProject = "5b4e1f2a9c8d4e3f8a7b6c5d4e3f2a1b"
    public static let iotdaInstance = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    public static let yandexInstance = "fhm0tapedeck00000001"
    public static let ddmProject = "619d3e78f61b4be68bc5aa0b59edcf7b"

    /// The first page's path and query, below the provider's base URL, for a walk
    /// with the given page size; windows are relative to `now`.
    public static func firstPage(for provider: ProviderID, pageSize: Int, now: Date = TapedeckClock.current.now()) -> (path: String, query: [URLQueryItem]) {
        switch provider {
        case .alibabaPetadata:
            return (
                path(provider, [:]),
                [
                    URLQueryItem(name: "Action", value: "DescribeTasks"), URLQueryItem(name: "InstanceId", value: alibabaInstance),
                    URLQueryItem(name: "StartTime", value: SimulatedTime.alibaba(now.addingTimeInterval(-25 * 86_400))),
                    URLQueryItem(name: "EndTime", value: SimulatedTime.alibaba(now)),
                    URLQueryItem(name: "PageNumbers", value: "1"), URLQueryItem(name: "MaxRecordsPerPage", value: String(pageSize)),
                ]
            )
        case .huaweiKafka:
            return (
                path(provider, ["project_id": kafkaProject, "instance_id": kafkaInstance]),
                [
                    URLQueryItem(name: "start", value: "0"), URLQueryItem(name: "limit", value: String(pageSize)),
                ]
            )
        case .huaweiIotda:
            return (path(provider, ["project_id": iotdaProject, "instance_id": iotdaInstance]), [URLQueryItem(name: "limit", value: String(pageSize))])
        case .yandexBackup:
            return (path(provider, ["computeInstanceId": yandexInstance]), [URLQueryItem(name: "pageSize", value: String(pageSize))])
        case .otcDdm:
            let end = Int64(now.timeIntervalSince1970 * 1000)
            return (
                path(provider, ["project_id": ddmProject]),
                [
                    URLQueryItem(name: "offset", value: "0"), URLQueryItem(name: "limit", value: String(pageSize)),
                    URLQueryItem(name: "start_time", value: String(end - 25 * 86_400_000)), URLQueryItem(name: "end_time", value: String(end)),
                ]
            )
        }
    }

    /// The provider's documented path (its profile's first) with each `{placeholder}` filled from `values`.
    static func path(_ provider: ProviderID, _ values: [String: String]) -> String {
        let template = provider.profile.pathTemplates.first ?? "/"
        let segments = template.split(separator: "/").map { segment in
            segment.hasPrefix("{") ? values[String(segment.dropFirst().dropLast())] ?? String(segment) : String(segment)
        }
        return "/" + segments.joined(separator: "/")
    }
}
