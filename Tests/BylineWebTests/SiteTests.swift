import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineStore
import BylineWeb
import BylineNewsroom

/// A site on a memory store with a few known stories, tested through the real router.
struct SiteFixture {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)
    let services: BylineServices

    /// The fixture on a store of `kind` (a fresh temporary SQLite file for `.sqlite`).
    static func make(_ kind: StoreKind = .memory, trustedProxies: TrustedProxies = TrustedProxies()) async throws -> SiteFixture {
        var config = BylineConfig(storage: kind.storage, baseURL: "https://news.example", loadDemoWhenEmpty: false)
        config.trustedProxies = trustedProxies
        let services = try BylineServices.make(config: config)
        let s = services.stores.sections
        _ = try await s.ensureSection(slug: Slug("world")!, name: "World", summary: "News from everywhere.", position: 1)
        _ = try await s.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        func draft(_ headline: String, section: String = "world", tags: [String], authors: [ContributorInput], minutesAgo: Double,
                   status: ArticleStatus = .published, body: String = "A paragraph.") -> ArticleDraft {
            ArticleDraft(headline: headline, dek: "Dek of \(headline)", bodyMarkdown: body, section: Slug(section)!,
                         contributors: authors, tags: tags, status: status, publishedAt: now.addingTimeInterval(-minutesAgo * 60))
        }
        let w = services.writer
        _ = try await w.create(draft("Kazakhstan calls in allies", tags: ["Kazakhstan", "CSTO"],
                                     authors: [ContributorInput(name: "Ana Souza"), ContributorInput(name: "Li Wei"),
                                               ContributorInput(name: "Amara Okafor", role: "Additional reporting by")],
                                     minutesAgo: 10, body: "Troops <script>alert(1)</script> arrived. **Calm** returned."), now: now)
        _ = try await w.create(draft("Wire: markets steady", section: "business", tags: ["Markets"], authors: [], minutesAgo: 20), now: now)
        _ = try await w.create(draft("Tokayev thanks allies", tags: ["Kazakhstan"], authors: [ContributorInput(name: "Li Wei")],
                                     minutesAgo: 30), now: now)
        _ = try await w.create(draft("Unrelated world story", tags: ["Weather"], authors: [ContributorInput(name: "Ana Souza")],
                                     minutesAgo: 40), now: now)
        _ = try await w.create(draft("Secret draft", tags: ["Kazakhstan"], authors: [], minutesAgo: 5, status: .draft), now: now)
        _ = try await w.create(draft("Scheduled story", tags: ["Kazakhstan"], authors: [], minutesAgo: -60, status: .scheduled), now: now)
        for i in 0..<25 {
            _ = try await w.create(draft("Filler \(i)", section: "business", tags: ["Filler"], authors: [], minutesAgo: Double(100 + i)),
                                   now: now)
        }
        return SiteFixture(services: services)
    }

    func app() throws -> some ApplicationProtocol {
        Application(router: try buildRouter(services: services, clock: { Self.now }))
    }
}

/// The stores a web test runs on.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite
    var testDescription: String { rawValue }

    var storage: BylineConfig.Storage {
        switch self {
        case .memory: return .memory
        case .sqlite:
            return .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("byline-web-\(UUID().uuidString).db").path)
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

@Suite struct SiteTests {
    @Test func homeShowsLeadAndSectionsWithoutRepeats() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<main id=\"main\""))
            #expect(html.contains("Kazakhstan calls in allies"))
            #expect(html.components(separatedBy: ">Kazakhstan calls in allies</a>").count == 2, "lead story shown once")
            #expect(!html.contains("Secret draft"))
            #expect(!html.contains("Scheduled story"))
        }
    }

    @Test func articlePageHasBylineTagsTimeAndRelated() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<p class=\"kicker\"><a href=\"/section/world\">World</a></p>"))
            #expect(html.contains("By <a rel=\"author\" href=\"/author/ana-souza\">Ana Souza</a> and <a rel=\"author\" href=\"/author/li-wei\">Li Wei</a>"))
            #expect(html.contains("Additional reporting by <a rel=\"author\" href=\"/author/amara-okafor\">Amara Okafor</a>"))
            #expect(html.contains("<time datetime=\"2025-11-29T06:56:40Z\">"))
            // Tags are separate links; an editor tag that names a known entity links to the entity's page.
            #expect(html.contains("<li><a href=\"/entity/kazakhstan\" rel=\"tag\">Kazakhstan</a></li><li><a href=\"/tag/csto\" rel=\"tag\">CSTO</a></li>"))
            #expect(!html.contains("<script>alert"), "body is sanitised")
            #expect(html.contains("<strong>Calm</strong>"))
            let related = try #require(html.range(of: "You May Also Like")).upperBound
            let block = String(html[related...])
            #expect(block.contains("Tokayev thanks allies"))
            #expect(block.contains("Also about Kazakhstan"))
            #expect(!block.contains("href=\"/article/kazakhstan-calls-in-allies\""), "never the article itself")
            #expect(!block.contains("Secret draft"))
        }
    }

    @Test func articleWithoutAuthorsHasNoBylineElement() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/article/wire-markets-steady", method: .get).text
            #expect(!html.contains("class=\"byline\""))
            #expect(!html.contains(">By <"))
            #expect(html.contains("You May Also Like"), "related is never empty while other stories exist")
        }
    }

    @Test func draftsAndScheduledStoriesAreNotPublic() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let draft = try await client.execute(uri: "/article/secret-draft", method: .get)
            #expect(draft.status == .notFound)
            let scheduled = try await client.execute(uri: "/article/scheduled-story", method: .get)
            #expect(scheduled.status == .notFound)
        }
    }

    @Test func listPagesPaginate() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/section/business", method: .get)
            #expect(first.status == .ok)
            #expect(first.text.contains("rel=\"next\" href=\"/section/business?page=2\""))
            let second = try await client.execute(uri: "/section/business?page=2", method: .get)
            #expect(second.status == .ok)
            #expect(second.text.contains("rel=\"prev\" href=\"/section/business\""))
            #expect(try await client.execute(uri: "/section/business?page=3", method: .get).status == .notFound)
            let tag = try await client.execute(uri: "/tag/kazakhstan", method: .get)
            #expect(tag.status == .ok)
            #expect(tag.text.contains("Tokayev thanks allies"))
            #expect(!tag.text.contains("Secret draft"))
            let author = try await client.execute(uri: "/author/li-wei", method: .get)
            #expect(author.status == .ok)
            #expect(author.text.contains("Kazakhstan calls in allies") && author.text.contains("Tokayev thanks allies"))
        }
    }

    @Test(arguments: ["/nope", "/article/does-not-exist", "/article/Bad_Slug", "/section/nowhere", "/tag/", "/author/%00",
                      "/tag/no-such-tag", "/article/..%2F..%2Fetc%2Fpasswd"])
    func unknownPathsAre404Pages(path: String) async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Page not found"))
        }
    }

    @Test(arguments: ["/section/world?page=abc", "/section/world?page=0", "/section/world?page=-1", "/?page=1e3",
                      "/tag/kazakhstan?page=99999999999999999999", "/author/li-wei?page=1&page=2"])
    func badQueryParametersAre400(path: String) async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("page number"))
        }
    }

    @Test func matchingETagGives304() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.lastModified] != nil)
            #expect(first.headers[.cacheControl]?.contains("max-age") == true)
            let second = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get,
                                                  headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            let other = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get,
                                                 headers: [.ifNoneMatch: "\"something-else\""])
            #expect(other.status == .ok)
            let modified = try await client.execute(uri: "/", method: .get)
            let since = try #require(modified.headers[.lastModified])
            let notModified = try await client.execute(uri: "/", method: .get, headers: [.ifModifiedSince: since])
            #expect(notModified.status == .notModified)
        }
    }

    @Test func healthAndStylesheet() async throws {
        let app = try await SiteFixture.make().app()
        try await app.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == "ok\n")
            let css = try await client.execute(uri: "/assets/site.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func escapingInTextAndAttributes() async throws {
        let fixture = try await SiteFixture.make()
        _ = try await fixture.services.writer.create(
            ArticleDraft(headline: "Quotes \"and\" <tags> & 'apostrophes'", dek: "x\" onmouseover=\"alert(1)", bodyMarkdown: "Body",
                         section: Slug("world")!, tags: ["<b>bold</b>"], status: .published,
                         publishedAt: SiteFixture.now.addingTimeInterval(-1)),
            now: SiteFixture.now)
        try await fixture.app().test(.router) { client in
            let html = try await client.execute(uri: "/article/quotes-and-tags-apostrophes", method: .get).text
            #expect(html.contains("<h1 id=\"headline\">Quotes &quot;and&quot; &lt;tags&gt; &amp; &#39;apostrophes&#39;</h1>"))
            #expect(html.contains("content=\"x&quot; onmouseover=&quot;alert(1)\""))
            #expect(!html.contains("<b>bold</b>"))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))
        }
    }

    @Test func demoContentLoadsIntoAnEmptyStore() async throws {
        let app = try await buildApplication(config: BylineConfig(storage: .memory, loadDemoWhenEmpty: true))
        try await app.test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            for section in ["world", "business", "politics", "technology", "culture"] {
                #expect(home.text.contains("href=\"/section/\(section)\""))
                let page = try await client.execute(uri: "/section/\(section)", method: .get)
                #expect(page.status == .ok)
                #expect(page.text.components(separatedBy: "class=\"story\"").count > 4, "section \(section) has stories")
            }
        }
    }
}
