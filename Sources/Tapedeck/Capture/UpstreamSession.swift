import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What an upstream sends back, part by part, as it arrives.
enum UpstreamPart: Sendable {
    case head(HTTPURLResponse)
    case body(Data)
    case end
    /// The exchange failed (before or after the head).
    case failed(any Error)
}

/// The `URLSession` recordings go through: it passes exchanges on as they are,
/// each part as it arrives. No cache, no cookie jar (a cookie one client
/// received is never sent on another's request), and no redirects followed (a
/// 3xx is recorded and handed back, so the client follows it as it would without Tapedeck).
final class UpstreamSession: Sendable {
    private let session: URLSession
    private let relay: Relay

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 64
        relay = Relay()
        session = URLSession(configuration: configuration, delegate: relay, delegateQueue: nil)
    }

    /// Sends `request`; `receive` gets its parts in order, on the session's queue,
    /// ending with `.end` or `.failed`.
    func send(_ request: URLRequest, to receive: @escaping @Sendable (UpstreamPart) -> Void) {
        let task = session.dataTask(with: request)
        relay.receivers.withLock { $0[task.taskIdentifier] = receive }
        task.resume()
    }

    /// Forwards `request` (sent as `original` with the recorded body); once the
    /// answer is complete, `recording` keeps it, and it is returned.
    func record(_ request: RecordedRequest, original: URLRequest, into recording: Recording) async throws -> RecordedResponse {
        var forwarded = original
        // The stream first: setting it, even to nil, clears `httpBody`.
        forwarded.httpBodyStream = nil
        forwarded.httpBody = request.body.isEmpty ? nil : request.body.data
        let answer = Mutex<(head: HTTPURLResponse?, body: Data)>((nil, Data()))
        return try await withCheckedThrowingContinuation { continuation in
            send(forwarded) { part in
                switch part {
                case .head(let http): answer.withLock { $0.head = http }
                case .body(let data): answer.withLock { $0.body.append(data) }
                case .end:
                    let (head, body) = answer.withLock { ($0.head, $0.body) }
                    let interaction = recording.finish(status: head?.statusCode ?? 0, headers: Self.headers(of: head), body: body)
                    continuation.resume(returning: interaction.response)
                case .failed(let error):
                    recording.abandon()
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// A response head's fields, in a stable order, each `Set-Cookie` its own
    /// field again (Foundation joins repeated lines).
    private static func headers(of http: HTTPURLResponse?) -> HeaderFields {
        var headers = HeaderFields()
        for (name, value) in (http?.allHeaderFields as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
            for line in name.caseInsensitiveEquals("Set-Cookie") ? HeaderFields.splitSetCookie(value) : [value] {
                headers.append(name: name, value: line)
            }
        }
        return headers
    }

    /// Stops the session once the exchanges under way are done.
    func close() { session.finishTasksAndInvalidate() }

    /// Routes each task's callbacks to the receiver its request was sent with.
    private final class Relay: NSObject, URLSessionDataDelegate, Sendable {
        let receivers: Mutex<[Int: @Sendable (UpstreamPart) -> Void]> = Mutex([:])

        private func receiver(of task: URLSessionTask) -> (@Sendable (UpstreamPart) -> Void)? {
            receivers.withLock { $0[task.taskIdentifier] }
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            if let http = response as? HTTPURLResponse {
                receiver(of: dataTask)?(.head(http))
                completionHandler(.allow)
            } else {
                completionHandler(.cancel)
            }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            receiver(of: dataTask)?(.body(data))
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            let receive = receivers.withLock { $0.removeValue(forKey: task.taskIdentifier) }
            receive?(error.map(UpstreamPart.failed) ?? .end)
        }

        /// Declines every redirect, so the 3xx itself is the answer.
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
