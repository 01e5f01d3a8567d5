import Foundation
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// Each provider's documented error body, for the handlers' refusals and for
/// injected faults alike: Huawei's and OTC's `error_code`/`error_msg`, Alibaba's
/// `RequestId`/`HostId`/`Code`/`Message` (JSON or XML), Yandex's gRPC-style
/// `code`/`message`/`details`. The error-shape drift drops the codes.
struct ProviderError {
    let request: SimulatedRequest

    /// `code` is the provider's error code (Yandex: a gRPC code as digits).
    func answer(_ status: Int, code: String, message: String) -> HTTPResponse {
        let drifts = request.drifts
        switch request.provider {
        case .huaweiKafka, .huaweiIotda, .otcDdm:
            return SimulatedResponse.huaweiError(status, code: code, message: message, drifts: drifts)
        case .yandexBackup:
            if drifts.contains(.errorShape) { return SimulatedResponse.json(status, ["error": .string(message)]) }
            return SimulatedResponse.json(status, ["code": .number(code), "message": .string(message), "details": []])
        case .alibabaPetadata:
            var members: [(String, JSONValue)] = [("RequestId", .string(request.requestID)), ("HostId", "petadata.aliyuncs.com")]
            if !drifts.contains(.errorShape) { members += [("Code", .string(code))] }
            members.append(("Message", .string(message)))
            let body = JSONValue.object(JSONObject(members.map { .init(key: $0.0, value: $0.1) }))
            return request.query["Format"]?.uppercased() == "XML"
                ? SimulatedResponse.xml(status, AlibabaXML.render(root: "Error", body)) : SimulatedResponse.json(status, body)
        }
    }

    /// The provider's answer to an injected fault of `status` (a 5xx, or 429 throttling).
    func fault(_ status: Int) -> HTTPResponse {
        let throttled = status == 429
        let message = throttled ? "Request throttled: too many requests." : "The service is temporarily unavailable."
        let code: String =
            switch request.provider {
            case .huaweiKafka: throttled ? "DMS.00429000" : "DMS.00500000"
            case .huaweiIotda: throttled ? "IOTDA.000429" : "IOTDA.000500"
            case .otcDdm: throttled ? "DBS.280429" : "DBS.280500"
            case .alibabaPetadata: throttled ? "Throttling.User" : status == 503 ? "ServiceUnavailable" : "InternalError"
            // gRPC: RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL.
            case .yandexBackup: throttled ? "8" : status == 503 ? "14" : "13"
            }
        return answer(status, code: code, message: message)
    }
}
