import Foundation
import Tapedeck
import TapedeckServer
import TapedeckTestSupport
import Testing

/// A forward proxy replays for every host its clients name: what was recorded for
/// one scheme, host and port is no answer for another.
struct ForwardReplayHostTests {
    /// Interactions recorded for three origins, each answering with its own name.
    static let recordedOrigins = ["http://api.one.example", "http://api.one.example:8080", "https://api.one.example"]

    static func forwardServer(in folder: URL) async throws -> CassetteServer {
        let interactions = recordedOrigins.map { origin in
            Interaction(
                request: RecordedRequest(method: "GET", url: origin + "/items"),
                response: RecordedResponse(status: 200, headers: ["Content-Type": "text/plain"], body: RecordedBody(content: .text(origin))),
                recordedAt: Date(timeIntervalSince1970: 1_800_000_000), duration: 0)
        }
        let file = folder.appendingPathComponent("origins.json")
        try CassetteStore.write(Cassette(interactions: interactions), to: file)
        let authority = try CertificateAuthority(folder: folder.appendingPathComponent("ca"))
        return try await CassetteServer.started(
            .init(cassettes: [file], allowsRepeats: true, forward: CassetteServer.ForwardProxy(authority: authority)))
    }

    /// Each request and the origin whose answer it gets (`nil`: a miss).
    @Test(
        arguments: [
            ("http://api.one.example/items", "http://api.one.example"),
            ("http://api.one.example:80/items", "http://api.one.example"),
            ("http://API.ONE.example/items", "http://api.one.example"),
            ("http://api.one.example:8080/items", "http://api.one.example:8080"),
            ("http://api.one.example:8081/items", nil),
            ("http://api.two.example/items", nil),
            ("http://api.one.example:443/items", nil),
            ("http://one.example/items", nil),
        ] as [(String, String?)])
    func anAbsoluteRequestGetsOnlyItsOwnOriginsAnswer(requested: String, answeredBy: String?) async throws {
        let folder = try scratchFolder("tapedeck-server-tests")
        let server = try await Self.forwardServer(in: folder)
        defer { Task { try? await server.stop() } }
        let connection = try #require(RawConnection(port: server.port, timeout: 5))
        let host = URLComponents(string: requested)!.host! + (URLComponents(string: requested)!.port.map { ":\($0)" } ?? "")
        connection.send("GET \(requested) HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        let text = connection.receive { $0.contains("\r\n\r\n") && ($0.contains("example") || $0.contains("}")) }.text
        if let origin = answeredBy {
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(text.prefix(300))")
            #expect(text.hasSuffix("\r\n\r\n" + origin), "\(text.suffix(100))")
        } else {
            #expect(text.hasPrefix("HTTP/1.1 490"), "\(text.prefix(300))")
        }
    }

    /// Generated origins: two requests match exactly when scheme, host and port agree (the
    /// port written out or left to the scheme's default), whatever the case of the name.
    @Test func theMatcherComparesSchemeHostAndPort() {
        let schemes = ["http", "https"]
        let hosts = ["a.example", "b.example", "A.EXAMPLE"]
        let ports: [Int?] = [nil, 80, 443, 8443]
        let matcher = RequestMatcher().matchingOrigin(true)
        func origin(_ scheme: String, _ host: String, _ port: Int?) -> String {
            "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
        }
        func effective(_ scheme: String, _ host: String, _ port: Int?) -> String {
            "\(scheme) \(host.lowercased()) \(port ?? (scheme == "https" ? 443 : 80))"
        }
        for scheme in schemes {
            for host in hosts {
                for port in ports {
                    for otherScheme in schemes {
                        for otherHost in hosts {
                            for otherPort in ports {
                                let recorded = RecordedRequest(method: "GET", url: origin(scheme, host, port) + "/v1/items?x=1")
                                let requested = RecordedRequest(method: "GET", url: origin(otherScheme, otherHost, otherPort) + "/v1/items?x=1")
                                let same = effective(scheme, host, port) == effective(otherScheme, otherHost, otherPort)
                                let differences = matcher.differences(recorded: recorded, requested: requested)
                                #expect(differences.isEmpty == same, "\(recorded.url) against \(requested.url): \(differences)")
                                #expect(
                                    RequestMatcher().differences(recorded: recorded, requested: requested).isEmpty, "a reverse proxy's matcher ignores origins")
                            }
                        }
                    }
                }
            }
        }
    }
}
