import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import BylineCore
import BylineStore
import BylineWeb

/// The value of `name="csrf" value="…"` in a page.
func csrfField(_ html: String) -> String? {
    guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
    let rest = html[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// `name=value` of a cookie set by a response.
func setCookie(_ response: TestResponse, _ name: String) -> String? {
    response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }?.split(separator: ";").first.map(String.init)
}

func form(_ fields: [(String, String)], cookie: String? = nil) -> (HTTPFields, ByteBuffer) {
    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    if let cookie { headers[.cookie] = cookie }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    return (headers, ByteBuffer(string: text))
}

/// Signs in through the login form; returns the session cookie and the page's CSRF token.
func signIn(_ client: some TestClientProtocol, _ username: String, _ password: String = NewsroomFixture.password) async throws -> (cookie: String, csrf: String)? {
    let page = try await client.execute(uri: "/admin/login", method: .get)
    guard let loginCookie = setCookie(page, "byline_login_csrf"), let token = csrfField(page.text) else { return nil }
    let (headers, body) = form([("csrf", token), ("username", username), ("password", password)], cookie: loginCookie)
    let response = try await client.execute(uri: "/admin/login", method: .post, headers: headers, body: body)
    guard response.status == .seeOther, let session = setCookie(response, "byline_session") else { return nil }
    let home = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: session])
    guard let csrf = csrfField(home.text) else { return nil }
    return (session, csrf)
}

@Suite struct AdminWebTests {
    @Test func signInListAndSignOut() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            #expect(try await client.execute(uri: "/admin", method: .get).status == .seeOther)
            let page = try await client.execute(uri: "/admin/login", method: .get)
            let loginCookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("byline_login_csrf=") })
            #expect(loginCookie.contains("HttpOnly"))
            let (cookie, csrf) = try #require(try await signIn(client, "edna"))
            let list = try await client.execute(uri: "/admin?status=draft", method: .get, headers: [.cookie: cookie])
            #expect(list.status == .ok)
            #expect(list.text.contains("Secret draft"))
            #expect(!list.text.contains("Kazakhstan calls in allies"), "filtered to drafts")
            let section = try await client.execute(uri: "/admin?section=business", method: .get, headers: [.cookie: cookie])
            #expect(section.text.contains("Wire: markets steady"))
            #expect(!section.text.contains("Tokayev"))
            let (headers, body) = form([("csrf", csrf)], cookie: cookie)
            #expect(try await client.execute(uri: "/admin/logout", method: .post, headers: headers, body: body).status == .seeOther)
            #expect(try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie]).status == .seeOther, "session ended")
        }
    }

    @Test func sessionCookieIsHttpOnlyLaxAndSecureBehindTLS() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let page = try await client.execute(uri: "/admin/login", method: .get)
            let (headers, body) = form([("csrf", csrfField(page.text) ?? ""), ("username", "edna"), ("password", NewsroomFixture.password)],
                                       cookie: setCookie(page, "byline_login_csrf"))
            let response = try await client.execute(uri: "/admin/login", method: .post, headers: headers, body: body)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("byline_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"), "the fixture's base URL is https")
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let (cookie, csrf) = try #require(try await signIn(client, "edna"))
            let fields = [("headline", "Forged"), ("body", "x"), ("section", "world"), ("action", "save")]
            let (h1, b1) = form(fields, cookie: cookie)
            #expect(try await client.execute(uri: "/admin/articles/new", method: .post, headers: h1, body: b1).status == .forbidden)
            let (h2, b2) = form(fields + [("csrf", "not-the-token")], cookie: cookie)
            #expect(try await client.execute(uri: "/admin/articles/new", method: .post, headers: h2, body: b2).status == .forbidden)
            let (h3, b3) = form(fields + [("csrf", csrf)], cookie: cookie)
            #expect(try await client.execute(uri: "/admin/articles/new", method: .post, headers: h3, body: b3).status == .seeOther)
            // Login without the login form's cookie is refused too.
            let (h4, b4) = form([("csrf", "x"), ("username", "edna"), ("password", NewsroomFixture.password)])
            #expect(try await client.execute(uri: "/admin/login", method: .post, headers: h4, body: b4).status == .forbidden)
        }
    }

    @Test func loginIsRateLimitedAfterFiveFailures() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let page = try await client.execute(uri: "/admin/login", method: .get)
            let loginCookie = setCookie(page, "byline_login_csrf"), token = csrfField(page.text) ?? ""
            for _ in 0..<5 {
                let (h, b) = form([("csrf", token), ("username", "edna"), ("password", "wrong password")], cookie: loginCookie)
                #expect(try await client.execute(uri: "/admin/login", method: .post, headers: h, body: b).status == .unauthorized)
            }
            let (h, b) = form([("csrf", token), ("username", "edna"), ("password", NewsroomFixture.password)], cookie: loginCookie)
            let blocked = try await client.execute(uri: "/admin/login", method: .post, headers: h, body: b)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "900")
            // Another user is not locked out by edna's failures.
            #expect(try await signIn(client, "arlo") != nil)
        }
    }

    @Test func editorFormValidatesPreviewsAndEscapes() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let (cookie, csrf) = try #require(try await signIn(client, "arlo"))
            let (h1, b1) = form([("csrf", csrf), ("headline", ""), ("body", "Text"), ("section", "world"), ("action", "save")], cookie: cookie)
            let invalid = try await client.execute(uri: "/admin/articles/new", method: .post, headers: h1, body: b1)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("headline: must not be empty"))
            let (h2, b2) = form([("csrf", csrf), ("headline", "<script>alert(1)</script> Budget"), ("body", "Some **bold** <img src=x onerror=alert(1)>"),
                                 ("section", "world"), ("authors", "Arlo\nLi Wei | Additional reporting by"), ("action", "preview")], cookie: cookie)
            let preview = try await client.execute(uri: "/admin/articles/new", method: .post, headers: h2, body: b2)
            #expect(preview.status == .ok)
            // The rendered preview drops the handler; the Markdown source goes back into its textarea, escaped, so the
            // writer keeps what they typed (so "onerror" may appear there, but only as text).
            let rendered = preview.text.range(of: "<section class=\"preview\"").map { String(preview.text[$0.lowerBound...]) } ?? ""
            #expect(rendered.contains("<strong>bold</strong>"))
            #expect(!rendered.contains("onerror"))
            #expect(preview.text.contains("&lt;img src=x onerror=alert(1)&gt;</textarea>"))
            #expect(!preview.text.contains("<img src=x"))
            #expect(preview.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; Budget"))
            #expect(!preview.text.contains("<script>alert"))
            let (h3, b3) = form([("csrf", csrf), ("headline", "Budget"), ("body", "Text"), ("section", "world"), ("action", "publish")], cookie: cookie)
            #expect(try await client.execute(uri: "/admin/articles/new", method: .post, headers: h3, body: b3).status == .forbidden,
                    "an author cannot publish from the editor")
        }
    }

    @Test func auditPageIsForAdminsOnly() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let (editor, _) = try #require(try await signIn(client, "edna"))
            #expect(try await client.execute(uri: "/admin/audit", method: .get, headers: [.cookie: editor]).status == .forbidden)
            let (admin, _) = try #require(try await signIn(client, "root"))
            let page = try await client.execute(uri: "/admin/audit", method: .get, headers: [.cookie: admin])
            #expect(page.status == .ok)
            #expect(page.text.contains("<td>login</td>"))
        }
    }
}

@Suite struct RevisionAndCorrectionTests {
    @Test func everySaveIsARevisionWithAWordDiffAndRestore() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let created = decodeObject(try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.editor), body: body(storyInput)))
            let id = try #require(created["id"] as? Int)
            var edit = storyInput; edit["headline"] = "Council rejects new tram line"
            _ = try await client.execute(uri: "/api/v1/admin/articles/\(id)", method: .put, headers: json(f.editor), body: body(edit))
            let list = decodeObject(try await client.execute(uri: "/api/v1/admin/articles/\(id)/revisions", method: .get, headers: json(f.editor)))
            let revisions = list["revisions"] as? [[String: Any]] ?? []
            #expect(revisions.compactMap { $0["number"] as? Int } == [2, 1])
            #expect(revisions.first?["actor"] as? String == "token:edna")
            let latest = try #require(revisions.first?["id"] as? Int), first = try #require(revisions.last?["id"] as? Int)
            let diff = try await client.execute(uri: "/api/v1/admin/articles/\(id)/revisions/\(latest)/diff", method: .get, headers: json(f.editor))
            let headline = ((decodeObject(diff)["fields"] as? [[String: Any]]) ?? []).first { $0["field"] as? String == "headline" }
            let runs = headline?["runs"] as? [[String: String]]
            #expect(runs == [["change": "same", "text": "Council"], ["change": "removed", "text": "approves"],
                             ["change": "inserted", "text": "rejects"], ["change": "same", "text": "new tram line"]])
            let restored = try await client.execute(uri: "/api/v1/admin/articles/\(id)/revisions/\(first)/restore", method: .post, headers: json(f.editor))
            #expect(decodeObject(restored)["headline"] as? String == "Council approves new tram line")
            let after = decodeObject(try await client.execute(uri: "/api/v1/admin/articles/\(id)/revisions", method: .get, headers: json(f.editor)))
            #expect((after["revisions"] as? [Any])?.count == 3)
            // The web history shows the diff with <ins>/<del>.
            let (cookie, _) = try #require(try await signIn(client, "edna"))
            let page = try await client.execute(uri: "/admin/articles/\(id)/revisions?revision=\(latest)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("<del>approves</del> <ins>rejects</ins>"))
        }
    }

    @Test func correctionsShowOnTheArticleTheListAndTheAPI() async throws {
        let f = try await NewsroomFixture.make()
        let later = NewsroomFixture.now.addingTimeInterval(2 * 3_600)
        try await f.app(clock: { later }).test(.router) { client in
            let article = try #require(try await f.services.stores.articles.article(slug: Slug("tokayev-thanks-allies")!))
            #expect(try await client.execute(uri: "/api/v1/admin/articles/\(article.id.rawValue)/corrections", method: .post,
                                             headers: json(f.author), body: body(["text": "x"])).status == .forbidden)
            let added = try await client.execute(uri: "/api/v1/admin/articles/\(article.id.rawValue)/corrections", method: .post,
                                                 headers: json(f.editor), body: body(["text": "An earlier version misspelt <Tokayev>."]))
            #expect(added.status == .created)
            let empty = try await client.execute(uri: "/api/v1/admin/articles/\(article.id.rawValue)/corrections", method: .post,
                                                 headers: json(f.editor), body: body(["text": " "]))
            #expect(empty.status == .unprocessableContent)
            let page = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get).text
            #expect(page.contains("<h2 id=\"corrections-heading\">Corrections</h2>"))
            #expect(page.contains("An earlier version misspelt &lt;Tokayev&gt;."))
            #expect(page.contains("Updated <time"))
            let list = try await client.execute(uri: "/corrections", method: .get).text
            #expect(list.contains("Tokayev thanks allies"))
            #expect(list.contains("misspelt &lt;Tokayev&gt;"))
            let json = decodeObject(try await client.execute(uri: "/api/v1/articles/tokayev-thanks-allies", method: .get))
            #expect((json["corrections"] as? [[String: Any]])?.first?["text"] as? String == "An earlier version misspelt <Tokayev>.")
        }
    }
}

/// A clock tests can move.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date) { value = Mutex(date) }
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

@Suite struct SchedulingTests {
    @Test func scheduledArticleAppearsWhenItsTimeComes() async throws {
        let f = try await NewsroomFixture.make()
        let clock = TestClock(NewsroomFixture.now)
        try await f.app(clock: { clock.now }).test(.router) { client in
            let created = decodeObject(try await client.execute(uri: "/api/v1/admin/articles", method: .post, headers: json(f.editor), body: body(storyInput)))
            let id = try #require(created["id"] as? Int)
            let at = isoDate(NewsroomFixture.now.addingTimeInterval(90))
            let scheduled = try await client.execute(uri: "/api/v1/admin/articles/\(id)/schedule", method: .post, headers: json(f.editor),
                                                     body: body(["publish_at": at]))
            #expect(decodeObject(scheduled)["status"] as? String == "scheduled")
            #expect(try await client.execute(uri: "/api/v1/articles/\(id)", method: .get).status == .notFound)
            #expect(try await f.services.newsroom.editorial.publishDue(now: clock.now).isEmpty)
            clock.advance(89)
            #expect(try await f.services.newsroom.editorial.publishDue(now: clock.now).isEmpty, "not a second early")
            clock.advance(1)
            #expect(try await f.services.newsroom.editorial.publishDue(now: clock.now) == [ArticleID(Int64(id))])
            #expect(try await client.execute(uri: "/api/v1/articles/\(id)", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/article/council-approves-new-tram-line", method: .get).status == .ok)
        }
    }

    @Test(.disabled("Known issue, open in issue 6: the real scheduler service misses its start-up pass within 5 s when the whole suite runs in parallel on 2 cores (passes alone)"))
    func serviceSleepsUntilDueAndPublishesOverdueAtStart() async throws {
        let f = try await NewsroomFixture.make()
        let editorial = f.services.newsroom.editorial
        let stores = f.services.stores
        // The fixture's "Scheduled story" was due an hour after the fixture's clock: overdue by now (real time).
        let overdue = try #require(try await stores.articles.article(slug: Slug("scheduled-story")!))
        #expect(overdue.status == .scheduled)
        // One more, due 1.5 s from now, scheduled after the service started: the write wakes it.
        let service = ScheduledPublisher(newsroom: f.services.newsroom, clock: { Date() }, logger: Logger(label: "test"))
        let task = Task { try await service.run() }
        defer { task.cancel() }
        // Tests run in parallel and keep the cooperative pool busy (on a 2-core machine the service's task waited
        // ~0.6 s for a thread), so wait for its start-up pass rather than sleeping a fixed time.
        #expect(try await eventually(within: 5) { try await stores.articles.article(id: overdue.id)?.status == .published },
                "overdue article published at start-up")
        let editor = try #require(try await f.services.newsroom.accounts.principal(bearer: f.editor))
        let draft = try await editorial.create(ArticleDraft(headline: "Timed", bodyMarkdown: "x", section: Slug("world")!), by: editor, now: Date())
        let due = Date().addingTimeInterval(1.5)
        _ = try await editorial.schedule(draft.id, at: due, by: editor, now: Date())
        try await Task.sleep(for: .milliseconds(1_000))
        let early = try await stores.articles.article(id: draft.id)?.status
        #expect(early == .scheduled || Date() >= due, "not published early")
        // On time: published no later than a second after it was due.
        #expect(try await eventually(within: due.addingTimeInterval(1).timeIntervalSinceNow) {
            try await stores.articles.article(id: draft.id)?.status == .published
        }, "published within a second of its time")
        let published = try #require(try await stores.articles.article(id: draft.id))
        #expect(published.publishedAt == due)
    }
}

/// Checks `condition` every 20 ms until it holds (true) or `seconds` have passed (false).
func eventually(within seconds: TimeInterval, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if try await condition() { return true }
        if Date() >= deadline { return false }
        try await Task.sleep(for: .milliseconds(20))
    }
}

func isoDate(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
