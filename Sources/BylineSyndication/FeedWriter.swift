import Foundation
import BylineCore
import BylineRoutes

/// Writes RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents for a channel and its articles.
///
/// Items are written in the order given; only published articles with a publication date are written
/// (the caller decides which and how many). Links come from the route table and are absolute; relative
/// links inside bodies are made absolute against the article's URL.
public struct FeedWriter: Sendable {
    /// The publisher.
    public var site: SiteIdentity

    /// Creates a writer for `site`.
    public init(site: SiteIdentity) { self.site = site }

    /// The feed in `format`.
    public func write(_ format: FeedFormat, channel: FeedChannel, articles: [Article]) -> String {
        switch format {
        case .rss: return rss(channel: channel, articles: articles)
        case .atom: return atom(channel: channel, articles: articles)
        case .json: return jsonFeed(channel: channel, articles: articles)
        }
    }

    private func items(_ articles: [Article]) -> [(article: Article, url: String, published: Date)] {
        articles.compactMap { article in
            guard article.status == .published, let published = article.publishedAt else { return nil }
            return (article, site.url(.article(article.slug)), published)
        }
    }

    private func body(_ article: Article, url: String) -> String {
        LinkResolver.absolutizeLinks(in: article.bodyHTML, base: url)
    }

    // MARK: RSS

    /// An RSS 2.0 document with `content:encoded`, `dc:creator`, `category`, `media:content` and `atom:link rel="self"`.
    public func rss(channel: FeedChannel, articles: [Article]) -> String {
        let e = XMLText.escape
        var x = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" \
        xmlns:media="http://search.yahoo.com/mrss/">
        <channel>
        <title>\(e(channel.title))</title>
        <link>\(e(channel.homeURL))</link>
        <description>\(e(channel.description))</description>
        <language>\(e(channel.language))</language>
        <lastBuildDate>\(FeedDate.rfc822(channel.updated))</lastBuildDate>
        <generator>Byline</generator>
        <atom:link href="\(e(channel.selfURL))" rel="self" type="application/rss+xml"/>

        """
        if let logo = site.logoURL {
            x += "<image><url>\(e(site.absolute(logo)))</url><title>\(e(channel.title))</title><link>\(e(channel.homeURL))</link></image>\n"
        }
        for item in items(articles) {
            let a = item.article
            x += "<item>\n"
            x += "<title>\(e(a.headline))</title>\n"
            x += "<link>\(e(item.url))</link>\n"
            x += "<guid isPermaLink=\"true\">\(e(item.url))</guid>\n"
            x += "<pubDate>\(FeedDate.rfc822(item.published))</pubDate>\n"
            for contributor in a.contributors { x += "<dc:creator>\(e(contributor.author.name))</dc:creator>\n" }
            x += "<category domain=\"\(e(site.url(.section(a.section.slug))))\">\(e(a.section.name))</category>\n"
            for tag in a.tags { x += "<category domain=\"\(e(site.url(.tag(tag.tag.slug))))\">\(e(tag.tag.name))</category>\n" }
            x += "<description>\(e(a.dek))</description>\n"
            x += "<content:encoded>\(e(body(a, url: item.url)))</content:encoded>\n"
            if let image = a.leadImage {
                x += "<media:content url=\"\(e(site.absolute(image.url)))\" medium=\"image\">"
                if !image.alt.isEmpty { x += "<media:description type=\"plain\">\(e(image.alt))</media:description>" }
                if let credit = image.credit, !credit.isEmpty { x += "<media:credit>\(e(credit))</media:credit>" }
                x += "</media:content>\n"
            }
            x += "</item>\n"
        }
        x += "</channel>\n</rss>\n"
        return x
    }

    // MARK: Atom

    /// An Atom 1.0 document; entries without contributors fall back to the feed-level author (the site).
    public func atom(channel: FeedChannel, articles: [Article]) -> String {
        let e = XMLText.escape
        var x = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(e(channel.language))">
        <title>\(e(channel.title))</title>
        <subtitle>\(e(channel.description))</subtitle>
        <id>\(e(channel.selfURL))</id>
        <link rel="alternate" type="text/html" href="\(e(channel.homeURL))"/>
        <link rel="self" type="application/atom+xml" href="\(e(channel.selfURL))"/>
        <updated>\(FeedDate.rfc3339(channel.updated))</updated>
        <author><name>\(e(site.name))</name><uri>\(e(site.url(.home())))</uri></author>
        <generator>Byline</generator>

        """
        if let logo = site.logoURL { x += "<logo>\(e(site.absolute(logo)))</logo>\n" }
        for item in items(articles) {
            let a = item.article
            x += "<entry>\n"
            x += "<title type=\"text\">\(e(a.headline))</title>\n"
            x += "<id>\(e(item.url))</id>\n"
            x += "<link rel=\"alternate\" type=\"text/html\" href=\"\(e(item.url))\"/>\n"
            x += "<published>\(FeedDate.rfc3339(item.published))</published>\n"
            x += "<updated>\(FeedDate.rfc3339(max(a.updatedAt, item.published)))</updated>\n"
            for contributor in a.contributors {
                x += "<author><name>\(e(contributor.author.name))</name><uri>\(e(site.url(.author(contributor.author.slug))))</uri></author>\n"
            }
            x += "<category term=\"\(e(a.section.slug.rawValue))\" label=\"\(e(a.section.name))\" scheme=\"\(e(site.url(.section(a.section.slug))))\"/>\n"
            for tag in a.tags {
                x += "<category term=\"\(e(tag.tag.slug.rawValue))\" label=\"\(e(tag.tag.name))\" scheme=\"\(e(site.url(.tag(tag.tag.slug))))\"/>\n"
            }
            if !a.dek.isEmpty { x += "<summary type=\"text\">\(e(a.dek))</summary>\n" }
            x += "<content type=\"html\">\(e(body(a, url: item.url)))</content>\n"
            if let image = a.leadImage {
                x += "<link rel=\"enclosure\" href=\"\(e(site.absolute(image.url)))\" type=\"\(e(Self.imageType(image.url)))\"/>\n"
            }
            x += "</entry>\n"
        }
        x += "</feed>\n"
        return x
    }

    /// A best guess at an image's media type from its extension; `image/jpeg` when unknown.
    static func imageType(_ url: String) -> String {
        let path = url.split(separator: "?").first.map(String.init)?.lowercased() ?? ""
        if path.hasSuffix(".png") { return "image/png" }
        if path.hasSuffix(".gif") { return "image/gif" }
        if path.hasSuffix(".webp") { return "image/webp" }
        if path.hasSuffix(".avif") { return "image/avif" }
        if path.hasSuffix(".svg") { return "image/svg+xml" }
        return "image/jpeg"
    }

    // MARK: JSON Feed

    /// A JSON Feed 1.1 document.
    public func jsonFeed(channel: FeedChannel, articles: [Article]) -> String {
        let s = { (text: String) in JSONValue.string(XMLText.stripInvalid(text)) }
        let entries: [JSONValue] = items(articles).map { item in
            let a = item.article
            let authors: [JSONValue] = a.contributors.map {
                .object([("name", s($0.author.name)), ("url", s(site.url(.author($0.author.slug))))])
            }
            let tags: [JSONValue] = ([a.section.name] + a.tags.map(\.tag.name)).map(s)
            return .fields([
                ("id", s(item.url)),
                ("url", s(item.url)),
                ("title", s(a.headline)),
                ("content_html", s(body(a, url: item.url))),
                ("summary", a.dek.isEmpty ? nil : s(a.dek)),
                ("image", a.leadImage.map { s(site.absolute($0.url)) }),
                ("date_published", s(FeedDate.rfc3339(item.published))),
                ("date_modified", s(FeedDate.rfc3339(max(a.updatedAt, item.published)))),
                ("authors", .array(authors)),
                ("tags", .array(tags)),
                ("language", s(channel.language)),
            ])
        }
        let feed = JSONValue.fields([
            ("version", .string("https://jsonfeed.org/version/1.1")),
            ("title", s(channel.title)),
            ("home_page_url", s(channel.homeURL)),
            ("feed_url", s(channel.selfURL)),
            ("description", channel.description.isEmpty ? nil : s(channel.description)),
            ("icon", site.logoURL.map { s(site.absolute($0)) }),
            ("language", s(channel.language)),
            ("authors", .array([.object([("name", s(site.name)), ("url", s(site.url(.home())))])])),
            ("items", JSONValue.array(entries)),
        ])
        // `items` must be present even when empty; `object(_:)` drops empty arrays, so restore it.
        if case .object(var pairs) = feed, !pairs.contains(where: { $0.0 == "items" }) {
            pairs.append(("items", .array([])))
            return JSONValue.object(pairs).serialized(pretty: true) + "\n"
        }
        return feed.serialized(pretty: true) + "\n"
    }
}

/// A `<link rel="alternate">` that lets readers and browsers discover a feed from a page.
public struct FeedLink: Hashable, Sendable {
    /// The media type without parameters (`application/rss+xml`).
    public var type: String
    public var title: String
    /// The feed's absolute URL.
    public var href: String
    /// Creates a link.
    public init(type: String, title: String, href: String) { self.type = type; self.title = title; self.href = href }
}

extension FeedWriter {
    /// The discovery links for a page's feeds in every format (RSS first).
    public func discoveryLinks(scope: FeedScope, title: String) -> [FeedLink] {
        FeedFormat.allCases.map { format in
            let type = String(format.contentType.prefix { $0 != ";" })
            let label: String
            switch format {
            case .rss: label = "RSS"
            case .atom: label = "Atom"
            case .json: label = "JSON Feed"
            }
            return FeedLink(type: type, title: "\(title) (\(label))", href: site.url(.feed(scope, format)))
        }
    }
}
