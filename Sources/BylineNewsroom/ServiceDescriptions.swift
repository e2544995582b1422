import ServiceLifecycle

// swift-service-lifecycle describes every service it runs (`String(describing:)`) for its logs. Without these,
// that reflects the whole value — the newsroom, the reading model, every store behind them — which took
// ~20 s at start-up on the demo site. A service names itself instead.

extension ScheduledPublisher: CustomStringConvertible {
    public var description: String { "ScheduledPublisher" }
}

extension ReadingEventWriter: CustomStringConvertible {
    public var description: String { "ReadingEventWriter" }
}
