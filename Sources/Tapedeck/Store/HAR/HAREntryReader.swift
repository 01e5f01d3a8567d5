import Foundation

/// Reads one HAR entry as an interaction, as tolerantly as the tools that write
/// HAR are loose: what the cassette models (method, URL, headers, bodies, status,
/// time) goes to its fields, every other member to the `har` details, as it was.
/// An entry that is not a whole exchange is a `Skip`, never an error.
struct HAREntryReader {
    /// Why an entry is left out of the cassette.
    struct Skip: Error {
        var reason: String
    }

    /// The entry's members the cassette keeps in fields of its own.
    static let entryMembers: Set<String> = ["request", "response"]
    static let requestMembers: Set<String> = ["method", "url", "headers"]
    static let responseMembers: Set<String> = ["status", "headers"]

    /// What the reader changed to read the entry (a header value that was an array, base64 that was not).
    var repairs: [String] = []
    /// The time of the entry before, for an entry that has none.
    var fallbackDate = Date(timeIntervalSince1970: 0)

    mutating func interaction(_ value: JSONValue) throws(Skip) -> Interaction {
        guard let entry = value.objectValue else { throw Skip(reason: "not an object but \(value.typeName)") }
        guard let request = entry["request"]?.objectValue else { throw Skip(reason: "it has no request") }
        guard let method = request["method"]?.stringValue, !method.isEmpty else { throw Skip(reason: "its request has no method") }
        guard let written = request["url"]?.stringValue, !written.isEmpty else { throw Skip(reason: "its request has no URL") }
        // A browser writes a URL as the page gave it (`|`, spaces, `[`): the cassette holds it percent-encoded,
        // so it parses and matches, and keeps the written one for the export.
        let url = URLComponents(string: written) == nil ? Self.percentEncoded(written) : written
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard scheme == "http" || scheme == "https" else { throw Skip(reason: "its URL is \(scheme): not an HTTP exchange") }
        guard method.uppercased() != "CONNECT" else { throw Skip(reason: "it is a CONNECT tunnel, not an exchange") }
        guard let response = entry["response"]?.objectValue else {
            throw Skip(reason: "it has no response (a request-only entry)")
        }
        let statusValue = response["status"]
        let status = statusValue?.int64Value.flatMap(Int.init(exactly:)) ?? statusValue?.stringValue.flatMap { Int($0) }
        guard let status, CassetteBounds.statuses.contains(status) else {
            let error = (entry["_error"]?.stringValue ?? response["_error"]?.stringValue).map { " (\($0))" } ?? ""
            let found = statusValue.map { value in value.numberLexeme ?? value.stringValue.map { "\"\($0)\"" } ?? value.typeName } ?? "none"
            let meaning = (status ?? 0) <= 0 ? "no answer was received" : "not an HTTP status (\(CassetteBounds.statusExpectation))"
            throw Skip(reason: "its response status is \(found): \(meaning)\(error)")
        }
        guard status >= 200 else {
            throw Skip(reason: "its status \(status) is an interim answer (a WebSocket's protocol switch), which HTTP cannot give as the answer")
        }

        var entryDetails = JSONObject(entry.filter { !Self.entryMembers.contains($0.key) }.map { JSONObject.Member(key: $0.key, value: $0.value) })
        var recordedAt = fallbackDate
        if let started = entry["startedDateTime"]?.stringValue, let date = HARDate.date(from: started), CassetteBounds.recordedAt.contains(date) {
            recordedAt = date
            if CassetteDate.string(from: date) == started { entryDetails["startedDateTime"] = nil }
        } else {
            repairs.append("its startedDateTime is not an ISO 8601 time; the entry before's time is used")
        }
        fallbackDate = recordedAt
        var milliseconds = 0.0
        if let time = entry["time"]?.doubleValue, CassetteBounds.isDuration(time) {
            milliseconds = time
            if entry["time"]?.numberLexeme == String(format: "%.3f", time) { entryDetails["time"] = nil }
        } else if let time = entry["time"], time != .number("-1") {
            repairs.append("its time \(time.numberLexeme ?? time.typeName) is no duration (\(CassetteBounds.durationExpectation)); 0 is used")
        }

        let (requestHeaders, requestPseudo) = headers(request["headers"], of: "request")
        var requestDetails = details(request, without: Self.requestMembers, pseudoHeaders: requestPseudo)
        if url != written { requestDetails["url"] = .string(written) }
        var requestBody = RecordedBody.empty
        if var post = request["postData"]?.objectValue {
            // Devtools give a form's fields as `params`, sometimes without the `text`.
            let fields = post["params"]?.arrayValue?.compactMap { param -> String? in
                guard let name = param["name"]?.stringValue else { return nil }
                return HARForm.encoded(name) + "=" + HARForm.encoded(param["value"]?.stringValue ?? "")
            }
            if let text = post["text"]?.stringValue ?? fields?.joined(separator: "&") {
                requestBody = RecordedBody(data: Data(text.utf8), contentType: post["mimeType"]?.stringValue ?? requestHeaders["Content-Type"])
                if !text.isEmpty { post["text"] = nil }
            }
            requestDetails["postData"] = .object(post)
        }

        let (responseHeaders, responsePseudo) = headers(response["headers"], of: "response")
        var responseDetails = details(response, without: Self.responseMembers, pseudoHeaders: responsePseudo)
        var body = Data()
        if var content = response["content"]?.objectValue {
            if let text = content["text"]?.stringValue, !text.isEmpty {
                if content["encoding"]?.stringValue?.lowercased() == "base64" {
                    if let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters) {
                        body = decoded
                    } else {
                        repairs.append("its response content is not base64 as its encoding says; kept as text")
                        body = Data(text.utf8)
                        content["encoding"] = nil
                    }
                } else {
                    body = Data(text.utf8)
                }
                content["text"] = nil
            }
            responseDetails["content"] = .object(content)
        }
        // A body still compressed is stored decoded, as a recording stores it.
        let encoding = responseHeaders["Content-Encoding"]
        if let encoding, let decoded = ContentDecoding.decode(body, encoding: encoding) { body = decoded }
        let mimeType = response["content"]?["mimeType"]?.stringValue
        return Interaction(
            request: RecordedRequest(method: method, url: url, headers: requestHeaders, body: requestBody, har: requestDetails),
            response: RecordedResponse(
                status: status, headers: responseHeaders,
                body: RecordedBody(data: body, contentType: responseHeaders["Content-Type"] ?? mimeType, originalEncoding: encoding),
                har: responseDetails),
            recordedAt: recordedAt, duration: milliseconds / 1000, har: entryDetails)
    }

    /// The members of a request or response the cassette has no field for; HTTP/2 pseudo-headers,
    /// which HTTP/1.1 cannot carry and a matcher must not compare, as its `headers`.
    private func details(_ object: JSONObject, without modelled: Set<String>, pseudoHeaders: [JSONValue]) -> JSONObject {
        var kept = JSONObject(object.filter { !modelled.contains($0.key) }.map { JSONObject.Member(key: $0.key, value: $0.value) })
        if !pseudoHeaders.isEmpty { kept["headers"] = .array(pseudoHeaders) }
        return kept
    }

    /// The headers as fields, and the HTTP/2 pseudo-headers (`:authority`) apart, as HAR has them.
    /// A value given as an array (Polly.JS) is one field per element; a number or a boolean is its text.
    private mutating func headers(_ value: JSONValue?, of part: String) -> (HeaderFields, [JSONValue]) {
        var fields = HeaderFields()
        var pseudo: [JSONValue] = []
        for header in value?.arrayValue ?? [] {
            guard let name = header["name"]?.stringValue else {
                repairs.append("a \(part) header without a name is left out")
                continue
            }
            if name.hasPrefix(":") {
                pseudo.append(header)
                continue
            }
            switch header["value"] {
            case .array(let values)?:
                for element in values { fields.append(name: name, value: Self.text(element)) }
            case let value?: fields.append(name: name, value: Self.text(value))
            case nil: fields.append(name: name, value: "")
            }
        }
        return (fields, pseudo)
    }

    private static let urlAllowed = CharacterSet.urlQueryAllowed.union(.urlPathAllowed).union(CharacterSet(charactersIn: "%#"))

    /// `text` with every character a URL may not hold percent-encoded (a `%` already there kept).
    private static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: urlAllowed) ?? text
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let lexeme): lexeme
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        default: value.compactText
        }
    }
}
