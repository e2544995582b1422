import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineCore
import BylineStore
import BylineWeb
import BylineNewsroom

/// A site with stories written for the search tests, on the memory or SQLite store, tested through the router.
struct SearchFixture {
    static let now = Date(timeIntervalSince1970: 1_764_400_000)
    let services: BylineServices

    static func make(sqlite: Bool = false) async throws -> SearchFixture {
        let storage: BylineConfig.Storage = sqlite
            ? .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("byline-search-\(UUID().uuidString).db").path)
            : .memory
        let services = try BylineServices.make(config: BylineConfig(storage: storage, baseURL: "https://news.example", loadDemoWhenEmpty: false))
        let s = services.stores.sections
        _ = try await s.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        _ = try await s.ensureSection(slug: Slug("business")!, name: "Business", summary: "", position: 2)
        func add(_ headline: String, _ body: String, section: String = "world", tags: [String] = [], authors: [String] = [],
                 daysAgo: Double, status: ArticleStatus = .published) async throws {
            _ = try await services.writer.create(ArticleDraft(
                headline: headline, bodyMarkdown: body, section: Slug(section)!, contributors: authors.map { ContributorInput(name: $0) },
                tags: tags, status: status, publishedAt: now.addingTimeInterval(-daysAgo * 86_400)), now: now)
        }
        try await add("Lukashenko meets Tokayev in Minsk", "The two presidents discussed grain and gas.", tags: ["Belarus"],
                      authors: ["Ana Souza"], daysAgo: 1)
        try await add("Grain prices climb", "Traders said <script>alert('x')</script> the Lukashenko talks & \"grain deal\" mattered.",
                      section: "business", tags: ["Markets"], authors: ["Li Wei"], daysAgo: 2)
        for i in 0..<12 {
            try await add("Lukashenko statement \(i)", "A statement from Minsk about grain.", tags: ["Belarus"], daysAgo: Double(10 + i))
        }
        try await add("Embargoed grain plan", "Not yet public: Zhvanetsky grain.", daysAgo: 0, status: .draft)
        return SearchFixture(services: services)
    }

    func app() throws -> some ApplicationProtocol {
        Application(router: try buildRouter(services: services, clock: { Self.now }))
    }
}

private struct APIResponse: Decodable {
    struct Result: Decodable {
        var headline: String
        var url: String
        var snippet: String
        var section: Named
        var publishedAt: String?
        var score: Double
    }
    struct Named: Decodable { var slug: String; var name: String }
    struct Facet: Decodable { var slug: String; var name: String; var count: Int }
    struct Facets: Decodable { var sections: [Facet]; var tags: [Facet]; var authors: [Facet] }
    struct Suggestion: Decodable { var query: String; var url: String }
    var query: String
    var total: Int
    var page: Int
    var pageSize: Int
    var pageCount: Int
    var results: [Result]
    var facets: Facets
    var suggestion: Suggestion?
    var showingSuggestion: Bool
    var notices: [String]
}

private func decode(_ response: TestResponse) throws -> APIResponse {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(APIResponse.self, from: Data(buffer: response.body))
}

@Suite struct SearchTests {
    @Test(arguments: [false, true])
    func apiReturnsResultsFacetsTotalAndSuggestionShape(sqlite: Bool) async throws {
        let app = try await SearchFixture.make(sqlite: sqlite).app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/search?q=grain", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try decode(response)
            #expect(body.total == 14, "the draft is never found")
            #expect(body.results.count == 10)
            #expect(body.pageCount == 2)
            #expect(body.results.allSatisfy { $0.url.hasPrefix("https://news.example/article/") && $0.score > 0 && $0.publishedAt != nil })
            #expect(body.results.first?.headline == "Grain prices climb", "a headline match comes first")
            #expect(body.facets.sections.map { "\($0.slug)=\($0.count)" } == ["world=13", "business=1"])
            #expect(body.facets.tags.first.map { "\($0.name)=\($0.count)" } == "Belarus=13")
            #expect(body.facets.authors.map(\.name).sorted() == ["Ana Souza", "Li Wei"])
            #expect(body.suggestion == nil)

            let raw = try #require(String(data: Data(buffer: response.body), encoding: .utf8))
            for key in ["\"headline\"", "\"url\"", "\"snippet\"", "\"section\"", "\"published_at\"", "\"score\"", "\"facets\"",
                        "\"total\"", "\"suggestion\""] {
                #expect(raw.contains(key), "JSON has \(key)")
            }

            // Without facets: the same page and total, and `"facets":null`.
            let lean = try await client.execute(uri: "/api/v1/search?q=grain&facets=false", method: .get)
            let leanText = try #require(String(data: Data(buffer: lean.body), encoding: .utf8))
            #expect(leanText.contains("\"facets\":null"))
            let withFacets = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let without = try JSONSerialization.jsonObject(with: Data(buffer: lean.body)) as? [String: Any]
            #expect((without?["total"] as? Int) == 14)
            #expect((without?["results"] as? [[String: Any]])?.compactMap { $0["url"] as? String }
                    == (withFacets?["results"] as? [[String: Any]])?.compactMap { $0["url"] as? String })
            for bad in ["facets=maybe", "facets=true&facets=false"] {
                let answer = try await client.execute(uri: "/api/v1/search?q=grain&\(bad)", method: .get)
                #expect(answer.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test(arguments: [false, true])
    func filtersSortAndPagesThroughTheAPI(sqlite: Bool) async throws {
        let app = try await SearchFixture.make(sqlite: sqlite).app()
        try await app.test(.router) { client in
            let business = try decode(try await client.execute(uri: "/api/v1/search?q=grain&section=business", method: .get))
            #expect(business.results.map(\.headline) == ["Grain prices climb"])
            let byAuthor = try decode(try await client.execute(uri: "/api/v1/search?q=grain&author=ana-souza", method: .get))
            #expect(byAuthor.results.map(\.headline) == ["Lukashenko meets Tokayev in Minsk"])
            let byTag = try decode(try await client.execute(uri: "/api/v1/search?q=grain&tag=markets", method: .get))
            #expect(byTag.total == 1)
            // 2025-11-29 is 1,764,400,000 s; the first two stories are 1 and 2 days older.
            let window = try decode(try await client.execute(uri: "/api/v1/search?q=grain&from=2025-11-26&to=2025-11-28&sort=date", method: .get))
            #expect(window.results.map(\.headline) == ["Lukashenko meets Tokayev in Minsk", "Grain prices climb"])
            let byDate = try decode(try await client.execute(uri: "/api/v1/search?q=grain&sort=date&page=2", method: .get))
            #expect(byDate.page == 2)
            #expect(byDate.results.map(\.headline) == ["Lukashenko statement 8", "Lukashenko statement 9", "Lukashenko statement 10", "Lukashenko statement 11"])
        }
    }

    @Test(arguments: [false, true])
    func typoGetsDidYouMean(sqlite: Bool) async throws {
        let app = try await SearchFixture.make(sqlite: sqlite).app()
        try await app.test(.router) { client in
            let api = try decode(try await client.execute(uri: "/api/v1/search?q=Lukachenko", method: .get))
            #expect(api.showingSuggestion)
            #expect(api.suggestion?.query == "lukashenko")
            #expect(api.total == 14)
            let page = try await client.execute(uri: "/search?q=Lukachenko&section=world", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Showing results for <a href=\"/search?q=lukashenko&amp;section=world\">lukashenko</a>"))
            let draftOnly = try decode(try await client.execute(uri: "/api/v1/search?q=zhvanetsky", method: .get))
            #expect(draftOnly.total == 0 && draftOnly.suggestion == nil)
        }
    }

    @Test func pageShowsFormFacetsSnippetsAndEscapes() async throws {
        let app = try await SearchFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/search?q=lukashenko+talks", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<form class=\"search-form\" role=\"search\" action=\"/search\""))
            #expect(html.contains("<label for=\"search-q\">"))
            #expect(html.contains("value=\"lukashenko talks\""))
            #expect(html.contains("1 result"))
            #expect(html.contains("<mark>Lukashenko</mark> <mark>talks</mark>"))
            #expect(html.contains("&lt;script&gt;") || !html.contains("alert"), "the script from the body never comes back as markup")
            #expect(!html.contains("<script>"))
            #expect(html.contains("&amp;"))
            #expect(html.contains("<meta name=\"robots\" content=\"noindex, follow\">"))

            let grain = try await client.execute(uri: "/search?q=grain", method: .get).text
            #expect(grain.contains("<a href=\"/search?q=grain&amp;section=business\">Business</a> <span class=\"count\">(1)</span>"))
            #expect(grain.contains("rel=\"next\" href=\"/search?q=grain&amp;page=2\""))
            // Results come first in reading order; the facets follow (beside them on wide screens).
            let results = try #require(grain.range(of: "class=\"search-results\""))
            let facets = try #require(grain.range(of: "class=\"facets\""))
            #expect(results.lowerBound < facets.lowerBound)
            let nothing = try await client.execute(uri: "/search?q=xylophone", method: .get).text
            #expect(nothing.contains("No stories matched") && !nothing.contains("class=\"facets\""), "no empty facet box")
        }
    }

    @Test func snippetsEscapeHTMLFromTheArticleText() async throws {
        let fixture = try await SearchFixture.make()
        _ = try await fixture.services.writer.create(ArticleDraft(
            headline: "Escaping test", bodyMarkdown: "Text with `<img src=x onerror=alert(1)>` and 5 < 6 > 4 & \"pelican\".",
            section: Slug("world")!, status: .published, publishedAt: SearchFixture.now.addingTimeInterval(-60)), now: SearchFixture.now)
        try await fixture.app().test(.router) { client in
            let html = try await client.execute(uri: "/search?q=pelican", method: .get).text
            #expect(!html.contains("<img"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(html.contains("<mark>pelican</mark>"))
            let api = try decode(try await client.execute(uri: "/api/v1/search?q=pelican", method: .get))
            let snippet = try #require(api.results.first?.snippet)
            #expect(!snippet.contains("<img"))
            #expect(snippet.contains("&lt;img"))
            #expect(snippet.contains("<mark>pelican</mark>"))
        }
    }

    @Test func everyPageHasTheMastheadSearchForm() async throws {
        let app = try await SearchFixture.make().app()
        try await app.test(.router) { client in
            for path in ["/", "/section/world", "/search", "/no-such-page"] {
                let html = try await client.execute(uri: path, method: .get).text
                #expect(html.contains("<form class=\"masthead-search\" role=\"search\" action=\"/search\" method=\"get\"><label for=\"masthead-q\">Search</label>"), "\(path)")
            }
            let empty = try await client.execute(uri: "/search", method: .get)
            #expect(empty.status == .ok)
        }
    }

    @Test(arguments: [
        "/search?q=grain&page=0", "/search?q=grain&page=x", "/search?q=grain&sort=best", "/search?q=grain&from=2025-13-01",
        "/search?q=grain&from=yesterday", "/search?q=grain&to=2025-02-30", "/search?q=grain&from=2025-11-28&to=2025-11-01",
        "/search?q=grain&section=nowhere", "/search?q=grain&tag=Not%20A%20Slug", "/search?q=grain&author=nobody",
        "/search?q=a&q=b", "/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=grain&sort=",
        "/api/v1/search?q=grain&sort=date&sort=relevance", "/search?from=not-a-date", "/search?to=2025-02-30",
        "/api/v1/search?q=grain&from=not-a-date",
    ])
    func badParametersAre400(uri: String) async throws {
        let app = try await SearchFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            if uri.hasSuffix("sort=") {
                #expect(response.status == .ok, "an empty sort means the default")
            } else {
                #expect(response.status == .badRequest, "\(uri)")
            }
        }
    }

    @Test(arguments: ["/search?from=not-a-date", "/search?q=grain&from=not-a-date", "/api/v1/search?q=grain&from=not-a-date"])
    func aBadDateNamesTheParameterAndTheFormat(uri: String) async throws {
        let app = try await SearchFixture.make().app()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            let text = String(buffer: response.body)
            #expect(text.contains("The from parameter must be a date written YYYY-MM-DD"), "\(text.prefix(300))")
            #expect(text.contains("not-a-date"))
        }
    }

    @Test(arguments: [false, true])
    func hostileQueriesNeverFail(sqlite: Bool) async throws {
        let app = try await SearchFixture.make(sqlite: sqlite).app()
        let hostile = [
            "\"", "\"\"\"", "OR", "AND", "NOT", "-", "*", "-*", "\"grain", "grain\"", "NEAR(grain minsk)", "grain OR", "OR OR OR",
            "{grain}", "grain:minsk", "headline:grain", "^grain", "grain -", "--grain", "-\"\"", "\u{0000}", "%00", "'; DROP TABLE article; --",
            "\u{E000}grain\u{E001}", "e\u{0301}", String(repeating: "\u{0301}", count: 300), "🙂", "\u{202E}", "日本", "grain*", "g*",
            String(repeating: "grain ", count: 2_000), String(repeating: "a", count: 10_000), String(repeating: "\"x ", count: 500),
            (1...200).map { "w\($0)" }.joined(separator: " OR "), "-grain", "x OR -y",
        ]
        try await app.test(.router) { client in
            for query in hostile {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                for path in ["/search", "/api/v1/search"] {
                    let response = try await client.execute(uri: "\(path)?q=\(encoded)", method: .get)
                    #expect([.ok, .badRequest].contains(response.status), "\(path) \(query.prefix(40).debugDescription): \(response.status)")
                }
            }
            let long = try decode(try await client.execute(uri: "/api/v1/search?q=" + String(repeating: "grain%20", count: 2_000), method: .get))
            #expect(long.total == 14)
            #expect(!long.notices.isEmpty)
        }
    }
}
