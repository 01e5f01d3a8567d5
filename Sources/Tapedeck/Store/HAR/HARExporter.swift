public import Foundation

/// Writes a cassette as HAR 1.2, for browsers' and proxies' HAR viewers.
public enum HARExporter {
    /// The HAR document for `cassette`, pretty-printed.
    public static func har(from cassette: Cassette) -> Data {
        let entries: [JSONValue] = cassette.interactions.map { interaction in
            let responseBody = interaction.response.body
            var content = JSONObject([
                .init(key: "size", value: .integer(responseBody.data.count)),
                .init(key: "mimeType", value: .string(interaction.response.headers["Content-Type"] ?? "")),
            ])
            if case .binary(let data) = responseBody.content {
                content["text"] = .string(data.base64EncodedString())
                content["encoding"] = "base64"
            } else if !responseBody.isEmpty {
                content["text"] = .string(String(decoding: responseBody.data, as: UTF8.self))
            }
            var request = JSONObject([
                .init(key: "method", value: .string(interaction.request.method)),
                .init(key: "url", value: .string(interaction.request.url)),
                .init(key: "httpVersion", value: "HTTP/1.1"),
                .init(key: "headers", value: headers(interaction.request.headers)),
                .init(key: "queryString", value: .array((URLComponents(string: interaction.request.url)?.queryItems ?? []).map {
                    ["name": .string($0.name), "value": .string($0.value ?? "")]
                })),
                .init(key: "cookies", value: []), .init(key: "headersSize", value: -1), .init(key: "bodySize", value: .integer(interaction.request.body.data.count)),
            ])
            if !interaction.request.body.isEmpty {
                request["postData"] = [
                    "mimeType": .string(interaction.request.headers["Content-Type"] ?? ""),
                    "text": .string(String(decoding: interaction.request.body.data, as: UTF8.self)),
                ]
            }
            let response = JSONObject([
                .init(key: "status", value: .integer(interaction.response.status)), .init(key: "statusText", value: ""),
                .init(key: "httpVersion", value: "HTTP/1.1"), .init(key: "headers", value: headers(interaction.response.headers)),
                .init(key: "cookies", value: []), .init(key: "content", value: .object(content)), .init(key: "redirectURL", value: ""),
                .init(key: "headersSize", value: -1), .init(key: "bodySize", value: .integer(responseBody.data.count)),
            ])
            // A duration no cassette may hold (infinite, negative) is written as 0: HAR has no way to say it, and `inf` is not JSON.
            let recorded = interaction.duration * 1000
            let milliseconds = String(format: "%.3f", CassetteBounds.isDuration(recorded) ? recorded : 0)
            return .object(JSONObject([
                .init(key: "startedDateTime", value: .string(CassetteDate.string(from: interaction.recordedAt))),
                .init(key: "time", value: .number(milliseconds)),
                .init(key: "request", value: .object(request)), .init(key: "response", value: .object(response)),
                .init(key: "cache", value: [:]),
                .init(key: "timings", value: ["send": 0, "wait": .number(milliseconds), "receive": 0]),
            ]))
        }
        let log: JSONValue = ["log": ["version": "1.2", "creator": ["name": "tapedeck", "version": "1"], "entries": .array(entries)]]
        return Data((JSONWriter(style: .pretty()).string(from: log) + "\n").utf8)
    }

    private static func headers(_ fields: HeaderFields) -> JSONValue {
        .array(fields.map { ["name": .string($0.name), "value": .string($0.value)] })
    }
}
