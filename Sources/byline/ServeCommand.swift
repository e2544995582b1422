import ArgumentParser
import Foundation
import Hummingbird
import Logging
import BylineWeb
import BylineNewsroom

/// `byline serve`: runs the site.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the site (loads the demo content when the store is empty).")

    @OptionGroup var storage: StorageOptions

    @Option(help: "Address to listen on.")
    var host: String = ProcessInfo.processInfo.environment["BYLINE_HOST"] ?? "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port: Int = ProcessInfo.processInfo.environment["BYLINE_PORT"].flatMap(Int.init) ?? 8080

    @Option(name: .customLong("base-url"), help: "Public URL of the site, for absolute links (default: http://HOST:PORT).")
    var baseURL: String? = ProcessInfo.processInfo.environment["BYLINE_BASE_URL"]

    @Option(name: .customLong("site-name"), help: "The site's name.")
    var siteName: String = ProcessInfo.processInfo.environment["BYLINE_SITE_NAME"] ?? "Byline"

    @Flag(name: .customLong("no-demo"), help: "Do not load the demo content into an empty store.")
    var noDemo = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    @Option(name: .customLong("reading-retention-days"), help: "Days readers' reading history is kept (1-3650).")
    var readingRetentionDays: Int = ProcessInfo.processInfo.environment["BYLINE_READING_RETENTION_DAYS"].flatMap(Int.init) ?? 90

    @Option(name: .customLong("most-read-hours"), help: "The window of \"Most read\", in hours (1-168).")
    var mostReadHours: Int = ProcessInfo.processInfo.environment["BYLINE_MOST_READ_HOURS"].flatMap(Int.init) ?? 24

    @Option(name: .customLong("trending-half-life-minutes"),
            help: "Half-life of \"trending\" (shown to readers without history), in minutes (1-10080).")
    var trendingHalfLifeMinutes: Int = ProcessInfo.processInfo.environment["BYLINE_TRENDING_HALF_LIFE_MINUTES"].flatMap(Int.init) ?? 60

    @Option(name: .customLong("publisher-name"), help: "The organisation named as publisher in structured data (default: the site's name).")
    var publisherName: String? = ProcessInfo.processInfo.environment["BYLINE_PUBLISHER_NAME"]

    @Option(name: .customLong("publisher-logo"),
            help: "The publisher's logo: an https:// URL or a path on the site (default: /assets/logo.png, served by Byline).")
    var publisherLogo: String? = ProcessInfo.processInfo.environment["BYLINE_PUBLISHER_LOGO"]

    @Option(name: .customLong("idle-timeout"), help: "Seconds a kept-alive connection may wait for its next request.")
    var idleTimeout: Double = ProcessInfo.processInfo.environment["BYLINE_IDLE_TIMEOUT"].flatMap(Double.init) ?? 10

    @Option(name: .customLong("header-timeout"),
            help: "Seconds a request's head may take to arrive (from the connection's start, or the request's first byte).")
    var headerTimeout: Double = ProcessInfo.processInfo.environment["BYLINE_HEADER_TIMEOUT"].flatMap(Double.init) ?? 10

    @Option(name: .customLong("body-timeout"), help: "Seconds a request's body may take to arrive, in all.")
    var bodyTimeout: Double = ProcessInfo.processInfo.environment["BYLINE_BODY_TIMEOUT"].flatMap(Double.init) ?? 30

    @Option(name: .customLong("max-connections"),
            help: "Connections served at once; more are answered 503 (default: the descriptor limit less 64, at most 10000).")
    var maxConnections: Int?

    /// `--max-connections`, else `BYLINE_MAX_CONNECTIONS`, else `nil` (sized from the descriptor limit).
    private var connectionCap: Int? {
        maxConnections ?? ProcessInfo.processInfo.environment["BYLINE_MAX_CONNECTIONS"].flatMap(Int.init)
    }
    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("A reverse proxy (address or CIDR range) whose X-Forwarded-For names the client; repeat for more. "
                               + "Default: none, so the client is the connecting address (env BYLINE_TRUSTED_PROXIES, comma-separated).",
                               valueName: "address"))
    var trustedProxy: [String] = ProcessInfo.processInfo.environment["BYLINE_TRUSTED_PROXIES"].map { [$0] } ?? []

    func validate() throws {
        do { _ = try TrustedProxies(trustedProxy) } catch { throw ValidationError("--trusted-proxy: \(error)") }
        if let publisherLogo, !BylineConfig.isValidLogo(publisherLogo) {
            throw ValidationError("--publisher-logo \(publisherLogo.debugDescription) must be an http(s) URL or a path starting with /.")
        }
        if let publisherName, publisherName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--publisher-name must not be empty.")
        }
        guard (1...3_650).contains(readingRetentionDays) else { throw ValidationError("--reading-retention-days must be from 1 to 3650.") }
        guard (1...168).contains(mostReadHours) else { throw ValidationError("--most-read-hours must be from 1 to 168.") }
        guard (1...10_080).contains(trendingHalfLifeMinutes) else {
            throw ValidationError("--trending-half-life-minutes must be from 1 to 10080.")
        }
        for (flag, seconds) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout)] {
            guard seconds > 0, seconds <= 3_600 else { throw ValidationError("\(flag) must be more than 0 and at most 3600 seconds.") }
        }
        if let connectionCap, connectionCap < 1 { throw ValidationError("--max-connections must be at least 1.") }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535, not \(port).") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel.debugDescription) is not a level.") }
    }

    func run() async throws {
        var config = BylineConfig(host: host, port: port, storage: storage.storage, baseURL: baseURL, siteName: siteName,
                                  loadDemoWhenEmpty: !noDemo, logLevel: Logger.Level(rawValue: logLevel) ?? .info)
        config.readingRetention = TimeInterval(readingRetentionDays) * 86_400
        config.publisherName = publisherName
        config.publisherLogo = publisherLogo
        config.mostReadWindow = TimeInterval(mostReadHours) * 3_600
        config.trendingHalfLife = TimeInterval(trendingHalfLifeMinutes) * 60
        config.idleTimeout = idleTimeout
        config.headerTimeout = headerTimeout
        config.bodyTimeout = bodyTimeout
        config.maxConnections = connectionCap
        // Before the cap is sized from it: the soft descriptor limit up to the hard one.
        ConnectionLimits.raiseDescriptorLimit()
        config.trustedProxies = try TrustedProxies(trustedProxy)
        let app = try await buildApplication(config: config)
        try await app.runService()
    }
}
