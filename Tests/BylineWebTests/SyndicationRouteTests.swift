import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import CompressNIO
import BylineCore
import BylineStore
import BylineWeb
import BylineRoutes

/// Feeds, sitemaps, robots.txt, structured data and gzip, through the real router.
@Suite struct SyndicationRouteTests {
    static let now = SiteFixture.now
    static let entityHeadline = "Kazakhstan asks Russia for help as protests spread"
    static let oldHeadline = "Last week's world story"

    /// The site fixture plus a story the entity tagger tags and one too old for the news sitemap.
    static func fixture() async throws -> SiteFixture {
        let fixture = try await SiteFixture.make()
        let w = fixture.services.writer
        _ = try await w.create(ArticleDraft(
            headline: entityHeadline,
            bodyMarkdown: """
            Kazakhstan's president, Kassym-Jomart Tokayev, asked Russia for troops on Wednesday after protests spread to Almaty.

            Tokayev said the Collective Security Treaty Organization (CSTO) would send a peacekeeping force.
            """,
            section: Slug("world")!, contributors: [ContributorInput(name: "Ana Souza")], tags: [], status: .published,
            publishedAt: now.addingTimeInterval(-15 * 60)), now: now)
        _ = try await w.create(ArticleDraft(
            headline: oldHeadline, dek: "Three days old.", bodyMarkdown: "An older paragraph.", section: Slug("world")!,
            contributors: [], tags: ["Archive"], status: .published, publishedAt: now.addingTimeInterval(-3 * 86_400)), now: now)
        return fixture
    }

    static func get(_ client: some TestClientProtocol, _ path: SiteRoute, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: path.path, method: .get, headers: headers)
    }

    /// How many items a feed lists, read the way each format marks them.
    static func itemCount(_ body: String, _ format: FeedFormat) throws -> Int {
        switch format {
        case .rss: return body.components(separatedBy: "<item>").count - 1
        case .atom: return body.components(separatedBy: "<entry>").count - 1
        case .json:
            let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
            return try #require(object["items"] as? [Any]).count
        }
    }

    @Test func everyFeedScopeAndFormatIsServed() async throws {
        let app = try await Self.fixture().app()
        let cases: [(FeedScope, count: Int, contains: String)] = [
            (.site, 30, "Kazakhstan calls in allies"),
            (.section(Slug("world")!), 5, "Unrelated world story"),
            (.tag(Slug("kazakhstan")!), 3, "Tokayev thanks allies"),
            (.author(Slug("ana-souza")!), 3, "Unrelated world story"),
            (.entity(Slug("kazakhstan")!), 3, Self.entityHeadline),
        ]
        try await app.test(.router) { client in
            for (scope, count, headline) in cases {
                for format in FeedFormat.allCases {
                    let response = try await Self.get(client, .feed(scope, format))
                    #expect(response.status == .ok, "\(scope) \(format)")
                    #expect(response.headers[.contentType] == format.contentType)
                    #expect(response.headers[.eTag] != nil)
                    let body = response.text
                    #expect(try Self.itemCount(body, format) == count, "\(scope) \(format)")
                    #expect(body.contains(headline.replacingOccurrences(of: "'", with: "&#39;")) || body.contains(headline),
                            "\(scope) \(format) lists \(headline)")
                    #expect(!body.contains("Secret draft") && !body.contains("Scheduled story"))
                    #expect(body.contains("https://news.example/article/"), "absolute links")
                }
            }
            // A tag that is not an entity has no entity feed; unknown names have none at all.
            #expect(try await client.execute(uri: "/entity/markets/feed.xml", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/section/nowhere/feed.atom", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/author/nobody/feed.json", method: .get).status == .notFound)
        }
    }

    @Test func feedsAnswerConditionalRequestsWith304() async throws {
        let app = try await Self.fixture().app()
        try await app.test(.router) { client in
            for format in FeedFormat.allCases {
                let first = try await Self.get(client, .feed(.section(Slug("world")!), format))
                let etag = try #require(first.headers[.eTag])
                let again = try await Self.get(client, .feed(.section(Slug("world")!), format), headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.contentEncoding] == nil)
                // The gzipped representation carries a weak validator that still matches.
                let zipped = try await Self.get(client, .feed(.site, format), headers: [.acceptEncoding: "gzip"])
                let weak = try #require(zipped.headers[.eTag])
                let revalidated = try await Self.get(client, .feed(.site, format), headers: [.acceptEncoding: "gzip", .ifNoneMatch: weak])
                #expect(revalidated.status == .notModified)
            }
        }
    }

    @Test func newsSitemapListsOnlyTheLast48Hours() async throws {
        let app = try await Self.fixture().app()
        try await app.test(.router) { client in
            let response = try await Self.get(client, .newsSitemap)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            let body = response.text
            #expect(body.contains("xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\""))
            #expect(body.contains("<loc>https://news.example/article/kazakhstan-calls-in-allies</loc>"))
            #expect(body.contains("<news:name>Byline</news:name>") || body.contains("<news:name>"))
            #expect(!body.contains("last-week"), "a three-day-old story is outside the window")
            #expect(!body.contains("secret-draft") && !body.contains("scheduled-story"))
            #expect(body.components(separatedBy: "<url>").count - 1 == 30)
        }
    }

    @Test func sitemapIndexNamesSitemapsThatAllResolve() async throws {
        let app = try await Self.fixture().app()
        try await app.test(.router) { client in
            let index = try await Self.get(client, .sitemapIndex)
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
            let locs = index.text.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
            let month = SiteRoute.sitemapArticles(year: 2025, month: 11, page: 1).url(base: "https://news.example")
            #expect(locs.contains(month))
            #expect(locs.contains(SiteRoute.sitemapSections.url(base: "https://news.example")))
            #expect(locs.contains(SiteRoute.sitemapTags().url(base: "https://news.example")))
            #expect(locs.contains(SiteRoute.sitemapAuthors().url(base: "https://news.example")))
            var articleURLs = 0
            for loc in locs {
                let path = String(loc.dropFirst("https://news.example".count))
                let sitemap = try await client.execute(uri: path, method: .get)
                #expect(sitemap.status == .ok, "\(path)")
                #expect(sitemap.text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
                if path.hasPrefix("/sitemaps/articles-") {
                    articleURLs += sitemap.text.components(separatedBy: "<url>").count - 1
                }
            }
            #expect(articleURLs == 31, "every public story once, drafts and scheduled ones left out")
            let sections = try await Self.get(client, .sitemapSections)
            #expect(sections.text.contains("<loc>https://news.example/section/world</loc>"))
            for bad in ["/sitemaps/articles-2025-1.xml", "/sitemaps/tags-1.xml", "/sitemaps/articles-1999-01.xml",
                        "/sitemaps/tags-2.xml", "/sitemaps/nothing.xml", "/sitemaps/news"] {
                #expect(try await client.execute(uri: bad, method: .get).status == .notFound, "\(bad)")
            }
        }
    }

    @Test func robotsNamesTheSitemaps() async throws {
        let app = try await Self.fixture().app()
        try await app.test(.router) { client in
            let response = try await Self.get(client, .robots)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(response.text.contains("Sitemap: https://news.example/sitemap.xml\n"))
            #expect(response.text.contains("Sitemap: https://news.example/sitemaps/news.xml\n"))
            #expect(response.text.contains("Disallow: /admin/\n"))
        }
    }

    /// The JSON objects of every `application/ld+json` script on a page.
    static func jsonLD(_ html: String) throws -> [[String: Any]] {
        try html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { part in
            let json = try #require(part.components(separatedBy: "</script>").first)
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        }
    }

    @Test func articlePageCarriesStructuredDataSocialTagsAndFeedLinks() async throws {
        let fixture = try await Self.fixture()
        let app = try fixture.app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/article/kazakhstan-asks-russia-for-help-as-protests-spread", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            let objects = try Self.jsonLD(html)
            let article = try #require(objects.first { $0["@type"] as? String == "NewsArticle" })
            #expect(article["headline"] as? String == Self.entityHeadline)
            #expect(article["datePublished"] as? String == "2025-11-29T06:51:40Z")
            #expect(article["dateModified"] != nil)
            #expect(article["articleSection"] as? String == "World")
            #expect(article["isAccessibleForFree"] as? Bool == true)
            let authors = try #require(article["author"] as? [[String: Any]])
            #expect(authors.first?["url"] as? String == "https://news.example/author/ana-souza")
            let mentions = try #require(article["mentions"] as? [[String: Any]])
            let kazakhstan = try #require(mentions.first { $0["name"] as? String == "Kazakhstan" })
            #expect(kazakhstan["@type"] as? String == "Place")
            #expect(kazakhstan["url"] as? String == "https://news.example/entity/kazakhstan")
            let stored = try await fixture.services.stores.tags.tag(slug: Slug("kazakhstan")!)
            if let qid = stored?.entity?.wikidataID {
                #expect(kazakhstan["sameAs"] as? String == "https://www.wikidata.org/wiki/\(qid)")
            }
            let breadcrumbs = try #require(objects.first { $0["@type"] as? String == "BreadcrumbList" })
            #expect((breadcrumbs["itemListElement"] as? [Any])?.count == 3)
            #expect(html.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(html.contains("<meta property=\"og:title\" content=\"\(Self.entityHeadline)\">"))
            #expect(html.contains("<meta name=\"twitter:card\""))
            #expect(html.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Byline (RSS)\" href=\"https://news.example/feed.xml\">")
                    || html.contains("href=\"https://news.example/feed.xml\""))

            // List pages offer their own feed besides the site's.
            let section = try await client.execute(uri: "/section/world", method: .get).text
            #expect(section.contains("href=\"https://news.example/feed.xml\""))
            #expect(section.contains("href=\"https://news.example/section/world/feed.atom\""))
            #expect(section.contains("<meta property=\"og:url\" content=\"https://news.example/section/world\">"))
            let entity = try await client.execute(uri: "/entity/kazakhstan", method: .get).text
            #expect(entity.contains("href=\"https://news.example/entity/kazakhstan/feed.json\""))
            let author = try await client.execute(uri: "/author/ana-souza", method: .get).text
            #expect(author.contains("href=\"https://news.example/author/ana-souza/feed.xml\""))
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("href=\"https://news.example/feed.json\""))
        }
    }

    @Test func gzipIsNegotiatedByAcceptEncoding() async throws {
        let app = try await Self.fixture().app()
        try await app.test(.router) { client in
            for uri in ["/", "/feed.xml", "/sitemaps/news.xml"] {
                let plain = try await client.execute(uri: uri, method: .get)
                #expect(plain.status == .ok)
                #expect(plain.headers[.contentEncoding] == nil)
                #expect(plain.headers[values: .vary].contains("Accept-Encoding"))

                let zipped = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8"])
                #expect(zipped.status == .ok)
                #expect(zipped.headers[.contentEncoding] == "gzip", "\(uri)")
                #expect(zipped.headers[values: .vary].contains("Accept-Encoding"))
                #expect(zipped.headers[.contentLength] == String(zipped.body.readableBytes))
                #expect(zipped.body.readableBytes < plain.body.readableBytes)
                var compressed = zipped.body
                let inflated = try compressed.decompress(with: .gzip())
                #expect(inflated == plain.body, "\(uri) decompresses to the same bytes")

                let refused = try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"])
                #expect(refused.headers[.contentEncoding] == nil)
            }
            // Tiny bodies are not worth it; 304s have no body to compress.
            let health = try await client.execute(uri: "/healthz", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(health.headers[.contentEncoding] == nil)
            #expect(health.text == "ok\n")
            let page = try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: "gzip"])
            let etag = try #require(page.headers[.eTag])
            let notModified = try await client.execute(uri: "/", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(notModified.status == .notModified)
            #expect(notModified.headers[.contentEncoding] == nil)
        }
    }
}
