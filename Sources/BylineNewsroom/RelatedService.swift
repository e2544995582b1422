import Foundation
import Synchronization
import Logging
import BylineCore
import BylineStore
import BylineRank

/// "You May Also Like" for the site: a ``RelatedIndex`` over every published article kept in memory,
/// built from the store at start-up (``load(logger:)``) and updated on each write through
/// ``ArticleChangeObserver``; editors' pins and exclusions come from ``RelatedOverrideStore``.
///
/// Nodes are stateless: each builds its own index on start. Writes made by another process reach this
/// node's index when it restarts (pages still show them through the store; only the related block lags).
public final class RelatedService: ArticleChangeObserver, Sendable {
    private struct State {
        var index = RelatedIndex()
        /// What a block needs to link a story, for every indexed article.
        var summaries: [ArticleID: ArticleSummary] = [:]
        var overrides: [ArticleID: RelatedOverrides] = [:]
        /// Bumped on every change; page caches mix it into their validity token.
        var version: Int64 = 0
    }
    private let state = Mutex(State())
    let overrideStore: any RelatedOverrideStore
    let stores: Stores

    /// A service with an empty index; call ``load(logger:)`` before serving.
    public init(stores: Stores, overrides: any RelatedOverrideStore) {
        self.stores = stores
        self.overrideStore = overrides
    }

    /// Indexes every published article and loads the editors' overrides.
    /// - Throws: when the store cannot be read.
    public func load(logger: Logger? = nil) async throws {
        var documents: [(RelatedDocument, ArticleSummary)] = []
        var page = 1
        while true {
            let listed = try await stores.articles.list(ArticleQuery(visibility: .status(.published),
                                                                     page: PageRequest(page: page, size: PageRequest.maxSize)))
            for summary in listed.items {
                guard let article = try await stores.articles.article(id: summary.id), let document = Self.document(article) else { continue }
                documents.append((document, article.summary))
            }
            if page >= listed.pageCount || listed.items.isEmpty || page >= PageRequest.maxPage { break }
            page += 1
        }
        let overrides = try await overrideStore.allRelatedOverrides()
        state.withLock { state in
            for (document, summary) in documents {
                state.index.add(document)
                state.summaries[document.id] = summary
            }
            state.overrides = overrides
            state.version &+= 1
        }
        logger?.info("related index built", metadata: ["articles": "\(documents.count)"])
    }

    /// The index document of a published article; `nil` for drafts and scheduled stories.
    static func document(_ article: Article) -> RelatedDocument? {
        guard article.status == .published, let publishedAt = article.publishedAt else { return nil }
        var entities: [String] = []
        var names: [String: String] = [:]
        for t in article.tags {
            guard let entity = t.tag.entity else { continue }
            entities.append(t.tag.slug.rawValue)
            names[t.tag.slug.rawValue] = entity.name
        }
        let text = [article.headline, article.dek, article.bodyMarkdown].joined(separator: "\n")
        return RelatedDocument(id: article.id, sectionID: article.section.id, sectionName: article.section.name,
                               publishedAt: publishedAt, headline: article.headline, text: text,
                               entities: entities, entityNames: names)
    }

    // MARK: ArticleChangeObserver

    public func articleSaved(_ article: Article) async {
        let document = Self.document(article)
        state.withLock { state in
            if let document {
                state.index.update(document)
                state.summaries[article.id] = article.summary
            } else {
                _ = state.index.remove(article.id)
                state.summaries[article.id] = nil
            }
            state.version &+= 1
        }
    }

    public func articleDeleted(_ id: ArticleID) async {
        state.withLock { state in
            _ = state.index.remove(id)
            state.summaries[id] = nil
            state.overrides[id] = nil
            state.version &+= 1
        }
    }

    // MARK: Reading

    /// Changes with every write and override; caches of pages showing related blocks key on it.
    public var version: Int64 { state.withLock { $0.version } }

    /// The editors' overrides of one article.
    public func overrides(for id: ArticleID) -> RelatedOverrides {
        state.withLock { $0.overrides[id] ?? RelatedOverrides() }
    }

    /// Stores and applies an article's overrides.
    /// - Throws: ``StoreError/notFound(_:)`` when the article or a named story does not exist.
    public func setOverrides(_ overrides: RelatedOverrides, for id: ArticleID) async throws {
        let cleaned = RelatedOverrides(pinned: overrides.pinned.filter { $0 != id }, excluded: overrides.excluded.filter { $0 != id })
        try await overrideStore.setRelatedOverrides(cleaned, for: id)
        state.withLock { state in
            state.overrides[id] = cleaned.isEmpty ? nil : cleaned
            state.version &+= 1
        }
    }

    /// The summary of an indexed (published) article.
    func summary(_ id: ArticleID) -> ArticleSummary? { state.withLock { $0.summaries[id] } }

    /// Related stories for `article`: pins first, then the engine's picks; never the article itself, an
    /// excluded story or anything in `alreadyShown`; filled with the latest stories when the engine finds
    /// too few, so the block is never empty while another public story exists.
    package func picks(for article: ArticleID, limit: Int = 5, alreadyShown: Set<ArticleID> = [], now: Date) -> [(summary: ArticleSummary, reason: RelatedReason)] {
        // Scoring runs on a snapshot (copy-on-write), outside the lock, so requests do not queue behind each other.
        let (index, summaries, overrides) = state.withLock { ($0.index, $0.summaries, $0.overrides[article] ?? RelatedOverrides()) }
        let isPublic = { (id: ArticleID) -> Bool in
            guard let s = summaries[id], let published = s.publishedAt else { return false }
            return published <= now
        }
        let request = RelatedRequest(limit: limit, pinned: overrides.pinned.filter(isPublic),
                                     excluded: Set(overrides.excluded), alreadyShown: alreadyShown.union([article]),
                                     publishedBefore: now)
        var seen: Set<ArticleID> = alreadyShown.union([article])
        var out: [(summary: ArticleSummary, reason: RelatedReason)] = []
        for pick in index.related(to: article, request) where out.count < limit {
            guard isPublic(pick.id), seen.insert(pick.id).inserted, let summary = summaries[pick.id] else { continue }
            out.append((summary, pick.reason))
        }
        return out
    }

    /// A snapshot of the index and the summaries (the recommender reads sections, dates and similarity from it).
    package func snapshot() -> (index: RelatedIndex, summaries: [ArticleID: ArticleSummary]) {
        state.withLock { ($0.index, $0.summaries) }
    }
}
