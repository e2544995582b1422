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
    case stylesheet

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
        case .stylesheet: return "/assets/site.css"
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
