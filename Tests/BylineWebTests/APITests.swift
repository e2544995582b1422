import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import BylineCore
import BylineStore
import BylineWeb
import BylineNewsroom

/// The site fixture plus newsroom users and tokens: an admin token, a content key, and tokens acting as
/// an editor and two authors.
struct NewsroomFixture {
    static let now = SiteFixture.now
    static let password = "correct horse battery"
    let services: BylineServices
    let admin: String
    let content: String
    let editor: String
    let author: String
    let otherAuthor: String

    static func make(trustedProxies: TrustedProxies = TrustedProxies()) async throws -> NewsroomFixture {
        var services = try await SiteFixture.make(trustedProxies: trustedProxies).services
        services.newsroom.accounts.bcryptCost = 4
        let accounts = services.newsroom.accounts
        for (name, role) in [("edna", Role.editor), ("arlo", .author), ("ava", .author), ("root", .admin)] {
            _ = try await accounts.createUser(username: name, displayName: name.capitalized, role: role, password: password, actor: "test", now: now)
        }
        return NewsroomFixture(
            services: services,
            admin: try await accounts.createToken(name: "admin", scope: .admin, actor: "test", now: now).secret,
            content: try await accounts.createToken(name: "key", scope: .content, actor: "test", now: now).secret,
            editor: try await accounts.createToken(name: "edna", scope: .admin, username: "edna", actor: "test", now: now).secret,
            author: try await accounts.createToken(name: "arlo", scope: .admin, username: "arlo", actor: "test", now: now).secret,
            otherAuthor: try await accounts.createToken(name: "ava", scope: .admin, username: "ava", actor: "test", now: now).secret)
    }

    func app(clock: @escaping @Sendable () -> Date = { NewsroomFixture.now }) throws -> some ApplicationProtocol {
        Application(router: try buildRouter(services: services, clock: clock))
    }
}

func json(_ token: String? = nil, csrf: String? = nil, cookie: String? = nil) -> HTTPFields {
    var headers: HTTPFields = [.contentType: "application/json"]
    if let token { headers[.authorization] = "Bearer \(token)" }
    if let cookie { headers[.cookie] = cookie }
    if let csrf, let name = HTTPField.Name("X-CSRF-Token") { headers[name] = csrf }
    return headers
}

func body(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
}

func decodeObject(_ response: TestResponse) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
}

nonisolated(unsafe) let storyInput: [String: Any] = [
    "headline": "Council approves new tram line", "dek": "Work starts in spring.",
    "body": "The council voted **yes** on Tuesday.", "section": "world",
    "authors": [["name": "Arlo"]], "tags": ["Transport"],
]

@Suite struct APIRoleTests {
    @Test func anonymousWritesAre401AndContentKeysAre403() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(), body: body(storyInput))
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer realm=\"byline\"")
            let bad = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json("byl_nope"), body: body(storyInput))
            #expect(bad.status == .unauthorized)
            let content = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.content), body: body(storyInput))
            #expect(content.status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/1", method: .delete).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/1/publish", method: .post).status == .unauthorized)
        }
    }

    @Test func authorsWriteOwnDraftsOnlyAndCannotPublish() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.author), body: body(storyInput))
            #expect(created.status == .created)
            let article = decodeObject(created)
            #expect(article["status"] as? String == "draft")
            let id = try #require(article["id"] as? Int)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)/publish", method: .post, headers: json(f.author)).status == .forbidden)
            let schedule = try await client.execute(uri: "/api/v1/admin/articles/\(id)/schedule", method: .post, headers: json(f.author),
                                                    body: body(["publish_at": "2030-01-01T00:00:00Z"]))
            #expect(schedule.status == .forbidden)
            var edit = storyInput; edit["headline"] = "Council approves tram line"
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .put, headers: json(f.author), body: body(edit)).status == .ok)
            // Another author may not edit or delete it; an editor may.
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .put, headers: json(f.otherAuthor), body: body(edit)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .delete, headers: json(f.otherAuthor)).status == .forbidden)
            // An author cannot edit an article someone else (or an import) created. (Look its id up: the memory store
            // shares one id sequence between sections, tags, authors and articles, so id 1 is not an article.)
            let imported = try #require(try await f.services.stores.articles.article(slug: Slug("kazakhstan-calls-in-allies")!))
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(imported.id.rawValue)", method: .put, headers: json(f.author),
                                             body: body(edit)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)/submit", method: .post, headers: json(f.author)).status == .ok)
            let published = try await client.execute(uri: "/api/v1/admin/articles/\(id)/publish", method: .post, headers: json(f.editor))
            #expect(published.status == .ok)
            #expect(decodeObject(published)["status"] as? String == "published")
            // Once published, the author can no longer change it.
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .put, headers: json(f.author), body: body(edit)).status == .forbidden)
            let public_ = try await client.execute(uri: "/api/v1/articles/council-approves-new-tram-line", method: .get)
            #expect(public_.status == .ok)
            #expect(decodeObject(public_)["headline"] as? String == "Council approves tram line")
            #expect(decodeObject(public_)["body_markdown"] == nil, "the Content API does not expose Markdown")
            // Authors cannot manage sections or read the audit log; editors manage sections; only admins read the log.
            let section: [String: Any] = ["slug": "science", "name": "Science"]
            #expect(try await client.execute(uri: "/api/v1/admin/sections", method: .post, headers: json(f.author), body: body(section)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/admin/sections", method: .post, headers: json(f.editor), body: body(section)).status == .created)
            #expect(try await client.execute(uri: "/api/v1/admin/sections", method: .post, headers: json(f.editor), body: body(section)).status == .conflict)
            #expect(try await client.execute(uri: "/api/v1/admin/audit", method: .get, headers: json(f.editor)).status == .forbidden)
            let audit = try await client.execute(uri: "/api/v1/admin/audit", method: .get, headers: json(f.admin))
            let actions = (decodeObject(audit)["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(Array(actions.prefix(3)) == ["section.create", "article.publish", "article.submit"])
        }
    }

    @Test func sessionCookieWritesNeedTheCSRFHeader() async throws {
        let f = try await NewsroomFixture.make()
        let editor = try #require(try await f.services.newsroom.publishing.users.user(username: "edna"))
        let (cookie, session) = try await f.services.newsroom.accounts.startSession(for: editor, now: NewsroomFixture.now)
        try await f.app().test(.router) { client in
            let without = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                                                   headers: json(cookie: "byline_session=\(cookie)"), body: body(storyInput))
            #expect(without.status == .forbidden)
            let with = try await client.execute(uri: "/api/v1/admin/articles", method: .post,
                                                headers: json(csrf: session.csrfToken, cookie: "byline_session=\(cookie)"), body: body(storyInput))
            #expect(with.status == .created)
        }
    }
}

@Suite struct APIValidationTests {
    @Test func invalidFieldsAre422WithFieldMessages() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            var input = storyInput; input["headline"] = "   "
            let empty = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(input))
            #expect(empty.status == .unprocessableContent)
            let issues = (decodeObject(empty)["error"] as? [String: Any])?["issues"] as? [[String: String]]
            #expect(issues == [["field": "headline", "message": "must not be empty"]])

            var unknown = storyInput; unknown["status"] = "published"; unknown["authors"] = [["name": "A", "email": "a@example.com"]]
            let extra = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(unknown))
            #expect(extra.status == .unprocessableContent)
            #expect(extra.text.contains("\"field\":\"status\""))
            #expect(extra.text.contains("\"field\":\"authors[0].email\""))

            var badSlug = storyInput; badSlug["slug"] = "Not A Slug"
            let slug = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(badSlug))
            #expect(slug.status == .unprocessableContent)
            #expect(slug.text.contains("\"field\":\"slug\""))

            var noSection = storyInput; noSection["section"] = "nowhere"
            let section = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(noSection))
            #expect(section.status == .unprocessableContent)
            #expect(section.text.contains("\"field\":\"section\""))

            var missing = storyInput; missing["body"] = nil
            let required = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(missing))
            #expect(required.text.contains("\"field\":\"body\",\"message\":\"is required\""))

            let past = try await client.execute(uri: "/api/v1/admin/articles/1/schedule", method: .post, headers: json(f.admin),
                                                body: body(["publish_at": "2001-01-01T00:00:00Z"]))
            #expect(past.status == .unprocessableContent)
            #expect(past.text.contains("publish_at"))
        }
    }

    @Test(arguments: ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"])
    func leadImageURLsOtherThanHTTPAre422OnCreateAndUpdate(url: String) async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            var input = storyInput; input["lead_image"] = ["url": url, "alt": "x"]
            let created = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(input))
            #expect(created.status == .unprocessableContent)
            #expect(created.text.contains("\"field\":\"lead_image.url\""))
            var good = storyInput; good["lead_image"] = ["url": "https://example.com/tram.jpg", "alt": "A tram"]
            let ok = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(good))
            #expect(ok.status == .created)
            let id = try #require(decodeObject(ok)["id"] as? Int)
            let updated = try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .put, headers: json(f.admin), body: body(input))
            #expect(updated.status == .unprocessableContent)
            #expect(updated.text.contains("lead_image.url"))
            let stored = try await f.services.stores.articles.article(id: ArticleID(rawValue: Int64(id)))
            #expect(stored?.leadImage?.url == "https://example.com/tram.jpg")
        }
    }

    @Test func largeBodiesAre413AndOtherMediaTypes415() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            var input = storyInput; input["body"] = String(repeating: "a", count: 1_100_000)
            let large = try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.admin), body: body(input))
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("body_too_large"))
            var headers = json(f.admin); headers[.contentType] = "text/plain"
            #expect(try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: headers, body: body(storyInput)).status == .unsupportedMediaType)
        }
    }
}

@Suite struct ContentAPITests {
    @Test func cursorsWalkEveryPublicArticleOnceInOrder() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let all = decodeObject(try await client.execute(uri: "/api/v1/articles?limit=100", method: .get))["articles"] as? [[String: Any]] ?? []
            #expect(all.count == 29, "25 fillers and 4 stories; no draft or scheduled one")
            var seen: [Int] = []
            var uri = "/api/v1/articles?limit=7"
            for _ in 0..<10 {
                let page = decodeObject(try await client.execute(uri: uri, method: .get))
                seen += (page["articles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                guard let next = page["next_cursor"] as? String else { break }
                uri = "/api/v1/articles?limit=7&cursor=\(next)"
            }
            #expect(seen == all.compactMap { $0["id"] as? Int })
            #expect(try await client.execute(uri: "/api/v1/articles?cursor=zzz", method: .get).status == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/articles?limit=0", method: .get).status == .badRequest)
        }
    }

    @Test func filtersBySectionTagAuthorAndDate() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            func headlines(_ query: String) async throws -> [String] {
                let page = decodeObject(try await client.execute(uri: "/api/v1/articles?\(query)", method: .get))
                return (page["articles"] as? [[String: Any]] ?? []).compactMap { $0["headline"] as? String }
            }
            let world = try await headlines("section=world")
            #expect(world == ["Kazakhstan calls in allies", "Tokayev thanks allies", "Unrelated world story"])
            #expect(try await headlines("tag=kazakhstan") == ["Kazakhstan calls in allies", "Tokayev thanks allies"])
            #expect(try await headlines("author=li-wei") == ["Kazakhstan calls in allies", "Tokayev thanks allies"])
            #expect(try await headlines("section=nowhere").isEmpty)
            // 2025-11-29T07:06:40Z is "now" (1_764_400_000); the world stories are 10, 30 and 40 minutes old
            // (06:56:40, 06:36:40, 06:26:40). published_after is inclusive, published_before exclusive.
            #expect(try await headlines("section=world&published_after=2025-11-29T06:30:00Z&published_before=2025-11-29T07:00:00Z")
                    == ["Kazakhstan calls in allies", "Tokayev thanks allies"])
            #expect(try await headlines("section=world&published_after=2025-11-29T06:36:40Z&published_before=2025-11-29T06:56:40Z")
                    == ["Tokayev thanks allies"])
            #expect(try await client.execute(uri: "/api/v1/articles?published_after=yesterday", method: .get).status == .badRequest)
        }
    }

    @Test func articlesByIdOrSlugTaxonomiesAndKeys() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let bySlug = try await client.execute(uri: "/api/v1/articles/kazakhstan-calls-in-allies", method: .get)
            #expect(bySlug.status == .ok)
            let id = try #require(decodeObject(bySlug)["id"] as? Int)
            #expect(decodeObject(try await client.execute(uri: "/api/v1/articles/\(id)", method: .get))["slug"] as? String == "kazakhstan-calls-in-allies")
            #expect(try await client.execute(uri: "/api/v1/articles/secret-draft", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/articles/scheduled-story", method: .get).status == .notFound)
            let sections = decodeObject(try await client.execute(uri: "/api/v1/sections", method: .get))["sections"] as? [[String: Any]]
            #expect(sections?.compactMap { $0["slug"] as? String } == ["world", "business"])
            #expect(try await client.execute(uri: "/api/v1/tags", method: .get).text.contains("\"slug\":\"kazakhstan\""))
            #expect(try await client.execute(uri: "/api/v1/authors", method: .get).text.contains("\"name\":\"Li Wei\""))
            // Content keys are optional, but a key that is sent must be valid and not revoked.
            #expect(try await client.execute(uri: "/api/v1/sections", method: .get, headers: json(f.content)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/sections", method: .get, headers: json("byl_wrong")).status == .unauthorized)
            let token = try #require(try await f.services.newsroom.publishing.tokens.tokens().first { $0.name == "key" })
            try await f.services.newsroom.publishing.tokens.revokeToken(token.id, now: NewsroomFixture.now)
            #expect(try await client.execute(uri: "/api/v1/sections", method: .get, headers: json(f.content)).status == .unauthorized)
        }
    }

    @Test func openAPIDocumentIsServed() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = decodeObject(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as? [String: Any] ?? [:]
            for path in ["/api/v1/articles", "/api/v1/articles/{ref}", "/api/v1/sections", "/api/v1/tags", "/api/v1/authors",
                         "/api/v1/admin/articles", "/api/v1/admin/articles/{id}", "/api/v1/admin/articles/{id}/publish"] {
                #expect(paths[path] != nil, "\(path) documented")
            }
        }
    }
}
