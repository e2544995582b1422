import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import BylineCore
@testable import BylineSyndication

/// Sample values shared by the syndication tests.
enum Fixtures {
    static let site = SiteIdentity(name: "The Byline Gazette", baseURL: "https://news.example/", language: "en-GB",
                                   logoURL: "/assets/logo.png", description: "News from Byline", twitterHandle: "@bylinegazette")

    static func date(_ iso: String) -> Date {
        (try? Date.ISO8601FormatStyle().parse(iso)) ?? Date(timeIntervalSince1970: 0)
    }

    static let now = date("2026-11-28T12:00:00Z")
    static let world = Section(id: 1, slug: slug("world"), name: "World")
    static let business = Section(id: 2, slug: slug("business"), name: "Business & Money")
    static let ada = Author(id: 1, slug: slug("ada-okafor"), name: "Ada Okafor")
    static let ben = Author(id: 2, slug: slug("ben-hale"), name: "Ben Hale")
    static let climate = Tag(id: 1, slug: slug("climate"), name: "Climate")
    static let hostileHeadline = "Q&A: <script>alert(\"x\")</script> 'quotes' \u{1}\u{0B}\u{FFFE} and \u{2028}"

    static func slug(_ text: String) -> Slug {
        Slug(text) ?? Slug.make(from: text) ?? Slug("x").unsafelyUnwrappedForFixture
    }

    static func article(id: Int64, slug: String, headline: String, section: Section = world, published: String?,
                        updated: String? = nil, authors: [Author] = [ada], tags: [Tag] = [climate],
                        body: String = "<p>Body with <a href=\"/article/other\">a relative link</a> and <img src=\"media/chart.png\" alt=\"chart\"/>.</p>",
                        leadImage: LeadImage? = LeadImage(url: "/media/lead.jpg", alt: "A harbour at dawn", caption: "The harbour", credit: "Photo: C. Dee"),
                        status: ArticleStatus = .published) -> Article {
        let publishedAt = published.map(date)
        let updatedAt = updated.map(date) ?? publishedAt ?? now
        return Article(id: ArticleID(rawValue: id), slug: self.slug(slug), headline: headline, dek: "The dek of \(headline)",
                       bodyMarkdown: "", bodyHTML: body, section: section,
                       contributors: authors.map { Contributor(author: $0) }, tags: tags.map { ArticleTag(tag: $0, origin: .editor) },
                       status: status, publishedAt: publishedAt, createdAt: publishedAt ?? now, updatedAt: updatedAt,
                       leadImage: leadImage, externalID: nil)
    }

    static let articles: [Article] = [
        article(id: 3, slug: "hostile", headline: hostileHeadline, published: "2026-11-28T09:30:00Z", updated: "2026-11-28T10:00:00Z"),
        article(id: 2, slug: "markets-rally", headline: "Markets rally", section: business, published: "2026-11-27T08:00:00Z",
                authors: [ada, ben], tags: [], leadImage: nil),
        article(id: 1, slug: "draft-story", headline: "A draft", published: nil, status: .draft),
    ]

    static var channel: FeedChannel {
        FeedChannel(site: site, scope: .site, format: .rss, updated: date("2026-11-28T10:00:00Z"))
    }
}

extension Optional {
    /// Test fixtures are built from literals known to be valid.
    fileprivate var unsafelyUnwrappedForFixture: Wrapped {
        guard let value = self else { preconditionFailure("invalid fixture literal") }
        return value
    }
}

/// A parsed XML element: what the tests walk to check feeds and sitemaps.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLNode] = []
    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func text(_ name: String) -> String? { first(name)?.text }

    /// Parses `xml`; `nil` when it is not well-formed.
    static func parse(_ xml: String) -> XMLNode? {
        let builder = XMLTreeBuilder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }
}

private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let node = XMLNode(name: elementName, attributes: attributeDict)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
