import Foundation
import BylineCore

/// The route table: every address Byline answers and every link it writes, for the reader's site, the web admin
/// and the APIs. ``path`` prints a route; ``init(path:query:)`` parses one; ``Endpoint`` lists what the router
/// registers, with the pattern and method of each. Nothing else in Byline spells a path.
public enum SiteRoute: Hashable, Sendable {
    case home(page: Int = 1)
    case section(Slug, page: Int = 1)
    case tag(Slug, page: Int = 1)
    case author(Slug, page: Int = 1)
    case entity(Slug, page: Int = 1)
    case article(Slug)
    case search(query: String)
    case healthz
    case stylesheet
    /// The default publisher logo (a PNG), used when no logo is configured.
    case publisherLogo
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
    /// "Most read" in the last day (or the configured window).
    case mostRead
    /// Every correction, newest first.
    case corrections
    /// The reader's own reading history, with the forms that clear it and turn recording off; `notice` says
    /// what the last form did.
    case readingHistory(notice: ReadingHistoryNotice? = nil)
    /// POST: clears the reader's history.
    case readingHistoryClear
    /// POST: turns recording on or off.
    case readingHistoryRecording
    /// The web admin, under `/admin`.
    case admin(AdminRoute)
    /// The Content and Admin APIs and their OpenAPI document, under `/api`.
    case api(APIRoute)

    /// Who a route serves; errors are rendered for them (HTML pages or JSON).
    public var family: RouteFamily {
        switch self {
        case .admin: return .admin
        case .api: return .api
        default: return .site
        }
    }

    /// The family of a request path, by its prefix; for paths that name no route too (their 404s).
    public static func family(ofPath path: String) -> RouteFamily {
        if path == "/api" || path.hasPrefix("/api/") { return .api }
        if path == "/admin" || path.hasPrefix("/admin/") { return .admin }
        return .site
    }

    /// An absolute URL for this route under `base` (e.g. `https://news.example`).
    public func url(base: String) -> String {
        var b = base
        while b.hasSuffix("/") { b.removeLast() }
        return b + path
    }
}

/// Who a route serves.
public enum RouteFamily: String, Sendable, CaseIterable {
    /// Readers: HTML pages, feeds, sitemaps.
    case site
    /// Newsroom staff in a browser: HTML pages and forms.
    case admin
    /// Programs: JSON.
    case api
}

/// What the reading-history page confirms after one of its forms.
public enum ReadingHistoryNotice: String, Hashable, Sendable {
    case cleared
    case recordingOn
    case recordingOff
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

/// The web admin's pages and forms.
public enum AdminRoute: Hashable, Sendable {
    /// The article list; its filters and page are query parameters the list page writes itself.
    case home
    case login
    case logout
    case stylesheet
    case newArticle
    /// The editor; `saved` shows the "Saved." notice after a save redirected here.
    case article(ArticleID, saved: Bool = false)
    /// The revision history, showing `shown` (the newest when `nil`) against the one before it.
    case revisions(ArticleID, shown: RevisionID? = nil)
    /// POST: restores a revision.
    case restoreRevision(ArticleID, RevisionID)
    /// POST: adds a correction.
    case corrections(ArticleID)
    /// POST: saves pins and exclusions of "You May Also Like".
    case related(ArticleID)
    case audit(page: Int = 1)
}

/// The Content API (public, `/api/v1`), the Admin API (`/api/v1/admin`) and the OpenAPI document.
public enum APIRoute: Hashable, Sendable {
    /// `/api/openapi.json`.
    case document
    case search
    case articles
    /// One public article by slug or numeric id.
    case article(ref: String)
    case sections
    case tags
    case authors
    case admin(AdminAPIRoute)
}

/// The Admin API under `/api/v1/admin`.
public enum AdminAPIRoute: Hashable, Sendable {
    case articles
    case article(ArticleID)
    case publish(ArticleID)
    case unpublish(ArticleID)
    case schedule(ArticleID)
    case submit(ArticleID)
    case revisions(ArticleID)
    case revisionDiff(ArticleID, RevisionID)
    case restoreRevision(ArticleID, RevisionID)
    case corrections(ArticleID)
    case related(ArticleID)
    case sections
    case section(Slug)
    case tags
    case tag(Slug)
    case mergeTag(Slug)
    case author(Slug)
    case audit
}
