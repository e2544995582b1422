import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Counts the server's open connections, across event loops, against a cap.
final class ConnectionGate: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)
    /// Refusals not yet logged, and when the last warning was written (seconds of uptime): a flood is logged
    /// when it starts and then at most every ``warningInterval`` seconds, with a count.
    private let unlogged = Atomic<Int>(0)
    private let lastWarning = Atomic<Int64>(Int64.min / 2)
    private static let warningInterval: Int64 = 10
    private let logger: Logger

    init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    /// Counts a new connection in when the cap allows it; the caller must ``leave()`` once it closes.
    func enter() -> Bool {
        guard open.wrappingAdd(1, ordering: .relaxed).newValue > limit else { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        unlogged.wrappingAdd(1, ordering: .relaxed)
        let now = Int64(NIODeadline.now().uptimeNanoseconds / 1_000_000_000)
        let last = lastWarning.load(ordering: .relaxed)
        if now - last >= Self.warningInterval, lastWarning.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged {
            let refused = unlogged.exchange(0, ordering: .relaxed)
            logger.warning("connection cap reached: refusing connections with 503",
                           metadata: ["max_connections": "\(limit)", "refused": "\(refused)"])
        }
        return false
    }

    func leave() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Connections open now.
    var count: Int { open.load(ordering: .relaxed) }
}

/// The first of Byline's handlers in each connection's pipeline (after HTTP decoding): counts the connection in
/// through the ``ConnectionGate``, or, over the cap, answers `503 Service Unavailable` with `Connection: close`
/// and closes it without reading a request. A refused connection holds its descriptor only for that write.
final class ConnectionCapHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let gate: ConnectionGate
    private var admitted = true

    init(gate: ConnectionGate) {
        self.gate = gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = gate.enter()
        if admitted {
            let gate = self.gate
            context.channel.closeFuture.whenComplete { _ in gate.leave() }
        } else if context.channel.isActive {
            refuse(context: context)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !admitted { refuse(context: context) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A refused connection's request is never handled.
        if admitted { context.fireChannelRead(data) }
    }

    private func refuse(context: ChannelHandlerContext) {
        let message = "The server is at its connection limit. Try again in a few seconds.\n"
        let head = HTTPResponse(status: .serviceUnavailable, headerFields: [
            .contentType: "text/plain; charset=utf-8", .contentLength: String(message.utf8.count),
            .connection: "close", .retryAfter: "5", .cacheControl: "no-store",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(string: message))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
