import Foundation
import Testing
import BylineCore
@testable import BylineSyndication
import BylineRoutes

@Suite struct SitemapWriterTests {
    let writer = SitemapWriter(site: Fixtures.site)

    func summaries(_ count: Int, start: String, step: TimeInterval) -> [ArticleSummary] {
        let base = Fixtures.date(start)
        return (0..<count).map { i in
            let published = base.addingTimeInterval(Double(i) * step)
            return ArticleSummary(id: ArticleID(rawValue: Int64(i + 1)), slug: Fixtures.slug("story-\(i)"), headline: "Story \(i) & more",
                                  dek: "", section: Fixtures.world, contributors: [], publishedAt: published,
                                  updatedAt: published.addingTimeInterval(60), leadImage: nil, tagIDs: [])
        }
    }

    @Test func indexListsMonthsAndSplitsLargeOnes() throws {
        let months = [
            ArticleMonth(year: 2026, month: 11, count: 120_000, lastModified: Fixtures.date("2026-11-28T10:00:00Z")),
            ArticleMonth(year: 2026, month: 10, count: 3, lastModified: Fixtures.date("2026-10-31T23:00:00Z")),
        ]
        let xml = writer.index(months: months, sectionCount: 5, tagCount: 50_001, authorCount: 10)
        let root = try #require(XMLNode.parse(xml))
        #expect(root.name == "sitemapindex")
        let locs = root.all("sitemap").compactMap { $0.text("loc") }
        #expect(locs == [
            "https://news.example/sitemaps/articles-2026-11.xml",
            "https://news.example/sitemaps/articles-2026-11-2.xml",
            "https://news.example/sitemaps/articles-2026-11-3.xml",
            "https://news.example/sitemaps/articles-2026-10.xml",
            "https://news.example/sitemaps/sections.xml",
            "https://news.example/sitemaps/tags.xml",
            "https://news.example/sitemaps/tags-2.xml",
            "https://news.example/sitemaps/authors.xml",
        ])
        #expect(root.all("sitemap").first?.text("lastmod") == "2026-11-28T10:00:00Z")
    }

    @Test func monthsAreCountedFromSummaries() {
        let items = summaries(5, start: "2026-10-30T00:00:00Z", step: 86_400)
        let months = SitemapWriter.months(of: items, now: Fixtures.now)
        #expect(months.map { "\($0.year)-\($0.month):\($0.count)" } == ["2026-11:3", "2026-10:2"])
        #expect(months[0].lastModified == Fixtures.date("2026-11-03T00:01:00Z"))
    }

    @Test func monthSitemapHoldsOnlyThatMonthAndAtMost50000() throws {
        let items = summaries(5, start: "2026-10-30T00:00:00Z", step: 86_400)
        let root = try #require(XMLNode.parse(writer.articles(items, year: 2026, month: 10, now: Fixtures.now)))
        #expect(root.name == "urlset")
        #expect(root.all("url").compactMap { $0.text("loc") } == ["https://news.example/article/story-0", "https://news.example/article/story-1"])
        #expect(root.all("url").first?.text("lastmod") == "2026-10-30T00:01:00Z")

        let many = summaries(50_010, start: "2026-09-01T00:00:00Z", step: 1)
        let page1 = try #require(XMLNode.parse(writer.articles(many, year: 2026, month: 9, page: 1, now: Fixtures.now)))
        let page2 = try #require(XMLNode.parse(writer.articles(many, year: 2026, month: 9, page: 2, now: Fixtures.now)))
        #expect(page1.all("url").count == 50_000)
        #expect(page2.all("url").count == 10)
    }

    @Test func sectionTagAndAuthorSitemaps() throws {
        let sections = try #require(XMLNode.parse(writer.sections([Fixtures.business, Fixtures.world])))
        #expect(sections.all("url").compactMap { $0.text("loc") }.sorted() == ["https://news.example/section/business", "https://news.example/section/world"])
        let tags = try #require(XMLNode.parse(writer.tags([Fixtures.climate])))
        #expect(tags.all("url").compactMap { $0.text("loc") } == ["https://news.example/tag/climate"])
        let authors = try #require(XMLNode.parse(writer.authors([Fixtures.ben, Fixtures.ada])))
        #expect(authors.all("url").compactMap { $0.text("loc") } == ["https://news.example/author/ada-okafor", "https://news.example/author/ben-hale"])
    }

    @Test func newsSitemapCoversTheLast48HoursOnly() throws {
        let now = Fixtures.now
        func at(_ hoursAgo: Double, _ slug: String) -> ArticleSummary {
            let published = now.addingTimeInterval(-hoursAgo * 3600)
            return ArticleSummary(id: ArticleID(rawValue: Int64(slug.count)), slug: Fixtures.slug(slug), headline: "Headline <\(slug)>", dek: "",
                                  section: Fixtures.world, contributors: [], publishedAt: published, updatedAt: published,
                                  leadImage: nil, tagIDs: [])
        }
        let items = [at(1, "one-hour"), at(47.9, "almost-two-days"), at(48.1, "too-old"), at(-1, "future")]
        let xml = writer.news(items, now: now)
        let root = try #require(XMLNode.parse(xml))
        let urls = root.all("url")
        #expect(urls.compactMap { $0.text("loc") } == ["https://news.example/article/one-hour", "https://news.example/article/almost-two-days"])
        let news = try #require(urls.first?.first("news:news"))
        #expect(news.first("news:publication")?.text("news:name") == "The Byline Gazette")
        #expect(news.first("news:publication")?.text("news:language") == "en")
        #expect(news.text("news:title") == "Headline <one-hour>")
        #expect(news.text("news:publication_date") == "2026-11-28T11:00:00Z")
    }

    @Test func newsSitemapHoldsAtMost1000() {
        let many = summaries(1_200, start: "2026-11-27T13:00:00Z", step: 60)
        let chosen = SitemapWriter.newsArticles(many, now: Fixtures.now)
        #expect(chosen.count == 1_000)
        #expect(chosen.first?.slug.rawValue == "story-1199", "newest first")
        #expect(SitemapWriter.newsLanguage("zh-Hant-TW") == "zh-tw")
    }

    @Test func robotsNamesTheSitemaps() {
        let robots = writer.robots()
        #expect(robots.contains("User-agent: *\n"))
        #expect(robots.contains("Sitemap: https://news.example/sitemap.xml\n"))
        #expect(robots.contains("Sitemap: https://news.example/sitemaps/news.xml\n"))
        #expect(SiteRoute.robots.path == "/robots.txt")
    }
}
