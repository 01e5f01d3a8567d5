public import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Tapedeck
import TapedeckHTTP
import TapedeckProviders

/// The five provider APIs on loopback, each at its documented path from the root
/// (as an official SDK given `http://127.0.0.1:PORT` calls it) and under
/// `http://127.0.0.1:PORT/<provider-id>`: deterministic data, documented paging,
/// parameter checks, error bodies and authentication, and drift switches that
/// break one contract each. Admin endpoints live under `/__tapedeck/`.
public final class ProviderSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    let state: Mutex<SimulatorState>
    private let server: Mutex<HTTPServer?> = Mutex(nil)
    let tasks: [ProviderID: [SimulatedTask]]
    let faults: FaultInjector
    let renderings = TaskRenderings()
    /// Drawn once per simulator, so request ids differ from run to run as a provider's do.
    let requestIDSalt = UUID().uuidString

    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        let now = configuration.clock.now()
        var tasks: [ProviderID: [SimulatedTask]] = [:]
        for (salt, provider) in ProviderID.allCases.enumerated() {
            tasks[provider] = SimulatedTask.generate(
                count: configuration.tasksPerInstance, seed: configuration.seed, salt: UInt64(salt + 1), now: now)
        }
        self.tasks = tasks
        faults = FaultInjector(faults: configuration.faults, seed: configuration.seed)
        state = Mutex(SimulatorState(drifts: configuration.drifts, nonces: NonceLedger(window: AlibabaPetadata.freshness, now: now)))
    }

    /// Starts listening; `port` 0 picks a free port (read it back from `port`).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        let started = try await HTTPServer(host: host, port: port, responder: SimulatorResponder(simulator: self))
        server.withLock { $0 = started }
    }

    /// The port the simulator listens on (0 before `start`).
    public var port: Int { server.withLock { $0?.port ?? 0 } }

    /// `http://127.0.0.1:PORT/<provider-id>`.
    public func baseURL(for provider: ProviderID) -> URL {
        URL(string: "http://127.0.0.1:\(port)/\(provider.rawValue)")!
    }

    /// Stops listening.
    public func stop() async throws {
        let running = server.withLock { server -> HTTPServer? in
            defer { server = nil }
            return server
        }
        try await running?.stop()
    }

    /// Switches drifts on (replacing the set in force) while running.
    public func setDrifts(_ drifts: Set<DriftKind>) {
        state.withLock {
            $0.drifts = drifts
            $0.walkCounters = [:]
        }
    }

    public var drifts: Set<DriftKind> { state.withLock { $0.drifts } }

    /// The provider's tasks, newest first: those that appeared while running, then the generated ones
    /// (an IoTDA instance keeps its newest 20: "the maximum number of instance tasks is 20").
    func tasks(for provider: ProviderID, arrivals: [Date]) -> [SimulatedTask] {
        let kept = provider == .huaweiIotda ? HuaweiIotda.maximumTasks : Int.max
        let generated = tasks[provider] ?? []
        guard !arrivals.isEmpty else { return Array(generated.prefix(kept)) }
        let salt = UInt64((ProviderID.allCases.firstIndex(of: provider) ?? 0) + 1)
        let appeared = arrivals.enumerated().reversed().map { number, date in
            SimulatedTask.arrival(number: number, after: generated.count, seed: configuration.seed, salt: salt, at: date)
        }
        return Array((appeared + generated).prefix(kept))
    }
}

/// What changes while the simulator runs.
struct SimulatorState: Sendable {
    var drifts: Set<DriftKind>
    /// Alibaba nonces seen within the 15-minute `Timestamp` window.
    var nonces: NonceLedger
    /// Requests per provider, for drifts that change along a walk.
    var walkCounters: [ProviderID: Int] = [:]
    /// Requests per provider since the start, and when each new task appeared (`newTaskEvery`).
    var requests: [ProviderID: Int] = [:]
    var arrivals: [ProviderID: [Date]] = [:]
}

/// A request as the provider handlers see it.
struct SimulatedRequest {
    var provider: ProviderID
    var method: String
    /// The path below the provider's base URL, as sent.
    var path: String
    var fullPath: String
    var segments: [String]
    var query: [String: String]
    /// The query's parameters, then a form body's (an RPC POST carries them there).
    var queryItems: [(String, String)]
    var headers: HTTPHeaders
    var body: Data
    var now: Date
    var drifts: Set<DriftKind>
    /// How many requests this provider answered since the drifts were last set.
    var sequence: Int
    /// Where rendered tasks are kept between requests.
    var renderings: TaskRenderings
    /// The simulator's own salt for request ids.
    var requestIDSalt: String

    func header(_ name: String) -> String? { headers.first(name: name) }

    /// The id of this request, in the header each provider sends it in (and Alibaba's body).
    var requestID: String {
        SimulatedResponse.requestID(requestIDSalt + fullPath + (query["SignatureNonce"] ?? "") + String(sequence))
    }
}

/// Routes requests to the admin endpoints or to a provider.
struct SimulatorResponder: HTTPResponder {
    let simulator: ProviderSimulator

    /// Every answer is computed from memory: no task hop needed.
    func respondImmediately(to request: HTTPRequest) -> HTTPResponse? { answer(request) }

    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream) { stream.send(answer(request)) }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let components = URLComponents(string: request.uri)
        let path = components?.percentEncodedPath ?? request.uri
        let body = Data(request.body.readableBytesView)
        let items = (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") } + Self.formParameters(body, headers: request.headers)
        var segments = path.split(separator: "/").map(String.init)
        // An answer no provider handler gives still carries a request id, as docs/simulator.md promises.
        let unrouted = { (answer: HTTPResponse) -> HTTPResponse in
            var answer = answer
            answer.headers.add(name: "X-Request-Id", value: SimulatedResponse.requestID(simulator.requestIDSalt + request.uri + UUID().uuidString))
            return answer
        }
        if segments.first == "__tapedeck" { return unrouted(admin(segments.dropFirst().first, method: request.method, query: items)) }
        let provider: ProviderID
        if let first = segments.first, let prefixed = ProviderID(rawValue: first) {
            provider = prefixed
            segments.removeFirst()
        } else if let documented = ProviderID.detect(documentedPath: segments, parameters: items) {
            provider = documented
        } else {
            return unrouted(
                SimulatedResponse.json(
                    404, ["error": "no provider API at this path: use a provider's documented path, or /<provider-id>/ before it"]))
        }
        let now = simulator.configuration.clock.now()
        let every = simulator.configuration.newTaskEvery
        let (drifts, sequence, arrivals) = simulator.state.withLock { state in
            state.walkCounters[provider, default: 0] += 1
            state.requests[provider, default: 0] += 1
            if let every, every > 0, state.requests[provider, default: 0] % every == 0 { state.arrivals[provider, default: []].append(now) }
            return (state.drifts, state.walkCounters[provider, default: 0], state.arrivals[provider] ?? [])
        }
        let simulated = SimulatedRequest(
            provider: provider, method: request.method.rawValue,
            path: "/" + segments.joined(separator: "/"), fullPath: path, segments: segments,
            query: Dictionary(items, uniquingKeysWith: { first, _ in first }), queryItems: items, headers: request.headers,
            body: body, now: now, drifts: drifts, sequence: sequence,
            renderings: simulator.renderings, requestIDSalt: simulator.requestIDSalt)
        let tasks = simulator.tasks(for: provider, arrivals: arrivals)
        let response =
            switch provider {
            case .alibabaPetadata: AlibabaPetadata(simulator: simulator).respond(simulated, tasks: tasks)
            case .huaweiKafka: HuaweiKafka().respond(simulated, tasks: tasks)
            case .huaweiIotda: HuaweiIotda().respond(simulated, tasks: tasks)
            case .yandexBackup: YandexBackup().respond(simulated, tasks: tasks)
            case .otcDdm: OtcDdm().respond(simulated, tasks: tasks)
            }
        var answered = simulator.faults.apply(to: response) { ProviderError(request: simulated).fault($0) }
        answered.headers.add(name: provider.profile.requestIDHeader ?? "X-Request-Id", value: simulated.requestID)
        return answered
    }

    /// The parameters of an `application/x-www-form-urlencoded` body (any letter case, any parameters).
    private static func formParameters(_ body: Data, headers: HTTPHeaders) -> [(String, String)] {
        guard !body.isEmpty, let type = headers.first(name: "Content-Type"),
            type.lowercased().hasPrefix("application/x-www-form-urlencoded")
        else { return [] }
        var components = URLComponents()
        components.percentEncodedQuery = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "+", with: "%20")
        return (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }

    /// `POST /__tapedeck/drift?kinds=a,b` sets the drifts; any other request lists them.
    private func admin(_ command: String?, method: HTTPMethod, query: [(String, String)]) -> HTTPResponse {
        switch command {
        case "drift" where method == .POST || method == .PUT:
            let names = query.first(where: { $0.0 == "kinds" })?.1.split(separator: ",").map(String.init) ?? []
            let kinds = names.compactMap(DriftKind.init(rawValue:))
            guard kinds.count == names.count else {
                return SimulatedResponse.json(400, ["error": .string("unknown drift; known: " + DriftKind.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            simulator.setDrifts(Set(kinds))
            return SimulatedResponse.json(200, ["drifts": .array(kinds.map { .string($0.rawValue) })])
        default:
            return SimulatedResponse.json(200, ["drifts": .array(simulator.drifts.map { .string($0.rawValue) }.sorted { $0.compactText < $1.compactText })])
        }
    }
}
