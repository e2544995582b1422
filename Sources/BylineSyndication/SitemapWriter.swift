import Foundation
import BylineCore
import BylineRoutes

/// How many articles were first published in one month (UTC), and when the newest of them changed.
public struct ArticleMonth: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var count: Int
    public var lastModified: Date?

    /// Creates a month record.
    public init(year: Int, month: Int, count: Int, lastModified: Date?) {
        self.year = year; self.month = month; self.count = count; self.lastModified = lastModified
    }
}

/// Writes the sitemaps.org documents (an index, per-month article sitemaps, sections, tags, authors),
/// the Google News sitemap and robots.txt. All URLs come from the route table.
public struct SitemapWriter: Sendable {
    /// The most URLs one sitemap may list (sitemaps.org).
    public static let maxURLsPerSitemap = 50_000
    /// The most URLs one news sitemap may list (Google News).
    public static let maxNewsURLs = 1_000
    /// How far back the news sitemap reaches.
    public static let newsWindow: TimeInterval = 48 * 60 * 60

    /// The publisher.
    public var site: SiteIdentity

    /// Creates a writer for `site`.
    public init(site: SiteIdentity) { self.site = site }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    /// Whether a summary belongs in sitemaps at `now`: it has a publication date that has passed.
    private static func isListed(_ article: ArticleSummary, now: Date) -> Bool {
        guard let published = article.publishedAt else { return false }
        return published <= now
    }

    /// The months that have published articles, newest first; for ``index(months:sectionCount:tagCount:authorCount:)``.
    /// A store may instead count months in SQL.
    public static func months(of articles: [ArticleSummary], now: Date) -> [ArticleMonth] {
        var byMonth: [Int: ArticleMonth] = [:]
        for article in articles where isListed(article, now: now) {
            guard let published = article.publishedAt else { continue }
            let (year, month) = FeedDate.yearMonth(published)
            let key = year * 100 + month
            var entry = byMonth[key] ?? ArticleMonth(year: year, month: month, count: 0, lastModified: nil)
            entry.count += 1
            let modified = max(article.updatedAt, published)
            entry.lastModified = max(entry.lastModified ?? modified, modified)
            byMonth[key] = entry
        }
        return byMonth.keys.sorted(by: >).compactMap { byMonth[$0] }
    }

    private static func pages(_ count: Int) -> Int { max(1, (count + maxURLsPerSitemap - 1) / maxURLsPerSitemap) }

    /// The sitemap index: every month's article sitemap (split at 50,000 URLs), then sections, tags and authors.
    public func index(months: [ArticleMonth], sectionCount: Int, tagCount: Int, authorCount: Int) -> String {
        var x = Self.header + "<sitemapindex xmlns=\"\(Self.namespace)\">\n"
        func entry(_ path: SiteRoute, _ lastModified: Date?) {
            x += "<sitemap><loc>\(XMLText.escape(site.url(path)))</loc>"
            if let lastModified { x += "<lastmod>\(FeedDate.rfc3339(lastModified))</lastmod>" }
            x += "</sitemap>\n"
        }
        for month in months where month.count > 0 {
            for page in 1...Self.pages(month.count) {
                entry(.sitemapArticles(year: month.year, month: month.month, page: page), month.lastModified)
            }
        }
        if sectionCount > 0 { entry(.sitemapSections, nil) }
        if tagCount > 0 { for page in 1...Self.pages(tagCount) { entry(.sitemapTags(page: page), nil) } }
        if authorCount > 0 { for page in 1...Self.pages(authorCount) { entry(.sitemapAuthors(page: page), nil) } }
        x += "</sitemapindex>\n"
        return x
    }

    private func urlset(_ entries: [(url: String, lastModified: Date?)]) -> String {
        var x = Self.header + "<urlset xmlns=\"\(Self.namespace)\">\n"
        for entry in entries {
            x += "<url><loc>\(XMLText.escape(entry.url))</loc>"
            if let lastModified = entry.lastModified { x += "<lastmod>\(FeedDate.rfc3339(lastModified))</lastmod>" }
            x += "</url>\n"
        }
        x += "</urlset>\n"
        return x
    }

    private static func slice<T>(_ items: [T], page: Int) -> ArraySlice<T> {
        let start = min(items.count, max(0, (page - 1) * maxURLsPerSitemap))
        return items[start..<min(items.count, start + maxURLsPerSitemap)]
    }

    /// The article sitemap for one month and page: articles first published then, oldest first, with `lastmod`.
    /// `articles` may hold more than the month; the others are left out.
    public func articles(_ articles: [ArticleSummary], year: Int, month: Int, page: Int = 1, now: Date) -> String {
        let inMonth = articles.filter { article in
            guard Self.isListed(article, now: now), let published = article.publishedAt else { return false }
            let ym = FeedDate.yearMonth(published)
            return ym.year == year && ym.month == month
        }.sorted { ($0.publishedAt ?? .distantPast, $0.id.rawValue) < ($1.publishedAt ?? .distantPast, $1.id.rawValue) }
        return urlset(Self.slice(inMonth, page: page).map { article in
            (site.url(.article(article.slug)), max(article.updatedAt, article.publishedAt ?? article.updatedAt))
        })
    }

    /// The sections sitemap, in navigation order.
    public func sections(_ sections: [Section]) -> String {
        urlset(Array(sections.sorted { ($0.position, $0.slug) < ($1.position, $1.slug) }.prefix(Self.maxURLsPerSitemap))
            .map { (site.url(.section($0.slug)), nil) })
    }

    /// One page of the tags sitemap, in slug order.
    public func tags(_ tags: [Tag], page: Int = 1) -> String {
        urlset(Self.slice(tags.sorted { $0.slug < $1.slug }, page: page).map { (site.url(.tag($0.slug)), nil) })
    }

    /// One page of the authors sitemap, in slug order.
    public func authors(_ authors: [Author], page: Int = 1) -> String {
        urlset(Self.slice(authors.sorted { $0.slug < $1.slug }, page: page).map { (site.url(.author($0.slug)), nil) })
    }

    /// The articles that belong in the news sitemap at `now`: published in the last 48 hours, newest first, at most 1,000.
    public static func newsArticles(_ articles: [ArticleSummary], now: Date) -> [ArticleSummary] {
        let cutoff = now.addingTimeInterval(-newsWindow)
        let recent = articles.filter { article in
            guard let published = article.publishedAt else { return false }
            return published <= now && published >= cutoff
        }
        return Array(recent.sorted { ($0.publishedAt ?? .distantPast) > ($1.publishedAt ?? .distantPast) }.prefix(maxNewsURLs))
    }

    /// The Google News sitemap: articles published in the 48 hours before `now` (at most 1,000, newest first),
    /// each with `news:publication` (name, language), publication date and title. Written from the store's
    /// current state on each request, so it is current the moment an article is published.
    public func news(_ articles: [ArticleSummary], now: Date) -> String {
        let e = XMLText.escape
        var x = Self.header + "<urlset xmlns=\"\(Self.namespace)\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
        for article in Self.newsArticles(articles, now: now) {
            guard let published = article.publishedAt else { continue }
            x += "<url><loc>\(e(site.url(.article(article.slug))))</loc><news:news><news:publication>"
            x += "<news:name>\(e(site.name))</news:name><news:language>\(e(Self.newsLanguage(site.language)))</news:language>"
            x += "</news:publication><news:publication_date>\(FeedDate.rfc3339(published))</news:publication_date>"
            x += "<news:title>\(e(article.headline))</news:title></news:news></url>\n"
        }
        x += "</urlset>\n"
        return x
    }

    /// Google News wants ISO 639 codes (`en`), except `zh-cn` and `zh-tw`.
    static func newsLanguage(_ tag: String) -> String {
        let lower = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        if lower == "zh-cn" || lower == "zh-tw" { return lower }
        if lower.hasPrefix("zh-hans") { return "zh-cn" }
        if lower.hasPrefix("zh-hant") { return "zh-tw" }
        return String(lower.prefix { $0 != "-" })
    }

    /// robots.txt: allows crawling except `disallow` paths, and names the sitemap index and the news sitemap.
    public func robots(disallow: [String] = ["/search"]) -> String {
        var text = "User-agent: *\n"
        if disallow.isEmpty { text += "Disallow:\n" }
        for path in disallow { text += "Disallow: \(path)\n" }
        text += "\nSitemap: \(site.url(.sitemapIndex))\nSitemap: \(site.url(.newsSitemap))\n"
        return text
    }
}
