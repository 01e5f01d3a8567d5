import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why an exchange with the upstream failed, in words a proxy's user acts on,
/// without the URL (whose query may hold a signature).
enum UpstreamFailure: Error {
    /// The upstream closed the connection before the whole answer came.
    case closed
    /// The upstream sent nothing for a minute.
    case timedOut

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as NIOSSLError:
            if case .handshakeFailed(let underlying) = error, "\(underlying)".contains("CERTIFICATE_VERIFY_FAILED") {
                return "the upstream's certificate is not trusted: pass --upstream-cacert FILE with the CA that signed it "
                    + "(or --insecure-upstream for a test upstream)"
            }
            return "the TLS handshake with the upstream failed (\(Self.code(of: error)))"
        case let error as NIOSSLExtraError:
            return "the upstream's certificate does not name its host (\(error))"
        case let error as NIOConnectionError:
            return "could not connect to the upstream (\(error.connectionErrors.map { "\($0.error)" }.first ?? "no address"))"
        case let error as IOError:
            return "could not connect to the upstream (\(error))"
        case UpstreamFailure.closed: return "the upstream closed the connection"
        case UpstreamFailure.timedOut: return "the upstream timed out"
        case ChannelError.connectTimeout: return "could not connect to the upstream in time"
        default:
            return String(String(describing: error).prefix(300))
        }
    }

    /// BoringSSL's reason code (`WRONG_VERSION_NUMBER`), or the error as NIO tells it.
    private static func code(of error: NIOSSLError) -> String {
        let text = "\(error)"
        if let marker = text.range(of: "OPENSSL_internal:") {
            return String(text[marker.upperBound...].prefix { $0.isUppercase || $0.isNumber || $0 == "_" })
        }
        if let marker = text.range(of: "[Error: ") {
            return String(text[marker.upperBound...].prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
        }
        return String(text.prefix(200))
    }
}
