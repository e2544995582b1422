import Foundation
import BylineCore
import BylineSearch

// The search contract every store implements. Query *understanding* (parsing what a reader typed, typo
// suggestions) lives in BylineSearch; a store receives an already-parsed ``SearchExpression`` whose terms are
// normalised tokens, so no store ever sees raw user syntax.

/// Narrows a search; every set condition must hold.
public struct SearchFilters: Hashable, Sendable {
    public var section: SectionID?
    public var tag: TagID?
    public var author: AuthorID?
    /// Published at or after this time.
    public var publishedFrom: Date?
    /// Published before this time.
    public var publishedBefore: Date?

    public init(section: SectionID? = nil, tag: TagID? = nil, author: AuthorID? = nil,
                publishedFrom: Date? = nil, publishedBefore: Date? = nil) {
        self.section = section; self.tag = tag; self.author = author
        self.publishedFrom = publishedFrom; self.publishedBefore = publishedBefore
    }
}

/// What to search for, where, and which page to return.
public struct SearchRequest: Hashable, Sendable {
    public var expression: SearchExpression
    public var filters: SearchFilters
    public var sort: SearchSort
    public var page: PageRequest
    public var ranking: SearchRanking
    /// Only articles public at this time are searched; it is also the reference time for recency.
    public var now: Date
    /// Whether to count matches by section, tag and author (costs a pass over every match).
    public var includeFacets: Bool

    public init(expression: SearchExpression, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance,
                page: PageRequest = PageRequest(page: 1, size: 10), ranking: SearchRanking = SearchRanking(),
                now: Date, includeFacets: Bool = false) {
        self.expression = expression; self.filters = filters; self.sort = sort; self.page = page
        self.ranking = ranking; self.now = now; self.includeFacets = includeFacets
    }
}

/// One search result.
public struct SearchHit: Hashable, Sendable {
    public var article: ArticleSummary
    /// The ranking score (higher is better); for date-sorted results, still the relevance score.
    public var score: Double
    /// A passage of the body around the matches; never contains markup, only text.
    public var snippet: [SnippetPart]

    public init(article: ArticleSummary, score: Double, snippet: [SnippetPart]) {
        self.article = article; self.score = score; self.snippet = snippet
    }
}

/// A facet value with the number of matching articles that have it.
public struct FacetCount<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var count: Int
    public init(value: Value, count: Int) { self.value = value; self.count = count }
}

/// Match counts by section, tag and author, largest first (ties by name).
public struct SearchFacets: Hashable, Sendable {
    public static let maxValues = 20
    public var sections: [FacetCount<Section>]
    public var tags: [FacetCount<Tag>]
    public var authors: [FacetCount<Author>]

    public init(sections: [FacetCount<Section>] = [], tags: [FacetCount<Tag>] = [], authors: [FacetCount<Author>] = []) {
        self.sections = sections; self.tags = tags; self.authors = authors
    }
}

/// A page of results with the total number of matches.
public struct SearchResults: Sendable {
    public var hits: Paged<SearchHit>
    public var facets: SearchFacets?

    public init(hits: Paged<SearchHit>, facets: SearchFacets?) { self.hits = hits; self.facets = facets }
}

/// Full-text search over articles. The index is updated in the same transaction as every article write,
/// and only articles public at ``SearchRequest/now`` are ever returned.
public protocol SearchStore: Sendable {
    /// One page of public articles matching the request, ranked, with the total and (when asked) facets.
    /// - Throws: when the store cannot be read.
    func search(_ request: SearchRequest) async throws -> SearchResults
    /// Every indexed term with its document frequency, over articles of every status: use it only to
    /// propose corrections that a search then checks.
    /// - Throws: when the store cannot be read.
    func searchVocabulary() async throws -> [VocabularyTerm]
    /// A number that changes whenever an article changes (the same as ``ArticleStore/changeToken()``).
    func changeToken() async throws -> Int64
    /// Loads what searching keeps in memory ahead of the first search, which would otherwise wait for it.
    /// - Throws: when the store cannot be read.
    func prepareSearch() async throws
}

extension SearchStore {
    /// Stores that keep nothing in memory for search have nothing to load.
    public func prepareSearch() async throws {}
}

/// A search store for stores without an index: finds nothing.
public struct NoSearchStore: SearchStore {
    public init() {}
    public func search(_ request: SearchRequest) -> SearchResults {
        SearchResults(hits: Paged(items: [], request: request.page, total: 0), facets: request.includeFacets ? SearchFacets() : nil)
    }
    public func searchVocabulary() -> [VocabularyTerm] { [] }
    public func changeToken() -> Int64 { 0 }
}
