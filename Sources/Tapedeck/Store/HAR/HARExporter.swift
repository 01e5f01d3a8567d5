public import Foundation

/// Writes a cassette as HAR 1.2. A cassette imported from a HAR keeps every
/// member the cassette has no field for (`statusText`, `httpVersion`, timings,
/// cookies, pages, `_fields`…), so its export gives the HAR back, apart from
/// redacted values and the repairs the import warned about; any other
/// cassette gets the members HAR requires, with neutral values.
public enum HARExporter {
    /// The HAR document for `cassette`, pretty-printed.
    public static func har(from cassette: Cassette) -> Data {
        var log = cassette.har
        if log.isEmpty {
            log = JSONObject([.init(key: "version", value: "1.2"), .init(key: "creator", value: ["name": "tapedeck", "version": "1"])])
        }
        log["entries"] = .array(cassette.interactions.map(entry))
        return Data((JSONWriter(style: .pretty()).string(from: ["log": .object(log)]) + "\n").utf8)
    }

    /// `queryString` as a URL gives it: each parameter, percent-decoded.
    static func queryString(of url: String) -> JSONValue {
        .array(
            (URLComponents(string: url)?.queryItems ?? []).map {
                .object(JSONObject([.init(key: "name", value: .string($0.name)), .init(key: "value", value: .string($0.value ?? ""))]))
            })
    }

    private static func entry(_ interaction: Interaction) -> JSONValue {
        let imported = interaction.keepsHARDetails
        // A duration no cassette may hold (infinite, negative) is written as 0: HAR has no way to say it, and `inf` is not JSON.
        let recorded = interaction.duration * 1000
        let milliseconds = JSONValue.number(String(format: "%.3f", CassetteBounds.isDuration(recorded) ? recorded : 0))
        var entry = JSONObject([
            .init(key: "startedDateTime", value: .string(CassetteDate.string(from: interaction.recordedAt))),
            .init(key: "time", value: milliseconds),
            .init(key: "request", value: request(interaction.request, imported: imported)),
            .init(key: "response", value: response(interaction.response, imported: imported)),
        ])
        if !imported {
            entry["cache"] = [:]
            entry["timings"] = ["send": 0, "wait": milliseconds, "receive": 0]
        }
        for member in interaction.har { entry[member.key] = member.value }
        return .object(entry)
    }

    private static func request(_ request: RecordedRequest, imported: Bool) -> JSONValue {
        var object = JSONObject([
            .init(key: "method", value: .string(request.method)),
            .init(key: "url", value: .string(request.url)),
        ])
        if !imported {
            object["httpVersion"] = "HTTP/1.1"
            object["cookies"] = []
            object["headers"] = []
            object["queryString"] = queryString(of: request.url)
            object["headersSize"] = -1
            object["bodySize"] = .integer(request.body.data.count)
        }
        for member in request.har { object[member.key] = member.value }
        object["headers"] = headers(request.headers, pseudo: request.har["headers"])
        if let kept = request.har["cookies"] { object["cookies"] = cookies(kept, from: HARCookies.requestCookies(request.headers)) }
        if !request.body.isEmpty {
            var post = object["postData"]?.objectValue ?? JSONObject([.init(key: "mimeType", value: .string(request.headers["Content-Type"] ?? ""))])
            post["text"] = .string(String(decoding: request.body.data, as: UTF8.self))
            object["postData"] = .object(post)
        }
        return .object(object)
    }

    private static func response(_ response: RecordedResponse, imported: Bool) -> JSONValue {
        let body = response.body
        var object = JSONObject([.init(key: "status", value: .integer(response.status))])
        if !imported {
            object["statusText"] = ""
            object["httpVersion"] = "HTTP/1.1"
            object["cookies"] = []
            object["headers"] = []
            object["content"] = .object(
                JSONObject([
                    .init(key: "size", value: .integer(body.data.count)),
                    .init(key: "mimeType", value: .string(response.headers["Content-Type"] ?? "")),
                ]))
            object["redirectURL"] = ""
            object["headersSize"] = -1
            object["bodySize"] = .integer(body.data.count)
        }
        for member in response.har { object[member.key] = member.value }
        object["headers"] = headers(response.headers, pseudo: response.har["headers"])
        if let kept = response.har["cookies"] { object["cookies"] = cookies(kept, from: HARCookies.responseCookies(response.headers)) }
        if !body.isEmpty {
            var content =
                object["content"]?.objectValue
                ?? JSONObject([
                    .init(key: "size", value: .integer(body.data.count)),
                    .init(key: "mimeType", value: .string(response.headers["Content-Type"] ?? "")),
                ])
            // An imported body keeps the form its HAR gave it; any other binary body goes as base64.
            let base64 = response.har["content"] == nil ? body.content.isBinary : content["encoding"]?.stringValue?.lowercased() == "base64"
            if base64 {
                content["text"] = .string(body.data.base64EncodedString())
                content["encoding"] = "base64"
            } else {
                content["text"] = .string(String(decoding: body.data, as: UTF8.self))
            }
            object["content"] = .object(content)
        }
        return .object(object)
    }

    /// The HTTP/2 pseudo-headers first, as HTTP/2 sends them, then the fields.
    private static func headers(_ fields: HeaderFields, pseudo: JSONValue?) -> JSONValue {
        .array(
            (pseudo?.arrayValue ?? [])
                + fields.map {
                    .object(JSONObject([.init(key: "name", value: .string($0.name)), .init(key: "value", value: .string($0.value))]))
                })
    }

    /// The `cookies` kept, each without a value of its own given the value its header carries.
    private static func cookies(_ kept: JSONValue, from header: [String: String]) -> JSONValue {
        .array(
            (kept.arrayValue ?? []).map { cookie in
                guard let object = cookie.objectValue, object["value"] == nil, let name = object["name"]?.stringValue else { return cookie }
                var filled = JSONObject()
                for member in object {
                    filled[member.key] = member.value
                    if member.key == "name" { filled["value"] = .string(header[name] ?? "") }
                }
                return .object(filled)
            })
    }
}

extension RecordedBody.Content {
    fileprivate var isBinary: Bool {
        if case .binary = self { return true }
        return false
    }
}
