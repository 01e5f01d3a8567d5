import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SwiftASN1
import TapedeckHTTP
import X509

/// A loopback HTTPS upstream for the forward proxy's tests: a certificate for
/// `localhost`, self-signed here with swift-certificates (valid from an hour ago
/// for a day), written where a client can be told to trust it.
struct LoopbackTLS {
    /// The self-signed certificate, PEM: what a client passes as its CA to trust this upstream.
    let certificateFile: URL
    let context: NIOSSLContext

    init(in folder: URL) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey), notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400), issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost")])
            }, issuerPrivateKey: .init(key))
        let pem = try certificate.serializeAsPEM().pemString
        certificateFile = folder.appendingPathComponent("upstream-\(UUID().uuidString).pem")
        try Data(pem.utf8).write(to: certificateFile)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
        context = try NIOSSLContext(configuration: configuration)
    }

    /// Serves `responder` over HTTPS on a free loopback port.
    func serve(_ responder: any HTTPResponder) async throws -> HTTPServer {
        try await HTTPServer(host: "127.0.0.1", port: 0, tls: context, responder: responder)
    }
}

/// Pages of JSON at `/api/items?page=N`, each naming the next (an absolute URL on the same host).
struct JSONPages: HTTPResponder {
    func respondImmediately(to request: HTTPRequest) -> HTTPResponse? {
        let page = URLComponents(string: request.uri)?.queryItems?.first { $0.name == "page" }?.value.flatMap(Int.init) ?? 1
        let host = request.headers.first(name: "Host") ?? "?"
        let json = #"{"page":\#(page),"items":["item-\#(page)-a","item-\#(page)-b"],"next":"https://\#(host)/api/items?page=\#(page + 1)"}"#
        return HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: json))
    }

    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
        if let answer = respondImmediately(to: request) { stream.send(answer) }
    }
}

/// A loopback port whose server answers every connection with a line of plain
/// text and closes: what a TLS client finds where it expected TLS.
final class NotTLS: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        context.writeAndFlush(NIOAny(ByteBuffer(string: "this port does not speak TLS\r\n"))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Listens on a free loopback port; close the channel to stop.
    static func listen(on group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group).childChannelInitializer { $0.pipeline.addHandler(NotTLS()) }.bind(host: "127.0.0.1", port: 0).get()
    }
}
