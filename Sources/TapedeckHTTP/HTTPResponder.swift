/// What answers requests: the simulator, the replay server.
public protocol HTTPResponder: Sendable {
    /// Answers a request; runs in a task of its own.
    func respond(to request: HTTPRequest) async -> HTTPResponse

    /// Answers a request on the connection's event loop without a task hop, or
    /// returns `nil` to have `respond(to:)` called. For answers that need no
    /// waiting (a replay from memory): it must not block.
    func respondImmediately(to request: HTTPRequest) -> HTTPResponse?
}

extension HTTPResponder {
    public func respondImmediately(to request: HTTPRequest) -> HTTPResponse? { nil }
}
