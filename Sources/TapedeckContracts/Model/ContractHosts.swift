import Foundation

/// The hosts a contract answers at: its provider profile's `recognise.hosts` and
/// `baseURL`, and the document's `servers` (`{region}` standing for any labels).
/// An exchange on another host is never the contract's, whatever its path: a
/// browser's HAR of an unrelated site shares words with documented paths.
/// Loopback and the names reserved for examples and tests (RFC 2606, RFC 6761)
/// are every contract's, as is any host when a contract names none.
struct ContractHosts: Sendable {
    /// Host patterns, lower-cased, `*` one or more labels.
    let patterns: [String]

    init(patterns: [String]) { self.patterns = patterns.map { $0.lowercased() }.filter { !$0.isEmpty } }

    /// The host of a `servers` URL (`https://iotda.{region}.myhuaweicloud.com/v5`) as a pattern, if it has one.
    static func pattern(ofServer url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { $0.prefix { $0 != ":" } } ?? ""
        guard !host.isEmpty else { return nil }
        return host.split(separator: ".").map { $0.contains("{") ? "*" : String($0) }.joined(separator: ".")
    }

    /// Whether an exchange with this URL may be the contract's.
    func admits(url: String) -> Bool {
        guard !patterns.isEmpty, let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return true }
        if Self.isNeutral(host) { return true }
        return patterns.contains { Self.fits(host.split(separator: "."), $0.split(separator: ".")) }
    }

    private static func isNeutral(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare.hasSuffix(".localhost") || bare == "::1" || bare.hasPrefix("127.") { return true }
        let reserved = ["example", "test", "invalid"]
        let labels = bare.split(separator: ".")
        guard let last = labels.last else { return false }
        if reserved.contains(String(last)) { return true }
        return labels.count >= 2 && labels[labels.count - 2] == "example" && ["com", "org", "net"].contains(String(last))
    }

    /// `*` stands for one or more labels.
    private static func fits(_ labels: [Substring], _ pattern: [Substring]) -> Bool {
        guard let first = pattern.first else { return labels.isEmpty }
        if first == "*" {
            guard !labels.isEmpty else { return false }
            return (1...labels.count).contains { fits(Array(labels[$0...]), Array(pattern.dropFirst())) }
        }
        guard let label = labels.first, label == first else { return false }
        return fits(Array(labels.dropFirst()), Array(pattern.dropFirst()))
    }
}
