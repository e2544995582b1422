import Foundation
import BylineCore

// Printing and parsing, side by side so that each spelling is written once in each direction; the route
// table's tests print every case and parse it back.

extension SiteRoute {
    /// The path and query, percent-encoded, starting with `/`.
    public var path: String {
        switch self {
        case .home(let page): return Self.paged("/", page)
        case .section(let slug, let page): return Self.paged("/section/\(slug.rawValue)", page)
        case .tag(let slug, let page): return Self.paged("/tag/\(slug.rawValue)", page)
        case .author(let slug, let page): return Self.paged("/author/\(slug.rawValue)", page)
        case .entity(let slug, let page): return Self.paged("/entity/\(slug.rawValue)", page)
        case .article(let slug): return "/article/\(slug.rawValue)"
        case .search(let query): return query.isEmpty ? "/search" : "/search?q=\(Self.encode(query))"
        case .healthz: return "/healthz"
        case .stylesheet: return "/assets/site.css"
        case .publisherLogo: return "/assets/logo.png"
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
        case .mostRead: return "/most-read"
        case .corrections: return "/corrections"
        case .readingHistory(let notice):
            switch notice {
            case nil: return "/reading-history"
            case .cleared: return "/reading-history?cleared=1"
            case .recordingOn: return "/reading-history?recording=on"
            case .recordingOff: return "/reading-history?recording=off"
            }
        case .readingHistoryClear: return "/reading-history/clear"
        case .readingHistoryRecording: return "/reading-history/recording"
        case .admin(let route): return route.path
        case .api(let route): return route.path
        }
    }

    /// The route a request's path and query name; `nil` when none does (a 404).
    /// - Throws: ``RouteError`` when the path names a route but a parameter is malformed (a 400).
    public init?(path: String, query: String? = nil) throws(RouteError) {
        let parameters = QueryParameters(query)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard path.hasPrefix("/"), let first = segments.first else { return nil }
        func page() throws(RouteError) -> Int { try parameters.page() }
        func slug(_ text: String) -> Slug? { Slug(text) }
        switch (first, segments.count) {
        case ("", 1): self = .home(page: try page())
        case ("section", 2), ("tag", 2), ("author", 2), ("entity", 2):
            guard let slug = slug(segments[1]) else { return nil }
            let n = try page()
            switch first {
            case "section": self = .section(slug, page: n)
            case "tag": self = .tag(slug, page: n)
            case "author": self = .author(slug, page: n)
            default: self = .entity(slug, page: n)
            }
        case ("section", 3), ("tag", 3), ("author", 3), ("entity", 3):
            guard let slug = slug(segments[1]), let format = Self.feedFormat(file: segments[2]) else { return nil }
            switch first {
            case "section": self = .feed(.section(slug), format)
            case "tag": self = .feed(.tag(slug), format)
            case "author": self = .feed(.author(slug), format)
            default: self = .feed(.entity(slug), format)
            }
        case ("article", 2):
            guard let slug = slug(segments[1]) else { return nil }
            self = .article(slug)
        case ("search", 1): self = .search(query: parameters["q"] ?? "")
        case ("healthz", 1): self = .healthz
        case ("assets", 2) where segments[1] == "site.css": self = .stylesheet
        case ("assets", 2) where segments[1] == "logo.png": self = .publisherLogo
        case ("sitemap.xml", 1): self = .sitemapIndex
        case ("sitemaps", 2):
            guard let route = Self.sitemap(file: segments[1]) else { return nil }
            self = route
        case ("robots.txt", 1): self = .robots
        case ("most-read", 1):
            guard try page() == 1 else { return nil } // one page only
            self = .mostRead
        case ("corrections", 1): self = .corrections
        case ("reading-history", 1):
            if parameters["cleared"] != nil { self = .readingHistory(notice: .cleared) }
            else if parameters["recording"] == "on" { self = .readingHistory(notice: .recordingOn) }
            else if parameters["recording"] == "off" { self = .readingHistory(notice: .recordingOff) }
            else { self = .readingHistory() }
        case ("reading-history", 2) where segments[1] == "clear": self = .readingHistoryClear
        case ("reading-history", 2) where segments[1] == "recording": self = .readingHistoryRecording
        case ("admin", _):
            guard let route = try AdminRoute(segments: segments.dropFirst(), parameters: parameters) else { return nil }
            self = .admin(route)
        case ("api", _):
            guard let route = try APIRoute(segments: segments.dropFirst()) else { return nil }
            self = .api(route)
        case (let file, 1):
            guard let format = Self.feedFormat(file: file) else { return nil }
            self = .feed(.site, format)
        default: return nil
        }
    }

    private static func feedFormat(file: String) -> FeedFormat? {
        FeedFormat.allCases.first { "feed.\($0.fileExtension)" == file }
    }

    /// The sitemap a file name under `/sitemaps/` names; only the spelling ``path`` writes is accepted, so
    /// `articles-2025-1.xml` or `tags-1.xml` is not a second address.
    private static func sitemap(file: String) -> SiteRoute? {
        guard file.hasSuffix(".xml") else { return nil }
        let parts = file.dropLast(4).split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func page(_ index: Int) -> Int? {
            guard parts.count > index else { return 1 }
            guard parts.count == index + 1, let n = Int(parts[index]), n >= 2, n <= PageRequest.maxPage else { return nil }
            return n
        }
        var route: SiteRoute?
        switch parts[0] {
        case "news" where parts.count == 1: route = .newsSitemap
        case "sections" where parts.count == 1: route = .sitemapSections
        case "tags": route = page(1).map { .sitemapTags(page: $0) }
        case "authors": route = page(1).map { .sitemapAuthors(page: $0) }
        case "articles" where parts.count >= 3:
            if let year = Int(parts[1]), let month = Int(parts[2]), (1...12).contains(month), (1970...9999).contains(year),
               let p = page(3) {
                route = .sitemapArticles(year: year, month: month, page: p)
            }
        default: route = nil
        }
        guard let route, route.path == "/sitemaps/\(file)" else { return nil }
        return route
    }

    static func paged(_ base: String, _ page: Int) -> String {
        page <= 1 ? base : "\(base)?page=\(page)"
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

extension AdminRoute {
    var path: String {
        switch self {
        case .home: return "/admin"
        case .login: return "/admin/login"
        case .logout: return "/admin/logout"
        case .stylesheet: return "/admin/admin.css"
        case .newArticle: return "/admin/articles/new"
        case .article(let id, let saved): return "/admin/articles/\(id.rawValue)" + (saved ? "?saved=1" : "")
        case .revisions(let id, let shown):
            return "/admin/articles/\(id.rawValue)/revisions" + (shown.map { "?revision=\($0.rawValue)" } ?? "")
        case .restoreRevision(let id, let revision): return "/admin/articles/\(id.rawValue)/revisions/\(revision.rawValue)/restore"
        case .corrections(let id): return "/admin/articles/\(id.rawValue)/corrections"
        case .related(let id): return "/admin/articles/\(id.rawValue)/related"
        case .audit(let page): return SiteRoute.paged("/admin/audit", page)
        }
    }

    init?(segments: ArraySlice<String>, parameters: QueryParameters) throws(RouteError) {
        let s = Array(segments)
        switch s.count {
        case 0: self = .home
        case 1:
            switch s[0] {
            case "login": self = .login
            case "logout": self = .logout
            case "admin.css": self = .stylesheet
            case "audit": self = .audit(page: try parameters.page())
            default: return nil
            }
        default:
            guard s[0] == "articles" else { return nil }
            if s.count == 2, s[1] == "new" { self = .newArticle; return }
            guard let id = Identifier.article(s[1]) else { return nil }
            switch (s.count, s.count > 2 ? s[2] : "") {
            case (2, _): self = .article(id, saved: parameters["saved"] != nil)
            case (3, "revisions"):
                if let raw = parameters["revision"] {
                    guard let revision = Identifier.revision(raw) else { throw RouteError("revision must be a positive whole number") }
                    self = .revisions(id, shown: revision)
                } else {
                    self = .revisions(id)
                }
            case (3, "corrections"): self = .corrections(id)
            case (3, "related"): self = .related(id)
            case (5, "revisions") where s[4] == "restore":
                guard let revision = Identifier.revision(s[3]) else { return nil }
                self = .restoreRevision(id, revision)
            default: return nil
            }
        }
    }
}

extension APIRoute {
    var path: String {
        switch self {
        case .document: return "/api/openapi.json"
        case .search: return "/api/v1/search"
        case .articles: return "/api/v1/articles"
        case .article(let ref): return "/api/v1/articles/\(SiteRoute.encode(ref))"
        case .sections: return "/api/v1/sections"
        case .tags: return "/api/v1/tags"
        case .authors: return "/api/v1/authors"
        case .admin(let route): return "/api/v1/admin" + route.path
        }
    }

    init?(segments: ArraySlice<String>) throws(RouteError) {
        let s = Array(segments)
        if s == ["openapi.json"] { self = .document; return }
        guard s.count >= 2, s[0] == "v1" else { return nil }
        switch (s[1], s.count) {
        case ("search", 2): self = .search
        case ("articles", 2): self = .articles
        case ("articles", 3):
            guard let ref = s[2].removingPercentEncoding, !ref.isEmpty else { return nil }
            self = .article(ref: ref)
        case ("sections", 2): self = .sections
        case ("tags", 2): self = .tags
        case ("authors", 2): self = .authors
        case ("admin", _):
            guard let route = AdminAPIRoute(segments: s.dropFirst(2)) else { return nil }
            self = .admin(route)
        default: return nil
        }
    }
}

extension AdminAPIRoute {
    /// The path below `/api/v1/admin`.
    var path: String {
        switch self {
        case .articles: return "/articles"
        case .article(let id): return "/articles/\(id.rawValue)"
        case .publish(let id): return "/articles/\(id.rawValue)/publish"
        case .unpublish(let id): return "/articles/\(id.rawValue)/unpublish"
        case .schedule(let id): return "/articles/\(id.rawValue)/schedule"
        case .submit(let id): return "/articles/\(id.rawValue)/submit"
        case .revisions(let id): return "/articles/\(id.rawValue)/revisions"
        case .revisionDiff(let id, let revision): return "/articles/\(id.rawValue)/revisions/\(revision.rawValue)/diff"
        case .restoreRevision(let id, let revision): return "/articles/\(id.rawValue)/revisions/\(revision.rawValue)/restore"
        case .corrections(let id): return "/articles/\(id.rawValue)/corrections"
        case .related(let id): return "/articles/\(id.rawValue)/related"
        case .sections: return "/sections"
        case .section(let slug): return "/sections/\(slug.rawValue)"
        case .tags: return "/tags"
        case .tag(let slug): return "/tags/\(slug.rawValue)"
        case .mergeTag(let slug): return "/tags/\(slug.rawValue)/merge"
        case .author(let slug): return "/authors/\(slug.rawValue)"
        case .audit: return "/audit"
        }
    }

    init?(segments: ArraySlice<String>) {
        let s = Array(segments)
        guard let head = s.first else { return nil }
        switch (head, s.count) {
        case ("articles", 1): self = .articles
        case ("sections", 1): self = .sections
        case ("tags", 1): self = .tags
        case ("audit", 1): self = .audit
        case ("sections", 2):
            guard let slug = Slug(s[1]) else { return nil }
            self = .section(slug)
        case ("tags", 2):
            guard let slug = Slug(s[1]) else { return nil }
            self = .tag(slug)
        case ("tags", 3) where s[2] == "merge":
            guard let slug = Slug(s[1]) else { return nil }
            self = .mergeTag(slug)
        case ("authors", 2):
            guard let slug = Slug(s[1]) else { return nil }
            self = .author(slug)
        case ("articles", _):
            guard let id = Identifier.article(s[1]) else { return nil }
            switch (s.count, s.count > 2 ? s[2] : "") {
            case (2, _): self = .article(id)
            case (3, "publish"): self = .publish(id)
            case (3, "unpublish"): self = .unpublish(id)
            case (3, "schedule"): self = .schedule(id)
            case (3, "submit"): self = .submit(id)
            case (3, "revisions"): self = .revisions(id)
            case (3, "corrections"): self = .corrections(id)
            case (3, "related"): self = .related(id)
            case (5, "revisions"):
                guard let revision = Identifier.revision(s[3]) else { return nil }
                switch s[4] {
                case "diff": self = .revisionDiff(id, revision)
                case "restore": self = .restoreRevision(id, revision)
                default: return nil
                }
            default: return nil
            }
        default: return nil
        }
    }
}

/// Stored ids in paths: positive whole numbers.
private enum Identifier {
    static func article(_ text: String) -> ArticleID? { positive(text).map { ArticleID(rawValue: $0) } }
    static func revision(_ text: String) -> RevisionID? { positive(text).map { RevisionID(rawValue: $0) } }
    private static func positive(_ text: String) -> Int64? {
        guard let n = Int64(text), n > 0, String(n) == text else { return nil }
        return n
    }
}

/// A route whose path is right but whose parameters are not: answered 400 with ``message``.
public struct RouteError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// The query parameters of a request, decoded (`+` as a space, then percent-escapes).
struct QueryParameters {
    private var values: [(String, String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            values.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
    }

    /// The last value of `name`.
    subscript(_ name: String) -> String? { values.last { $0.0 == name }?.1 }

    /// The `page` parameter: absent means 1; anything but one whole number from 1 to 10,000 is an error.
    func page() throws(RouteError) -> Int {
        let all = values.filter { $0.0 == "page" }
        guard let raw = all.last?.1 else { return 1 }
        guard all.count == 1, let n = Int(raw), n >= 1, n <= PageRequest.maxPage else {
            throw RouteError("The page number must be a whole number from 1 to \(PageRequest.maxPage).")
        }
        return n
    }
}
