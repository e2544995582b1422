import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineRank
import BylineNewsroom
import BylineRoutes

/// The public, server-rendered site: home, section, tag, author and article pages, "Most read", plus health and assets.
struct SiteController<Context: RequestContext>: Sendable {
    let stores: Stores
    let config: BylineConfig
    let cache: PageCache
    let related: RelatedService
    let reading: ReadingService
    let readers: ReaderCookies
    /// Recent recommendation lists per reader (and per section for unknown readers).
    var recommendationCache = RecommendationCache()
    /// Rendered "Recommended for you" blocks per reader and article, reused for a few seconds.
    var blockCache = PersonalBlockCache()
    let tagger: (any AutoTagging)?
    let clock: @Sendable () -> Date
    /// `/assets/site.css`, from ``WebResources``.
    let stylesheet: RenderedPage
    /// Corrections shown at the end of article pages.
    var corrections: (any CorrectionStore)? = nil

    static var listSize: Int { 20 }

    func register(on router: Router<Context>) {
        router.on(.healthz) { _, _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.on(.stylesheet) { request, _, _ in
            ConditionalGET.response(for: stylesheet, request: request, cacheControl: "public, max-age=86400")
        }
        router.on(.home) { request, _, page in
            // The front page has one page; a page number is still checked so nonsense is answered as such.
            guard page == 1 else { throw BylineError.notFound("The front page has only one page.") }
            return try await cached(request, page: page) { try await home(request) }
        }
        router.on(.section) { request, _, list in
            try await cached(request, page: list.page) { try await section(list.slug, PageRequest(page: list.page, size: Self.listSize)) }
        }
        router.on(.tag) { request, _, list in
            try await cached(request, page: list.page) { try await tag(list.slug, PageRequest(page: list.page, size: Self.listSize)) }
        }
        router.on(.author) { request, _, list in
            try await cached(request, page: list.page) { try await author(list.slug, PageRequest(page: list.page, size: Self.listSize)) }
        }
        router.on(.entity) { request, _, list in
            try await cached(request, page: list.page) { try await entity(list.slug, PageRequest(page: list.page, size: Self.listSize)) }
        }
        router.on(.article) { request, _, slug in
            let page = try await cachedPage(request, page: 1, version: related.version) { try await article(slug) }
            return personalised(page, request: request, storeToken: try await stores.articles.changeToken())
        }
        router.on(.mostRead) { request, _, _ in
            try await cached(request, page: 1) { try await mostReadPage() }
        }
    }

    // MARK: The per-reader block

    static var personalCount: Int { 4 }
    static var mostReadCount: Int { 5 }

    /// The cached article page with "Recommended for you" spliced in, after recording the read (unless the
    /// browser asks not to be tracked or the reader turned recording off). Never stored in shared caches.
    /// `storeToken` is the store's change token: any article write makes every reused block stale.
    private func personalised(_ page: RenderedPage, request: Request, storeToken: Int64) -> Response {
        guard let slot = page.personal else {
            return ConditionalGET.response(for: page, request: request, cacheControl: "public, max-age=60, stale-while-revalidate=300")
        }
        let now = clock()
        let reader = readers.identify(request)
        // Only a known reader (one who came back with the cookie) has a block and cache entries of their own; the
        // rest share the anonymous block, so requests without the cookie cost no per-reader memory.
        var known: ReaderID?
        if reader.recording, let id = reader.id {
            if request.method != .head { reading.observe(reader: id, returning: !reader.isNew, article: slot.article, at: now) }
            if reading.isKnown(id) { known = id }
        }
        let block = cachedBlock(slot, page: page, storeToken: storeToken, reader: known, now: now)
        let personal = RenderedPage(body: slot.splice(block.bytes, into: page.body), lastModified: page.lastModified,
                                    lastModifiedHeader: page.lastModifiedHeader, etag: block.etag)
        var response = ConditionalGET.response(for: personal, request: request, cacheControl: "private, max-age=0, must-revalidate")
        response.headers[.vary] = "Cookie, DNT, Sec-GPC"
        if reader.isNew, let id = reader.id { response.setCookie(readers.readerCookie(id)) }
        return response
    }

    /// The block from ``blockCache`` while the reader's reads, the cached page and the store (an unpublished or
    /// edited story, even one that leaves the page byte-identical) are unchanged, else picked and rendered now.
    /// The generation is read before the block is made: a read that lands meanwhile makes the stored entry stale
    /// at once rather than hiding behind it.
    private func cachedBlock(_ slot: PersonalSlot, page: RenderedPage, storeToken: Int64, reader: ReaderID?, now: Date) -> PersonalBlock {
        let key = PersonalBlockKey(reader: reader, article: slot.article)
        let stamp = PersonalBlockStamp(page: page.etag + "@" + String(storeToken),
                                       generation: reader.map { reading.blockGeneration(of: $0) } ?? 0)
        if let hit = blockCache.value(for: key, stamp: stamp, now: now) { return hit }
        let bytes = personalBlock(slot, reader: reader, now: now)
        let etag = "\"" + page.etag.trimmingCharacters(in: ["\""]) + "-" + String(RenderedPage.fnv1a(bytes), radix: 16) + "\""
        let block = PersonalBlock(bytes: ByteBuffer(bytes: bytes), etag: etag)
        blockCache.store(block, for: key, stamp: stamp, now: now)
        return block
    }

    /// "Recommended for you" (trending in the section for a new reader), never repeating the page's stories
    /// or what the reader read; topped up with stories like this one when reading data is thin.
    func personalBlock(_ slot: PersonalSlot, reader: ReaderID?, now: Date) -> [UInt8] {
        var seen = slot.shown
        var stories: [PickedStory] = []
        let summaries = related.snapshot().summaries
        func take(_ id: ArticleID, _ reason: String) {
            guard stories.count < Self.personalCount, let summary = summaries[id], let published = summary.publishedAt,
                  published <= now, seen.insert(id).inserted else { return }
            stories.append(PickedStory(summary: summary, reason: reason))
        }
        func fill(_ picks: [(id: ArticleID, reason: String)]) {
            let unread = reader.map { reading.unread(picks.map(\.id), by: $0) } ?? Set(picks.map(\.id))
            for pick in picks where unread.contains(pick.id) { take(pick.id, pick.reason) }
        }
        // A recent list for this reader (or this section) is reused while it still fills the block.
        let key = reader.map { "r:" + $0.rawValue } ?? "s:\(slot.section.rawValue)"
        if let cached = recommendationCache.value(for: key, now: now) { fill(cached) }
        if stories.count < Self.personalCount {
            stories.removeAll(); seen = slot.shown
            let index = related.snapshot().index
            let request = RecommendationRequest(reader: reader, currentArticle: slot.article, currentSection: slot.section,
                                                limit: Self.personalCount * 3, alreadyShown: slot.shown, now: now)
            let fresh = reading.recommend(request, catalog: index).map { (id: $0.id, reason: $0.reason.text) }
            recommendationCache.store(fresh, for: key, now: now)
            fill(fresh)
            if stories.count < Self.personalCount {
                // Thin reading data: top up with stories like this one.
                seen.formUnion((reader.map { reading.history(of: $0) } ?? []).map(\.article))
                let more = index.related(to: slot.article, RelatedRequest(limit: Self.personalCount - stories.count,
                                                                          alreadyShown: seen, publishedBefore: now))
                for pick in more { take(pick.id, "More like this story") }
            }
        }
        // The read of this page is already recorded: a returning reader has more than one.
        return StoryBlock.personal(stories, personalised: (reader.map { reading.readCount(of: $0) } ?? 0) > 1)
    }

    /// "Most read" of the configured window, public stories only, without `excluding`.
    func mostRead(limit: Int, excluding: Set<ArticleID>, now: Date) -> [(summary: ArticleSummary, reads: Int)] {
        let summaries = related.snapshot().summaries
        return reading.mostRead(window: config.mostReadWindow, now: now, limit: limit) { id in
            guard !excluding.contains(id), let published = summaries[id]?.publishedAt else { return false }
            return published <= now
        }.compactMap { item in summaries[item.article].map { ($0, item.reads) } }
    }

    private static func readsLine(_ readers: Int) -> String { "\(readers) reader\(readers == 1 ? "" : "s")" }


    // MARK: Caching

    /// Serves a page from the cache when the store has not changed, else renders and caches it.
    private func cached(_ request: Request, page number: Int, render: () async throws -> RenderedPage) async throws -> Response {
        let page = try await cachedPage(request, page: number, version: 0, render: render)
        return ConditionalGET.response(for: page, request: request,
                                       cacheControl: "public, max-age=60, stale-while-revalidate=300")
    }

    /// The cached page, or a fresh rendering; `version` is mixed into the store's change token (the related
    /// index's version, which also moves when an editor changes pins).
    private func cachedPage(_ request: Request, page number: Int, version: Int64,
                            render: () async throws -> RenderedPage) async throws -> RenderedPage {
        let now = clock()
        let key = request.uri.path + "?" + String(number)
        let token = try await stores.articles.changeToken() &+ (version &* 1_000_003)
        let page: RenderedPage
        if let hit = cache.value(for: key, stamp: token, now: now) {
            page = hit
        } else {
            page = try await render()
            cache.store(page, for: key, stamp: token, now: now)
        }
        return page
    }

    private func layout(_ sections: [Section]) -> Layout {
        Layout(config: config, sections: sections)
    }

    // MARK: Pages

    private func home(_ request: Request) async throws -> RenderedPage {
        let now = clock()
        let sections = try await stores.sections.sections()
        let latest = try await stores.articles.list(ArticleQuery(visibility: .publicAt(now), page: PageRequest(page: 1, size: 1)))
        let lead = latest.items.first
        var shown: Set<ArticleID> = Set(lead.map { [$0.id] } ?? [])
        var blocks: [(section: Section, stories: [ArticleSummary])] = []
        for section in sections {
            let stories = try await stores.articles.list(ArticleQuery(
                visibility: .publicAt(now), section: section.id, excluding: shown, page: PageRequest(page: 1, size: 4)))
            shown.formUnion(stories.items.map(\.id))
            blocks.append((section, stories.items))
        }
        let newest = ([lead].compactMap { $0 } + blocks.flatMap(\.stories)).map(\.updatedAt).max()
        let popular = mostRead(limit: Self.mostReadCount, excluding: shown, now: now)
            .map { PickedStory(summary: $0.summary, reason: Self.readsLine($0.reads)) }
        let page = HomePage(lead: lead, sections: blocks, description: config.siteDescription, mostRead: popular)
        return RenderedPage(body: page.render(layout: layout(sections)), lastModified: newest)
    }

    private func section(_ slug: Slug, _ request: PageRequest) async throws -> RenderedPage {
        guard let section = try await stores.sections.section(slug: slug) else {
            throw BylineError.notFound("There is no section called “\(slug.rawValue)”.")
        }
        let page = try await listing(ArticleQuery(visibility: .publicAt(clock()), section: section.id, page: request))
        return try await render(ListPage(title: section.name, kicker: "Section", description: section.summary, page: page,
                                         path: { .section(slug, page: $0) }, currentSection: section.id), page)
    }

    private func tag(_ slug: Slug, _ request: PageRequest) async throws -> RenderedPage {
        guard let tag = try await stores.tags.tag(slug: slug) else {
            if let moved = try await stores.tags.tag(formerSlug: slug) { throw BylineError.moved(.tag(moved.slug, page: request.page)) }
            throw BylineError.notFound("There is no topic called “\(slug.rawValue)”.")
        }
        let page = try await listing(ArticleQuery(visibility: .publicAt(clock()), tag: tag.id, page: request))
        return try await render(ListPage(title: tag.name, kicker: "Topic", description: "", page: page,
                                         path: { .tag(slug, page: $0) }, currentSection: nil), page)
    }

    private func author(_ slug: Slug, _ request: PageRequest) async throws -> RenderedPage {
        guard let author = try await stores.authors.author(slug: slug) else {
            throw BylineError.notFound("There is no author called “\(slug.rawValue)”.")
        }
        let page = try await listing(ArticleQuery(visibility: .publicAt(clock()), author: author.id, page: request))
        return try await render(ListPage(title: author.name, kicker: "Author", description: author.bio, page: page,
                                         path: { .author(slug, page: $0) }, currentSection: nil), page)
    }

    private func entity(_ slug: Slug, _ request: PageRequest) async throws -> RenderedPage {
        let tag = try await stores.tags.tag(slug: slug)
        guard let tag, let entity = tag.entity else {
            if tag == nil, let moved = try await stores.tags.tag(formerSlug: slug) {
                throw BylineError.moved(moved.entity == nil ? .tag(moved.slug, page: request.page) : .entity(moved.slug, page: request.page))
            }
            throw BylineError.notFound("Byline knows no person, place or organisation called “\(slug.rawValue)”.")
        }
        let page = try await listing(ArticleQuery(visibility: .publicAt(clock()), tag: tag.id, page: request))
        let facts = entity.kbID.map { tagger?.facts(kbID: $0) ?? [] } ?? []
        let sections = try await stores.sections.sections()
        let view = EntityPage(entity: entity, slug: slug, facts: facts, page: page)
        return RenderedPage(body: view.render(layout: layout(sections)), lastModified: page.items.map(\.updatedAt).max())
    }

    private func listing(_ query: ArticleQuery) async throws -> Paged<ArticleSummary> {
        let page = try await stores.articles.list(query)
        if query.page.page > 1 && query.page.page > page.pageCount {
            throw BylineError.notFound("This list has only \(page.pageCount) page\(page.pageCount == 1 ? "" : "s").")
        }
        return page
    }

    private func render(_ page: ListPage, _ items: Paged<ArticleSummary>) async throws -> RenderedPage {
        let sections = try await stores.sections.sections()
        return RenderedPage(body: page.render(layout: layout(sections)), lastModified: items.items.map(\.updatedAt).max())
    }

    private func article(_ slug: Slug) async throws -> RenderedPage {
        let now = clock()
        guard let article = try await stores.articles.article(slug: slug), article.isPublic(at: now) else {
            throw BylineError.notFound("There is no story at this address. It may have been moved or unpublished.")
        }
        let picks = related.picks(for: article.id, now: now).map { PickedStory(summary: $0.summary, reason: $0.reason.text) }
        var shown = Set(picks.map(\.summary.id)).union([article.id])
        let popular = mostRead(limit: Self.mostReadCount, excluding: shown, now: now)
            .map { PickedStory(summary: $0.summary, reason: Self.readsLine($0.reads)) }
        shown.formUnion(popular.map(\.summary.id))
        let sections = try await stores.sections.sections()
        let corrections = try await self.corrections?.corrections(article: article.id) ?? []
        let page = ArticlePage(article: article, related: picks, mostRead: popular, personalSlot: true, corrections: corrections)
        let rendered = page.render(layout: layout(sections))
        guard let (body, offset) = PersonalSlot.cut(rendered) else {
            return RenderedPage(body: rendered, lastModified: article.updatedAt)
        }
        return RenderedPage(body: body, lastModified: article.updatedAt,
                            personal: PersonalSlot(offset: offset, article: article.id, section: article.section.id, shown: shown))
    }

    private func mostReadPage() async throws -> RenderedPage {
        let now = clock()
        let stories = mostRead(limit: Self.listSize, excluding: [], now: now)
        let sections = try await stores.sections.sections()
        let page = MostReadPage(stories: stories, windowHours: Int((config.mostReadWindow / 3_600).rounded()))
        return RenderedPage(body: page.render(layout: layout(sections)), lastModified: nil)
    }
}
