public import Foundation

/// Turns a HAR 1.2 file (browser devtools, mitmproxy, Charles) into a cassette,
/// redacting on the way in, so a bug report becomes a replayable cassette.
public struct HARImporter: Sendable {
    public var redactor: Redactor

    public init(redactor: Redactor = .standard) { self.redactor = redactor }

    /// The cassette the HAR's entries make, redacted.
    /// - Throws: `InputError` naming the file and the JSON path that is not HAR.
    public func cassette(fromHAR data: Data, file: String) throws(InputError) -> Cassette {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw InputError(file: file, parseError: error)
        }
        return redactor.redact(Cassette(interactions: try Self.interactions(fromHAR: root, file: file)))
    }

    /// The HAR's entries as interactions, as they are (not redacted): entry `i` is interaction `i`.
    /// - Throws: `InputError` naming the file and the JSON path that is not HAR.
    package static func interactions(fromHAR root: JSONValue, file: String) throws(InputError) -> [Interaction] {
        let reader = HARReader(file: file)
        let entriesPath = JSONPath.root.appending("log").appending("entries")
        guard let entries = root["log"]?["entries"]?.arrayValue else {
            throw reader.fail(entriesPath, expected: "a HAR file with log.entries", found: root["log"]?["entries"] ?? root["log"])
        }
        var interactions: [Interaction] = []
        for (index, entry) in entries.enumerated() {
            interactions.append(try reader.interaction(entry, at: entriesPath.appending(index: index)))
        }
        return interactions
    }
}

/// Reads HAR entries with a JSON path in every error.
private struct HARReader {
    let file: String

    func fail(_ path: JSONPath, expected: String, found: JSONValue?) -> InputError {
        let description = found.map { value -> String in
            switch value {
            case .string(let text): return "the string \"\(text.prefix(40))\""
            case .number(let lexeme): return "the number \(lexeme)"
            default: return value.typeName
            }
        } ?? "nothing"
        return InputError(file: file, location: .path(path), expected: expected, found: description)
    }

    func string(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> String {
        guard let text = value?.stringValue else { throw fail(path, expected: "a string", found: value) }
        return text
    }

    func headers(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> HeaderFields {
        guard let list = value?.arrayValue else { throw fail(path, expected: "an array of {name, value}", found: value) }
        var fields = HeaderFields()
        for (index, header) in list.enumerated() {
            let at = path.appending(index: index)
            fields.append(name: try string(header["name"], at: at.appending("name")), value: try string(header["value"], at: at.appending("value")))
        }
        return fields
    }

    func interaction(_ entry: JSONValue, at path: JSONPath) throws(InputError) -> Interaction {
        let requestPath = path.appending("request")
        let request = entry["request"]
        let requestHeaders = try headers(request?["headers"], at: requestPath.appending("headers"))
        var requestBody = RecordedBody.empty
        if let post = request?["postData"] {
            // Devtools give a form's fields as `params`, sometimes without the `text`.
            let fields = post["params"]?.arrayValue?.compactMap { param -> String? in
                guard let name = param["name"]?.stringValue else { return nil }
                return Self.formEncoded(name) + "=" + Self.formEncoded(param["value"]?.stringValue ?? "")
            }
            if let text = post["text"]?.stringValue ?? fields?.joined(separator: "&") {
                requestBody = RecordedBody(data: Data(text.utf8), contentType: post["mimeType"]?.stringValue)
            }
        }
        let responsePath = path.appending("response")
        let response = entry["response"]
        guard let status = response?["status"]?.int64Value.flatMap(Int.init(exactly:)), CassetteBounds.statuses.contains(status) else {
            throw fail(responsePath.appending("status"), expected: CassetteBounds.statusExpectation, found: response?["status"])
        }
        let responseHeaders = try headers(response?["headers"], at: responsePath.appending("headers"))
        let content = response?["content"]
        var body = Data()
        if let text = content?["text"]?.stringValue {
            if content?["encoding"]?.stringValue == "base64" {
                guard let decoded = Data(base64Encoded: text) else {
                    throw fail(responsePath.appending("content").appending("text"), expected: "base64 text", found: content?["text"])
                }
                body = decoded
            } else {
                body = Data(text.utf8)
            }
        }
        // A body still compressed is stored decoded, as a recording stores it.
        let encoding = responseHeaders["Content-Encoding"]
        if let encoding, let decoded = ContentDecoding.decode(body, encoding: encoding) { body = decoded }
        let started = try string(entry["startedDateTime"], at: path.appending("startedDateTime"))
        guard let date = CassetteDate.date(from: started) ?? ISO8601DateFormatter().date(from: started),
            CassetteBounds.recordedAt.contains(date)
        else {
            throw fail(
                path.appending("startedDateTime"), expected: "an ISO 8601 time, \(CassetteBounds.recordedAtExpectation)",
                found: entry["startedDateTime"])
        }
        let milliseconds = entry["time"]?.doubleValue ?? 0
        guard CassetteBounds.isDuration(milliseconds) else {
            throw fail(path.appending("time"), expected: CassetteBounds.durationExpectation, found: entry["time"])
        }
        return Interaction(
            request: RecordedRequest(
                method: try string(request?["method"], at: requestPath.appending("method")),
                url: try string(request?["url"], at: requestPath.appending("url")), headers: requestHeaders, body: requestBody),
            response: RecordedResponse(
                status: status, headers: responseHeaders,
                body: RecordedBody(
                    data: body, contentType: content?["mimeType"]?.stringValue ?? responseHeaders["Content-Type"],
                    originalEncoding: encoding)),
            recordedAt: date, duration: milliseconds / 1000)
    }

    private static let formAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "*-._"))

    private static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? text
    }
}
