import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import BylineCore
import BylineStore
import BylineWeb
import BylineNewsroom

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
        let clock = TestClock(NewsroomFixture.now)
        try await f.app(clock: { clock.now }).test(.router) { client in
            let page = try await client.execute(uri: "/admin/login", method: .get)
            let loginCookie = setCookie(page, "byline_login_csrf"), token = csrfField(page.text) ?? ""
            for _ in 0..<5 {
                let (h, b) = form([("csrf", token), ("username", "edna"), ("password", "wrong password")], cookie: loginCookie)
                #expect(try await client.execute(uri: "/admin/login", method: .post, headers: h, body: b).status == .unauthorized)
            }
            let (h, b) = form([("csrf", token), ("username", "edna"), ("password", NewsroomFixture.password)], cookie: loginCookie)
            let blocked = try await client.execute(uri: "/admin/login", method: .post, headers: h, body: b)
            #expect(blocked.status == .tooManyRequests)
            // Backoff, not a lockout: after five failures the next attempt waits a second (the test clock stands still).
            #expect(blocked.headers[.retryAfter] == "1")
            // Another user from the same address is slowed by a second (the address's failures), not locked out.
            clock.advance(1)
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
            let refused = try await client.execute(uri: "/admin/articles/new", method: .post, headers: h3, body: b3)
            #expect(refused.status == .forbidden, "an author cannot publish from the editor")
            // Refused before writing: no draft is left behind, and the form still holds what was typed.
            #expect(refused.text.contains("Nothing was saved."))
            #expect(refused.text.contains("value=\"Budget\""))
            let all = try await f.services.stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 100)))
            #expect(!all.items.contains { $0.headline == "Budget" })
        }
    }

    @Test func theEditorRefusesALeadImageThatIsNotHTTPAndKeepsWhatWasTyped() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let (cookie, csrf) = try #require(try await signIn(client, "edna"))
            let (h, b) = form([("csrf", csrf), ("headline", "Tram photos"), ("body", "Text"), ("section", "world"),
                               ("lead_image_url", "javascript:alert(1)"), ("lead_image_alt", "x"), ("action", "save")], cookie: cookie)
            let response = try await client.execute(uri: "/admin/articles/new", method: .post, headers: h, body: b)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("lead_image.url: must be an http:// or https:// address"))
            #expect(response.text.contains("name=\"lead_image_url\" value=\"javascript:alert(1)\" aria-invalid=\"true\""))
            #expect(response.text.contains("value=\"Tram photos\""))
            let page = try await f.services.stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 100)))
            #expect(!page.items.contains { $0.headline == "Tram photos" })
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

    /// The real service loop, with time stepped by the test: start-up publishes what is overdue, a schedule made
    /// while the service sleeps wakes it (the poke), it never publishes early, and it publishes on the due second.
    @Test func serviceSleepsUntilDueAndPublishesOverdueAtStart() async throws {
        let f = try await NewsroomFixture.make()
        let editorial = f.services.newsroom.editorial
        let stores = f.services.stores
        // The fixture's "Scheduled story" is due an hour after the fixture's clock: start the service two hours on.
        let overdue = try #require(try await stores.articles.article(slug: Slug("scheduled-story")!))
        #expect(overdue.status == .scheduled)
        let time = SteppedTime(NewsroomFixture.now.addingTimeInterval(7_200))
        let wakeup = f.services.newsroom.wakeup
        let service = ScheduledPublisher(newsroom: f.services.newsroom, clock: { time.now }, logger: Logger(label: "test"),
                                         maxSleep: 20, sleep: { seconds in await time.sleep(seconds, wakeup: wakeup) })
        let task = Task { try await service.run() }
        defer { task.cancel(); time.release(advancingBy: 0) }

        // Start-up pass: the overdue article is published, then the service asks to sleep (nothing else is due).
        var asked = await time.nextRequest()
        #expect(try await stores.articles.article(id: overdue.id)?.status == .published, "overdue article published at start-up")
        #expect(asked == 20, "sleeps the longest sleep when nothing is due")

        // Scheduled while the service sleeps: the write pokes it, and the next pass sleeps exactly until it is due.
        let editor = try #require(try await f.services.newsroom.accounts.principal(bearer: f.editor))
        let draft = try await editorial.create(ArticleDraft(headline: "Timed", bodyMarkdown: "x", section: Slug("world")!), by: editor, now: time.now)
        let due = time.now.addingTimeInterval(45)
        _ = try await editorial.schedule(draft.id, at: due, by: editor, now: time.now)
        #expect(try await eventually(within: 30) { time.wasPoked }, "the schedule rang the scheduler's doorbell")
        time.release(advancingBy: 0)
        asked = await time.nextRequest()
        #expect(asked == 20, "a long wait is cut into lease-renewing steps")
        time.release(advancingBy: asked)
        asked = await time.nextRequest()
        #expect(asked == 20)
        time.release(advancingBy: asked)
        asked = await time.nextRequest()
        #expect(abs(asked - 5) < 0.001, "sleeps until the due second")
        #expect(try await stores.articles.article(id: draft.id)?.status == .scheduled, "not published early")
        time.release(advancingBy: asked)
        _ = await time.nextRequest()
        let published = try #require(try await stores.articles.article(id: draft.id))
        #expect(published.status == .published, "published when its time came")
        #expect(published.publishedAt == due)
    }
}

extension SchedulingTests {
    /// A node that was down when an article fell due publishes it as soon as it starts again (SQLite on disk,
    /// so the schedule survives the restart), and the article keeps its scheduled time.
    @Test func overdueArticleIsPublishedWhenTheServiceRestarts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = BylineConfig(storage: .sqlite(path: folder.appendingPathComponent("site.db").path), loadDemoWhenEmpty: false)
        config.autoTagging = false
        let t0 = NewsroomFixture.now
        let due = t0.addingTimeInterval(600)
        let id: ArticleID
        do {
            // First run: an editor schedules a story for ten minutes later; the node then goes down.
            let services = try BylineServices.make(config: config)
            _ = try await services.stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
            let accounts = services.newsroom.accounts
            _ = try await accounts.createUser(username: "edna", displayName: "Edna", role: .editor, password: NewsroomFixture.password, actor: "test", now: t0)
            let token = try await accounts.createToken(name: "edna", scope: .admin, username: "edna", actor: "test", now: t0).secret
            let editor = try #require(try await accounts.principal(bearer: token))
            let draft = try await services.newsroom.editorial.create(
                ArticleDraft(headline: "Scheduled while we slept", bodyMarkdown: "x", section: Slug("world")!), by: editor, now: t0)
            _ = try await services.newsroom.editorial.schedule(draft.id, at: due, by: editor, now: t0)
            id = draft.id
        }
        // Second run, an hour after the article was due: the start-up pass publishes it.
        let services = try BylineServices.make(config: config)
        #expect(try await services.stores.articles.article(id: id)?.status == .scheduled)
        let time = SteppedTime(due.addingTimeInterval(3_600))
        let wakeup = services.newsroom.wakeup
        let service = ScheduledPublisher(newsroom: services.newsroom, clock: { time.now }, logger: Logger(label: "test"),
                                         sleep: { seconds in await time.sleep(seconds, wakeup: wakeup) })
        let task = Task { try await service.run() }
        defer { task.cancel(); time.release(advancingBy: 0) }
        _ = await time.nextRequest()
        let published = try #require(try await services.stores.articles.article(id: id))
        #expect(published.status == .published)
        #expect(published.publishedAt == due, "keeps its scheduled time, not the restart time")
    }
}

/// Time that moves only when a test says: the scheduler's sleeps are handed to the test one by one.
final class SteppedTime: Sendable {
    private struct State {
        var now: Date
        var gate: CheckedContinuation<Void, Never>?
        var requests: [TimeInterval] = []
        var requestWaiter: CheckedContinuation<TimeInterval, Never>?
        var poked = false
    }
    private let state: Mutex<State>

    init(_ start: Date) { state = Mutex(State(now: start)) }

    var now: Date { state.withLock { $0.now } }
    /// Whether the scheduler's doorbell rang while the service slept.
    var wasPoked: Bool { state.withLock { $0.poked } }

    /// The service's sleep: parks until the test releases it, watching the real doorbell meanwhile.
    func sleep(_ seconds: TimeInterval, wakeup: ScheduleWakeup) async {
        state.withLock { $0.poked = false }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await wakeup.wait()
                if !Task.isCancelled { self.state.withLock { $0.poked = true } }
            }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                state.withLock { state in
                    state.gate = continuation
                    if let waiter = state.requestWaiter {
                        state.requestWaiter = nil
                        waiter.resume(returning: seconds)
                    } else {
                        state.requests.append(seconds)
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// The next sleep the service asks for.
    func nextRequest() async -> TimeInterval {
        await withCheckedContinuation { (continuation: CheckedContinuation<TimeInterval, Never>) in
            state.withLock { state in
                if state.requests.isEmpty { state.requestWaiter = continuation }
                else { continuation.resume(returning: state.requests.removeFirst()) }
            }
        }
    }

    /// Moves time on and lets the sleeping service run its next pass.
    func release(advancingBy seconds: TimeInterval) {
        let gate = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.now = state.now.addingTimeInterval(seconds)
            defer { state.gate = nil }
            return state.gate
        }
        gate?.resume()
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
