import Foundation
import NIOCore
import Synchronization
import NIOHTTP1
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Answers HTTP requests from a cassette session: recorded interactions from
/// memory on the event loop, misses with a near-miss report (or, when the
/// session records, from the upstream), and the admin endpoints.
struct CassetteResponder: HTTPResponder {
    /// How misses are forwarded and recorded.
    struct Recording {
        let recorder: Recorder
        let session: UpstreamSession
    }

    let index: ReplayIndex
    /// `nil` when misses are answered with the near-miss report.
    let recording: Recording?
    /// The answer to each recorded interaction, built once.
    let answers: [HTTPResponse]
    let sources: [InteractionSource]
    /// The upstream's URL without a trailing slash, when misses are forwarded.
    let upstream: String?
    /// Re-signs what a client signed for the proxy's own address.
    let resigner: HuaweiAKSKSigner?
    let journal: ServerJournal
    /// The near-miss reports, redacted, for the summary at stop.
    let misses: MissLog
    let faults: FaultInjector
    /// What the journal and log lines show of a request goes through it first.
    let redactor: Redactor
    let log: @Sendable (String) -> Void

    /// The status of an answer to a request no interaction matches: unassigned
    /// by IANA, and a 4xx so that clients do not retry it.
    static let missStatus = HTTPResponseStatus(statusCode: 490, reasonPhrase: "No Recorded Interaction")

    func respondImmediately(to request: HTTPRequest) -> HTTPResponse? {
        if let route = AdminRoute.route(for: request.target) { return admin(route, request) }
        let recorded = request.recorded(base: upstream ?? "", keepingHeaders: false)
        switch index.lookup(recorded) {
        case .hit(let position, _):
            let answer = faults.apply(to: answers[position])
            journal.append(method: request.method.rawValue, uri: request.target, status: Int(answer.status.code), outcome: .replayed, source: sources[position])
            return answer
        case .miss where recording != nil:
            return nil
        case .miss(let found):
            let miss = found.redacted(by: redactor, request: recorded)
            misses.append(miss)
            journal.append(method: request.method.rawValue, uri: request.target, status: Int(Self.missStatus.code), outcome: .miss, source: nil)
            log("miss: \(miss.description)")
            return HTTPResponse(status: Self.missStatus, json: report(miss), headers: [("X-Tapedeck-Miss", "1")])
        }
    }

    /// Forwards a miss to the upstream and records the exchange. The answer is
    /// streamed to the client as it arrives, unless it must be whole first: a
    /// fault to inject, a body whose `Content-Encoding` the recording undoes, or a `HEAD`.
    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
        let method = request.method.rawValue
        guard let upstream, let recording, let url = URL(string: upstream + request.target) else {
            return stream.send(HTTPResponse(status: .badGateway, json: ["error": .string("no upstream to forward \(shown(request.target)) to")]))
        }
        let recorded = request.recorded(base: upstream, keepingHeaders: true)
        var forwarded = URLRequest(url: url)
        forwarded.httpMethod = method
        for field in recorded.headers where field.name.lowercased() != "accept-encoding" {
            forwarded.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if let host = request.headers.first(name: "Host"), Self.keepsHost(host, upstream: url) {
            forwarded.setValue(host, forHTTPHeaderField: "Host")
        } else if let authorization = request.headers.first(name: "Authorization"),
            HuaweiAKSKSigner.parseAuthorization(authorization)?.signedHeaders.contains("host") == true
        {
            // The client signed Host for this proxy; the upstream checks its own.
            if let resigner {
                forwarded.setValue(nil, forHTTPHeaderField: "Authorization")
                forwarded.setValue(nil, forHTTPHeaderField: "Host")
                forwarded.httpBody = recorded.body.isEmpty ? nil : recorded.body.data
                do {
                    try resigner.sign(&forwarded, date: recording.recorder.configuration.clock.now())
                } catch {
                    log("could not re-sign \(method) \(shown(request.target)): \(error)")
                }
            } else {
                log(
                    "\(method) \(shown(request.target)) is signed (SDK-HMAC-SHA256) for this proxy's address: forwarded as signed, "
                        + "which a real upstream refuses. Give the proxy HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK to re-sign it")
            }
        }
        let relay = Mutex(Relay())
        let mayStream = faults.faults.isEmpty && request.method != .HEAD
        recording.session.record(recorded, original: forwarded, into: recording.recorder) { [journal, faults, log] part in
            switch part {
            case .head(let status, let headers):
                guard mayStream, headers["Content-Encoding"] == nil else { return }
                relay.withLock { $0.start(HTTPResponseStatus(statusCode: status), HTTPHeaders(relaying: headers), into: stream) }
            case .body(let data):
                relay.withLock { $0.pass(data, into: stream) }
            case .recorded(let response):
                journal.append(method: method, uri: request.target, status: response.status, outcome: .recorded, source: nil)
                if relay.withLock({ $0.finish(into: stream) }) { return }
                stream.send(faults.apply(to: HTTPResponse(replaying: response)))
            case .failed(let error):
                journal.append(method: method, uri: request.target, status: 502, outcome: .failed, source: nil)
                log("upstream failed for \(method) \(shown(request.target)): \(Self.reason(error))")
                if relay.withLock({ $0.abort(stream) }) { return }
                stream.send(HTTPResponse(status: .badGateway, json: ["error": "the upstream did not answer", "detail": .string(Self.reason(error))]))
            }
        }
    }

    /// How much of a streamed answer has gone to the client. The head waits
    /// for the first part of the body, and the answer ends with the part that
    /// completes its `Content-Length`: the client need not wait for the
    /// upstream session to report the exchange done.
    private struct Relay {
        private enum Progress {
            /// Not streamed: the answer goes whole once it is recorded.
            case whole
            /// Streamed, and nothing sent yet: the head waits for the body's first part.
            case pending(status: HTTPResponseStatus, headers: HTTPHeaders)
            case open
            case ended
        }

        private var progress = Progress.whole
        private var remaining: Int?

        mutating func start(_ status: HTTPResponseStatus, _ headers: HTTPHeaders, into stream: HTTPResponseStream) {
            progress = .pending(status: status, headers: headers)
            remaining = headers.first(name: "Content-Length").flatMap { Int($0) }
            if remaining == 0 { _ = finish(into: stream) }
        }

        mutating func pass(_ data: Data, into stream: HTTPResponseStream) {
            switch progress {
            case .whole, .ended: return
            case .pending, .open: break
            }
            if completes(data) { return end(with: ByteBuffer(bytes: data), into: stream) }
            if case .pending(let status, let headers) = progress {
                stream.head(status: status, headers: headers)
                progress = .open
            }
            stream.body(ByteBuffer(bytes: data))
        }

        /// Ends a streamed answer; false when the answer is not streamed.
        mutating func finish(into stream: HTTPResponseStream) -> Bool {
            switch progress {
            case .whole: return false
            case .ended: return true
            case .pending, .open:
                end(with: ByteBuffer(), into: stream)
                return true
            }
        }

        /// Cuts a streamed answer short; false when nothing went out yet (the caller answers whole).
        mutating func abort(_ stream: HTTPResponseStream) -> Bool {
            switch progress {
            case .whole, .pending: return false
            case .ended: return true
            case .open:
                stream.abort()
                progress = .ended
                return true
            }
        }

        /// Counts `data` against the `Content-Length`; true when it is the last part.
        private mutating func completes(_ data: Data) -> Bool {
            guard let left = remaining else { return false }
            remaining = left - data.count
            return left <= data.count
        }

        /// Ends the answer with `last`. When the head has not gone out yet, the
        /// answer goes whole, in one trip to the event loop.
        private mutating func end(with last: ByteBuffer, into stream: HTTPResponseStream) {
            if case .pending(let status, let headers) = progress {
                stream.send(HTTPResponse(status: status, headers: headers, body: last))
            } else {
                if last.readableBytes > 0 { stream.body(last) }
                stream.end()
            }
            progress = .ended
        }
    }

    /// A request target with every secret replaced, for the journal and log lines.
    private func shown(_ target: String) -> String {
        redactor.redacted(RecordedRequest(method: "GET", url: target)).url
    }

    /// Why a forward failed, without the URL (whose query may hold a signature).
    static func reason(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return String(describing: type(of: error)) }
        switch urlError.code {
        case .cannotConnectToHost: return "could not connect to the upstream"
        case .timedOut: return "the upstream timed out"
        case .networkConnectionLost: return "the upstream closed the connection"
        case .cannotFindHost: return "the upstream's host name does not resolve"
        default: return "URL error \(urlError.code.rawValue)"
        }
    }

    /// Whether the client's `Host` goes upstream as it is: when the client chose
    /// it (it names the upstream, or any host but loopback), typically because a
    /// signature covers it. A `Host` naming the proxy itself is replaced by the upstream's.
    static func keepsHost(_ host: String, upstream: URL) -> Bool {
        let authority = (upstream.host ?? "") + (upstream.port.map { ":\($0)" } ?? "")
        if host.caseInsensitiveCompare(authority) == .orderedSame { return true }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }.dropFirst()) : String(host.prefix { $0 != ":" })
        return !["127.0.0.1", "localhost", "::1", "0.0.0.0"].contains(name.lowercased())
    }

    private func admin(_ route: Result<AdminRoute, AdminRoute.UnknownRoute>, _ request: HTTPRequest) -> HTTPResponse {
        let answer: HTTPResponse
        switch route {
        case .failure(let unknown):
            answer = HTTPResponse(status: .notFound, json: ["error": .string("no admin endpoint \(unknown.path)"), "endpoints": .string(AdminRoute.usage)])
        case .success(let route) where route.method != request.method:
            answer = HTTPResponse(
                status: .methodNotAllowed, json: ["error": .string("\(AdminRoute.prefix)\(route.rawValue) answers \(route.method.rawValue) only")],
                headers: [("Allow", route.method.rawValue)])
        case .success(.journal):
            answer = HTTPResponse(status: .ok, json: journal.json(showing: shown))
        case .success(.unused):
            answer = HTTPResponse(status: .ok, json: ["unused": .array(index.unused.map(describe))])
        case .success(.reset):
            index.rewind()
            misses.clear()
            journal.clear()
            answer = HTTPResponse(status: .ok, json: ["reset": true, "interactions": .number(String(answers.count))])
        }
        return answer
    }

    private func describe(_ index: Int) -> JSONValue {
        let request = self.index.request(at: index)
        return sources[index].json(adding: [.init(key: "method", value: .string(request.method)), .init(key: "url", value: .string(request.url))])
    }

    /// The near-miss report: the request, and for each closest recorded
    /// interaction, where it comes from and which parts differ.
    private func report(_ miss: CassetteMiss) -> JSONValue {
        let nearest: [JSONValue] = miss.nearest.map { index, differences in
            let parts: [JSONValue] = differences.map {
                ["part": .string($0.part), "recorded": .string($0.recorded), "requested": .string($0.requested)]
            }
            var members: [JSONObject.Member] = [.init(key: "differences", value: .array(parts))]
            if differences.isEmpty { members.append(.init(key: "note", value: .string(CassetteMiss.alreadyServed))) }
            return sources[index].json(adding: members)
        }
        return [
            "error": "no recorded interaction matches this request",
            "request": ["method": .string(miss.method), "url": .string(miss.url)],
            "nearest": .array(nearest),
            "hint": .string(
                nearest.isEmpty
                    ? "no recorded \(miss.method) request has this path: record it (tapedeck serve --mode missing --upstream URL)"
                    : "the closest recordings differ as listed; re-record, or change the request"),
        ]
    }
}
