import Foundation
import Logging

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
    /// How often queued reading events are written to the store.
    public var readingFlushInterval: TimeInterval = 2

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
