public import OpenAPIRuntime
public import Tapedeck

extension TapedeckTest {
    /// A transport for a generated OpenAPI client that records and replays
    /// through the running test's cassette, wrapping `upstream`:
    ///
    ///     @Test(.cassette("yandex-backup/openapi-walk"))
    ///     func walk() async throws {
    ///         let client = Client(serverURL: url, transport: TapedeckTest.transport(wrapping: URLSessionTransport()))
    ///         …
    ///     }
    ///
    /// A request the cassette cannot answer fails the test with the near-miss report.
    public static func transport(wrapping upstream: any ClientTransport) -> CassetteTransport {
        guard let session else { preconditionFailure("TapedeckTest.transport(wrapping:) is only available inside a test with the .cassette(…) trait") }
        return CassetteTransport(wrapping: upstream, session: session)
    }
}
