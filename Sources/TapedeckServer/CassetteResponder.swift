import Foundation
import NIOCore
import NIOHTTP1
import Tapedeck
import TapedeckHTTP
import TapedeckProviders
import TapedeckSigning

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Answers HTTP requests from a cassette: recorded interactions from memory on
/// the event loop, misses with a near-miss report (or, when recording, from the
/// upstream, streamed), and the admin endpoints. As a reverse proxy the
/// upstream is fixed; as a forward proxy it is the origin each request names
/// (an absolute URL, or the host of the `CONNECT` tunnel it came through).
struct CassetteResponder: HTTPResponder {
    /// Where requests are answered from.
    enum Origin: Sendable {
        /// One upstream, its URL without a trailing slash (`nil`: replay only).
        case fixed(String?)
        /// The origin an absolute-form request names (`GET http://host/path`).
        case named
        /// The origin of a `CONNECT` tunnel (`https://host`): no admin endpoints inside it.
        case tunnel(String)
    }

    /// The cassette: its replay index, its recording, its miss reports.
    let deck: CassetteDeck
    /// The answer to each recorded interaction, built once.
    let answers: [HTTPResponse]
    let sources: [InteractionSource]
    var origin: Origin
    let upstream: UpstreamClient?
    /// Re-signs what a client signed for the proxy's own address.
    let resigners: [HostResigner]
    let journal: ServerJournal
    let faults: FaultInjector
    /// What the journal and log lines show of a request goes through it first.
    let redactor: Redactor
    let clock: TapedeckClock
    let log: @Sendable (String) -> Void
    /// The most bytes of an answer's body a recording keeps (`CassetteServer.Configuration.maximumRecordedBody`).
    var maximumRecordedBody = ProxiedExchange.defaultMaximumBody

    /// The status of an answer to a request no interaction matches: unassigned
    /// by IANA, and a 4xx so that clients do not retry it.
    static let missStatus = HTTPResponseStatus(statusCode: 490, reasonPhrase: "No Recorded Interaction")

    /// The same responder for the requests inside a tunnel to `origin`.
    func inside(_ origin: String) -> CassetteResponder {
        var copy = self
        copy.origin = .tunnel(origin)
        return copy
    }

    /// The origin a request goes to (`scheme://authority`), `nil` when it names none.
    func base(of request: HTTPRequest) -> String? {
        switch origin {
        case .fixed(let upstream): return upstream ?? ""
        case .tunnel(let origin): return origin
        case .named:
            let uri = request.uri
            guard uri.hasPrefix("http://") || uri.hasPrefix("https://") else { return nil }
            let afterScheme = uri.index(uri.startIndex, offsetBy: uri.hasPrefix("https") ? 8 : 7)
            return String(uri[..<(uri[afterScheme...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? uri.endIndex)])
        }
    }

    func respondImmediately(to request: HTTPRequest) -> HTTPResponse? {
        if let refusal = AdminGuard.refusal(for: request, to: self) { return refusal }
        switch origin {
        case .tunnel: break
        // In absolute form, a request to any host is forwarded: only the proxy's own paths are admin.
        case .named: if let route = AdminRoute.route(for: request.uri) { return admin(route, request) }
        case .fixed: if let route = AdminRoute.route(for: request.target) { return admin(route, request) }
        }
        guard let base = base(of: request) else {
            return HTTPResponse(
                status: .badRequest,
                json: ["error": .string("a forward proxy takes absolute URLs (GET http://host/path) and CONNECT host:port, not \(shown(request.uri))")])
        }
        // Recording everything anew: no lookup, every request goes upstream.
        if deck.recordsEverything { return nil }
        switch deck.answer(request.recorded(base: base, keepingHeaders: false)) {
        case .replayed(let position, _):
            let answer = faults.apply(to: answers[position])
            journal.append(method: request.method.rawValue, uri: request.target, status: Int(answer.status.code), outcome: .replayed, source: sources[position])
            return answer
        case .unrecorded:
            return nil
        case .missed(let miss):
            journal.append(method: request.method.rawValue, uri: request.target, status: Int(Self.missStatus.code), outcome: .miss, source: nil)
            log("miss: \(miss.description)")
            return HTTPResponse(status: Self.missStatus, json: report(miss), headers: [("X-Tapedeck-Miss", "1")])
        }
    }

    /// Forwards a miss to the upstream and records the exchange. The answer is
    /// streamed to the client as it arrives, unless it must be whole first: a
    /// fault to inject, or a `HEAD`.
    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) {
        let method = request.method.rawValue
        guard let upstream, deck.records, let base = base(of: request), !base.isEmpty else {
            return stream.send(HTTPResponse(status: .badGateway, json: ["error": .string("no upstream to forward \(shown(request.target)) to")]))
        }
        let url = base + request.target
        guard let forwarded = UpstreamRequest(url: url, method: request.method, headers: upstreamHeaders(request, base: base), body: request.body)
        else {
            return stream.send(HTTPResponse(status: .badRequest, json: ["error": .string("not a URL to forward: \(shown(url))")]))
        }
        let exchange = ProxiedExchange(
            recording: deck.startRecording(request.recorded(base: base, keepingHeaders: true)), stream: stream,
            streams: faults.faults.isEmpty && request.method != .HEAD, maximumBody: maximumRecordedBody,
            report: { [journal, log] outcome in
                switch outcome {
                case .success(let response):
                    journal.append(method: method, uri: request.target, status: response.status, outcome: .recorded, source: nil)
                case .failure(let error):
                    journal.append(method: method, uri: request.target, status: 502, outcome: .failed, source: nil)
                    log("upstream failed for \(method) \(shown(url)): \(UpstreamFailure.reason(error))")
                }
            },
            whole: { [faults] outcome in
                switch outcome {
                case .success(let response): faults.apply(to: HTTPResponse(replaying: response))
                case .failure(let error):
                    HTTPResponse(status: .badGateway, json: ["error": "the upstream did not answer", "detail": .string(UpstreamFailure.reason(error))])
                }
            })
        upstream.send(forwarded, to: exchange, on: stream.eventLoop)
    }

    /// The client's headers as they go upstream: without the hop-by-hop ones, and
    /// with `Host` kept when the client chose it, or the request re-signed when
    /// the client signed `Host` for the proxy's own address.
    private func upstreamHeaders(_ request: HTTPRequest, base: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for (name, value) in request.headers where !connectionHeaders.contains(name.lowercased()) { headers.add(name: name, value: value) }
        if let host = request.headers.first(name: "Host"), Self.keepsHost(host, upstream: base) {
            headers.add(name: "Host", value: host)
        } else if let authorization = request.headers.first(name: "Authorization"),
            let claimant = resigners.first(where: { $0.claims(authorization: authorization) })
        {
            // The client signed Host for this proxy; the upstream checks its own.
            guard let url = URL(string: base + request.target) else { return headers }
            guard let resigner = resigners.first(where: { $0.canSign && $0.claims(authorization: authorization) }) else {
                log(
                    "\(request.method.rawValue) \(shown(request.target)) is signed with \(claimant.scheme.summary) for this proxy's address: "
                        + "forwarded as signed, which a real upstream refuses. Give the proxy \(claimant.variables) to re-sign it")
                return headers
            }
            var signed = URLRequest(url: url)
            signed.httpMethod = request.method.rawValue
            for (name, value) in headers where !["authorization", "host"].contains(name.lowercased()) { signed.addValue(value, forHTTPHeaderField: name) }
            signed.httpBody = request.body.readableBytes == 0 ? nil : Data(request.body.readableBytesView)
            do {
                try resigner.sign(&signed, date: clock.now())
                headers = HTTPHeaders((signed.allHTTPHeaderFields ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            } catch {
                log("could not re-sign \(request.method.rawValue) \(shown(request.target)): \(error)")
            }
        }
        return headers
    }

    /// A request target with every secret replaced (then shortened), for the journal and log lines.
    private func shown(_ target: String) -> String {
        ServerJournal.shortened(redactor.redacted(RecordedRequest(method: "GET", url: target)).url)
    }

    /// Whether the client's `Host` goes upstream as it is: when the client chose
    /// it (it names the upstream, or any host but loopback), typically because a
    /// signature covers it. A `Host` naming the proxy itself is replaced by the upstream's.
    /// - Parameter upstream: the upstream's origin, `scheme://authority`.
    static func keepsHost(_ host: String, upstream: String) -> Bool {
        let host = host.lowercased()
        if host == upstream.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" }).lowercased() { return true }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }.dropFirst()) : String(host.prefix { $0 != ":" })
        return !["127.0.0.1", "localhost", "::1", "0.0.0.0"].contains(name)
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
            answer = HTTPResponse(status: .ok, json: ["unused": .array(deck.index.unused.map(describe))])
        case .success(.reset):
            deck.rewind()
            journal.clear()
            answer = HTTPResponse(status: .ok, json: ["reset": true, "interactions": .number(String(answers.count))])
        }
        return answer
    }

    private func describe(_ index: Int) -> JSONValue {
        let request = deck.index.request(at: index)
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
