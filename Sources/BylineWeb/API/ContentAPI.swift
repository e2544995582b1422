import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom

/// A position in the public article order (newest first by publication time, then id): the page cursor.
struct ArticleCursor: Equatable {
    var publishedAt: Date
    var id: ArticleID

    /// base64url of `seconds:id`; opaque to clients, stable while articles are added.
    var encoded: String {
        Data("\(publishedAt.timeIntervalSince1970):\(id.rawValue)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init(publishedAt: Date, id: ArticleID) { self.publishedAt = publishedAt; self.id = id }

    init?(encoded: String) {
        var text = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard encoded.count <= 64, let data = Data(base64Encoded: text), let raw = String(data: data, encoding: .utf8) else { return nil }
        let parts = raw.split(separator: ":")
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite, let id = Int64(parts[1]) else { return nil }
        self.publishedAt = Date(timeIntervalSince1970: seconds); self.id = ArticleID(id)
    }

    /// Whether `item` comes after this cursor in the public order.
    func precedes(_ publishedAt: Date, _ id: ArticleID) -> Bool {
        publishedAt < self.publishedAt || (publishedAt == self.publishedAt && id.rawValue < self.id.rawValue)
    }
}

/// `GET /api/v1/...`: published articles, sections, tags and authors. A bearer token is optional; one that is
/// sent must be valid (content API keys).
struct ContentAPI: Sendable {
    let stores: Stores
    let publishing: PublishingStores
    let auth: APIAuthenticator
    let baseURL: String
    let clock: @Sendable () -> Date

    static let defaultLimit = 20

    func register(on router: Router<BylineRequestContext>) {
        router.on(.apiArticles) { request, _, _ in try await articles(request) }
        router.on(.apiArticle) { request, _, ref in try await article(request, ref: ref) }
        router.on(.apiSections) { request, _, _ in
            _ = try await auth.principal(request)
            return try APIJSON.response(["sections": try await stores.sections.sections().map { SectionJSON($0, base: baseURL) }], cacheable: true)
        }
        router.on(.apiTags) { request, _, _ in
            _ = try await auth.principal(request)
            let tags = try await stores.tags.popularTags(limit: 1_000, now: clock())
            return try APIJSON.response(["tags": tags.map { TagJSON($0.tag, base: baseURL) }], cacheable: true)
        }
        router.on(.apiAuthors) { request, _, _ in
            _ = try await auth.principal(request)
            return try APIJSON.response(["authors": try await stores.authors.authors().map { AuthorJSON($0, base: baseURL) }], cacheable: true)
        }
    }

    /// One query parameter, at most once.
    static func parameter(_ request: Request, _ name: String) throws -> String? {
        let values = request.uri.queryParameters.getAll(name)
        guard values.count <= 1 else { throw BylineError.badParameter(name, "give it at most once") }
        return values.first
    }

    static func slugParameter(_ request: Request, _ name: String) throws -> Slug? {
        guard let raw = try parameter(request, name) else { return nil }
        guard let slug = Slug(raw) else { throw BylineError.badParameter(name, "must be a slug (lowercase letters, digits, hyphens)") }
        return slug
    }

    static func dateParameter(_ request: Request, _ name: String) throws -> Date? {
        guard let raw = try parameter(request, name) else { return nil }
        guard let date = try? Date(raw, strategy: Date.ISO8601FormatStyle()) else {
            throw BylineError.badParameter(name, "must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z")
        }
        return date
    }

    static func intParameter(_ request: Request, _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let raw = try parameter(request, name) else { return nil }
        guard let n = Int(raw), range.contains(n) else { throw BylineError.badParameter(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return n
    }

    private func articles(_ request: Request) async throws -> Response {
        _ = try await auth.principal(request)
        let limit = try Self.intParameter(request, "limit", range: 1...100) ?? Self.defaultLimit
        let cursor = try Self.parameter(request, "cursor").map { raw in
            guard let cursor = ArticleCursor(encoded: raw) else { throw BylineError.badParameter("cursor", "is not a cursor this API gave out") }
            return cursor
        }
        let after = try Self.dateParameter(request, "published_after")
        let before = try Self.dateParameter(request, "published_before")
        var query = ArticleQuery(visibility: .publicAt(clock()))
        var empty = false
        if let slug = try Self.slugParameter(request, "section") {
            if let section = try await stores.sections.section(slug: slug) { query.section = section.id } else { empty = true }
        }
        if let slug = try Self.slugParameter(request, "tag") {
            if let tag = try await stores.tags.tag(slug: slug) { query.tag = tag.id } else { empty = true }
        }
        if let slug = try Self.slugParameter(request, "author") {
            if let author = try await stores.authors.author(slug: slug) { query.author = author.id } else { empty = true }
        }
        guard !empty else { return try APIJSON.response(ArticleListJSON(articles: [], next_cursor: nil), cacheable: true) }

        // Walk the public order from the top and keep what follows the cursor within the date range.
        // The store pages by offset; the cursor (not the offset) is what makes pages stable as stories arrive.
        var picked: [ArticleSummary] = []
        var page = 1
        scan: while true {
            query.page = PageRequest(page: page, size: PageRequest.maxSize)
            let batch = try await stores.articles.list(query)
            for item in batch.items {
                guard let at = item.publishedAt else { continue }
                if let cursor, !cursor.precedes(at, item.id) { continue }
                if let before, at >= before { continue }
                if let after, at < after { break scan }
                picked.append(item)
                if picked.count > limit { break scan }
            }
            guard batch.hasNext, page < PageRequest.maxPage else { break }
            page += 1
        }
        var next: String?
        if picked.count > limit {
            picked.removeLast()
            if let last = picked.last, let at = last.publishedAt { next = ArticleCursor(publishedAt: at, id: last.id).encoded }
        }
        return try APIJSON.response(ArticleListJSON(articles: picked.map { ArticleSummaryJSON($0, base: baseURL) }, next_cursor: next),
                                    cacheable: true)
    }

    private func article(_ request: Request, ref: String) async throws -> Response {
        _ = try await auth.principal(request)
        var found: Article?
        if let slug = Slug(ref) { found = try await stores.articles.article(slug: slug) }
        if found == nil || found?.isPublic(at: clock()) != true, let id = Int64(ref) {
            found = try await stores.articles.article(id: ArticleID(id))
        }
        guard let article = found, article.isPublic(at: clock()) else { throw PublishingError.notFound("article \(ref)") }
        let corrections = try await publishing.corrections.corrections(article: article.id)
        return try APIJSON.response(ArticleJSON(article, corrections: corrections, base: baseURL, admin: false), cacheable: true)
    }
}
