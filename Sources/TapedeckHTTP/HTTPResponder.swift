/// What answers requests: the simulator, the replay server, the recording proxy.
public protocol HTTPResponder: Sendable {
    /// Answers a request on the connection's event loop without a task hop, or
    /// returns `nil` to have `respond(to:streamingInto:)` called. For answers that
    /// need no waiting (a replay from memory): it must not block.
    func respondImmediately(to request: HTTPRequest) -> HTTPResponse?

    /// Answers a request through `stream`, whole or part by part as the parts
    /// arrive (a proxy relaying its upstream), from any thread. Must not block:
    /// work that waits belongs in a task.
    func respond(to request: HTTPRequest, streamingInto stream: HTTPResponseStream)
}

extension HTTPResponder {
    public func respondImmediately(to request: HTTPRequest) -> HTTPResponse? { nil }
}
