import Foundation
import Testing
import BylineCore
@testable import BylineSyndication
import BylineRoutes

/// Writes sample feeds and sitemaps to the folder named by `BYLINE_SYNDICATION_SAMPLES`, for
/// scripts/validate-syndication.sh to check with feedparser and xmllint. Does nothing without it.
@Suite struct SampleOutputTests {
    @Test func writeSamples() throws {
        guard let folder = ProcessInfo.processInfo.environment["BYLINE_SYNDICATION_SAMPLES"], !folder.isEmpty else { return }
        let directory = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func save(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        let feeds = FeedWriter(site: Fixtures.site)
        for format in FeedFormat.allCases {
            let channel = FeedChannel(site: Fixtures.site, scope: .site, format: format, updated: Fixtures.now)
            try save("feed.\(format.fileExtension)", feeds.write(format, channel: channel, articles: Fixtures.articles))
        }
        let summaries = Fixtures.articles.map(\.summary)
        let sitemaps = SitemapWriter(site: Fixtures.site)
        try save("sitemap-index.xml", sitemaps.index(months: SitemapWriter.months(of: summaries, now: Fixtures.now),
                                                     sectionCount: 2, tagCount: 1, authorCount: 2))
        try save("sitemap-articles.xml", sitemaps.articles(summaries, year: 2026, month: 11, now: Fixtures.now))
        try save("sitemap-sections.xml", sitemaps.sections([Fixtures.world, Fixtures.business]))
        try save("sitemap-tags.xml", sitemaps.tags([Fixtures.climate]))
        try save("sitemap-authors.xml", sitemaps.authors([Fixtures.ada, Fixtures.ben]))
        try save("sitemap-news.xml", sitemaps.news(summaries, now: Fixtures.now))
        try save("robots.txt", sitemaps.robots())
        let data = StructuredData(site: Fixtures.site)
        try save("newsarticle.jsonld", data.newsArticle(Fixtures.articles[0]))
        // What the script expects: item count and the first headline of each feed.
        try save("expected.json", #"{"items": 2, "first_title": "Q&A: <script>alert(\"x\")</script> 'quotes'  and \u2028"}"#)
    }
}
