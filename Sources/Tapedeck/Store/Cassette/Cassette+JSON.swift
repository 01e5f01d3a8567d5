public import Foundation

extension Cassette {
    /// Reads a cassette from its JSON text.
    /// - Parameter file: the name used in error messages.
    /// - Throws: `InputError` naming the line or JSON path and what was expected.
    public init(jsonData data: Data, file: String) throws(InputError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw InputError(
                file: file, parseError: error,
                hint: data.isEmpty ? "The file is empty; delete it to record again" : "Is the file truncated or hand-edited?")
        }
        try self.init(jsonValue: root, file: file)
    }

    /// Reads a cassette from its JSON already parsed (a reader that looked at the document
    /// first decodes it without parsing the file twice).
    /// - Throws: `InputError` naming the JSON path and what was expected.
    package init(jsonValue root: JSONValue, file: String) throws(InputError) {
        var decoder = CassetteDecoder(file: file)
        self = try decoder.cassette(root)
    }

    /// The cassette as pretty-printed JSON. Writing the same interactions twice gives the same bytes.
    public func jsonData() -> Data {
        var text = JSONWriter(style: .pretty()).string(from: jsonValue)
        text += "\n"
        return Data(text.utf8)
    }

    /// The cassette as a JSON value, in the documented layout.
    public var jsonValue: JSONValue {
        var object = JSONObject([.init(key: "version", value: .integer(writtenVersion))])
        if !har.isEmpty { object["har"] = .object(har) }
        object["interactions"] = .array(interactions.map(\.jsonValue))
        return .object(object)
    }
}

extension Interaction {
    /// Reads one interaction in the cassette layout.
    /// - Parameter file: the name used in error messages.
    package init(jsonValue: JSONValue, file: String) throws(InputError) {
        self = try CassetteDecoder(file: file).interaction(jsonValue, at: .root)
    }

    /// The interaction in the cassette layout.
    package var jsonValue: JSONValue {
        var request = JSONObject([
            .init(key: "method", value: .string(self.request.method)),
            .init(key: "url", value: .string(self.request.url)),
            .init(key: "headers", value: self.request.headers.jsonValue),
        ])
        if let body = self.request.body.jsonValue { request["body"] = body }
        if !self.request.har.isEmpty { request["har"] = .object(self.request.har) }
        if !self.request.relativeTimes.isEmpty {
            request["relativeTimes"] = .object(
                JSONObject(
                    self.request.relativeTimes.sorted { $0.key < $1.key }.map { name, time in
                        .init(
                            key: name,
                            value: .object(
                                JSONObject([
                                    .init(key: "expression", value: .string(time.expression)),
                                    .init(key: "format", value: .string((time.format ?? .rfc3339).rawValue)),
                                ])))
                    }))
        }
        var response = JSONObject([
            .init(key: "status", value: .integer(self.response.status)),
            .init(key: "headers", value: self.response.headers.jsonValue),
        ])
        if let body = self.response.body.jsonValue { response["body"] = body }
        if !self.response.har.isEmpty { response["har"] = .object(self.response.har) }
        var object = JSONObject([
            .init(key: "recordedAt", value: .string(CassetteDate.string(from: recordedAt))),
            .init(key: "durationMs", value: .thousandths(duration * 1000)),
        ])
        if !har.isEmpty { object["har"] = .object(har) }
        object["request"] = .object(request)
        object["response"] = .object(response)
        return .object(object)
    }
}

extension HeaderFields {
    fileprivate var jsonValue: JSONValue {
        .array(fields.map { .array([.string($0.name), .string($0.value)]) })
    }
}

extension RecordedBody {
    fileprivate var jsonValue: JSONValue? {
        var object = JSONObject()
        switch content {
        case .empty: return nil
        case .json(let value): object["json"] = value
        case .text(let text): object["text"] = .string(text)
        case .binary(let data): object["base64"] = .string(data.base64EncodedString())
        }
        if let originalEncoding { object["encoding"] = .string(originalEncoding) }
        return .object(object)
    }
}

/// Timestamps in cassettes: UTC, millisecond precision, `2026-11-22T10:54:00.123Z`.
package enum CassetteDate {
    /// Rounded to the nearest millisecond first: a time read back from its text
    /// (`.123` is not exact in binary) is written as the same text again.
    package static func string(from date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = (milliseconds.quotientAndRemainder(dividingBy: 1000))
        let (whole, rest) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let digits = String(rest)
        return TimeLayout.string(Date(timeIntervalSince1970: TimeInterval(whole)), layout: "yyyy-MM-ddTHH:mm:ss")
            + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    package static func date(from text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt).parse(text))
            ?? (try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(text))
    }
}

/// Reads the documented layout back, with a JSON path in every error.
private struct CassetteDecoder {
    let file: String

    func fail(_ path: JSONPath, expected: String, found: JSONValue?, hint: String? = nil) -> InputError {
        InputError(file: file, location: .path(path), expected: expected, found: found.map(Self.describe) ?? "nothing", hint: hint)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "the string \"\(text.prefix(40))\""
        case .number(let lexeme): "the number \(lexeme)"
        default: value.typeName == "array" || value.typeName == "object" ? "an \(value.typeName)" : value.typeName
        }
    }

    func object(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> JSONObject {
        guard let object = value?.objectValue else { throw fail(path, expected: "an object", found: value) }
        return object
    }

    func string(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> String {
        guard let text = value?.stringValue else { throw fail(path, expected: "a string", found: value) }
        return text
    }

    mutating func cassette(_ root: JSONValue) throws(InputError) -> Cassette {
        let object = try object(root, at: .root)
        let versionPath = JSONPath.root.appending("version")
        guard let version = object["version"] else {
            throw fail(versionPath, expected: "\"version\": 1", found: nil, hint: "Is this a Tapedeck cassette?")
        }
        guard let number = version.int64Value, Cassette.readableVersions.contains(number) else {
            throw fail(
                versionPath, expected: "format version 1 or 2", found: version,
                hint: "This cassette was written by another Tapedeck version; re-record it or upgrade Tapedeck")
        }
        let interactionsPath = JSONPath.root.appending("interactions")
        guard let list = object["interactions"]?.arrayValue else {
            throw fail(interactionsPath, expected: "an array of interactions", found: object["interactions"])
        }
        var interactions: [Interaction] = []
        interactions.reserveCapacity(list.count)
        for (index, element) in list.enumerated() {
            interactions.append(try interaction(element, at: interactionsPath.appending(index: index)))
        }
        return Cassette(interactions: interactions, har: try har(object["har"], at: .root))
    }

    /// The `har` member of an object at `path`: an object, or nothing.
    func har(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> JSONObject {
        guard let value else { return JSONObject() }
        return try object(value, at: path.appending("har"))
    }

    func interaction(_ value: JSONValue, at path: JSONPath) throws(InputError) -> Interaction {
        let object = try object(value, at: path)
        let datePath = path.appending("recordedAt")
        let dateText = try string(object["recordedAt"], at: datePath)
        guard let recordedAt = CassetteDate.date(from: dateText), CassetteBounds.recordedAt.contains(recordedAt) else {
            throw fail(
                datePath, expected: "an ISO 8601 UTC time such as 2026-11-22T10:54:00.123Z, \(CassetteBounds.recordedAtExpectation)",
                found: object["recordedAt"])
        }
        let durationPath = path.appending("durationMs")
        guard let milliseconds = object["durationMs"]?.doubleValue, CassetteBounds.isDuration(milliseconds) else {
            throw fail(durationPath, expected: CassetteBounds.durationExpectation, found: object["durationMs"])
        }
        let requestPath = path.appending("request")
        let requestObject = try self.object(object["request"], at: requestPath)
        let request = RecordedRequest(
            method: try string(requestObject["method"], at: requestPath.appending("method")),
            url: try string(requestObject["url"], at: requestPath.appending("url")),
            headers: try headers(requestObject["headers"], at: requestPath.appending("headers")),
            body: try body(requestObject["body"], at: requestPath.appending("body")),
            relativeTimes: try relativeTimes(requestObject["relativeTimes"], at: requestPath.appending("relativeTimes")),
            har: try har(requestObject["har"], at: requestPath))
        let responsePath = path.appending("response")
        let responseObject = try self.object(object["response"], at: responsePath)
        let statusPath = responsePath.appending("status")
        guard let status = responseObject["status"]?.int64Value, (100...999).contains(status) else {
            throw fail(statusPath, expected: "an HTTP status code (100-999)", found: responseObject["status"])
        }
        let response = RecordedResponse(
            status: Int(status),
            headers: try headers(responseObject["headers"], at: responsePath.appending("headers")),
            body: try body(responseObject["body"], at: responsePath.appending("body")),
            har: try har(responseObject["har"], at: responsePath))
        return Interaction(
            request: request, response: response, recordedAt: recordedAt, duration: milliseconds / 1000, har: try har(object["har"], at: path))
    }

    func headers(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> HeaderFields {
        guard let value else { return [:] }
        guard let list = value.arrayValue else { throw fail(path, expected: "an array of [name, value] pairs", found: value) }
        var fields = HeaderFields()
        for (index, pair) in list.enumerated() {
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue, let text = items[1].stringValue
            else { throw fail(path.appending(index: index), expected: "a [name, value] pair of strings", found: pair) }
            fields.append(name: name, value: text)
        }
        return fields
    }

    /// `{"start_time": {"expression": "{now-7d}", "format": "epoch-millis"}}`.
    func relativeTimes(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> [String: RelativeTime] {
        guard let value else { return [:] }
        var times: [String: RelativeTime] = [:]
        for member in try object(value, at: path).members {
            let entryPath = path.appending(member.key)
            let entry = try object(member.value, at: entryPath)
            let text = try string(entry["expression"], at: entryPath.appending("expression"))
            let formatName = try string(entry["format"], at: entryPath.appending("format"))
            guard let format = TimeFormat(format: formatName) else {
                throw fail(
                    entryPath.appending("format"), expected: "a time format (" + TimeFormat.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                    found: entry["format"])
            }
            do {
                times[member.key] = try RelativeTime(text).resolved(format: format)
            } catch {
                throw fail(entryPath.appending("expression"), expected: error.expected, found: entry["expression"])
            }
        }
        return times
    }

    func body(_ value: JSONValue?, at path: JSONPath) throws(InputError) -> RecordedBody {
        guard let value, value != .null else { return .empty }
        let object = try object(value, at: path)
        var encoding: String?
        if let note = object["encoding"] { encoding = try string(note, at: path.appending("encoding")) }
        if let json = object["json"] { return RecordedBody(content: .json(json), originalEncoding: encoding) }
        if let text = object["text"] {
            return RecordedBody(content: .text(try string(text, at: path.appending("text"))), originalEncoding: encoding)
        }
        if let base64 = object["base64"] {
            let text = try string(base64, at: path.appending("base64"))
            guard let data = Data(base64Encoded: text) else {
                throw fail(path.appending("base64"), expected: "base64 text", found: base64)
            }
            return RecordedBody(content: .binary(data), originalEncoding: encoding)
        }
        throw fail(path, expected: "one of \"json\", \"text\" or \"base64\"", found: value)
    }
}
