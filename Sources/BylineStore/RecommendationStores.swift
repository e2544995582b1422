import Foundation
import BylineCore

/// An editor's choices for one article's "You May Also Like" block: pinned stories first, in order,
/// and stories that must never appear in it.
public struct RelatedOverrides: Hashable, Sendable, Codable {
    /// Stories shown first, in this order (when public).
    public var pinned: [ArticleID]
    /// Stories never shown in this article's block.
    public var excluded: [ArticleID]

    /// Makes a set of overrides; a story both pinned and excluded stays pinned only.
    public init(pinned: [ArticleID] = [], excluded: [ArticleID] = []) {
        var seen = Set<ArticleID>()
        self.pinned = pinned.filter { seen.insert($0).inserted }
        self.excluded = excluded.filter { seen.insert($0).inserted }
    }

    /// Whether the editor has set nothing.
    public var isEmpty: Bool { pinned.isEmpty && excluded.isEmpty }
}

/// Stores editors' related-article pins and exclusions, per article.
public protocol RelatedOverrideStore: Sendable {
    /// The overrides of one article (empty when none were set).
    func relatedOverrides(for article: ArticleID) async throws -> RelatedOverrides
    /// Every article's non-empty overrides (loaded once at start-up).
    func allRelatedOverrides() async throws -> [ArticleID: RelatedOverrides]
    /// Replaces one article's overrides.
    /// - Throws: ``StoreError/notFound(_:)`` when the article or a named story does not exist.
    func setRelatedOverrides(_ overrides: RelatedOverrides, for article: ArticleID) async throws
}

/// One page view of an article by an anonymous reader, as stored.
public struct ReadingRecord: Hashable, Sendable, Codable {
    /// The random id from the reader's cookie.
    public var reader: String
    public var article: ArticleID
    public var at: Date

    /// Makes a record.
    public init(reader: String, article: ArticleID, at: Date) {
        self.reader = reader; self.article = article; self.at = at
    }
}

/// First visits to one article in one hour by readers Byline does not know yet (no cookie, or one it does not
/// remember): counted, never stored per reader, so anonymous traffic costs one row per article and hour.
public struct VisitCount: Hashable, Sendable, Codable {
    public var article: ArticleID
    /// The start of the hour (whole hours since 1970, UTC).
    public var hour: Date
    public var count: Int

    /// Makes a count; `hour` is rounded down to the start of its hour.
    public init(article: ArticleID, hour: Date, count: Int) {
        self.article = article
        self.hour = Date(timeIntervalSince1970: (hour.timeIntervalSince1970 / 3_600).rounded(.down) * 3_600)
        self.count = count
    }
}

/// The persisted reading history behind personal recommendations and "Most read".
public protocol ReadingLog: Sendable {
    /// Appends a batch in one transaction; records of articles that no longer exist are dropped.
    func append(_ records: [ReadingRecord]) async throws
    /// Adds first visits to the counts of their article and hour, in one transaction; counts of articles that no
    /// longer exist are dropped.
    func addVisits(_ counts: [VisitCount]) async throws
    /// The visit counts of hours starting at or after `since`, oldest first.
    func visits(since: Date) async throws -> [VisitCount]
    /// Records at or after `since`, oldest first (loaded once at start-up).
    func records(since: Date) async throws -> [ReadingRecord]
    /// One reader's records, newest first.
    func records(reader: String) async throws -> [ReadingRecord]
    /// Deletes every record of one reader (the reader cleared their history).
    func deleteRecords(reader: String) async throws
    /// Deletes records and visit counts older than `cutoff` (retention); returns how many records went.
    @discardableResult
    func prune(before cutoff: Date) async throws -> Int
}

/// The stores behind related-article overrides and reading history.
public struct RecommendationStores: Sendable {
    public var overrides: any RelatedOverrideStore
    public var readingLog: any ReadingLog

    /// Both stores served by one object.
    public init<S: RelatedOverrideStore & ReadingLog>(_ store: S) {
        self.overrides = store; self.readingLog = store
    }
}

/// The in-memory recommendation store for tests and previews; same rules as the SQLite one.
public actor MemoryRecommendationStore: RelatedOverrideStore, ReadingLog {
    private var overridesByArticle: [ArticleID: RelatedOverrides] = [:]
    private var log: [ReadingRecord] = []
    private var visitCounts: [VisitKey: Int] = [:]
    private struct VisitKey: Hashable { var article: ArticleID; var hour: Date }
    private let articles: (any ArticleStore)?

    /// A store; when `articles` is given, overrides and records naming unknown articles are refused or dropped
    /// as the SQLite store's foreign keys do.
    public init(articles: (any ArticleStore)? = nil) { self.articles = articles }

    private func exists(_ id: ArticleID) async throws -> Bool {
        guard let articles else { return true }
        return try await articles.article(id: id) != nil
    }

    public func relatedOverrides(for article: ArticleID) -> RelatedOverrides { overridesByArticle[article] ?? RelatedOverrides() }

    public func allRelatedOverrides() -> [ArticleID: RelatedOverrides] { overridesByArticle }

    public func setRelatedOverrides(_ overrides: RelatedOverrides, for article: ArticleID) async throws {
        for id in [article] + overrides.pinned + overrides.excluded where try await !exists(id) {
            throw StoreError.notFound("article \(id.rawValue)")
        }
        overridesByArticle[article] = overrides.isEmpty ? nil : overrides
    }

    public func append(_ records: [ReadingRecord]) async throws {
        for record in records where try await exists(record.article) { log.append(record) }
    }

    public func addVisits(_ counts: [VisitCount]) async throws {
        for count in counts where try await exists(count.article) {
            visitCounts[VisitKey(article: count.article, hour: count.hour), default: 0] += count.count
        }
    }

    public func visits(since: Date) -> [VisitCount] {
        visitCounts.filter { $0.key.hour >= since }
            .map { VisitCount(article: $0.key.article, hour: $0.key.hour, count: $0.value) }
            .sorted { ($0.hour, $0.article.rawValue) < ($1.hour, $1.article.rawValue) }
    }

    public func records(since: Date) -> [ReadingRecord] {
        log.filter { $0.at >= since }.sorted { $0.at < $1.at }
    }

    public func records(reader: String) -> [ReadingRecord] {
        log.filter { $0.reader == reader }.sorted { $0.at > $1.at }
    }

    public func deleteRecords(reader: String) { log.removeAll { $0.reader == reader } }

    @discardableResult
    public func prune(before cutoff: Date) -> Int {
        let before = log.count
        log.removeAll { $0.at < cutoff }
        visitCounts = visitCounts.filter { $0.key.hour >= cutoff }
        return before - log.count
    }
}
