import BylineCore

/// The HTTP methods Byline's routes answer to.
public enum RouteMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
}

/// One registered handler: a method, the router's pattern for the paths it answers, and how to take the handler's
/// typed value out of a parsed ``SiteRoute``. The router registers endpoints, never strings; the value a handler
/// gets is the route the table parsed, so a handler never reads a raw path parameter.
public struct Endpoint<Value: Sendable>: Sendable {
    public let method: RouteMethod
    /// The path pattern, `:name` for a parameter (Hummingbird's syntax), e.g. `/section/:slug`.
    public let pattern: String
    /// The handler's value when `route` is this endpoint's; `nil` otherwise.
    public let value: @Sendable (SiteRoute) -> Value?

    init(_ method: RouteMethod, _ pattern: String, _ value: @escaping @Sendable (SiteRoute) -> Value?) {
        self.method = method; self.pattern = pattern; self.value = value
    }

    /// The method and pattern alone, for listing what is registered.
    public var signature: EndpointSignature { EndpointSignature(method: method, pattern: pattern) }
}

/// An endpoint's method and pattern.
public struct EndpointSignature: Hashable, Sendable, CustomStringConvertible {
    public let method: RouteMethod
    public let pattern: String
    public var description: String { "\(method.rawValue) \(pattern)" }
}

/// A slug and a page of a list.
public typealias SlugPage = (slug: Slug, page: Int)

// MARK: The reader's site

extension Endpoint where Value == Void {
    public static let healthz = Endpoint(.get, "/healthz") { $0 == .healthz ? () : nil }
    public static let stylesheet = Endpoint(.get, "/assets/site.css") { $0 == .stylesheet ? () : nil }
    public static let publisherLogo = Endpoint(.get, "/assets/logo.png") { $0 == .publisherLogo ? () : nil }
    public static let sitemapIndex = Endpoint(.get, "/sitemap.xml") { $0 == .sitemapIndex ? () : nil }
    public static let robots = Endpoint(.get, "/robots.txt") { $0 == .robots ? () : nil }
    public static let corrections = Endpoint(.get, "/corrections") { $0 == .corrections ? () : nil }
    public static let mostRead = Endpoint(.get, "/most-read") { $0 == .mostRead ? () : nil }
    public static let readingHistoryClear = Endpoint(.post, "/reading-history/clear") { $0 == .readingHistoryClear ? () : nil }
    public static let readingHistoryRecording = Endpoint(.post, "/reading-history/recording") {
        $0 == .readingHistoryRecording ? () : nil
    }
}

extension Endpoint where Value == Int {
    /// The front page; the value is the page asked for (only 1 exists).
    public static let home = Endpoint(.get, "/") { if case .home(let page) = $0 { page } else { nil } }
}

extension Endpoint where Value == SlugPage {
    public static let section = Endpoint(.get, "/section/:slug") { if case .section(let s, let p) = $0 { (s, p) } else { nil } }
    public static let tag = Endpoint(.get, "/tag/:slug") { if case .tag(let s, let p) = $0 { (s, p) } else { nil } }
    public static let author = Endpoint(.get, "/author/:slug") { if case .author(let s, let p) = $0 { (s, p) } else { nil } }
    public static let entity = Endpoint(.get, "/entity/:slug") { if case .entity(let s, let p) = $0 { (s, p) } else { nil } }
}

extension Endpoint where Value == Slug {
    public static let article = Endpoint(.get, "/article/:slug") { if case .article(let s) = $0 { s } else { nil } }
}

extension Endpoint where Value == String {
    /// The search page; the value is the query (the other parameters are the search form's).
    public static let search = Endpoint(.get, "/search") { if case .search(let q) = $0 { q } else { nil } }
}

extension Endpoint where Value == FeedScope {
    /// The feeds of one format, for the site and every section, tag, author and entity.
    public static func feeds(_ format: FeedFormat) -> [Endpoint<FeedScope>] {
        let file = "feed.\(format.fileExtension)"
        return ["/\(file)", "/section/:slug/\(file)", "/tag/:slug/\(file)", "/author/:slug/\(file)", "/entity/:slug/\(file)"].map { pattern in
            Endpoint(.get, pattern) { route in
                guard case .feed(let scope, let f) = route, f == format, SiteRoute.feed(scope, format).feedPattern == pattern else { return nil }
                return scope
            }
        }
    }
}

extension SiteRoute {
    /// The router pattern of a feed's path.
    fileprivate var feedPattern: String? {
        guard case .feed(let scope, let format) = self else { return nil }
        let file = "feed.\(format.fileExtension)"
        switch scope {
        case .site: return "/\(file)"
        case .section: return "/section/:slug/\(file)"
        case .tag: return "/tag/:slug/\(file)"
        case .author: return "/author/:slug/\(file)"
        case .entity: return "/entity/:slug/\(file)"
        }
    }
}

extension Endpoint where Value == SiteRoute {
    /// Every sitemap under `/sitemaps/`; the value is the sitemap's route.
    public static let sitemap = Endpoint(.get, "/sitemaps/:file") { route in
        switch route {
        case .sitemapArticles, .sitemapSections, .sitemapTags, .sitemapAuthors, .newsSitemap: return route
        default: return nil
        }
    }
}

extension Endpoint where Value == ReadingHistoryNotice? {
    public static let readingHistory = Endpoint(.get, "/reading-history") { if case .readingHistory(let n) = $0 { n } else { nil } }
}

// MARK: The web admin

extension Endpoint where Value == Void {
    public static let adminHome = Endpoint(.get, "/admin") { $0 == .admin(.home) ? () : nil }
    public static let adminStylesheet = Endpoint(.get, "/admin/admin.css") { $0 == .admin(.stylesheet) ? () : nil }
    public static let adminLoginForm = Endpoint(.get, "/admin/login") { $0 == .admin(.login) ? () : nil }
    public static let adminLogin = Endpoint(.post, "/admin/login") { $0 == .admin(.login) ? () : nil }
    public static let adminLogout = Endpoint(.post, "/admin/logout") { $0 == .admin(.logout) ? () : nil }
    public static let adminNewArticleForm = Endpoint(.get, "/admin/articles/new") { $0 == .admin(.newArticle) ? () : nil }
    public static let adminCreateArticle = Endpoint(.post, "/admin/articles/new") { $0 == .admin(.newArticle) ? () : nil }
}

/// An article's id and whether the "Saved." notice shows.
public typealias EditorTarget = (id: ArticleID, saved: Bool)

extension Endpoint where Value == EditorTarget {
    public static let adminEditor = Endpoint(.get, "/admin/articles/:id") { if case .admin(.article(let id, let s)) = $0 { (id, s) } else { nil } }
}

extension Endpoint where Value == ArticleID {
    public static let adminSaveArticle = Endpoint(.post, "/admin/articles/:id") { if case .admin(.article(let id, _)) = $0 { id } else { nil } }
    public static let adminAddCorrection = Endpoint(.post, "/admin/articles/:id/corrections") {
        if case .admin(.corrections(let id)) = $0 { id } else { nil }
    }
    public static let adminSaveRelated = Endpoint(.post, "/admin/articles/:id/related") { if case .admin(.related(let id)) = $0 { id } else { nil } }
}

/// An article's id and the revision shown (the newest when `nil`).
public typealias RevisionsTarget = (id: ArticleID, shown: RevisionID?)
/// An article's id and one of its revisions.
public typealias ArticleRevision = (id: ArticleID, revision: RevisionID)

extension Endpoint where Value == RevisionsTarget {
    public static let adminRevisions = Endpoint(.get, "/admin/articles/:id/revisions") {
        if case .admin(.revisions(let id, let shown)) = $0 { (id, shown) } else { nil }
    }
}

extension Endpoint where Value == ArticleRevision {
    public static let adminRestoreRevision = Endpoint(.post, "/admin/articles/:id/revisions/:revision/restore") {
        if case .admin(.restoreRevision(let id, let r)) = $0 { (id, r) } else { nil }
    }
}

extension Endpoint where Value == Int {
    /// The audit log; the value is the page.
    public static let adminAudit = Endpoint(.get, "/admin/audit") { if case .admin(.audit(let page)) = $0 { page } else { nil } }
}

// MARK: The APIs

extension Endpoint where Value == Void {
    public static let openAPIDocument = Endpoint(.get, "/api/openapi.json") { $0 == .api(.document) ? () : nil }
    public static let apiSearch = Endpoint(.get, "/api/v1/search") { $0 == .api(.search) ? () : nil }
    public static let apiArticles = Endpoint(.get, "/api/v1/articles") { $0 == .api(.articles) ? () : nil }
    public static let apiSections = Endpoint(.get, "/api/v1/sections") { $0 == .api(.sections) ? () : nil }
    public static let apiTags = Endpoint(.get, "/api/v1/tags") { $0 == .api(.tags) ? () : nil }
    public static let apiAuthors = Endpoint(.get, "/api/v1/authors") { $0 == .api(.authors) ? () : nil }
    public static let adminAPIArticles = Endpoint(.get, "/api/v1/admin/articles") { $0 == .api(.admin(.articles)) ? () : nil }
    public static let adminAPICreateArticle = Endpoint(.post, "/api/v1/admin/articles") { $0 == .api(.admin(.articles)) ? () : nil }
    public static let adminAPICreateSection = Endpoint(.post, "/api/v1/admin/sections") { $0 == .api(.admin(.sections)) ? () : nil }
    public static let adminAPITags = Endpoint(.get, "/api/v1/admin/tags") { $0 == .api(.admin(.tags)) ? () : nil }
    public static let adminAPIAudit = Endpoint(.get, "/api/v1/admin/audit") { $0 == .api(.admin(.audit)) ? () : nil }
}

extension Endpoint where Value == String {
    /// One public article; the value is its slug or id as written.
    public static let apiArticle = Endpoint(.get, "/api/v1/articles/:ref") { if case .api(.article(let ref)) = $0 { ref } else { nil } }
}

extension Endpoint where Value == ArticleID {
    private static func admin(_ method: RouteMethod, _ pattern: String,
                              _ value: @escaping @Sendable (AdminAPIRoute) -> ArticleID?) -> Endpoint<ArticleID> {
        Endpoint(method, "/api/v1/admin" + pattern) { if case .api(.admin(let route)) = $0 { value(route) } else { nil } }
    }
    public static let adminAPIArticle = admin(.get, "/articles/:id") { if case .article(let id) = $0 { id } else { nil } }
    public static let adminAPIUpdateArticle = admin(.put, "/articles/:id") { if case .article(let id) = $0 { id } else { nil } }
    public static let adminAPIDeleteArticle = admin(.delete, "/articles/:id") { if case .article(let id) = $0 { id } else { nil } }
    public static let adminAPIPublish = admin(.post, "/articles/:id/publish") { if case .publish(let id) = $0 { id } else { nil } }
    public static let adminAPIUnpublish = admin(.post, "/articles/:id/unpublish") { if case .unpublish(let id) = $0 { id } else { nil } }
    public static let adminAPISchedule = admin(.post, "/articles/:id/schedule") { if case .schedule(let id) = $0 { id } else { nil } }
    public static let adminAPISubmit = admin(.post, "/articles/:id/submit") { if case .submit(let id) = $0 { id } else { nil } }
    public static let adminAPIRevisions = admin(.get, "/articles/:id/revisions") { if case .revisions(let id) = $0 { id } else { nil } }
    public static let adminAPIAddCorrection = admin(.post, "/articles/:id/corrections") { if case .corrections(let id) = $0 { id } else { nil } }
    public static let adminAPIRelated = admin(.get, "/articles/:id/related") { if case .related(let id) = $0 { id } else { nil } }
    public static let adminAPISetRelated = admin(.put, "/articles/:id/related") { if case .related(let id) = $0 { id } else { nil } }
}

extension Endpoint where Value == ArticleRevision {
    public static let adminAPIRevisionDiff = Endpoint(.get, "/api/v1/admin/articles/:id/revisions/:revision/diff") {
        if case .api(.admin(.revisionDiff(let id, let r))) = $0 { (id, r) } else { nil }
    }
    public static let adminAPIRestoreRevision = Endpoint(.post, "/api/v1/admin/articles/:id/revisions/:revision/restore") {
        if case .api(.admin(.restoreRevision(let id, let r))) = $0 { (id, r) } else { nil }
    }
}

extension Endpoint where Value == Slug {
    private static func admin(_ method: RouteMethod, _ pattern: String,
                              _ value: @escaping @Sendable (AdminAPIRoute) -> Slug?) -> Endpoint<Slug> {
        Endpoint(method, "/api/v1/admin" + pattern) { if case .api(.admin(let route)) = $0 { value(route) } else { nil } }
    }
    public static let adminAPIUpdateSection = admin(.put, "/sections/:slug") { if case .section(let s) = $0 { s } else { nil } }
    public static let adminAPIUpdateTag = admin(.put, "/tags/:slug") { if case .tag(let s) = $0 { s } else { nil } }
    public static let adminAPIDeleteTag = admin(.delete, "/tags/:slug") { if case .tag(let s) = $0 { s } else { nil } }
    public static let adminAPIMergeTag = admin(.post, "/tags/:slug/merge") { if case .mergeTag(let s) = $0 { s } else { nil } }
    public static let adminAPIUpdateAuthor = admin(.put, "/authors/:slug") { if case .author(let s) = $0 { s } else { nil } }
}
