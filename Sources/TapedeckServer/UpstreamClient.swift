import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Tapedeck

/// The proxy's side towards the upstream: an AsyncHTTPClient on the server's
/// own event loops, so that an exchange runs on the client connection's loop
/// end to end. Connections are pooled and kept alive; redirects are not
/// followed (a 3xx is recorded and handed back, so the client follows it as it
/// would without Tapedeck), nothing is decompressed (the client gets the bytes
/// the upstream sent), and no cookie is kept.
final class UpstreamClient: Sendable {
    private let client: HTTPClient

    /// - Throws: `InputError` naming the file when `trust` names certificates that do not read.
    init(group: MultiThreadedEventLoopGroup, trust: UpstreamTrust) throws(InputError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch trust {
        case .system: break
        case .insecure: tls.certificateVerification = .none
        case .certificates(let file):
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(file.path)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw InputError(
                    file: file.path, expected: "PEM certificates to verify the upstream with (--upstream-cacert)", found: "\(error)")
            }
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        // A refused connection or a failed handshake is the client's answer (502 and why) at once, not after retries.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: configuration)
    }

    /// Sends `request` on `eventLoop` (the client connection's); `exchange` gets the answer part by part.
    func send(_ request: HTTPClient.Request, to exchange: ProxiedExchange, on eventLoop: any EventLoop) {
        _ = client.execute(request: request, delegate: exchange, eventLoop: .delegateAndChannel(on: eventLoop))
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
