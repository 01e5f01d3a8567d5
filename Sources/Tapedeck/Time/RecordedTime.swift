package import Foundation

/// One value of a recorded request that is a time near the moment it was
/// recorded, kept as an offset from `recordedAt` in its notation: replay asks
/// a new request for the same offset from its own now (`RequestMatcher`).
/// Derived when a cassette loads, so cassettes recorded before offsets existed
/// replay the same way.
package struct RecordedTime: Sendable {
    /// Where in the request the value is.
    package enum Place: Hashable, Sendable {
        /// The `index`-th value of a query parameter.
        case query(String, index: Int)
        /// The `index`-th value of a field of a form body.
        case form(String, index: Int)
        /// A member or element of a JSON body.
        case json(JSONPath)
    }

    package var place: Place
    /// The value as recorded.
    package var value: String
    package var reading: TimeNotation.Reading
    /// Seconds from `recordedAt` to the value.
    package var offset: TimeInterval

    /// The parameter's name as a report shows it: the query or form name, or the JSON path.
    package var name: String {
        switch place {
        case .query(let name, _), .form(let name, _): name
        case .json(let path): "body " + path.description
        }
    }
}

extension TimeMatching {
    /// The values of `request` that are times near `recordedAt`: query parameters,
    /// form fields and JSON body values (strings or numbers), except `ignored`
    /// names, names a scenario recorded as relative times, `excluded` and redacted
    /// values. Headers are not compared by the matcher, so none is searched here.
    func times(in request: RecordedRequest, recordedAt: Date, ignoring ignored: Set<String>) -> [RecordedTime] {
        guard isEnabled else { return [] }
        let skipped = { (name: String) in ignored.contains(name) || self.excluded.contains(name) || request.relativeTimes[name] != nil }
        var times: [RecordedTime] = []
        func note(_ value: String, at place: RecordedTime.Place, named name: String?) {
            guard !Redactor.isPlaceholder(value), let reading = TimeNotation.read(value) else { return }
            let offset = reading.seconds - recordedAt.timeIntervalSince1970
            let named = name.map { parameters.contains($0) } == true
            // An API version written as a date (`api-version=2025-06-01`) stays put while the clock moves.
            let version = name?.lowercased().contains("version") == true
            guard named || (abs(offset) <= distance && !version) else { return }
            times.append(RecordedTime(place: place, value: value, reading: reading, offset: offset))
        }
        for (name, values) in RequestParts(request.url).query where !skipped(name) {
            for (index, value) in values.enumerated() { note(value, at: .query(name, index: index), named: name) }
        }
        if let form = Self.form(of: request) {
            for (name, values) in form where !skipped(name) {
                for (index, value) in values.enumerated() { note(value, at: .form(name, index: index), named: name) }
            }
        } else if let json = request.body.json {
            Self.visitScalars(json, at: .root) { text, path in
                if case .key(let key)? = path.components.last, skipped(key) { return }
                let name: String? = if case .key(let key)? = path.components.last { key } else { nil }
                note(text, at: .json(path), named: name)
            }
        }
        return times
    }

    /// The fields of a form body (`application/x-www-form-urlencoded`), or `nil` for any other body.
    static func form(of request: RecordedRequest) -> [String: [String]]? {
        guard request.headers["Content-Type"]?.lowercased().contains("x-www-form-urlencoded") == true,
            case .text(let text) = request.body.content
        else { return nil }
        return fields(ofForm: text)
    }

    /// The fields of a form body's text, by name, percent-decoded (`+` is a space).
    static func fields(ofForm text: String) -> [String: [String]] {
        RequestParts("/?" + text.replacingOccurrences(of: "+", with: "%20")).query
    }

    /// Calls `visit` with each string, and each number written as digits, in `value`, and its path.
    static func visitScalars(_ value: JSONValue, at path: JSONPath, _ visit: (String, JSONPath) -> Void) {
        switch value {
        case .string(let text): visit(text, path)
        case .number(let lexeme): visit(lexeme, path)
        case .array(let elements):
            for (index, element) in elements.enumerated() { visitScalars(element, at: path.appending(index: index), visit) }
        case .object(let object):
            for member in object.members { visitScalars(member.value, at: path.appending(member.key), visit) }
        case .null, .bool: break
        }
    }

    /// `value` with each string or number `transform` gives a replacement for replaced,
    /// in the kind it was (a number stays a number).
    static func mapScalars(_ value: JSONValue, at path: JSONPath, _ transform: (String, JSONPath) -> String?) -> JSONValue {
        switch value {
        case .string(let text): return transform(text, path).map(JSONValue.string) ?? value
        case .number(let lexeme): return transform(lexeme, path).map(JSONValue.number) ?? value
        case .array(let elements):
            return .array(elements.enumerated().map { mapScalars($1, at: path.appending(index: $0), transform) })
        case .object(var object):
            for member in object.members { object[member.key] = mapScalars(member.value, at: path.appending(member.key), transform) }
            return .object(object)
        case .null, .bool: return value
        }
    }

    /// `response` with each time in its JSON body near `recordedAt` moved by `shift`
    /// seconds, written in the notation and zone it had.
    func shifting(_ response: RecordedResponse, recordedAt: Date, by shift: TimeInterval) -> RecordedResponse {
        guard shift != 0, let json = response.body.json else { return response }
        let shifted = Self.mapScalars(json, at: .root) { text, path in
            if case .key(let key)? = path.components.last, excluded.contains(key) { return nil }
            guard let reading = TimeNotation.read(text), abs(reading.seconds - recordedAt.timeIntervalSince1970) <= distance else { return nil }
            return reading.notation.string(seconds: reading.seconds + shift, zoneOffset: reading.zoneOffset)
        }
        var moved = response
        moved.body.content = .json(shifted)
        return moved
    }
}
