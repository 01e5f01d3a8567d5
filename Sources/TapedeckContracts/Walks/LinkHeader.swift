import Foundation

/// An RFC 8288 `Link` header value taken apart: `<URL>; rel="next", <URL>; rel="last"`.
/// A URL is read between its angle brackets, so commas and semicolons inside it do not split it;
/// a `rel` may be quoted or bare and may list several relations separated by spaces.
struct LinkHeader: Sendable, Equatable {
    struct Link: Sendable, Equatable {
        var target: String
        var relations: [String]
    }

    var links: [Link]

    init(_ value: String) {
        links = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            let target = String(rest[afterOpen..<close]).trimmingCharacters(in: .whitespaces)
            rest = rest[rest.index(after: close)...]
            let end = Self.endOfParameters(rest)
            links.append(Link(target: target, relations: Self.relations(in: rest[..<end])))
            rest = rest[end...]
        }
    }

    /// The first link whose relations include `rel` (compared without letter case).
    func target(rel: String) -> String? {
        links.first { $0.relations.contains { $0.lowercased() == rel.lowercased() } }?.target
    }

    /// Where one link's parameters end: the first comma outside quotes.
    private static func endOfParameters(_ text: Substring) -> Substring.Index {
        var quoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": quoted.toggle()
            case "," where !quoted: return index
            default: continue
            }
        }
        return text.endIndex
    }

    /// The values of the `rel` parameter in `; rel="next last"; title=…`.
    private static func relations(in parameters: Substring) -> [String] {
        for parameter in parameters.split(separator: ";") {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.split(separator: " ").map(String.init)
        }
        return []
    }
}
