public import Foundation
import Tapedeck
import TapedeckProviders

/// What a person needs to call a running simulator by hand: each provider's
/// documented URL from the root, its fake credentials (loopback-only values,
/// printed on purpose: they open nothing real), and a request ready to paste.
public struct SimulatorGuide: Sendable {
    /// One provider's entry.
    public struct Entry: Sendable {
        public var provider: ProviderID
        /// The first page of a walk at the documented path from the simulator's root.
        public var url: URL
        /// The fake credentials, as `NAME=value` lines for the provider's environment variables.
        public var credentials: [String]
        /// The header that authenticates a request by hand; `nil` where every request must be signed.
        public var header: (name: String, value: String)?

        /// A curl command that fetches `url`, or how to sign when no static header can.
        public var curl: String {
            guard let header else { return "each request is signed (RPC 1.0, a fresh nonce and timestamp): use the Alibaba SDK with the key above" }
            return "curl -H '\(header.name): \(header.value)' '\(url.absoluteString)'"
        }
    }

    public var entries: [Entry]

    /// The guide for a simulator listening at `root` (`http://127.0.0.1:4010`), windows at `now`.
    public init(root: URL, now: Date) {
        entries = ProviderID.allCases.map { provider in
            let (path, query) = SimulatorFixtures.firstPage(for: provider, pageSize: 10, now: now)
            var components = URLComponents(url: root, resolvingAgainstBaseURL: false) ?? URLComponents()
            components.path = path
            components.queryItems = query
            let names = ProviderCredentials.environmentVariables(for: provider)
            // The simulated Huawei endpoints also take the IAM token in X-Auth-Token.
            let token = ProviderCredentials.simulator(for: .huaweiIotda).secretValues.first ?? ""
            let credentials: [String]
            let header: (name: String, value: String)?
            switch ProviderCredentials.simulator(for: provider).scheme {
            case .alibabaRPC(let id, let secret, _):
                credentials = zip(names, [id, secret]).map { "\($0)=\($1)" }
                header = nil
            case .huaweiSDKHMAC(let accessKey, let secretKey):
                credentials = zip(names, [accessKey, secretKey, token]).map { "\($0)=\($1)" }
                header = ("X-Auth-Token", token)
            case .tokenHeader(let name, let value):
                credentials = ["\(names.last ?? name)=\(value)"]
                header = (name, value)
            case .bearer(let value):
                credentials = ["\(names.last ?? "token")=\(value)"]
                header = ("Authorization", "Bearer " + value)
            case .basic, .apiKeyQuery:
                // No simulated provider takes these.
                credentials = []
                header = nil
            }
            return Entry(provider: provider, url: components.url ?? root, credentials: credentials, header: header)
        }
    }

    /// The guide as the `tapedeck sim` banner prints it.
    public var text: String {
        var lines: [String] = []
        for entry in entries {
            lines.append("  \(entry.provider.rawValue)  \(entry.url.absoluteString)")
            lines.append("    fake credentials: " + entry.credentials.joined(separator: " "))
            lines.append("    try: \(entry.curl)")
        }
        return lines.joined(separator: "\n")
    }
}
