import Foundation
import BylineCore
import BylineStore
import BylineRank
import BylineSQLite

/// The stores and engines one Byline process runs on, built from configuration. The CLI and the web app
/// both get theirs from ``BylineServices/make(config:)``: the one wiring point.
public struct BylineServices: Sendable {
    public let config: BylineConfig
    public let stores: Stores
    public let writer: ArticleWriter
    public let importer: ImportRunner
    /// Users, sessions, tokens, revisions, corrections, audit log and the editorial actions on them.
    public var newsroom: Newsroom
    /// "You May Also Like": the in-memory related index, kept current by the writer.
    public let related: RelatedService
    /// Reading history, personal recommendations and "Most read".
    public let reading: ReadingService
    /// Reader search, with "Did you mean".
    public let search: ArticleSearch

    /// The reading model's settings for this site: the recommender's defaults with the site's trending half-life,
    /// readers counted once per "Most read" window, and 50 reads per reader in memory (the bound on memory per
    /// reader; `/reading-history` reads the log).
    static func readingModel(_ config: BylineConfig) -> ReadingModelConfiguration {
        var model = ReadingModelConfiguration()
        model.popularityHalfLife = config.trendingHalfLife
        model.mostReadOncePer = config.mostReadWindow
        model.historyLength = 50
        return model
    }

    /// The engines a command needs beyond the stores and the newsroom services. Each costs start-up time: the
    /// entity tagger loads a 2.8 MB model and a knowledge base; a live related index takes every write.
    public struct Engines: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Tag articles with entities on every save (when `config.autoTagging` is also on).
        public static let tagging = Engines(rawValue: 1 << 0)
        /// Keep the related index current on every write (it is read only by a serving process).
        public static let relatedIndex = Engines(rawValue: 1 << 1)
        /// What `serve` runs.
        public static let all: Engines = [.tagging, .relatedIndex]
    }

    /// Opens the configured store and builds the services on it, with only the `engines` asked for: `user` and
    /// `token` need none, `import` needs the tagger but no related index that nobody would read.
    /// - Throws: when the store cannot be opened or migrated, or the tagger's bundled model cannot be read.
    public static func make(config: BylineConfig, engines: Engines = .all) throws -> BylineServices {
        let stores: Stores
        let publishing: PublishingStores
        let recommendations: RecommendationStores
        switch config.storage {
        case .memory:
            let memory = MemoryStore()
            stores = Stores(memory)
            publishing = PublishingStores(MemoryPublishingStore())
            recommendations = RecommendationStores(MemoryRecommendationStore(articles: memory))
        case .sqlite(let path):
            let sqlite = try SQLiteStore(path: path)
            stores = Stores(sqlite)
            publishing = PublishingStores(SQLitePublishingStore(sqlite))
            recommendations = RecommendationStores(SQLiteRecommendationStore(sqlite))
        }
        let tagger: (any AutoTagging)? = config.autoTagging && engines.contains(.tagging) ? try EntityAutoTagger.bundled() : nil
        let related = RelatedService(stores: stores, overrides: recommendations.overrides)
        let writer = ArticleWriter(stores: stores, tagger: tagger, observer: engines.contains(.relatedIndex) ? related : nil)
        return BylineServices(config: config, stores: stores, writer: writer,
                              importer: ImportRunner(writer: writer, stores: stores, corrections: publishing.corrections),
                              newsroom: Newsroom(stores: stores, publishing: publishing, writer: writer),
                              related: related,
                              reading: ReadingService(log: recommendations.readingLog, retention: config.readingRetention,
                                                       model: Self.readingModel(config)),
                              search: ArticleSearch(store: stores.search))
    }
}
