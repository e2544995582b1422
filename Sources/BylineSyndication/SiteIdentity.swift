import Foundation
import BylineCore
import BylineRoutes

/// Who publishes the site: what feeds, sitemaps and structured data name as the publisher.
/// Built from configuration by the caller; nothing here is hard-coded.
public struct SiteIdentity: Hashable, Sendable {
    /// The publication's name ("The Example Times").
    public var name: String
    /// The absolute base URL, without a trailing slash (`https://news.example`).
    public var baseURL: String
    /// The language of the content as a BCP 47 tag (`en`, `en-GB`).
    public var language: String
    /// An absolute URL of the publisher's logo, for JSON-LD `publisher.logo` and feeds.
    public var logoURL: String?
    /// A one-line description of the publication, for feeds and meta tags.
    public var description: String
    /// The site's Twitter/X handle with its `@`, when it has one.
    public var twitterHandle: String?
    /// The organisation named as publisher in structured data when it is not the site's name
    /// ("Example Media Ltd" for "The Example Times").
    public var publisherName: String?

    /// Creates a site identity; trailing slashes on `baseURL` are removed.
    public init(name: String, baseURL: String, language: String, logoURL: String? = nil, description: String = "",
                twitterHandle: String? = nil, publisherName: String? = nil) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.name = name; self.baseURL = base; self.language = language; self.logoURL = logoURL
        self.description = description; self.twitterHandle = twitterHandle; self.publisherName = publisherName
    }

    /// The absolute URL of a route on this site.
    public func url(_ path: SiteRoute) -> String { path.url(base: baseURL) }

    /// `link` made absolute against the base URL when it is relative (`/media/a.jpg`); absolute links are kept.
    public func absolute(_ link: String) -> String {
        LinkResolver.resolve(link, against: baseURL + "/")
    }
}

/// The channel-level facts of one feed.
public struct FeedChannel: Hashable, Sendable {
    public var title: String
    /// The page the feed mirrors (the home or section page).
    public var homeURL: String
    /// The feed's own URL (`atom:link rel="self"`).
    public var selfURL: String
    public var description: String
    /// A BCP 47 language tag.
    public var language: String
    /// When the newest item changed; the feed's `lastBuildDate`/`updated`.
    public var updated: Date

    /// Creates a channel description.
    public init(title: String, homeURL: String, selfURL: String, description: String, language: String, updated: Date) {
        self.title = title; self.homeURL = homeURL; self.selfURL = selfURL; self.description = description
        self.language = language; self.updated = updated
    }

    /// The channel for a feed of `scope` in `format`, with URLs from the route table.
    /// - Parameters:
    ///   - name: what the scope is called ("World", a tag's or author's name); ignored for `.site`.
    public init(site: SiteIdentity, scope: FeedScope, format: FeedFormat, name: String? = nil, description: String? = nil,
                updated: Date) {
        let home: SiteRoute
        switch scope {
        case .site: home = .home()
        case .section(let slug): home = .section(slug)
        case .tag(let slug): home = .tag(slug)
        case .author(let slug): home = .author(slug)
        case .entity(let slug): home = .entity(slug)
        }
        let title: String
        if case .site = scope { title = site.name } else { title = "\(name ?? "") – \(site.name)" }
        self.init(title: title, homeURL: site.url(home), selfURL: site.url(.feed(scope, format)),
                  description: description ?? site.description, language: site.language, updated: updated)
    }
}
