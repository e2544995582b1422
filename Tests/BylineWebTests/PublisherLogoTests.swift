import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineWeb
import BylineNewsroom

/// The publisher's name and logo in JSON-LD: configurable, and by default a logo the site itself serves.
@Suite struct PublisherLogoTests {
    static func app(publisherName: String? = nil, publisherLogo: String? = nil) async throws -> some ApplicationProtocol {
        var config = BylineConfig(storage: .memory, baseURL: "https://news.example", siteName: "The Byline Gazette",
                                  loadDemoWhenEmpty: false)
        config.autoTagging = false
        config.publisherName = publisherName
        config.publisherLogo = publisherLogo
        let services = try BylineServices.make(config: config)
        _ = try await services.stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        _ = try await services.writer.create(ArticleDraft(headline: "Harbour reopens", bodyMarkdown: "Boats are back.",
                                                          section: Slug("world")!, status: .published,
                                                          publishedAt: SiteFixture.now.addingTimeInterval(-600)),
                                             now: SiteFixture.now)
        return Application(router: try buildRouter(services: services, clock: { SiteFixture.now }))
    }

    /// `publisher` of the article page's NewsArticle.
    static func publisher(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let html = try await client.execute(uri: "/article/harbour-reopens", method: .get).text
        let article = try #require(try SyndicationRouteTests.jsonLD(html).first { $0["@type"] as? String == "NewsArticle" })
        return try #require(article["publisher"] as? [String: Any])
    }

    @Test func defaultLogoIsServedAndNamedInStructuredData() async throws {
        try await Self.app().test(.router) { client in
            let publisher = try await Self.publisher(client)
            #expect(publisher["@type"] as? String == "Organization")
            #expect(publisher["name"] as? String == "The Byline Gazette")
            let logo = try #require(publisher["logo"] as? [String: Any])
            #expect(logo["url"] as? String == "https://news.example/assets/logo.png")

            // The URL the JSON-LD names answers with a real PNG.
            let response = try await client.execute(uri: "/assets/logo.png", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/png")
            let bytes = [UInt8](buffer: response.body)
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect((width, height) == (600, 60))
            #expect(bytes.suffix(8).starts(with: Array("IEND".utf8)))
            #expect(response.headers[.eTag] != nil)
        }
    }

    @Test func configuredNameAndLogoAreUsed() async throws {
        try await Self.app(publisherName: "Gazette Media Ltd", publisherLogo: "https://cdn.example/logo-600x60.png").test(.router) { client in
            let publisher = try await Self.publisher(client)
            #expect(publisher["name"] as? String == "Gazette Media Ltd")
            #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://cdn.example/logo-600x60.png")
        }
        try await Self.app(publisherLogo: "/media/logo.png").test(.router) { client in
            let publisher = try await Self.publisher(client)
            #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://news.example/media/logo.png")
        }
    }

    @Test func logoSettingsAreChecked() {
        #expect(BylineConfig.isValidLogo("https://cdn.example/logo.png"))
        #expect(BylineConfig.isValidLogo("/media/logo.png"))
        #expect(!BylineConfig.isValidLogo("logo.png"))
        #expect(!BylineConfig.isValidLogo("//cdn.example/logo.png"))
        #expect(!BylineConfig.isValidLogo("javascript:alert(1)"))
        #expect(!BylineConfig.isValidLogo("ftp://cdn.example/logo.png"))
    }
}
