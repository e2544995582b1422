#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import BylineNewsroom

/// What a connection may cost the server: how long it may wait at each stage of a request, and how many
/// connections are served at once. Without these, idle and slowloris sockets are held until the descriptors
/// run out and the site stops answering (issue 15).
///
/// - `idleTimeout`: a kept-alive connection with no request in progress is closed after it.
/// - `headerTimeout`: a request's head must be complete within it, counted from the connection's start for
///   the first request and from the first byte of the request for later ones.
/// - `bodyTimeout`: a request's body must be complete within it, counted from the end of the head.
/// - `maxConnections`: connections beyond it are answered 503 and closed at once.
///
/// While a response is being produced and written no timeout runs: handlers own that time.
public struct ConnectionLimits: Sendable {
    public var idleTimeout: TimeAmount
    public var headerTimeout: TimeAmount
    public var bodyTimeout: TimeAmount
    public var maxConnections: Int

    /// Descriptors left to the rest of the process (the store, its journal, logs) when the cap is sized from the limit.
    public static let reservedDescriptors = 64
    /// The cap when the descriptor limit allows more, so a raised limit (containers often have 1,048,576) does not
    /// leave connections unbounded.
    public static let largestDefaultCap = 10_000

    public init(idleTimeout: TimeAmount, headerTimeout: TimeAmount, bodyTimeout: TimeAmount, maxConnections: Int) {
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
    }

    /// The limits `config` asks for; a missing cap is sized from the process's descriptor limit.
    public init(config: BylineConfig) {
        func amount(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64(seconds * 1_000_000_000)) }
        self.init(idleTimeout: amount(config.idleTimeout), headerTimeout: amount(config.headerTimeout),
                  bodyTimeout: amount(config.bodyTimeout),
                  maxConnections: config.maxConnections ?? Self.defaultMaxConnections(descriptorLimit: Self.descriptorLimit()))
    }

    /// The descriptor limit less ``reservedDescriptors``, at most ``largestDefaultCap`` (and at least 1).
    public static func defaultMaxConnections(descriptorLimit: Int?) -> Int {
        guard let descriptorLimit else { return largestDefaultCap }
        return max(1, min(descriptorLimit - reservedDescriptors, largestDefaultCap))
    }

    /// The process's soft limit on open descriptors (`ulimit -n`), or `nil` when it cannot be read or is unlimited.
    public static func descriptorLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(descriptorResource, &limit) == 0, limit.rlim_cur != unlimited else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// Raises the soft descriptor limit to the hard one, as Go's runtime does at start: the soft default (often
    /// 1,024) exists for old `select`-based programs, and NIO uses epoll. Returns the soft limit now in force.
    @discardableResult
    public static func raiseDescriptorLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(descriptorResource, &limit) == 0 else { return nil }
        // An unlimited hard limit is not a value the kernel accepts for descriptors; 2^20 is Linux's usual nr_open.
        let target = limit.rlim_max == unlimited ? rlim_t(1 << 20) : limit.rlim_max
        if limit.rlim_cur != unlimited, limit.rlim_cur < target {
            var raised = limit
            raised.rlim_cur = target
            if setrlimit(descriptorResource, &raised) != 0 { return descriptorLimit() }
        }
        return descriptorLimit()
    }

    #if canImport(Glibc)
    private static let descriptorResource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    private static let unlimited = rlim_t.max // RLIM_INFINITY, which Swift cannot import as written
    #else
    private static let unlimited = RLIM_INFINITY
    private static let descriptorResource = RLIMIT_NOFILE
    #endif
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with Byline's connection limits: a cap on connections (``ConnectionCapHandler``) and the idle,
    /// header and body timeouts (``RequestDeadlineHandler``), both in every connection's pipeline.
    public static func byline(limits: ConnectionLimits, logger: Logger) -> HTTPServerBuilder {
        let gate = ConnectionGate(limit: limits.maxConnections, logger: logger)
        let timeouts = RequestDeadlineHandler.Timeouts(limits)
        // Hummingbird's own idle timeout stays off: its clock restarts on every HTTP part, so a body sent a few bytes
        // at a time is never closed; RequestDeadlineHandler bounds each stage of a request instead.
        return .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionCapHandler(gate: gate), RequestDeadlineHandler(timeouts: timeouts, logger: logger)],
            idleTimeout: nil))
    }
}
