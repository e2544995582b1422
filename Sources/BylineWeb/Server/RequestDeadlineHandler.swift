import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection that keeps the server waiting: for its next request (idle), for a request's head
/// (header timeout, so slowloris heads sent a line at a time end) or for a request's body (body timeout, so
/// stalled or dripping bodies end). While the server owes a response nothing is timed.
///
/// The stages, as Go's `net/http` counts them:
/// - a new connection's first head must be complete within the header timeout of the connection's start;
/// - after a response, the connection may stay idle for the idle timeout; once the next request's first bytes
///   arrive its head has the header timeout from then;
/// - a body must be complete within the body timeout of the end of its head.
///
/// One timer per connection: moving to a later deadline only records it, and the timer, when it fires early,
/// goes back to sleep until the recorded deadline; so keep-alive traffic does not schedule a task per request.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Timeouts: Sendable {
        var idle: TimeAmount
        var header: TimeAmount
        var body: TimeAmount

        init(_ limits: ConnectionLimits) {
            idle = limits.idleTimeout
            header = limits.headerTimeout
            body = limits.bodyTimeout
        }
    }

    /// What the connection is waiting for, for the log line when it is closed.
    private enum Wait: String {
        case idle = "no request within the idle timeout"
        case head = "no complete request head within the header timeout"
        case body = "no complete request body within the body timeout"
    }

    private let timeouts: Timeouts
    private let logger: Logger
    private var waiting: Wait?
    private var deadline = NIODeadline.distantFuture
    /// Requests whose head has been read and whose response has not been written to its end.
    private var responsesOwed = 0
    private var readingBody = false
    /// Whether a part was decoded since the last `channelReadComplete`; bytes that decoded to nothing while the
    /// connection was idle are the start of the next request's head.
    private var decodedSinceReadComplete = false
    private var timer: Scheduled<Void>?
    private var timerDeadline = NIODeadline.distantFuture
    private var started = false

    init(timeouts: Timeouts, logger: Logger) {
        self.timeouts = timeouts
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        waiting = nil
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        decodedSinceReadComplete = true
        switch unwrapInboundIn(data) {
        case .head:
            responsesOwed += 1
            readingBody = true
            wait(for: .body, within: timeouts.body, context: context)
        case .body:
            break
        case .end:
            readingBody = false
            if responsesOwed > 0 { waiting = nil } else { wait(for: .idle, within: timeouts.idle, context: context) }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !decodedSinceReadComplete, waiting == .idle {
            wait(for: .head, within: timeouts.header, context: context)
        }
        decodedSinceReadComplete = false
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            responsesOwed = max(0, responsesOwed - 1)
            if responsesOwed == 0, !readingBody { wait(for: .idle, within: timeouts.idle, context: context) }
        }
        context.write(data, promise: promise)
    }

    private func start(context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        wait(for: .head, within: timeouts.header, context: context)
    }

    private func wait(for stage: Wait, within timeout: TimeAmount, context: ChannelHandlerContext) {
        waiting = stage
        deadline = .now() + timeout
        // A timer due no later than the new deadline wakes, finds the deadline moved and sleeps again.
        if timer != nil, timerDeadline <= deadline { return }
        cancelTimer()
        schedule(at: deadline, context: context)
    }

    private func schedule(at when: NIODeadline, context: ChannelHandlerContext) {
        timerDeadline = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            timerDeadline = .distantFuture
            guard let waiting else { return }
            if NIODeadline.now() < deadline {
                schedule(at: deadline, context: context)
                return
            }
            logger.debug("closing connection", metadata: ["reason": "\(waiting.rawValue)"])
            self.waiting = nil
            context.close(promise: nil)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerDeadline = .distantFuture
    }
}
