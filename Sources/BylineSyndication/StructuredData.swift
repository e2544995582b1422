import Foundation
import BylineCore
import BylineRoutes

/// An entity an article is about or mentions, for JSON-LD `about`/`mentions`.
public struct EntityReference: Hashable, Sendable {
    /// The entity's name ("Angela Merkel").
    public var name: String
    /// The schema.org type (`Person`, `Organization`, `Place`, `Event`, `Thing`).
    public var type: String
    /// The Wikidata id (`Q567`) when the entity is known; becomes `sameAs`.
    public var wikidataID: String?
    /// The entity's page on this site, when it has one.
    public var path: SiteRoute?

    /// Creates a reference.
    public init(name: String, type: String, wikidataID: String? = nil, path: SiteRoute? = nil) {
        self.name = name; self.type = type; self.wikidataID = wikidataID; self.path = path
    }
}

/// A correction published on an article.
public struct ArticleCorrection: Hashable, Sendable {
    public var date: Date
    public var text: String
    /// Creates a correction.
    public init(date: Date, text: String) { self.date = date; self.text = text }
}

/// One `<meta>` tag: `property` is the OpenGraph property or Twitter card name, `content` its value (unescaped).
public struct MetaTag: Hashable, Sendable {
    public var property: String
    public var content: String
    /// Creates a tag.
    public init(property: String, content: String) { self.property = property; self.content = content }
    /// The attribute that names the tag: `name` for Twitter cards, `property` for OpenGraph.
    public var attributeName: String { property.hasPrefix("twitter:") ? "name" : "property" }
}

/// One step of a breadcrumb trail.
public struct Breadcrumb: Hashable, Sendable {
    public var name: String
    public var path: SiteRoute
    /// Creates a breadcrumb.
    public init(name: String, path: SiteRoute) { self.name = name; self.path = path }
}

/// JSON-LD (`NewsArticle`, `BreadcrumbList`) and OpenGraph/Twitter meta tags for pages.
///
/// JSON-LD text is safe inside `<script type="application/ld+json">`: `<`, `>`, `&`, U+2028 and
/// U+2029 are written as `\uXXXX` escapes.
public struct StructuredData: Sendable {
    /// The publisher.
    public var site: SiteIdentity

    /// Creates a builder for `site`.
    public init(site: SiteIdentity) { self.site = site }

    private func s(_ text: String) -> JSONValue { .string(text) }

    private func entity(_ reference: EntityReference) -> JSONValue {
        var sameAs: JSONValue?
        if let id = reference.wikidataID?.trimmingCharacters(in: .whitespaces), Self.isWikidataID(id) {
            sameAs = s("https://www.wikidata.org/wiki/\(id)")
        }
        return .fields([
            ("@type", s(reference.type.isEmpty ? "Thing" : reference.type)),
            ("name", s(reference.name)),
            ("url", reference.path.map { s(site.url($0)) }),
            ("sameAs", sameAs),
        ])
    }

    /// Whether `id` looks like a Wikidata item id (`Q` and digits).
    static func isWikidataID(_ id: String) -> Bool {
        id.count >= 2 && id.count <= 12 && id.first == "Q" && id.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    private var publisher: JSONValue {
        .fields([
            ("@type", s("Organization")),
            ("name", s(site.publisherName ?? site.name)),
            ("url", s(site.url(.home()))),
            ("logo", site.logoURL.map { .fields([("@type", s("ImageObject")), ("url", s(site.absolute($0)))]) }),
        ])
    }

    /// The `NewsArticle` JSON-LD object for an article page, as script-safe JSON text.
    /// - Parameters:
    ///   - about: entities the article is mainly about; `mentions`: entities it mentions.
    ///   - corrections: corrections, oldest first; each becomes a `CorrectionComment`.
    ///   - isAccessibleForFree: `false` for paywalled articles.
    public func newsArticle(_ article: Article, about: [EntityReference] = [], mentions: [EntityReference] = [],
                            corrections: [ArticleCorrection] = [], isAccessibleForFree: Bool = true) -> String {
        let url = site.url(.article(article.slug))
        let published = article.publishedAt ?? article.createdAt
        let keywords = article.tags.map(\.tag.name)
        let image: JSONValue? = article.leadImage.map { image in
            .fields([
                ("@type", s("ImageObject")),
                ("url", s(site.absolute(image.url))),
                ("caption", (image.caption ?? image.alt).isEmpty ? nil : s(image.caption ?? image.alt)),
                ("creditText", image.credit.map(s)),
            ])
        }
        let authors: [JSONValue] = article.contributors.map {
            .fields([("@type", s("Person")), ("name", s($0.author.name)), ("url", s(site.url(.author($0.author.slug))))])
        }
        let correctionValues: [JSONValue] = corrections.map {
            .fields([("@type", s("CorrectionComment")), ("text", s($0.text)), ("datePublished", s(FeedDate.rfc3339($0.date)))])
        }
        let value = JSONValue.fields([
            ("@context", s("https://schema.org")),
            ("@type", s("NewsArticle")),
            ("mainEntityOfPage", .fields([("@type", s("WebPage")), ("@id", s(url))])),
            ("url", s(url)),
            ("headline", s(Self.truncated(article.headline, to: 110))),
            ("description", article.dek.isEmpty ? nil : s(article.dek)),
            ("datePublished", s(FeedDate.rfc3339(published))),
            ("dateModified", s(FeedDate.rfc3339(max(article.updatedAt, published)))),
            ("author", .array(authors)),
            ("publisher", publisher),
            ("image", image),
            ("articleSection", s(article.section.name)),
            ("keywords", .array(keywords.map(s))),
            ("inLanguage", s(site.language)),
            ("isAccessibleForFree", .bool(isAccessibleForFree)),
            ("about", .array(about.map(entity))),
            ("mentions", .array(mentions.map(entity))),
            ("correction", correctionValues.isEmpty ? nil : (correctionValues.count == 1 ? correctionValues[0] : .array(correctionValues))),
        ])
        return value.serialized(scriptSafe: true)
    }

    /// Google shows at most 110 characters of a headline; longer ones are cut at a word with an ellipsis.
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// A `BreadcrumbList` JSON-LD object, as script-safe JSON text.
    public func breadcrumbList(_ crumbs: [Breadcrumb]) -> String {
        let items: [JSONValue] = crumbs.enumerated().map { index, crumb in
            .fields([("@type", s("ListItem")), ("position", .number(index + 1)), ("name", s(crumb.name)),
                     ("item", s(site.url(crumb.path)))])
        }
        return JSONValue.fields([("@context", s("https://schema.org")), ("@type", s("BreadcrumbList")),
                                 ("itemListElement", .array(items))]).serialized(scriptSafe: true)
    }

    /// The breadcrumbs of an article page: home, section, article.
    public func breadcrumbs(for article: Article) -> [Breadcrumb] {
        [Breadcrumb(name: site.name, path: .home()),
         Breadcrumb(name: article.section.name, path: .section(article.section.slug)),
         Breadcrumb(name: article.headline, path: .article(article.slug))]
    }

    /// OpenGraph and Twitter card tags for an article page; values are plain text, to be attribute-escaped by the view.
    public func metaTags(for article: Article) -> [MetaTag] {
        let url = site.url(.article(article.slug))
        var tags = [
            MetaTag(property: "og:type", content: "article"),
            MetaTag(property: "og:site_name", content: site.name),
            MetaTag(property: "og:title", content: article.headline),
            MetaTag(property: "og:url", content: url),
            MetaTag(property: "og:locale", content: site.language.replacingOccurrences(of: "-", with: "_")),
        ]
        if !article.dek.isEmpty { tags.append(MetaTag(property: "og:description", content: article.dek)) }
        if let image = article.leadImage {
            tags.append(MetaTag(property: "og:image", content: site.absolute(image.url)))
            if !image.alt.isEmpty { tags.append(MetaTag(property: "og:image:alt", content: image.alt)) }
        }
        if let published = article.publishedAt {
            tags.append(MetaTag(property: "article:published_time", content: FeedDate.rfc3339(published)))
            tags.append(MetaTag(property: "article:modified_time", content: FeedDate.rfc3339(max(article.updatedAt, published))))
        }
        tags.append(MetaTag(property: "article:section", content: article.section.name))
        for contributor in article.contributors {
            tags.append(MetaTag(property: "article:author", content: site.url(.author(contributor.author.slug))))
        }
        for tag in article.tags { tags.append(MetaTag(property: "article:tag", content: tag.tag.name)) }
        tags.append(MetaTag(property: "twitter:card", content: article.leadImage == nil ? "summary" : "summary_large_image"))
        if let handle = site.twitterHandle { tags.append(MetaTag(property: "twitter:site", content: handle)) }
        tags.append(MetaTag(property: "twitter:title", content: article.headline))
        if !article.dek.isEmpty { tags.append(MetaTag(property: "twitter:description", content: article.dek)) }
        if let image = article.leadImage {
            tags.append(MetaTag(property: "twitter:image", content: site.absolute(image.url)))
            if !image.alt.isEmpty { tags.append(MetaTag(property: "twitter:image:alt", content: image.alt)) }
        }
        return tags
    }

    /// OpenGraph and Twitter card tags for a list page (home, section, tag, author).
    public func metaTags(title: String, description: String, path: SiteRoute) -> [MetaTag] {
        var tags = [
            MetaTag(property: "og:type", content: "website"),
            MetaTag(property: "og:site_name", content: site.name),
            MetaTag(property: "og:title", content: title),
            MetaTag(property: "og:url", content: site.url(path)),
        ]
        if !description.isEmpty { tags.append(MetaTag(property: "og:description", content: description)) }
        if let logo = site.logoURL { tags.append(MetaTag(property: "og:image", content: site.absolute(logo))) }
        tags.append(MetaTag(property: "twitter:card", content: "summary"))
        if let handle = site.twitterHandle { tags.append(MetaTag(property: "twitter:site", content: handle)) }
        tags.append(MetaTag(property: "twitter:title", content: title))
        return tags
    }
}
