import Foundation

/// The typed route table: every link Byline writes (pages, feeds, JSON) comes from here.
public enum SitePath: Hashable, Sendable {
    case home(page: Int = 1)
    case section(Slug, page: Int = 1)
    case tag(Slug, page: Int = 1)
    case author(Slug, page: Int = 1)
    case entity(Slug, page: Int = 1)
    case article(Slug)
    case search(query: String)
    case healthz
    /// "Most read" in the last day (or the configured window).
    case mostRead
    /// The reader's own reading history, with the forms that clear it and turn recording off.
    case readingHistory
    /// POST: clears the reader's history.
    case readingHistoryClear
    /// POST: turns recording on or off.
    case readingHistoryRecording
    case stylesheet
    /// A feed of the site or of one section, tag, author or entity, in one format.
    case feed(FeedScope, FeedFormat)
    /// The sitemap index that lists every other sitemap.
    case sitemapIndex
    /// The articles first published in one month (UTC); `page` splits months of more than 50,000 articles.
    case sitemapArticles(year: Int, month: Int, page: Int = 1)
    case sitemapSections
    case sitemapTags(page: Int = 1)
    case sitemapAuthors(page: Int = 1)
    /// The Google News sitemap: articles of the last 48 hours.
    case newsSitemap
    case robots

    /// The path and query, percent-encoded, starting with `/`.
    public var path: String {
        switch self {
        case .home(let page): return Self.paged("/", page)
        case .section(let slug, let page): return Self.paged("/section/\(slug.rawValue)", page)
        case .tag(let slug, let page): return Self.paged("/tag/\(slug.rawValue)", page)
        case .author(let slug, let page): return Self.paged("/author/\(slug.rawValue)", page)
        case .entity(let slug, let page): return Self.paged("/entity/\(slug.rawValue)", page)
        case .article(let slug): return "/article/\(slug.rawValue)"
        case .search(let query):
            let encoded = query.addingPercentEncoding(withAllowedCharacters: Self.queryAllowed) ?? ""
            return "/search?q=\(encoded)"
        case .healthz: return "/healthz"
        case .mostRead: return "/most-read"
        case .readingHistory: return "/reading-history"
        case .readingHistoryClear: return "/reading-history/clear"
        case .readingHistoryRecording: return "/reading-history/recording"
        case .stylesheet: return "/assets/site.css"
        case .feed(let scope, let format):
            let file = "feed.\(format.fileExtension)"
            switch scope {
            case .site: return "/\(file)"
            case .section(let slug): return "/section/\(slug.rawValue)/\(file)"
            case .tag(let slug): return "/tag/\(slug.rawValue)/\(file)"
            case .author(let slug): return "/author/\(slug.rawValue)/\(file)"
            case .entity(let slug): return "/entity/\(slug.rawValue)/\(file)"
            }
        case .sitemapIndex: return "/sitemap.xml"
        case .sitemapArticles(let year, let month, let page):
            let name = String(format: "articles-%04d-%02d", year, month)
            return page <= 1 ? "/sitemaps/\(name).xml" : "/sitemaps/\(name)-\(page).xml"
        case .sitemapSections: return "/sitemaps/sections.xml"
        case .sitemapTags(let page): return page <= 1 ? "/sitemaps/tags.xml" : "/sitemaps/tags-\(page).xml"
        case .sitemapAuthors(let page): return page <= 1 ? "/sitemaps/authors.xml" : "/sitemaps/authors-\(page).xml"
        case .newsSitemap: return "/sitemaps/news.xml"
        case .robots: return "/robots.txt"
        }
    }

    /// An absolute URL for this path under `base` (e.g. `https://news.example`).
    public func url(base: String) -> String {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        return b + path
    }

    private static func paged(_ base: String, _ page: Int) -> String {
        page <= 1 ? base : "\(base)?page=\(page)"
    }

    private static let queryAllowed: CharacterSet = {
        CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    }()
}

/// Whose articles a feed lists.
public enum FeedScope: Hashable, Sendable {
    case site
    case section(Slug)
    case tag(Slug)
    case author(Slug)
    case entity(Slug)
}

/// A feed format, with its media type and file extension.
public enum FeedFormat: String, Hashable, Sendable, CaseIterable {
    case rss
    case atom
    case json

    /// The extension of the feed's path (`feed.xml`, `feed.atom`, `feed.json`).
    public var fileExtension: String {
        switch self {
        case .rss: return "xml"
        case .atom: return "atom"
        case .json: return "json"
        }
    }

    /// The media type to serve the feed with.
    public var contentType: String {
        switch self {
        case .rss: return "application/rss+xml; charset=utf-8"
        case .atom: return "application/atom+xml; charset=utf-8"
        case .json: return "application/feed+json; charset=utf-8"
        }
    }
}
