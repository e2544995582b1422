import Foundation
import Logging
import BylineCore
import BylineSyndication
import BylineRoutes

/// Everything `buildApplication` needs, read once at the edge (CLI flags, environment) and passed in.
public struct BylineConfig: Sendable {
    /// Where articles live.
    public enum Storage: Sendable, Hashable {
        /// A SQLite file (created and migrated when missing).
        case sqlite(path: String)
        /// An in-memory store (tests, previews).
        case memory
    }

    public var host: String
    public var port: Int
    public var storage: Storage
    /// The public base URL used for absolute links in feeds, sitemaps and structured data.
    public var baseURL: String
    public var siteName: String
    public var siteDescription: String
    /// BCP 47 language of the content.
    public var language: String
    /// Load the bundled demo content when the store has no articles.
    public var loadDemoWhenEmpty: Bool
    /// How long a rendered page may be served from the in-process cache before it is rendered again.
    public var pageCacheTTL: TimeInterval
    public var logLevel: Logger.Level
    /// Tag articles with the people, places and organisations they are about on every save.
    public var autoTagging: Bool = true
    /// How long readers' reading history is kept (90 days by default); older reads are pruned.
    public var readingRetention: TimeInterval = 90 * 86_400
    /// The window of "Most read" (24 hours by default; at most 7 days).
    public var mostReadWindow: TimeInterval = 86_400
    /// Half-life of "trending" (what a reader without history is shown). The recommender's own default, five
    /// minutes, was tuned on a portal with thousands of reads a minute; a newsroom site sees far fewer, so the
    /// site uses an hour unless told otherwise (`serve --trending-half-life-minutes`).
    public var trendingHalfLife: TimeInterval = 3_600
    /// How often queued reading events are written to the store.
    public var readingFlushInterval: TimeInterval = 2
    /// The organisation named as publisher in structured data; `nil` means the site's name.
    public var publisherName: String?
    /// The publisher's logo for structured data and social tags: an absolute http(s) URL or a path on this site
    /// (`/media/logo.png`). `nil` means the logo Byline serves itself at `/assets/logo.png`.
    public var publisherLogo: String?
    /// How long a kept-alive connection may wait for its next request before it is closed.
    public var idleTimeout: TimeInterval = 10
    /// How long a request's head (request line and headers) may take to arrive: from the connection's start for its
    /// first request, from the first byte for later ones. Slowloris clients that trickle headers are closed after it.
    public var headerTimeout: TimeInterval = 10
    /// How long a request's body may take to arrive, in all, from the end of its head.
    public var bodyTimeout: TimeInterval = 30
    /// The most connections served at once; more are answered 503 and closed. `nil` sizes it from the process's
    /// descriptor limit (`ulimit -n`): that limit less 64, at most 10,000.
    public var maxConnections: Int?
    /// Reverse proxies whose `X-Forwarded-For` names the client (`serve --trusted-proxy`, `BYLINE_TRUSTED_PROXIES`);
    /// none by default, so the client is the peer and the header is ignored.
    public var trustedProxies = TrustedProxies()

    /// The publisher as feeds, sitemaps and structured data name it.
    public var siteIdentity: SiteIdentity {
        SiteIdentity(name: siteName, baseURL: baseURL, language: language,
                     logoURL: publisherLogo ?? SiteRoute.publisherLogo.path, description: siteDescription,
                     publisherName: publisherName)
    }

    /// Whether `text` can be a publisher logo: an absolute http(s) URL or a path starting with `/`.
    public static func isValidLogo(_ text: String) -> Bool {
        if text.hasPrefix("/") { return !text.hasPrefix("//") && !text.contains(where: \.isWhitespace) }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else { return false }
        return ["http", "https"].contains(scheme) && url.host?.isEmpty == false
    }

    public init(host: String = "127.0.0.1", port: Int = 8080, storage: Storage = .sqlite(path: "byline.db"),
                baseURL: String? = nil, siteName: String = "Byline", siteDescription: String = "News, reported and edited.",
                language: String = "en", loadDemoWhenEmpty: Bool = true, pageCacheTTL: TimeInterval = 10,
                logLevel: Logger.Level = .info) {
        self.host = host; self.port = port; self.storage = storage
        self.baseURL = baseURL ?? "http://\(host):\(port)"
        self.siteName = siteName; self.siteDescription = siteDescription; self.language = language
        self.loadDemoWhenEmpty = loadDemoWhenEmpty; self.pageCacheTTL = pageCacheTTL; self.logLevel = logLevel
    }
}
