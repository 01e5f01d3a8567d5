import Foundation
import Tapedeck
import TapedeckTestSupport

/// Generators of recordings for property tests: JSON values with awkward text
/// and number lexemes, headers, bodies of every kind, interactions within the
/// cassette bounds, and mutations of real walks with values at the edges.
enum Arbitrary {
    /// Text that JSON writers and readers find awkward: quotes, escapes, controls, astral characters.
    static let fragments = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ß", "日本", "😀", "\u{200B}", "REDACTED-",
        "Bearer ", "%", "&", "=", "?", "{", "}", "[", "]", "'",
    ]

    /// Query values at the edges of what paging code computes with.
    static let edgeValues = [
        "0", "1", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775806", "99999999999999999999", "",
        "abc", "1.5", "1e400", "-0", "%FF", "日本", String(repeating: "9", count: 40),
    ]

    static func text(_ random: inout SeededGenerator, maximum: Int = 12) -> String {
        (0..<Int.random(in: 0...maximum, using: &random)).map { _ in random.pick(fragments) }.joined()
    }

    static func numberLexeme(_ random: inout SeededGenerator) -> String {
        random.pick([
            "0", "-0", "7", "-12", "1805431584415871305", "99999999999999999999999999", "1.50", "-0.001", "1e400", "2.5E-3",
            "9223372036854775807", "-9223372036854775808", String(Int.random(in: -1_000_000...1_000_000, using: &random)),
        ])
    }

    static func json(_ random: inout SeededGenerator, depth: Int = 3) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 6 : 4), using: &random) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .number(numberLexeme(&random))
        case 3: return .string(text(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in json(&random, depth: depth - 1) })
        default:
            var object = JSONObject()
            for index in 0..<Int.random(in: 0...4, using: &random) {
                object[text(&random, maximum: 3) + "#\(index)"] = json(&random, depth: depth - 1)
            }
            return .object(object)
        }
    }

    /// Headers with credentials where credentials go (and, now and then, where they do not).
    static func headers(_ random: inout SeededGenerator) -> HeaderFields {
        var fields = HeaderFields()
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            let token = "t1.9euelZq\(Int.random(in: 0...99_999, using: &random))"
            switch Int.random(in: 0..<5, using: &random) {
            case 0: fields.append(name: "Content-Type", value: random.pick(["application/json", "text/plain", "application/octet-stream"]))
            case 1: fields.append(name: random.pick(["Authorization", "X-Auth-Token"]), value: random.pick(["Bearer " + token, token]))
            case 2: fields.append(name: "X-Odd", value: "Bearer " + token)
            case 3: fields.append(name: "Set-Cookie", value: "session=" + text(&random) + random.pick(["", "; Path=/; HttpOnly"]))
            default: fields.append(name: random.pick(["X-Request-Id", "X-Odd"]), value: text(&random))
            }
        }
        return fields
    }

    static func body(_ random: inout SeededGenerator) -> RecordedBody {
        let encoding: String? = random.chance(0.2) ? "gzip" : nil
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return .empty
        case 1: return RecordedBody(content: .json(json(&random)), originalEncoding: encoding)
        case 2: return RecordedBody(content: .text(text(&random, maximum: 30)), originalEncoding: encoding)
        default:
            let bytes = (0..<Int.random(in: 1...32, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            return RecordedBody(content: .binary(Data(bytes)), originalEncoding: encoding)
        }
    }

    /// An interaction whose time and duration the cassette layout keeps exactly: the time as its
    /// writer writes it (whole milliseconds, truncated), the duration in whole milliseconds.
    static func interaction(_ random: inout SeededGenerator) -> Interaction {
        let millisecond = Date(timeIntervalSince1970: Double(Int64.random(in: 0...253_402_300_799_999, using: &random)) / 1000)
        let query = (0..<Int.random(in: 0...3, using: &random)).map { index in
            "p\(index)=" + (text(&random, maximum: 4).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }
        return Interaction(
            request: RecordedRequest(
                method: random.pick(["GET", "POST", "DELETE", "PATCH"]),
                url: "http://127.0.0.1:8080/\(random.pick(["", "v3/p/jobs", "a/b%20c"]))" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")),
                headers: headers(&random), body: body(&random)),
            response: RecordedResponse(
                status: random.pick([100, 200, 204, 301, 404, 429, 490, 503, 999]), headers: headers(&random), body: body(&random)),
            recordedAt: CassetteDate.date(from: CassetteDate.string(from: millisecond)) ?? millisecond,
            duration: Double(Int.random(in: 0...1_000_000_000, using: &random)) / 1000)
    }

    static func cassette(_ random: inout SeededGenerator) -> Cassette {
        Cassette(interactions: (0..<Int.random(in: 0...5, using: &random)).map { _ in interaction(&random) })
    }

    /// `cassette` with some query values replaced by edge values and some response values by arbitrary JSON.
    static func mutate(_ cassette: Cassette, _ random: inout SeededGenerator) -> Cassette {
        var result = cassette
        for index in result.interactions.indices {
            var url = result.interactions[index].request.url
            if random.chance(0.5), let mark = url.firstIndex(of: "?") {
                var pairs = url[url.index(after: mark)...].split(separator: "&").map(String.init)
                if !pairs.isEmpty {
                    let which = Int.random(in: 0..<pairs.count, using: &random)
                    let name = pairs[which].prefix(while: { $0 != "=" })
                    pairs[which] = "\(name)=" + (random.pick(edgeValues).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                    url = String(url[...mark]) + pairs.joined(separator: "&")
                }
            }
            result.interactions[index].request.url = url
            if random.chance(0.5), case .json(let body) = result.interactions[index].response.body.content {
                result.interactions[index].response.body.content = .json(mutate(body, &random, depth: 0))
            }
        }
        return result
    }

    /// `value` with one leaf on a random path replaced: by an edge number, arbitrary JSON, or nothing.
    static func mutate(_ value: JSONValue, _ random: inout SeededGenerator, depth: Int) -> JSONValue {
        switch value {
        case .object(var object) where !object.isEmpty && depth < 6:
            let key = random.pick(object.members.map(\.key))
            object[key] = random.chance(0.1) ? nil : mutate(object[key]!, &random, depth: depth + 1)
            return .object(object)
        case .array(var elements) where !elements.isEmpty && depth < 6:
            let index = Int.random(in: 0..<elements.count, using: &random)
            elements[index] = mutate(elements[index], &random, depth: depth + 1)
            return .array(elements)
        default:
            return random.chance(0.5) ? .number(random.pick(edgeValues.filter { Double($0) != nil && !$0.hasPrefix("%") })) : json(&random, depth: 1)
        }
    }
}
