import NIOCore

/// One end of a byte relay between two connections on the same event loop
/// (a `CONNECT` tunnel passed through): what one reads the other writes, and
/// a side whose peer cannot take more stops reading, so memory stays bounded.
/// The client's connection keeps its idle timeout: a tunnel that carried nothing
/// either way for that long is closed (both ends), so idle tunnels do not pile up.
final class GlueHandler: ChannelDuplexHandler, @unchecked Sendable {
    // @unchecked Sendable: both ends live on one event loop and are only touched there.
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private var partner: GlueHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// Bytes came in on this end since the last idle check.
    private var active = false

    private init() {}

    /// Two ends joined to each other: add one to each connection's pipeline.
    static func matchedPair() -> (GlueHandler, GlueHandler) {
        let first = GlueHandler()
        let second = GlueHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        active = true
        partner?.context?.write(data, promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is IdleStateHandler.IdleStateEvent else { return context.fireUserInboundEventTriggered(event) }
        // This end read nothing for the timeout; the tunnel is idle unless the other end did.
        let partnerActive = partner?.active ?? false
        partner?.active = false
        active = false
        if !partnerActive { context.close(promise: nil) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.context?.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.context?.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.becameWritable() }
    }

    func read(context: ChannelHandlerContext) {
        if partner?.context?.channel.isWritable ?? false {
            context.read()
        } else {
            pendingRead = true
        }
    }

    private func becameWritable() {
        guard pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }
}
