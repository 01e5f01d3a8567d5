import Foundation
import Tapedeck

/// Where a document's API lives, from its `servers`: the hosts (as
/// `ContractHosts` patterns) and the base paths (`/v1`) its documented paths
/// sit under, server variables taking their defaults.
struct ContractServers {
    private(set) var hosts: [String] = []
    /// Each base path's segments (`["v1"]`); none for servers at the root.
    private(set) var basePaths: [[String]] = []
    /// A provider id made from the first server's host (`api.stripe.com` → `stripe`), if it has one.
    private(set) var providerName: String?

    init(document: ContractDocument) {
        for server in document.root["servers"]?.arrayValue ?? [] {
            guard var url = server["url"]?.stringValue else { continue }
            for variable in server["variables"]?.objectValue?.members ?? [] {
                if let fallback = variable.value["default"]?.scalarText, !Self.isHostVariable(variable.key, in: url) {
                    url = url.replacingOccurrences(of: "{\(variable.key)}", with: fallback)
                }
            }
            if let host = ContractHosts.pattern(ofServer: url) {
                hosts.append(host)
                if providerName == nil { providerName = Self.name(ofHost: host) }
            }
            var path = Substring(url)
            if let scheme = path.range(of: "://") {
                path = path[scheme.upperBound...]
                path = path.firstIndex(of: "/").map { path[$0...] } ?? ""
            }
            let segments = path.prefix { $0 != "?" && $0 != "#" }.split(separator: "/").map(String.init)
            if !segments.isEmpty, !segments.contains(where: { $0.contains("{") }), !basePaths.contains(segments) { basePaths.append(segments) }
        }
    }

    /// Whether `{name}` is in the URL's host, where it stands for any labels rather than its default.
    private static func isHostVariable(_ name: String, in url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return false }
        return url[scheme.upperBound...].prefix { $0 != "/" }.contains("{\(name)}")
    }

    /// The host's distinctive labels: without `api`/`www`, the top-level domain and pattern labels.
    private static func name(ofHost host: String) -> String? {
        var labels = host.split(separator: ".").map(String.init).filter { $0 != "*" }
        guard labels.count >= 2 else { return nil }
        labels.removeLast()
        labels.removeAll { ["api", "www", "rest"].contains($0) }
        let name = labels.joined(separator: "-")
        return name.isEmpty || ["localhost", "example", "test"].contains(name) ? nil : name
    }
}
