import Foundation
import Synchronization
import BylineCore
import BylineStore
import BylineSearch

/// What a reader asked for: the text they typed plus filters, order and page.
public struct SearchInput: Hashable, Sendable {
    public var text: String
    public var filters: SearchFilters
    public var sort: SearchSort
    public var page: PageRequest
    public var now: Date
    public var includeFacets: Bool

    public init(text: String, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance,
                page: PageRequest = PageRequest(page: 1, size: 10), now: Date, includeFacets: Bool = true) {
        self.text = text; self.filters = filters; self.sort = sort; self.page = page; self.now = now
        self.includeFacets = includeFacets
    }
}

/// A "Did you mean" proposal: the whole query with rare or unknown words replaced by well-known ones.
public struct SearchSuggestion: Hashable, Sendable {
    /// The corrected query in Byline's search syntax.
    public var text: String
    /// Each replaced word and its replacement, in query order.
    public var corrections: [Correction]

    public struct Correction: Hashable, Sendable {
        public var original: String
        public var replacement: String
        public init(original: String, replacement: String) { self.original = original; self.replacement = replacement }
    }
}

/// The answer to a search: the parsed query, the results, and a suggestion when one helps.
public struct SearchOutcome: Sendable {
    public var query: ParsedSearchQuery
    public var results: SearchResults
    public var suggestion: SearchSuggestion?
    /// True when the query as typed found nothing and ``results`` are those of ``suggestion``.
    public var showingSuggestion: Bool
}

/// Search as readers use it: parses what they typed, runs it on the store with Byline's ranking, and proposes
/// (or, when nothing matched, runs) a corrected spelling from the index vocabulary.
public final class ArticleSearch: Sendable {
    private let store: any SearchStore
    public let ranking: SearchRanking
    public let parser: SearchQueryParser
    private let vocabularyMaxAge: Duration
    private let cache = Mutex<CachedVocabulary?>(nil)

    private struct CachedVocabulary: Sendable {
        var token: Int64
        var loadedAt: ContinuousClock.Instant
        var vocabulary: SearchVocabulary
    }

    /// - Parameter vocabularyMaxAge: after a change to the store, the vocabulary for suggestions is reloaded once
    ///   it is at least this old (suggestions may lag writes by this much; results never do).
    public init(store: any SearchStore, ranking: SearchRanking = SearchRanking(), parser: SearchQueryParser = SearchQueryParser(),
                vocabularyMaxAge: Duration = .seconds(60)) {
        self.store = store; self.ranking = ranking; self.parser = parser; self.vocabularyMaxAge = vocabularyMaxAge
    }

    /// Loads the suggestion vocabulary and the store's in-memory search tables, so that the first reader's search
    /// does not wait for them (1–2 s together at 100k articles).
    /// - Throws: when the store cannot be read.
    public func prepare() async throws {
        _ = try await currentVocabulary()
        try await store.prepareSearch()
    }

    /// Runs a search.
    /// - Throws: when the store cannot be read.
    public func search(_ input: SearchInput) async throws -> SearchOutcome {
        let query = parser.parse(input.text)
        guard !query.expression.isEmpty else {
            let empty = SearchResults(hits: Paged(items: [], request: input.page, total: 0),
                                      facets: input.includeFacets ? SearchFacets() : nil)
            return SearchOutcome(query: query, results: empty, suggestion: nil, showingSuggestion: false)
        }
        let results = try await store.search(request(query.expression, input))
        guard let corrected = try await correct(query.expression) else {
            return SearchOutcome(query: query, results: results, suggestion: nil, showingSuggestion: false)
        }
        if results.hits.total == 0 {
            let alternative = try await store.search(request(corrected.expression, input))
            if alternative.hits.total > 0 {
                return SearchOutcome(query: query, results: alternative, suggestion: corrected.suggestion, showingSuggestion: true)
            }
            return SearchOutcome(query: query, results: results, suggestion: nil, showingSuggestion: false)
        }
        // Only suggest a spelling that finds something a reader may see (the vocabulary also covers drafts).
        var probe = input
        probe.page = PageRequest(page: 1, size: 1); probe.includeFacets = false
        let check = try await store.search(request(corrected.expression, probe))
        return SearchOutcome(query: query, results: results, suggestion: check.hits.total > 0 ? corrected.suggestion : nil,
                             showingSuggestion: false)
    }

    private func request(_ expression: SearchExpression, _ input: SearchInput) -> SearchRequest {
        SearchRequest(expression: expression, filters: input.filters, sort: input.sort, page: input.page,
                      ranking: ranking, now: input.now, includeFacets: input.includeFacets)
    }

    /// The expression with rare or unknown words replaced, or `nil` when nothing needs correcting.
    func correct(_ expression: SearchExpression) async throws -> (expression: SearchExpression, suggestion: SearchSuggestion)? {
        let words = expression.positiveTerms.flatMap { term -> [String] in
            if case .prefix = term { return [] }
            return term.tokens
        }
        guard !words.isEmpty else { return nil }
        let vocabulary = try await currentVocabulary()
        var replacements: [String: String] = [:]
        var corrections: [SearchSuggestion.Correction] = []
        for word in words where replacements[word] == nil {
            if let better = vocabulary.correction(for: word) {
                replacements[word] = better
                corrections.append(.init(original: word, replacement: better))
            }
        }
        guard !corrections.isEmpty else { return nil }
        func fix(_ term: SearchTerm) -> SearchTerm {
            switch term {
            case .word(let w): return .word(replacements[w] ?? w)
            case .prefix: return term
            case .phrase(let words): return .phrase(words.map { replacements[$0] ?? $0 })
            }
        }
        let fixed = SearchExpression(clauses: expression.clauses.map { $0.map(fix) }, excluded: expression.excluded)
        return (fixed, SearchSuggestion(text: SearchQueryParser.render(fixed), corrections: corrections))
    }

    private func currentVocabulary() async throws -> SearchVocabulary {
        let token = try await store.changeToken()
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0 }),
           cached.token == token || now - cached.loadedAt < vocabularyMaxAge {
            return cached.vocabulary
        }
        let vocabulary = SearchVocabulary(try await store.searchVocabulary())
        cache.withLock { $0 = CachedVocabulary(token: token, loadedAt: now, vocabulary: vocabulary) }
        return vocabulary
    }
}
