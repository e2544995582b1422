import Foundation
import Testing
import BylineCore
@testable import BylineSyndication

@Suite struct StructuredDataTests {
    let data = StructuredData(site: Fixtures.site)

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func newsArticleHasTheFieldsGoogleReads() throws {
        let article = Fixtures.articles[0]
        let text = data.newsArticle(
            article,
            about: [EntityReference(name: "Port of Rotterdam", type: "Place", wikidataID: "Q1138424", path: .entity(Fixtures.slug("port-of-rotterdam")))],
            mentions: [EntityReference(name: "Someone", type: "Person", wikidataID: "not-an-id")],
            corrections: [ArticleCorrection(date: Fixtures.date("2026-11-28T11:00:00Z"), text: "An earlier version misnamed the port.")],
            isAccessibleForFree: false)
        let json = try object(text)
        #expect(json["@context"] as? String == "https://schema.org")
        #expect(json["@type"] as? String == "NewsArticle")
        #expect(json["headline"] as? String == Fixtures.hostileHeadline)
        #expect(json["datePublished"] as? String == "2026-11-28T09:30:00Z")
        #expect(json["dateModified"] as? String == "2026-11-28T10:00:00Z")
        #expect(json["url"] as? String == "https://news.example/article/hostile")
        let authors = try #require(json["author"] as? [[String: Any]])
        #expect(authors.first?["@type"] as? String == "Person")
        #expect(authors.first?["name"] as? String == "Ada Okafor")
        #expect(authors.first?["url"] as? String == "https://news.example/author/ada-okafor")
        let publisher = try #require(json["publisher"] as? [String: Any])
        #expect(publisher["@type"] as? String == "Organization")
        #expect(publisher["name"] as? String == "The Byline Gazette")
        #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://news.example/assets/logo.png")
        #expect((json["image"] as? [String: Any])?["url"] as? String == "https://news.example/media/lead.jpg")
        #expect(json["articleSection"] as? String == "World")
        #expect(json["keywords"] as? [String] == ["Climate"])
        #expect(json["isAccessibleForFree"] as? Bool == false)
        let about = try #require(json["about"] as? [[String: Any]])
        #expect(about.first?["sameAs"] as? String == "https://www.wikidata.org/wiki/Q1138424")
        #expect(about.first?["@type"] as? String == "Place")
        #expect(about.first?["url"] as? String == "https://news.example/entity/port-of-rotterdam")
        let mentions = try #require(json["mentions"] as? [[String: Any]])
        #expect(mentions.first?["sameAs"] == nil, "an id that is not a Wikidata id is left out")
        let correction = try #require(json["correction"] as? [String: Any])
        #expect(correction["@type"] as? String == "CorrectionComment")
        #expect(correction["datePublished"] as? String == "2026-11-28T11:00:00Z")
    }

    @Test func jsonLDIsSafeInsideAScriptElement() throws {
        var article = Fixtures.articles[0]
        article.headline = "</script><script>alert(1)</script> & \u{2028}\u{2029}"
        let text = data.newsArticle(article)
        #expect(!text.contains("<"))
        #expect(!text.contains(">"))
        #expect(!text.contains("&"))
        #expect(!text.contains("\u{2028}") && !text.contains("\u{2029}"))
        #expect(text.contains(#"\u003c/script\u003e"#))
        #expect(try object(text)["headline"] as? String == article.headline)
    }

    @Test func optionalPartsAreLeftOut() throws {
        let json = try object(data.newsArticle(Fixtures.articles[1]))
        #expect(json["image"] == nil)
        #expect(json["about"] == nil)
        #expect(json["correction"] == nil)
        #expect(json["keywords"] == nil)
        #expect(json["isAccessibleForFree"] as? Bool == true)
        #expect((json["author"] as? [Any])?.count == 2)
    }

    @Test func longHeadlinesAreCut() {
        let long = String(repeating: "word ", count: 40)
        let cut = StructuredData.truncated(long, to: 110)
        #expect(cut.count <= 110)
        #expect(cut.hasSuffix("…"))
    }

    @Test func breadcrumbList() throws {
        let article = Fixtures.articles[1]
        let json = try object(data.breadcrumbList(data.breadcrumbs(for: article)))
        #expect(json["@type"] as? String == "BreadcrumbList")
        let items = try #require(json["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["item"] as? String } == ["https://news.example/", "https://news.example/section/business", "https://news.example/article/markets-rally"])
        #expect(items[1]["name"] as? String == "Business & Money")
    }

    @Test func metaTagsForAnArticle() {
        let tags = data.metaTags(for: Fixtures.articles[0])
        func value(_ property: String) -> [String] { tags.filter { $0.property == property }.map(\.content) }
        #expect(value("og:type") == ["article"])
        #expect(value("og:title") == [Fixtures.hostileHeadline])
        #expect(value("og:url") == ["https://news.example/article/hostile"])
        #expect(value("og:image") == ["https://news.example/media/lead.jpg"])
        #expect(value("og:locale") == ["en_GB"])
        #expect(value("article:published_time") == ["2026-11-28T09:30:00Z"])
        #expect(value("article:author") == ["https://news.example/author/ada-okafor"])
        #expect(value("article:tag") == ["Climate"])
        #expect(value("twitter:card") == ["summary_large_image"])
        #expect(value("twitter:site") == ["@bylinegazette"])
        #expect(tags.first { $0.property == "twitter:card" }?.attributeName == "name")
        #expect(tags.first { $0.property == "og:title" }?.attributeName == "property")
        let listTags = data.metaTags(title: "World", description: "", path: .section(Fixtures.world.slug))
        #expect(listTags.contains(MetaTag(property: "og:url", content: "https://news.example/section/world")))
    }
}
