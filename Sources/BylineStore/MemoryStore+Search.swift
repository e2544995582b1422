import Foundation
import BylineCore
import BylineSearch

/// Search over the in-memory store: a linear scan with the same matching, BM25 and recency rules as SQLite's FTS5
/// index, so the contract tests can hold both to one behaviour.
extension MemoryStore: SearchStore {

    public func search(_ request: SearchRequest) -> SearchResults {
        let documents = allArticles().map(SearchDocument.init)
        let terms = request.expression.positiveTerms
        // Document frequency per term over every indexed article, and the average length, as FTS5 counts them.
        let bm25 = BM25(articles: Int64(max(documents.count, 1)), tokens: Int64(documents.reduce(0) { $0 + $1.length }),
                        phraseMatches: terms.map { term in Int64(documents.filter { $0.contains(term) }.count) })
        let weights = request.ranking.fieldWeights
        var matches: [SearchDocument] = []
        var top = TopMatches(count: request.page.offset + request.page.size, sort: request.sort)
        for document in documents where document.article.isPublic(at: request.now) && passes(document.article, request.filters) {
            guard !request.expression.isEmpty,
                  request.expression.clauses.allSatisfy({ clause in clause.contains { document.contains($0) } }),
                  !request.expression.excluded.contains(where: { document.contains($0) }),
                  let publishedAt = document.article.publishedAt else { continue }
            let frequencies = terms.map { term in
                zip(weights, document.fields).reduce(0.0) { $0 + $1.0 * Double(SearchDocument.hits(term, in: $1.1)) }
            }
            let relevance = frequencies.withUnsafeBufferPointer { bm25.relevance(frequencies: $0, length: Double(document.length)) }
            let score = request.ranking.score(relevance: relevance, age: request.now.timeIntervalSince(publishedAt))
            top.consider(ScoredMatch(id: document.article.id.rawValue, score: score), publishedAt: publishedAt.timeIntervalSince1970)
            matches.append(document)
        }
        let byID = Dictionary(matches.map { ($0.article.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let page = top.matches.dropFirst(request.page.offset).compactMap { match in
            byID[match.id].map { document in
                SearchHit(article: document.article.summary, score: match.score,
                          snippet: SearchSnippet.make(document.fieldTexts[2], terms: terms))
            }
        }
        let facets = request.includeFacets ? Self.facets(matches.map(\.article)) : nil
        return SearchResults(hits: Paged(items: page, request: request.page, total: matches.count), facets: facets)
    }

    public func searchVocabulary() -> [VocabularyTerm] {
        var counts: [String: Int] = [:]
        for document in allArticles().map(SearchDocument.init) {
            for token in Set(document.fields.joined()) { counts[token, default: 0] += 1 }
        }
        return counts.map { VocabularyTerm(term: $0.key, documents: $0.value) }.sorted { $0.term < $1.term }
    }

    private func allArticles() -> [Article] {
        var articles: [Article] = []
        var page = 1
        while page <= PageRequest.maxPage {
            let listed = list(ArticleQuery(visibility: .all, page: PageRequest(page: page, size: PageRequest.maxSize)))
            articles += listed.items.compactMap { article(id: $0.id) }
            if !listed.hasNext { break }
            page += 1
        }
        return articles
    }

    private func passes(_ article: Article, _ filters: SearchFilters) -> Bool {
        if let section = filters.section, article.section.id != section { return false }
        if let tag = filters.tag, !article.tags.contains(where: { $0.tag.id == tag }) { return false }
        if let author = filters.author, !article.contributors.contains(where: { $0.author.id == author }) { return false }
        guard let publishedAt = article.publishedAt else { return false }
        if let from = filters.publishedFrom, publishedAt < from { return false }
        if let before = filters.publishedBefore, publishedAt >= before { return false }
        return true
    }

    private static func facets(_ articles: [Article]) -> SearchFacets {
        func top<V: Hashable & Sendable>(_ values: [V], name: (V) -> String) -> [FacetCount<V>] {
            var counts: [V: Int] = [:]
            for v in values { counts[v, default: 0] += 1 }
            return counts.map { FacetCount(value: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : name($0.value) < name($1.value) }
                .prefix(SearchFacets.maxValues).map { $0 }
        }
        return SearchFacets(
            sections: top(articles.map(\.section), name: \.name),
            tags: top(articles.flatMap { $0.tags.map(\.tag) }, name: \.name),
            authors: top(articles.flatMap { $0.contributors.map(\.author) }, name: \.name))
    }
}

/// An article as the search index sees it: six token fields in index column order.
struct SearchDocument {
    let article: Article
    let fieldTexts: [String]
    let fields: [[String]]
    var length: Int { fields.reduce(0) { $0 + $1.count } }

    init(_ article: Article) {
        self.article = article
        let editorTags = article.tags.filter { $0.origin == .editor }.map(\.tag.name)
        let entities = article.tags.filter { $0.origin == .automatic }.map(\.tag.name)
        fieldTexts = [article.headline, article.dek,
                      SearchText.indexableBody(html: article.bodyHTML, markdown: article.bodyMarkdown),
                      editorTags.joined(separator: " "), article.contributors.map(\.author.name).joined(separator: " "),
                      entities.joined(separator: " ")]
        fields = fieldTexts.map(SearchText.tokens)
    }

    func contains(_ term: SearchTerm) -> Bool { fields.contains { Self.hits(term, in: $0) > 0 } }

    /// How many times the term occurs in one field.
    static func hits(_ term: SearchTerm, in field: [String]) -> Int {
        switch term {
        case .word(let w): return field.reduce(0) { $0 + ($1 == w ? 1 : 0) }
        case .prefix(let p): return field.reduce(0) { $0 + ($1.hasPrefix(p) ? 1 : 0) }
        case .phrase(let words):
            guard !words.isEmpty, field.count >= words.count else { return 0 }
            return (0...(field.count - words.count)).reduce(0) { $0 + (Array(field[$1..<($1 + words.count)]) == words ? 1 : 0) }
        }
    }
}
