import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineSyndication
import BylineNewsroom
import BylineRoutes

/// Feeds (RSS, Atom, JSON Feed) for the site and every section, tag, author and entity; the sitemaps; robots.txt.
///
/// Every document is written by BylineSyndication from the stores' current state and served with the same
/// cache and validators as pages (``PageCache``, ``ConditionalGET``), so the news sitemap and the feeds are
/// current within `pageCacheTTL` of a story going live. Routes match what ``SiteRoute`` writes.
struct SyndicationController<Context: RequestContext>: Sendable {
    let stores: Stores
    let site: SiteIdentity
    let cache: PageCache
    /// `/assets/logo.png`, from ``WebResources``.
    let publisherLogo: RenderedPage
    let clock: @Sendable () -> Date

    /// How many stories a feed lists.
    static var feedSize: Int { 30 }
    static var sitemapContentType: String { "application/xml; charset=utf-8" }
    static var cacheControl: String { "public, max-age=60, stale-while-revalidate=300" }

    init(stores: Stores, config: BylineConfig, cache: PageCache, publisherLogo: RenderedPage, clock: @escaping @Sendable () -> Date) {
        self.stores = stores
        self.site = config.siteIdentity
        self.cache = cache
        self.publisherLogo = publisherLogo
        self.clock = clock
    }

    func register(on router: Router<Context>) {
        for format in FeedFormat.allCases {
            for endpoint in Endpoint<FeedScope>.feeds(format) {
                router.on(endpoint) { request, _, scope in
                    try await cached(request) { try await feed(scope, format) }
                }
            }
        }
        router.on(.publisherLogo) { request, _, _ in
            ConditionalGET.response(for: publisherLogo, request: request, cacheControl: "public, max-age=86400")
        }
        router.on(.robots) { request, _, _ in
            try await cached(request, cacheControl: "public, max-age=3600") {
                RenderedPage(body: Array(SitemapWriter(site: site).robots(disallow: [Endpoint<String>.search.pattern, Endpoint<Void>.adminHome.pattern + "/"]).utf8), lastModified: nil,
                             contentType: "text/plain; charset=utf-8")
            }
        }
        router.on(.sitemapIndex) { request, _, _ in
            try await cached(request) { try await sitemapIndex() }
        }
        router.on(.sitemap) { request, _, route in
            try await cached(request) { try await sitemap(route) }
        }
    }

    // MARK: Caching

    private func cached(_ request: Request, cacheControl: String = Self.cacheControl,
                        render: () async throws -> RenderedPage) async throws -> Response {
        let now = clock()
        let key = request.uri.path
        let token = try await stores.articles.changeToken()
        let page: RenderedPage
        if let hit = cache.value(for: key, stamp: token, now: now) {
            page = hit
        } else {
            page = try await render()
            cache.store(page, for: key, stamp: token, now: now)
        }
        return ConditionalGET.response(for: page, request: request, cacheControl: cacheControl)
    }

    // MARK: Feeds

    private func feed(_ scope: FeedScope, _ format: FeedFormat) async throws -> RenderedPage {
        let now = clock()
        var query = ArticleQuery(visibility: .publicAt(now), page: PageRequest(page: 1, size: Self.feedSize))
        var name: String?
        var description: String?
        switch scope {
        case .site:
            break
        case .section(let slug):
            guard let section = try await stores.sections.section(slug: slug) else { throw Self.noFeed }
            query.section = section.id; name = section.name
            description = section.summary.isEmpty ? nil : section.summary
        case .tag(let slug):
            guard let tag = try await stores.tags.tag(slug: slug) else {
                if let moved = try await stores.tags.tag(formerSlug: slug) { throw BylineError.moved(.feed(.tag(moved.slug), format)) }
                throw Self.noFeed
            }
            query.tag = tag.id; name = tag.name
        case .author(let slug):
            guard let author = try await stores.authors.author(slug: slug) else { throw Self.noFeed }
            query.author = author.id; name = author.name
            description = author.bio.isEmpty ? nil : author.bio
        case .entity(let slug):
            let tag = try await stores.tags.tag(slug: slug)
            guard let tag, let entity = tag.entity else {
                if tag == nil, let moved = try await stores.tags.tag(formerSlug: slug) {
                    throw BylineError.moved(.feed(moved.entity == nil ? .tag(moved.slug) : .entity(moved.slug), format))
                }
                throw Self.noFeed
            }
            query.tag = tag.id; name = entity.name
        }
        let summaries = try await stores.articles.list(query).items
        var articles: [Article] = []
        articles.reserveCapacity(summaries.count)
        for summary in summaries {
            // A story unpublished between the list and this read is simply left out.
            if let article = try await stores.articles.article(id: summary.id), article.isPublic(at: now) {
                articles.append(article)
            }
        }
        // The newest change shown, not the clock: an unchanged feed keeps its bytes and so its ETag.
        let updated = articles.map { max($0.updatedAt, $0.publishedAt ?? $0.updatedAt) }.max()
        let channel = FeedChannel(site: site, scope: scope, format: format, name: name, description: description,
                                  updated: updated ?? Date(timeIntervalSince1970: 0))
        let text = FeedWriter(site: site).write(format, channel: channel, articles: articles)
        return RenderedPage(body: Array(text.utf8), lastModified: updated, contentType: format.contentType)
    }

    private static var noFeed: BylineError { .notFound("There is no feed at this address.") }

    // MARK: Sitemaps

    /// Every public article's summary, newest first, read page by page.
    private func publicSummaries(now: Date) async throws -> [ArticleSummary] {
        var all: [ArticleSummary] = []
        var page = 1
        while page <= PageRequest.maxPage {
            let batch = try await stores.articles.list(ArticleQuery(
                visibility: .publicAt(now), page: PageRequest(page: page, size: PageRequest.maxSize)))
            all.append(contentsOf: batch.items)
            if !batch.hasNext { break }
            page += 1
        }
        return all
    }

    private func listedTags(now: Date) async throws -> [Tag] {
        try await stores.tags.popularTags(limit: 1_000_000, now: now).map { $0.tag }
    }

    private func xml(_ text: String, lastModified: Date? = nil) -> RenderedPage {
        RenderedPage(body: Array(text.utf8), lastModified: lastModified, contentType: Self.sitemapContentType)
    }

    private func sitemapIndex() async throws -> RenderedPage {
        let now = clock()
        let months = SitemapWriter.months(of: try await publicSummaries(now: now), now: now)
        let text = SitemapWriter(site: site).index(
            months: months, sectionCount: try await stores.sections.sections().count,
            tagCount: try await listedTags(now: now).count, authorCount: try await stores.authors.authors().count)
        return xml(text, lastModified: months.compactMap(\.lastModified).max())
    }

    private func sitemap(_ path: SiteRoute) async throws -> RenderedPage {
        let now = clock()
        let writer = SitemapWriter(site: site)
        let notFound = BylineError.notFound("There is no sitemap at this address.")
        switch path {
        case .newsSitemap:
            // Only the last 48 hours: list newest first and stop at the window's edge.
            var recent: [ArticleSummary] = []
            var page = 1
            let cutoff = now.addingTimeInterval(-SitemapWriter.newsWindow)
            while page <= PageRequest.maxPage, recent.count < SitemapWriter.maxNewsURLs {
                let batch = try await stores.articles.list(ArticleQuery(
                    visibility: .publicAt(now), page: PageRequest(page: page, size: PageRequest.maxSize)))
                recent.append(contentsOf: batch.items)
                if !batch.hasNext || (batch.items.last?.publishedAt ?? .distantPast) < cutoff { break }
                page += 1
            }
            let listed = SitemapWriter.newsArticles(recent, now: now)
            return xml(writer.news(recent, now: now), lastModified: listed.map(\.updatedAt).max())
        case .sitemapArticles(let year, let month, let page):
            let summaries = try await publicSummaries(now: now)
            guard let record = SitemapWriter.months(of: summaries, now: now).first(where: { $0.year == year && $0.month == month }),
                  (page - 1) * SitemapWriter.maxURLsPerSitemap < record.count else { throw notFound }
            return xml(writer.articles(summaries, year: year, month: month, page: page, now: now), lastModified: record.lastModified)
        case .sitemapSections:
            return xml(writer.sections(try await stores.sections.sections()))
        case .sitemapTags(let page):
            let tags = try await listedTags(now: now)
            guard (page - 1) * SitemapWriter.maxURLsPerSitemap < max(tags.count, 1) else { throw notFound }
            return xml(writer.tags(tags, page: page))
        case .sitemapAuthors(let page):
            let authors = try await stores.authors.authors()
            guard (page - 1) * SitemapWriter.maxURLsPerSitemap < max(authors.count, 1) else { throw notFound }
            return xml(writer.authors(authors, page: page))
        default:
            throw notFound
        }
    }
}
