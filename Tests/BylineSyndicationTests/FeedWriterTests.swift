import Foundation
import Testing
import BylineCore
@testable import BylineSyndication
import BylineRoutes

@Suite struct FeedWriterTests {
    let writer = FeedWriter(site: Fixtures.site)
    /// The hostile headline as a reader sees it: characters XML 1.0 forbids are gone, the rest is intact.
    let expectedHeadline = "Q&A: <script>alert(\"x\")</script> 'quotes'  and \u{2028}"

    @Test func rssParsesBackWithItemsAndFields() throws {
        let xml = writer.rss(channel: Fixtures.channel, articles: Fixtures.articles)
        let root = try #require(XMLNode.parse(xml), "RSS is not well-formed:\n\(xml)")
        #expect(root.name == "rss")
        #expect(root.attributes["version"] == "2.0")
        let channel = try #require(root.first("channel"))
        #expect(channel.text("title") == "The Byline Gazette")
        #expect(channel.text("link") == "https://news.example/")
        #expect(channel.text("language") == "en-GB")
        #expect(channel.text("lastBuildDate") == "Sat, 28 Nov 2026 10:00:00 +0000")
        let selfLink = try #require(channel.first("atom:link"))
        #expect(selfLink.attributes["rel"] == "self")
        #expect(selfLink.attributes["href"] == "https://news.example/feed.xml")
        #expect(channel.first("image")?.text("url") == "https://news.example/assets/logo.png")

        let items = channel.all("item")
        #expect(items.count == 2, "the draft is left out")
        let first = items[0]
        #expect(first.text("title") == expectedHeadline)
        #expect(first.text("link") == "https://news.example/article/hostile")
        #expect(first.text("guid") == "https://news.example/article/hostile")
        #expect(first.text("pubDate") == "Sat, 28 Nov 2026 09:30:00 +0000")
        #expect(first.all("dc:creator").map(\.text) == ["Ada Okafor"])
        #expect(first.all("category").map(\.text) == ["World", "Climate"])
        let content = try #require(first.text("content:encoded"))
        #expect(content.contains(#"<a href="https://news.example/article/other">"#))
        #expect(content.contains(#"<img src="https://news.example/article/media/chart.png""#))
        let media = try #require(first.first("media:content"))
        #expect(media.attributes["url"] == "https://news.example/media/lead.jpg")
        #expect(media.attributes["medium"] == "image")
        #expect(media.text("media:description") == "A harbour at dawn")
        #expect(media.text("media:credit") == "Photo: C. Dee")

        #expect(items[1].all("dc:creator").map(\.text) == ["Ada Okafor", "Ben Hale"])
        #expect(items[1].all("category").map(\.text) == ["Business & Money"])
        #expect(items[1].first("media:content") == nil)
        #expect(!xml.contains("<script>"), "markup in titles is escaped")
    }

    @Test func atomParsesBackWithEntries() throws {
        let channel = FeedChannel(site: Fixtures.site, scope: .section(Fixtures.world.slug), format: .atom, name: "World",
                                  updated: Fixtures.date("2026-11-28T10:00:00Z"))
        let xml = writer.atom(channel: channel, articles: Fixtures.articles)
        let root = try #require(XMLNode.parse(xml), "Atom is not well-formed:\n\(xml)")
        #expect(root.name == "feed")
        #expect(root.attributes["xmlns"] == nil || root.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(root.text("title") == "World – The Byline Gazette")
        #expect(root.text("id") == "https://news.example/section/world/feed.atom")
        #expect(root.text("updated") == "2026-11-28T10:00:00Z")
        let links = root.all("link")
        #expect(links.contains { $0.attributes["rel"] == "self" && $0.attributes["href"] == "https://news.example/section/world/feed.atom" })
        #expect(links.contains { $0.attributes["rel"] == "alternate" && $0.attributes["href"] == "https://news.example/section/world" })
        let entries = root.all("entry")
        #expect(entries.count == 2)
        let first = entries[0]
        #expect(first.text("title") == expectedHeadline)
        #expect(first.text("id") == "https://news.example/article/hostile")
        #expect(first.text("published") == "2026-11-28T09:30:00Z")
        #expect(first.text("updated") == "2026-11-28T10:00:00Z")
        #expect(first.first("author")?.text("name") == "Ada Okafor")
        #expect(first.first("author")?.text("uri") == "https://news.example/author/ada-okafor")
        #expect(first.all("category").map { $0.attributes["term"] ?? "" } == ["world", "climate"])
        #expect(first.first("content")?.attributes["type"] == "html")
        #expect(first.text("content")?.contains("https://news.example/article/other") == true)
        #expect(entries[1].first("author")?.text("name") == "Ada Okafor")
    }

    @Test func jsonFeedHasRequiredFields() throws {
        let channel = FeedChannel(site: Fixtures.site, scope: .site, format: .json, updated: Fixtures.now)
        let text = writer.jsonFeed(channel: channel, articles: Fixtures.articles)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(object["title"] as? String == "The Byline Gazette")
        #expect(object["home_page_url"] as? String == "https://news.example/")
        #expect(object["feed_url"] as? String == "https://news.example/feed.json")
        #expect(object["language"] as? String == "en-GB")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        for item in items {
            #expect(item["id"] is String, "JSON Feed requires an id on every item")
            #expect(item["content_html"] is String || item["content_text"] is String, "JSON Feed requires content")
            #expect((item["url"] as? String)?.hasPrefix("https://news.example/article/") == true)
            #expect(item["date_published"] is String)
        }
        #expect(items[0]["title"] as? String == expectedHeadline)
        #expect(items[0]["date_published"] as? String == "2026-11-28T09:30:00Z")
        #expect(items[0]["image"] as? String == "https://news.example/media/lead.jpg")
        let authors = try #require(items[1]["authors"] as? [[String: String]])
        #expect(authors.map { $0["name"] } == ["Ada Okafor", "Ben Hale"])
        #expect(items[0]["tags"] as? [String] == ["World", "Climate"])
    }

    @Test func emptyFeedsAreValid() throws {
        let channel = FeedChannel(site: Fixtures.site, scope: .tag(Fixtures.climate.slug), format: .json, name: "Climate", updated: Fixtures.now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(writer.jsonFeed(channel: channel, articles: []).utf8)) as? [String: Any])
        #expect((json["items"] as? [Any])?.isEmpty == true)
        #expect(XMLNode.parse(writer.rss(channel: channel, articles: [])) != nil)
        #expect(XMLNode.parse(writer.atom(channel: channel, articles: [])) != nil)
    }

    @Test func writeDispatchesOnFormat() {
        for format in FeedFormat.allCases {
            let text = writer.write(format, channel: Fixtures.channel, articles: Fixtures.articles)
            #expect(text.contains("https://news.example/article/markets-rally"))
        }
    }

    @Test func feedRoutesComeFromTheRouteTable() {
        #expect(SiteRoute.feed(.site, .rss).path == "/feed.xml")
        #expect(SiteRoute.feed(.author(Fixtures.ada.slug), .json).path == "/author/ada-okafor/feed.json")
        #expect(SiteRoute.feed(.entity(Fixtures.slug("angela-merkel")), .atom).path == "/entity/angela-merkel/feed.atom")
        let links = writer.discoveryLinks(scope: .section(Fixtures.world.slug), title: "World")
        #expect(links.map(\.type) == ["application/rss+xml", "application/atom+xml", "application/feed+json"])
        #expect(links[0].href == "https://news.example/section/world/feed.xml")
    }

    @Test func datesAreFormatted() {
        let date = Fixtures.date("2027-01-03T05:06:07Z")
        #expect(FeedDate.rfc822(date) == "Sun, 03 Jan 2027 05:06:07 +0000")
        #expect(FeedDate.rfc3339(date) == "2027-01-03T05:06:07Z")
    }

    @Test func escapingRemovesInvalidCharacters() {
        #expect(XMLText.escape("a<b>&\"'\u{0}\u{1}\u{FFFF}c") == "a&lt;b&gt;&amp;&quot;&apos;c")
    }

    @Test func relativeLinksAreResolved() {
        let html = ##"<p><a href="/x?a=1&amp;b=2">x</a><a href="https://other.example/">o</a><img src="pic.jpg"/><a href="#top">t</a></p>"##
        let out = LinkResolver.absolutizeLinks(in: html, base: "https://news.example/article/story")
        #expect(out == ##"<p><a href="https://news.example/x?a=1&amp;b=2">x</a><a href="https://other.example/">o</a><img src="https://news.example/article/pic.jpg"/><a href="https://news.example/article/story#top">t</a></p>"##)
    }
}
