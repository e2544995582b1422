import Testing
import BylineCore
@testable import BylineRoutes

/// One sample of every route the table can print; the web tests check that every registered endpoint has one.
enum RouteSamples {
    static let slug = Slug("kazakhstan")!
    static let id = ArticleID(42)
    static let revision = RevisionID(7)

    static let all: [SiteRoute] = {
        var routes: [SiteRoute] = [
            .home(), .home(page: 3), .section(slug), .section(slug, page: 2), .tag(slug), .tag(slug, page: 10_000),
            .author(slug), .author(slug, page: 2), .entity(slug), .entity(slug, page: 2), .article(slug),
            .search(query: ""), .search(query: "Putin & Xi"), .search(query: "São Paulo +1 100%"),
            .healthz, .stylesheet, .publisherLogo, .sitemapIndex, .sitemapArticles(year: 2025, month: 1),
            .sitemapArticles(year: 1999, month: 12, page: 3), .sitemapSections, .sitemapTags(), .sitemapTags(page: 2),
            .sitemapAuthors(), .sitemapAuthors(page: 4), .newsSitemap, .robots, .mostRead, .corrections,
            .readingHistory(), .readingHistory(notice: .cleared), .readingHistory(notice: .recordingOn),
            .readingHistory(notice: .recordingOff), .readingHistoryClear, .readingHistoryRecording,
            .admin(.home), .admin(.login), .admin(.logout), .admin(.stylesheet), .admin(.newArticle),
            .admin(.article(id)), .admin(.article(id, saved: true)), .admin(.revisions(id)), .admin(.revisions(id, shown: revision)),
            .admin(.restoreRevision(id, revision)), .admin(.corrections(id)), .admin(.related(id)), .admin(.audit()),
            .admin(.audit(page: 2)),
            .api(.document), .api(.search), .api(.articles), .api(.article(ref: "kazakhstan")), .api(.article(ref: "42")),
            .api(.sections), .api(.tags), .api(.authors),
        ]
        for format in FeedFormat.allCases {
            routes += [.feed(.site, format), .feed(.section(slug), format), .feed(.tag(slug), format), .feed(.author(slug), format),
                       .feed(.entity(slug), format)]
        }
        let admin: [AdminAPIRoute] = [
            .articles, .article(id), .publish(id), .unpublish(id), .schedule(id), .submit(id), .revisions(id),
            .revisionDiff(id, revision), .restoreRevision(id, revision), .corrections(id), .related(id), .sections,
            .section(slug), .tags, .tag(slug), .mergeTag(slug), .author(slug), .audit,
        ]
        return routes + admin.map { .api(.admin($0)) }
    }()
}

@Suite struct SiteRouteTests {
    /// Splits a printed path at its query.
    static func parse(_ printed: String) throws -> SiteRoute? {
        let parts = printed.split(separator: "?", maxSplits: 1).map(String.init)
        return try SiteRoute(path: parts[0], query: parts.count > 1 ? parts[1] : nil)
    }

    @Test(arguments: RouteSamples.all)
    func everyRouteParsesBackFromItsPath(_ route: SiteRoute) throws {
        #expect(try Self.parse(route.path) == route, "\(route.path)")
    }

    @Test func pathsComeFromOneTable() {
        let slug = Slug("kazakhstan")!
        #expect(SiteRoute.article(slug).path == "/article/kazakhstan")
        #expect(SiteRoute.tag(slug, page: 2).path == "/tag/kazakhstan?page=2")
        #expect(SiteRoute.home().path == "/")
        #expect(SiteRoute.search(query: "Putin & Xi").path == "/search?q=Putin%20%26%20Xi")
        #expect(SiteRoute.article(slug).url(base: "https://news.example/") == "https://news.example/article/kazakhstan")
        #expect(SiteRoute.admin(.revisions(ArticleID(3), shown: RevisionID(9))).path == "/admin/articles/3/revisions?revision=9")
        #expect(SiteRoute.api(.admin(.mergeTag(slug))).path == "/api/v1/admin/tags/kazakhstan/merge")
    }

    @Test func addressesThatNameNothingAreNotRoutes() throws {
        for path in ["/nope", "/article", "/article/Bad_Slug", "/section/x/y/z", "/sitemaps/tags-1.xml", "/sitemaps/articles-2025-1.xml",
                     "/sitemaps/articles-2025-13.xml", "/feed.rss", "/admin/articles/0", "/admin/articles/01", "/admin/articles/x",
                     "/api/v2/articles", "/api/v1/admin/articles/-1", "/api/v1/admin/tags/a/b", "/most-read?page=2", "//", ""] {
            let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
            #expect(try SiteRoute(path: parts.first ?? "", query: parts.count > 1 ? parts[1] : nil) == nil, "\(path)")
        }
    }

    @Test func malformedParametersAreBadRequests() {
        for (path, query) in [("/", "page=0"), ("/tag/x", "page=abc"), ("/section/x", "page=1&page=2"), ("/admin/audit", "page=10001"),
                              ("/admin/articles/4/revisions", "revision=x")] {
            #expect(throws: RouteError.self, "\(path)?\(query)") { try SiteRoute(path: path, query: query) }
        }
    }

    @Test func familiesFollowThePrefix() {
        #expect(SiteRoute.api(.search).family == .api)
        #expect(SiteRoute.admin(.login).family == .admin)
        #expect(SiteRoute.search(query: "x").family == .site)
        #expect(SiteRoute.family(ofPath: "/api/v1/nothing") == .api)
        #expect(SiteRoute.family(ofPath: "/administrator") == .site)
    }
}
