import Foundation
import BylineCore
import Tagged

/// Which articles a list may include.
public enum Visibility: Hashable, Sendable {
    /// Published with `publishedAt` at or before the given time: what readers see.
    case publicAt(Date)
    /// Any status (the admin's view).
    case all
    /// Only articles with this status.
    case status(ArticleStatus)
}

/// A filter over articles; all set conditions must hold. Results come newest first.
public struct ArticleQuery: Hashable, Sendable {
    public var visibility: Visibility
    public var section: SectionID?
    public var tag: TagID?
    public var tagsAny: [TagID]
    public var author: AuthorID?
    public var excluding: Set<ArticleID>
    public var page: PageRequest

    public init(visibility: Visibility, section: SectionID? = nil, tag: TagID? = nil, tagsAny: [TagID] = [],
                author: AuthorID? = nil, excluding: Set<ArticleID> = [], page: PageRequest = PageRequest()) {
        self.visibility = visibility; self.section = section; self.tag = tag; self.tagsAny = tagsAny
        self.author = author; self.excluding = excluding; self.page = page
    }
}

/// What an upsert did.
public enum UpsertOutcome: Hashable, Sendable {
    case created(Article)
    case updated(Article)
    /// The stored article already had exactly this content.
    case unchanged(Article)

    public var article: Article {
        switch self { case .created(let a), .updated(let a), .unchanged(let a): return a }
    }
}

/// Errors every store reports the same way.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownSection(Slug)
    case notFound(String)
    case conflict(String)
    case invalid(ValidationError)

    public var description: String {
        switch self {
        case .unknownSection(let slug): return "section: unknown section \(slug.rawValue.debugDescription)"
        case .notFound(let what): return "not found: \(what)"
        case .conflict(let what): return "conflict: \(what)"
        case .invalid(let error): return error.description
        }
    }
}

/// Stores and finds articles. Writes take validated drafts; slugs are made unique by the store.
public protocol ArticleStore: Sendable {
    /// Creates an article.
    /// - Throws: ``StoreError/unknownSection(_:)`` when the draft names a section that does not exist.
    func create(_ draft: ArticleDraft, now: Date) async throws -> Article
    /// Replaces an article's content, keeping its id and creation time.
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/unknownSection(_:)``.
    func update(_ id: ArticleID, with draft: ArticleDraft, now: Date) async throws -> Article
    /// Creates or updates each draft by its `externalID` (drafts without one are created), in one transaction.
    /// A draft that fails leaves the others and everything already stored untouched.
    /// - Throws: only when the batch as a whole could not be written.
    func upsertBatch(_ drafts: [ArticleDraft], now: Date) async throws -> [Result<UpsertOutcome, StoreError>]
    /// Deletes an article.
    /// - Throws: ``StoreError/notFound(_:)``.
    func delete(_ id: ArticleID) async throws
    /// The article with this id, in any status.
    func article(id: ArticleID) async throws -> Article?
    /// The article with this slug, in any status.
    func article(slug: Slug) async throws -> Article?
    /// A page of article summaries matching the query, newest first.
    func list(_ query: ArticleQuery) async throws -> Paged<ArticleSummary>
    /// A number that changes whenever any article, section, author or tag changes; caches key on it.
    func changeToken() async throws -> Int64
}

/// Stores sections.
public protocol SectionStore: Sendable {
    /// All sections by position, then name.
    func sections() async throws -> [Section]
    /// The section with this slug.
    func section(slug: Slug) async throws -> Section?
    /// Creates the section, or returns the existing one with that slug unchanged.
    func ensureSection(slug: Slug, name: String, summary: String, position: Int) async throws -> Section
    /// Changes a section's name, summary and position; its slug (and so its URL) stays.
    /// Throws ``StoreError/notFound(_:)``.
    func updateSection(_ slug: Slug, name: String, summary: String, position: Int) async throws -> Section
}

/// Stores authors; authors are created when an article first names them.
public protocol AuthorStore: Sendable {
    /// The author with this slug.
    func author(slug: Slug) async throws -> Author?
    /// All authors by name.
    func authors() async throws -> [Author]
    /// Sets an author's biography.
    /// - Throws: ``StoreError/notFound(_:)``.
    func updateBio(_ id: AuthorID, bio: String) async throws -> Author
}

/// Stores tags; tags are created when an article first names them.
public protocol TagStore: Sendable {
    /// The tag with this slug.
    func tag(slug: Slug) async throws -> Tag?
    /// The tag that `slug` belonged to before a rename or a merge moved it away (old links then lead to the tag
    /// under its new slug); `nil` when no tag was ever moved away from it. Look up ``tag(slug:)`` first: a slug in
    /// use belongs to its current tag.
    func tag(formerSlug slug: Slug) async throws -> Tag?
    /// Tags with at least one public article, most used first.
    func popularTags(limit: Int, now: Date) async throws -> [(tag: Tag, count: Int)]
    /// Automatic tags an editor removed from the article; the tagger never adds them back.
    func suppressedAutomaticTags(for article: ArticleID) async throws -> Set<Slug>
    /// Records that an editor removed the automatic tag `slug` from the article.
    func suppressAutomaticTag(_ slug: Slug, on article: ArticleID) async throws

    // Upkeep of the vocabulary by editors (admin API). Each change re-indexes the articles it touches.

    /// Every tag with the number of articles (any status) carrying it, by name; `query` filters by name or slug.
    func allTags(matching query: String?, limit: Int, offset: Int) async throws -> [(tag: Tag, count: Int)]
    /// Gives the tag a new name and the slug made from it (so the tagger and editors find it under the new
    /// spelling); its old slug leads to it from then on (``tag(formerSlug:)``). Throws ``StoreError/notFound(_:)``, ``StoreError/invalid(_:)`` for a name without a slug, and
    /// ``StoreError/conflict(_:)`` when another tag has that slug (merge instead).
    func renameTag(_ slug: Slug, to name: String) async throws -> Tag
    /// Moves every article of `source` to `target` (keeping each article's tag order and origin), then deletes
    /// `source`. Automatic uses of `source` are suppressed on those articles, so the tagger does not bring it
    /// back. `source`'s slug, and the slugs it had before, lead to `target` from then on. Returns the target and how
    /// many articles were moved.
    func mergeTag(_ source: Slug, into target: Slug) async throws -> (tag: Tag, articles: Int)
    /// Removes the tag from every article and deletes it; automatic uses are suppressed as in a merge.
    /// Returns how many articles carried it.
    func deleteTag(_ slug: Slug) async throws -> Int
}

/// The stores an application runs on, one per aggregate.
public struct Stores: Sendable {
    public var articles: any ArticleStore
    public var sections: any SectionStore
    public var authors: any AuthorStore
    public var tags: any TagStore
    /// Full-text search; ``NoSearchStore`` (finds nothing) when the store has no index.
    public var search: any SearchStore

    public init(articles: any ArticleStore, sections: any SectionStore, authors: any AuthorStore, tags: any TagStore,
                search: any SearchStore = NoSearchStore()) {
        self.articles = articles; self.sections = sections; self.authors = authors; self.tags = tags
        self.search = search
    }

    /// All the stores served by one object (the memory and SQLite stores each implement them all).
    public init<S: ArticleStore & SectionStore & AuthorStore & TagStore>(_ store: S) {
        self.init(articles: store, sections: store, authors: store, tags: store,
                  search: (store as? any SearchStore) ?? NoSearchStore())
    }
}
