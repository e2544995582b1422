import Foundation
import BylineCore

// The search contract every store implements. Query *understanding* (parsing what a reader typed, typo
// suggestions) lives in BylineRank; a store receives an already-parsed ``SearchExpression`` whose terms are
// normalised tokens, so no store ever sees raw user syntax.

/// One thing a query asks to find, as normalised tokens (lowercase, diacritics removed).
public enum SearchTerm: Hashable, Sendable {
    /// A whole word.
    case word(String)
    /// Words starting with these letters (`tokay*`).
    case prefix(String)
    /// These words next to each other, in order (`"exact phrase"`).
    case phrase([String])

    /// The tokens this term is made of.
    public var tokens: [String] {
        switch self {
        case .word(let w), .prefix(let w): return [w]
        case .phrase(let words): return words
        }
    }
}

/// A parsed query: every clause must match (a clause matches when any of its alternatives does: `OR`),
/// and no excluded term may match.
public struct SearchExpression: Hashable, Sendable {
    public var clauses: [[SearchTerm]]
    public var excluded: [SearchTerm]

    public init(clauses: [[SearchTerm]], excluded: [SearchTerm] = []) {
        self.clauses = clauses.filter { !$0.isEmpty }; self.excluded = excluded
    }

    /// Whether there is nothing to look for (exclusions alone cannot be searched).
    public var isEmpty: Bool { clauses.isEmpty }

    /// Every term a matching article must or may contain, in query order.
    public var positiveTerms: [SearchTerm] { clauses.flatMap { $0 } }
}

/// How results are ordered.
public enum SearchSort: String, Hashable, Sendable, CaseIterable {
    /// Blended BM25 and recency (see ``SearchRanking``).
    case relevance
    /// Newest first.
    case date
}

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

/// The ranking parameters every store applies the same way; the formula is in docs/SEARCH.md.
///
/// `score = relevance × (1 − recencyWeight + recencyWeight × 2^(−age / recencyHalfLife))`, where `relevance` is
/// BM25 (k1 = 1.2, b = 0.75) over the weighted fields and `age` is the time since publication (never negative).
public struct SearchRanking: Hashable, Sendable {
    public var headlineWeight: Double
    public var dekWeight: Double
    public var bodyWeight: Double
    public var tagsWeight: Double
    public var authorsWeight: Double
    public var entitiesWeight: Double
    /// After this long an article's recency boost has halved.
    public var recencyHalfLife: TimeInterval
    /// Share of the score that recency can take away from an old article, from 0 (none) to 1.
    public var recencyWeight: Double

    public init(headlineWeight: Double = 10, dekWeight: Double = 4, bodyWeight: Double = 1, tagsWeight: Double = 5,
                authorsWeight: Double = 5, entitiesWeight: Double = 3, recencyHalfLife: TimeInterval = 30 * 86_400,
                recencyWeight: Double = 0.3) {
        self.headlineWeight = headlineWeight; self.dekWeight = dekWeight; self.bodyWeight = bodyWeight
        self.tagsWeight = tagsWeight; self.authorsWeight = authorsWeight; self.entitiesWeight = entitiesWeight
        self.recencyHalfLife = max(recencyHalfLife, 1); self.recencyWeight = min(max(recencyWeight, 0), 1)
    }

    /// The field weights in index column order: headline, dek, body, tags, authors, entity names.
    public var fieldWeights: [Double] { [headlineWeight, dekWeight, bodyWeight, tagsWeight, authorsWeight, entitiesWeight] }

    /// The recency factor for an article of this age, from `1 − recencyWeight` (very old) to 1 (just published).
    public func recencyFactor(age: TimeInterval) -> Double {
        1 - recencyWeight + recencyWeight * pow(2, -max(age, 0) / recencyHalfLife)
    }

    /// The final score of an article with this BM25 relevance and age.
    public func score(relevance: Double, age: TimeInterval) -> Double {
        relevance * recencyFactor(age: age)
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

/// A piece of a snippet: plain text, or text that matched the query.
public struct SnippetPart: Hashable, Sendable {
    public var text: String
    public var isMatch: Bool
    public init(_ text: String, isMatch: Bool = false) { self.text = text; self.isMatch = isMatch }
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

/// A term of the search vocabulary with the number of indexed articles containing it.
public struct VocabularyTerm: Hashable, Sendable {
    public var term: String
    public var documents: Int
    public init(term: String, documents: Int) { self.term = term; self.documents = documents }
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

/// The text rules search shares across stores and the query parser.
public enum SearchText {
    /// Splits text into search tokens the way SQLite's `unicode61 remove_diacritics 2` tokenizer does:
    /// runs of letters, digits and private-use characters, lowercased, with diacritics removed.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let token = fold(String(current))
            // A run of combining marks alone folds to nothing.
            if !token.isEmpty { tokens.append(token) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isTokenScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return tokens
    }

    /// Whether the scalar belongs inside a token.
    public static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    /// Lowercases and removes diacritics.
    public static func fold(_ token: String) -> String {
        if token.utf8.allSatisfy({ $0 < 128 }) { return token.lowercased() }
        let decomposed = token.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        var out = String.UnicodeScalarView()
        for scalar in decomposed {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// The readable text of (sanitised) HTML: tags dropped, entities decoded, whitespace collapsed.
    public static func plainText(html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        var pendingSpace = false
        func emit(_ s: Substring) {
            for ch in s {
                if ch.isWhitespace { pendingSpace = true; continue }
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        while index < html.endIndex {
            let ch = html[index]
            if ch == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                // Block-level tags separate words; inline ones (<em>, <a>) do not.
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if !["a", "em", "strong", "b", "i", "u", "span", "code", "sup", "sub", "abbr", "mark", "small", "s", "cite", "q"].contains(String(name)) {
                    pendingSpace = true
                }
                index = html.index(after: close)
            } else if ch == "&" {
                if let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                   let decoded = decodeEntity(html[html.index(after: index)..<semicolon]) {
                    emit(Substring(decoded))
                    index = html.index(after: semicolon)
                } else {
                    emit("&")
                    index = html.index(after: index)
                }
            } else {
                let next = html[index...].firstIndex(where: { $0 == "<" || $0 == "&" }) ?? html.endIndex
                emit(html[index..<next])
                index = next
            }
        }
        return out
    }

    private static func decodeEntity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "lsquo": return "‘"
        case "rsquo": return "’"
        case "ldquo": return "“"
        case "rdquo": return "”"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// The body text that search indexes: the rendered HTML's text, or the Markdown when nothing was rendered.
    public static func indexableBody(html: String, markdown: String) -> String {
        html.isEmpty ? markdown : plainText(html: html)
    }
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
