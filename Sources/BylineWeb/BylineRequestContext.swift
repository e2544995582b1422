import Hummingbird

/// The request context of every Byline route: Hummingbird's basic one plus the peer's IP address, which the
/// sign-in throttle needs (through ``TrustedProxies`` when a reverse proxy forwards the client's).
public struct BylineRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection peer's IP address; `nil` in in-process router tests.
    public let peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
