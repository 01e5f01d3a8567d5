import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The `URLSession` recordings go through: it passes exchanges on as they are.
/// No cache, no cookie jar (a cookie one client received is never sent on
/// another's request), and no redirects followed (a 3xx is recorded and
/// handed back, so the client follows it as it would without Tapedeck).
enum UpstreamSession {
    static func make() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }
}

/// Declines every redirect, so the 3xx itself is the answer.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
