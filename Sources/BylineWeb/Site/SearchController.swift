import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineRank
import BylineNewsroom
import BylineRoutes
import BylineSearch

/// The reader's search: `GET /search` (HTML) and `GET /api/v1/search` (JSON), with the same parameters.
struct SearchController<Context: RequestContext>: Sendable {
    let search: ArticleSearch
    let stores: Stores
    let config: BylineConfig
    let clock: @Sendable () -> Date

    static var pageSize: Int { 10 }

    func register(on router: Router<Context>) {
        router.on(.search) { request, _, _ in
            let parameters = try await SearchParameters.parse(request, stores: stores, requireQuery: false)
            let sections = try await stores.sections.sections()
            var outcome: SearchOutcome?
            if let parameters { outcome = try await run(parameters) }
            let page = SearchPage(parameters: parameters, outcome: outcome, sections: sections)
            let layout = Layout(config: config, sections: sections)
            let rendered = RenderedPage(body: page.render(layout: layout), lastModified: nil)
            return ConditionalGET.response(for: rendered, request: request, cacheControl: "public, max-age=60")
        }
        router.on(.apiSearch) { request, _, _ in
            guard let parameters = try await SearchParameters.parse(request, stores: stores, requireQuery: true) else {
                throw BylineError.badRequest("The q parameter is required.")
            }
            let outcome = try await run(parameters, facets: parameters.facets)
            let body = try SearchAPIResponse(parameters: parameters, outcome: outcome, baseURL: config.baseURL).encoded()
            let rendered = RenderedPage(body: body, lastModified: nil, contentType: "application/json; charset=utf-8")
            return ConditionalGET.response(for: rendered, request: request, cacheControl: "public, max-age=60")
        }
    }

    private func run(_ parameters: SearchParameters, facets: Bool = true) async throws -> SearchOutcome {
        try await search.search(SearchInput(text: parameters.query, filters: parameters.filters, sort: parameters.sort,
                                            page: parameters.page, now: clock(), includeFacets: facets))
    }

}

/// The search request's parameters, parsed and checked; also writes the links that change one of them.
struct SearchParameters: Sendable {
    var query: String
    var section: Section?
    var tag: Tag?
    var author: Author?
    /// First and last day (UTC) of the date range, as typed (`YYYY-MM-DD`).
    var from: String?
    var to: String?
    var filters: SearchFilters
    var sort: SearchSort
    var page: PageRequest
    /// `facets=true|false` (default true), honoured by the API: facet counts cost a pass over every match, so a
    /// client that shows none can skip them. The page always shows them.
    var facets = true

    /// Parses the query string; `nil` when there is no `q` (and `requireQuery` is false).
    /// - Throws: ``BylineError/badRequest(_:)`` for a repeated parameter, an unknown section, tag or author, a malformed
    ///   date, sort or facets value, a page out of range, or (when `requireQuery`) a missing query.
    static func parse(_ request: Request, stores: Stores, requireQuery: Bool) async throws -> SearchParameters? {
        let parameters = request.uri.queryParameters
        func single(_ name: String) throws -> String? {
            let values = parameters.getAll(name)
            guard values.count <= 1 else { throw BylineError.badRequest("The \(name) parameter may be given only once.") }
            return values.first.map { String($0) }
        }
        // Forms send spaces as `+`; the router has already percent-decoded, and `+` means nothing in the query syntax.
        let query = try single("q")?.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        // Every other parameter is checked even without a query, so a mistake is never silently ignored.
        var result = SearchParameters(query: query, filters: SearchFilters(), sort: .relevance,
                                      page: try RequestParsing.page(request, size: SearchController<BylineRequestContext>.pageSize))
        if let raw = try single("section"), !raw.isEmpty {
            guard let slug = Slug(raw), let section = try await stores.sections.section(slug: slug) else {
                throw BylineError.badRequest("There is no section called “\(raw)”.")
            }
            result.section = section; result.filters.section = section.id
        }
        if let raw = try single("tag"), !raw.isEmpty {
            guard let slug = Slug(raw), let tag = try await stores.tags.tag(slug: slug) else {
                throw BylineError.badRequest("There is no topic called “\(raw)”.")
            }
            result.tag = tag; result.filters.tag = tag.id
        }
        if let raw = try single("author"), !raw.isEmpty {
            guard let slug = Slug(raw), let author = try await stores.authors.author(slug: slug) else {
                throw BylineError.badRequest("There is no author called “\(raw)”.")
            }
            result.author = author; result.filters.author = author.id
        }
        if let raw = try single("from"), !raw.isEmpty {
            result.filters.publishedFrom = try day(raw, "from")
            result.from = raw
        }
        if let raw = try single("to"), !raw.isEmpty {
            result.filters.publishedBefore = try day(raw, "to").addingTimeInterval(86_400)
            result.to = raw
        }
        if let from = result.filters.publishedFrom, let before = result.filters.publishedBefore, before <= from {
            throw BylineError.badRequest("The “to” date must not be before the “from” date.")
        }
        switch try single("facets") {
        case nil, "", "true": break
        case "false": result.facets = false
        default: throw BylineError.badRequest("Facets must be “true” or “false”.")
        }
        if let raw = try single("sort"), !raw.isEmpty {
            guard let sort = SearchSort(rawValue: raw) else {
                throw BylineError.badRequest("Sort must be “relevance” or “date”.")
            }
            result.sort = sort
        }
        guard !query.isEmpty else {
            if requireQuery { throw BylineError.badRequest("The q parameter is required: the words to search for.") }
            return nil
        }
        return result
    }

    /// Midnight UTC of a `YYYY-MM-DD` day.
    private static func day(_ raw: String, _ name: String) throws -> Date {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard raw.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(dayOfMonth), year >= 1900, year <= 2999 else {
            throw BylineError.badRequest("The \(name) parameter must be a date written YYYY-MM-DD (such as 2026-11-28); "
                                       + "“\(raw.prefix(40))” is not a date.")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else {
            throw BylineError.badRequest("The \(name) parameter, “\(raw)”, is not a day of the calendar.")
        }
        return date
    }

    /// The search page's address with these parameters; `change` adjusts a copy first. Built on
    /// ``SiteRoute/search(query:)`` with the filters appended, percent-encoded the same way.
    func path(_ change: (inout SearchParameters) -> Void = { _ in }) -> String {
        var copy = self
        change(&copy)
        return copy.path(query: copy.query)
    }

    /// The search page's address for another query with the same filters and sort (page 1).
    func path(query: String) -> String {
        var path = SiteRoute.search(query: query).path
        func add(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            path += "&\(name)=" + (value.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? "")
        }
        add("section", section?.slug.rawValue)
        add("tag", tag?.slug.rawValue)
        add("author", author?.slug.rawValue)
        add("from", from)
        add("to", to)
        if sort != .relevance { add("sort", sort.rawValue) }
        if page.page > 1 && query == self.query { add("page", String(page.page)) }
        return path
    }

    /// The search page's address without parameters, for `<form action>`.
    static var formAction: String { String(SiteRoute.search(query: "").path.prefix { $0 != "?" }) }

    private static let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// The JSON body of `GET /api/v1/search`.
struct SearchAPIResponse: Encodable {
    struct Result: Encodable {
        var headline: String
        var url: String
        /// HTML: escaped text with `<mark>` around matches.
        var snippet: String
        var section: Named
        var publishedAt: String?
        var score: Double
    }
    struct Named: Encodable {
        var slug: String
        var name: String
    }
    struct Facet: Encodable {
        var slug: String
        var name: String
        var count: Int
    }
    struct Facets: Encodable {
        var sections: [Facet]
        var tags: [Facet]
        var authors: [Facet]
    }
    struct Suggestion: Encodable {
        var query: String
        var url: String
    }

    var query: String
    var total: Int
    var page: Int
    var pageSize: Int
    var pageCount: Int
    var results: [Result]
    /// `nil` (sent as `null`) when the client asked for `facets=false`.
    var facets: Facets?
    var suggestion: Suggestion?
    /// True when the query as typed found nothing and the results are the suggestion's.
    var showingSuggestion: Bool
    var notices: [String]

    init(parameters: SearchParameters, outcome: SearchOutcome, baseURL: String) {
        let hits = outcome.results.hits
        query = parameters.query
        total = hits.total; page = hits.request.page; pageSize = hits.request.size; pageCount = hits.pageCount
        results = hits.items.map { hit in
            Result(headline: hit.article.headline, url: SiteRoute.article(hit.article.slug).url(base: baseURL),
                   snippet: SnippetHTML.render(hit.snippet),
                   section: Named(slug: hit.article.section.slug.rawValue, name: hit.article.section.name),
                   publishedAt: hit.article.publishedAt.map(Formatting.machineDate),
                   score: hit.score)
        }
        self.facets = outcome.results.facets.map { facets in
            Facets(sections: facets.sections.map { Facet(slug: $0.value.slug.rawValue, name: $0.value.name, count: $0.count) },
                   tags: facets.tags.map { Facet(slug: $0.value.slug.rawValue, name: $0.value.name, count: $0.count) },
                   authors: facets.authors.map { Facet(slug: $0.value.slug.rawValue, name: $0.value.name, count: $0.count) })
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        suggestion = outcome.suggestion.map { [base] in Suggestion(query: $0.text, url: base + parameters.path(query: $0.text)) }
        showingSuggestion = outcome.showingSuggestion
        notices = outcome.query.notices
    }

    private enum CodingKeys: String, CodingKey {
        case query, total, page, pageSize, pageCount, results, facets, suggestion, showingSuggestion, notices
    }

    /// Like the synthesised encoding, but `suggestion` is always present (`null` when there is none).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(query, forKey: .query)
        try container.encode(total, forKey: .total)
        try container.encode(page, forKey: .page)
        try container.encode(pageSize, forKey: .pageSize)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(results, forKey: .results)
        if let facets { try container.encode(facets, forKey: .facets) } else { try container.encodeNil(forKey: .facets) }
        if let suggestion { try container.encode(suggestion, forKey: .suggestion) } else { try container.encodeNil(forKey: .suggestion) }
        try container.encode(showingSuggestion, forKey: .showingSuggestion)
        try container.encode(notices, forKey: .notices)
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
