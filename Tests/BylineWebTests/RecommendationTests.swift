import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import ServiceLifecycle
import Logging
import BylineCore
import BylineStore
import BylineRank
import BylineWeb
import BylineNewsroom

/// The article links inside one `<aside>` block of a page, by the block's heading id.
func blockLinks(_ html: String, heading id: String) -> [String] {
    guard let start = html.range(of: "aria-labelledby=\"\(id)\"") else { return [] }
    let rest = html[start.upperBound...]
    let block = rest[..<(rest.range(of: "</aside>")?.lowerBound ?? rest.endIndex)]
    return block.components(separatedBy: "href=\"/article/").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
}

/// The value of the `byline_reader` cookie a response sets, if any.
func readerCookie(_ response: TestResponse) -> String? {
    response.headers[values: .setCookie].first { $0.hasPrefix("byline_reader=") }
        .flatMap { $0.split(separator: ";").first }.map { String($0.dropFirst("byline_reader=".count)) }
}

@Suite struct RecommendationTests {
    static let blocks = ["related-heading", "recs-heading", "most-read-heading"]

    @Test func articlePageBlocksNeverRepeatTheAnchorOrEachOther() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            // Some reading first, so "Most read" and "Recommended for you" have something to show.
            var cookie = ""
            for slug in ["tokayev-thanks-allies", "wire-markets-steady", "unrelated-world-story", "filler-3"] {
                let r = try await client.execute(uri: "/article/\(slug)", method: .get, headers: cookie.isEmpty ? [:] : [.cookie: cookie])
                if let id = readerCookie(r) { cookie = "byline_reader=\(id)" }
            }
            for slug in ["kazakhstan-calls-in-allies", "filler-10", "tokayev-thanks-allies"] {
                let response = try await client.execute(uri: "/article/\(slug)", method: .get, headers: [.cookie: cookie])
                #expect(response.status == .ok)
                let html = response.text
                let related = blockLinks(html, heading: "related-heading")
                #expect(related.count == 5, "related is full for \(slug)")
                let all = Self.blocks.flatMap { blockLinks(html, heading: $0) }
                #expect(!all.contains(slug), "\(slug) links to itself")
                #expect(Set(all).count == all.count, "a story appears twice on \(slug): \(all)")
                #expect(!all.contains("secret-draft") && !all.contains("scheduled-story"))
                #expect(!blockLinks(html, heading: "recs-heading").isEmpty)
                // Every pick says why it is there.
                let aside = html.components(separatedBy: "aria-labelledby=\"related-heading\"")[1].components(separatedBy: "</aside>")[0]
                #expect(aside.components(separatedBy: "class=\"reason\"").count - 1 == related.count)
                #expect(response.headers[.cacheControl]?.hasPrefix("private") == true)
            }
        }
    }

    @Test func relatedFollowsPublishingAndUnpublishing() async throws {
        let fixture = try await SiteFixture.make()
        let services = fixture.services
        let now = SiteFixture.now
        let draft = try #require(try await services.stores.articles.article(slug: Slug("secret-draft")!))
        let anchor = try #require(try await services.stores.articles.article(slug: Slug("kazakhstan-calls-in-allies")!))
        #expect(!services.related.overrides(for: anchor.id).pinned.contains(draft.id))
        var published = ArticleDraft(draft)
        published.status = .published
        published.publishedAt = now.addingTimeInterval(-60)
        _ = try await services.writer.update(draft.id, with: published, now: now)
        try await fixture.app().test(.router) { client in
            let page = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: [.init("DNT")!: "1"])
            #expect(blockLinks(page.text, heading: "related-heading").contains("secret-draft"))
        }
        var unpublished = published
        unpublished.status = .draft
        _ = try await services.writer.update(draft.id, with: unpublished, now: now)
        try await fixture.app().test(.router) { client in
            let page = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: [.init("DNT")!: "1"])
            #expect(!page.text.contains("/article/secret-draft"))
        }
    }

    @Test func editorPinsAndExclusionsComeFirstThroughTheAdminAPI() async throws {
        let fixture = try await NewsroomFixture.make()
        let articles = fixture.services.stores.articles
        let anchor = try #require(try await articles.article(slug: Slug("kazakhstan-calls-in-allies")!))
        let pin = try #require(try await articles.article(slug: Slug("filler-20")!))
        let excluded = try #require(try await articles.article(slug: Slug("tokayev-thanks-allies")!))
        try await fixture.app().test(.router) { client in
            let before = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get)
            #expect(blockLinks(before.text, heading: "related-heading").contains("tokayev-thanks-allies"))
            let path = "/api/v1/admin/articles/\(anchor.id.rawValue)/related"
            let put = try await client.execute(uri: path, method: .put, headers: json(fixture.editor),
                                               body: body(["pinned": [pin.id.rawValue], "excluded": [excluded.id.rawValue]]))
            #expect(put.status == .ok)
            let saved = decodeObject(put)
            #expect(saved["pinned"] as? [Int] == [Int(pin.id.rawValue)])
            let picks = saved["picks"] as? [[String: Any]] ?? []
            #expect(picks.first?["slug"] as? String == "filler-20")
            #expect(picks.first?["reason"] as? String == "Editor's pick")
            let after = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get)
            let related = blockLinks(after.text, heading: "related-heading")
            #expect(related.first == "filler-20")
            #expect(!related.contains("tokayev-thanks-allies"))
            #expect(related.count == 5)
            let get = try await client.execute(uri: path, method: .get, headers: json(fixture.author))
            #expect(decodeObject(get)["excluded"] as? [Int] == [Int(excluded.id.rawValue)])
            // Authors may look but not choose; bad input is a 4xx, never a 500.
            #expect(try await client.execute(uri: path, method: .put, headers: json(fixture.author), body: body(["pinned": []])).status == .forbidden)
            for bad: [String: Any] in [["pinned": [anchor.id.rawValue]], ["pinned": [999_999]], ["excluded": NSNull()],
                                       ["pinned": ["x"]], ["other": 1], ["pinned": Array(1...11)]] {
                let r = try await client.execute(uri: path, method: .put, headers: json(fixture.editor), body: body(bad))
                #expect(r.status == .unprocessableContent, "\(bad)")
            }
            #expect(try await client.execute(uri: "/api/v1/admin/articles/999999/related", method: .get, headers: json(fixture.admin)).status == .notFound)
        }
    }

    @Test func editorsPinAndExcludeInTheWebAdmin() async throws {
        let fixture = try await NewsroomFixture.make()
        let anchor = try #require(try await fixture.services.stores.articles.article(slug: Slug("kazakhstan-calls-in-allies")!))
        try await fixture.app().test(.router) { client in
            let (cookie, csrf) = try #require(try await signIn(client, "edna"))
            let editor = try await client.execute(uri: "/admin/articles/\(anchor.id.rawValue)", method: .get, headers: [.cookie: cookie])
            #expect(editor.text.contains("Related stories") && editor.text.contains("name=\"related_pinned\""))
            let (headers, formBody) = form([("csrf", csrf), ("related_pinned", "filler-7, filler-8"), ("related_excluded", "tokayev-thanks-allies")],
                                           cookie: cookie)
            let saved = try await client.execute(uri: "/admin/articles/\(anchor.id.rawValue)/related", method: .post, headers: headers, body: formBody)
            #expect(saved.status == .seeOther)
            let related = blockLinks(try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get).text, heading: "related-heading")
            #expect(Array(related.prefix(2)) == ["filler-7", "filler-8"])
            #expect(!related.contains("tokayev-thanks-allies"))
            let (badHeaders, badBody) = form([("csrf", csrf), ("related_pinned", "no-such-story")], cookie: cookie)
            let bad = try await client.execute(uri: "/admin/articles/\(anchor.id.rawValue)/related", method: .post, headers: badHeaders, body: badBody)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("no-such-story"))
        }
    }

    @Test func readerCookieIsHttpOnlyLaxAndSecureBehindTLS() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("byline_reader=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Secure"))
            #expect(response.headers[.vary]?.contains("Cookie") == true)
            // A first visit is counted, not recorded: the reader's history starts when the cookie comes back.
            #expect(fixture.services.reading.pendingCount == 0)
            #expect(fixture.services.reading.pendingVisitCount == 1)
            let id = try #require(readerCookie(response))
            #expect(fixture.services.reading.history(of: ReaderID(id)).isEmpty)
        }
    }

    @Test(arguments: ["DNT", "Sec-GPC"])
    func doNotTrackAndGPCStopRecording(header: String) async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get, headers: [.init(header)!: "1"])
            #expect(response.status == .ok)
            #expect(response.headers[values: .setCookie].isEmpty)
            // An existing reader cookie is not used either.
            let known = try await client.execute(uri: "/article/filler-1", method: .get,
                                                 headers: [.init(header)!: "1", .cookie: "byline_reader=abcdefghijklmnopqrstuv"])
            #expect(known.headers[values: .setCookie].isEmpty)
            #expect(fixture.services.reading.pendingCount == 0)
            #expect(fixture.services.reading.history(of: ReaderID("abcdefghijklmnopqrstuv")).isEmpty)
            let history = try await client.execute(uri: "/reading-history", method: .get, headers: [.init(header)!: "1"])
            #expect(history.text.contains("nothing is recorded"))
        }
    }

    @Test func crawlersGetNoReaderAndRecordNothing() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get,
                                                    headers: [.userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"])
            #expect(response.status == .ok)
            #expect(response.headers[values: .setCookie].isEmpty)
            #expect(fixture.services.reading.pendingCount == 0)
        }
    }

    @Test func readerSeesAndClearsHistoryAndTurnsRecordingOff() async throws {
        let fixture = try await SiteFixture.make()
        let reading = fixture.services.reading
        try await fixture.app().test(.router) { client in
            let first = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get)
            let id = try #require(readerCookie(first))
            let cookie: HTTPFields = [.cookie: "byline_reader=\(id)"]
            _ = try await client.execute(uri: "/article/filler-2", method: .get, headers: cookie)
            let page = try await client.execute(uri: "/reading-history", method: .get, headers: cookie)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("Tokayev thanks allies") && page.text.contains("Filler 2"))
            #expect(page.text.contains("action=\"/reading-history/clear\""))
            try await reading.flush()

            let cleared = try await client.execute(uri: "/reading-history/clear", method: .post, headers: cookie)
            #expect(cleared.status == .seeOther)
            #expect(cleared.headers[values: .setCookie].contains { $0.hasPrefix("byline_reader=;") || $0.contains("Max-Age=0") })
            #expect(reading.history(of: ReaderID(id)).isEmpty)
            #expect(try await reading.log.records(reader: id).isEmpty)
            let after = try await client.execute(uri: "/reading-history", method: .get, headers: cookie)
            #expect(!after.text.contains("Tokayev thanks allies"))

            // Recording off: a cookie flag, and no more reads recorded.
            let off = try await client.execute(uri: "/reading-history/recording", method: .post,
                                               headers: [.contentType: "application/x-www-form-urlencoded"],
                                               body: ByteBuffer(string: "recording=off"))
            #expect(off.status == .seeOther)
            let flag = try #require(off.headers[values: .setCookie].first { $0.hasPrefix("byline_recording=off") })
            #expect(flag.contains("HttpOnly"))
            let pending = reading.pendingCount
            let read = try await client.execute(uri: "/article/filler-4", method: .get, headers: [.cookie: "byline_recording=off"])
            #expect(read.headers[values: .setCookie].isEmpty)
            #expect(reading.pendingCount == pending)
            let bad = try await client.execute(uri: "/reading-history/recording", method: .post,
                                               headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "recording=maybe"))
            #expect(bad.status == .badRequest)
            let forged = try await client.execute(uri: "/reading-history/clear", method: .post,
                                                  headers: [.cookie: "byline_reader=\(id)", .init("Sec-Fetch-Site")!: "cross-site"])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func recommendationsExcludeWhatTheReaderRead() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            // Other readers make a co-reading pattern: after Tokayev they read the fillers.
            for n in 0..<6 {
                var cookie: HTTPFields = [:]
                for slug in ["tokayev-thanks-allies", "filler-\(n)", "filler-\(n + 1)", "wire-markets-steady"] {
                    let r = try await client.execute(uri: "/article/\(slug)", method: .get, headers: cookie)
                    if let id = readerCookie(r) { cookie = [.cookie: "byline_reader=\(id)"] }
                }
            }
            var cookie: HTTPFields = [:]
            var read: [String] = []
            for slug in ["filler-1", "filler-2", "wire-markets-steady", "tokayev-thanks-allies"] {
                let r = try await client.execute(uri: "/article/\(slug)", method: .get, headers: cookie)
                if let id = readerCookie(r) { cookie = [.cookie: "byline_reader=\(id)"] }
                read.append(slug)
                let recommended = blockLinks(r.text, heading: "recs-heading")
                #expect(!recommended.isEmpty)
                #expect(Set(recommended).isDisjoint(with: read), "recommended \(recommended) after reading \(read)")
            }
        }
    }

    @Test func theCachedPageNeverCarriesAReadersBlock() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            var cookie: HTTPFields = [:]
            for slug in ["filler-1", "filler-2", "tokayev-thanks-allies"] {
                let r = try await client.execute(uri: "/article/\(slug)", method: .get, headers: cookie)
                if let id = readerCookie(r) { cookie = [.cookie: "byline_reader=\(id)"] }
            }
            let mine = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            #expect(mine.text.contains("Recommended for you"))
            let anonymous = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: [.init("DNT")!: "1"])
            #expect(!anonymous.text.contains("Recommended for you"))
            #expect(anonymous.text.components(separatedBy: "id=\"recs-heading\"").count == 2)
            #expect(!anonymous.text.contains("byline:personal"))
        }
    }

    @Test func mostReadBlockAndPageCountReadersAndHomeNeverRepeats() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            for n in 0..<3 {
                let first = try await client.execute(uri: "/article/filler-20", method: .get)
                let id = try #require(readerCookie(first))
                // Each comes back once, which makes them readers: two to filler-21, one to filler-22.
                _ = try await client.execute(uri: "/article/filler-\(n < 2 ? 21 : 22)", method: .get, headers: [.cookie: "byline_reader=\(id)"])
            }
            let page = try await client.execute(uri: "/most-read", method: .get)
            #expect(page.status == .ok)
            let text = page.text
            let a = try #require(text.range(of: "Filler 20")), b = try #require(text.range(of: "Filler 21"))
            #expect(a.lowerBound < b.lowerBound)
            #expect(text.contains("3 readers") && text.contains("2 readers"))
            #expect(try await client.execute(uri: "/most-read?page=2", method: .get).status == .notFound)
            let home = try await client.execute(uri: "/", method: .get).text
            let links = home.components(separatedBy: "href=\"/article/").dropFirst().compactMap { $0.split(separator: "\"").first }
            #expect(Set(links).count == links.count, "the home page repeats a story")
            #expect(home.contains("most-read-heading"))
        }
    }

    @Test func batchedWriterFlushesOnGracefulShutdown() async throws {
        let store = MemoryRecommendationStore()
        let reading = ReadingService(log: store, retention: 90 * 86_400)
        let now = SiteFixture.now
        for i in 1...5 { reading.record(reader: ReaderID("reader-\(i % 2)-aaaaaaaaaaaaaa"), article: ArticleID(Int64(i)), at: now) }
        // An interval far longer than the test: only the shutdown flush can write them.
        let writer = ReadingEventWriter(reading: reading, interval: 3_600, clock: { now }, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [writer], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(reading.pendingCount == 0)
        #expect(await store.records(since: .distantPast).count == 5)
    }

    /// Like the HTTP server: returns as soon as shutdown begins, which cancels the rest of the group.
    struct QuickService: Service {
        func run() async throws { try? await gracefulShutdown() }
    }

    @Test func theLastBatchIsWrittenEvenWhenTheGroupCancels() async throws {
        let services = try BylineServices.make(config: BylineConfig(storage: .sqlite(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("recs-\(UUID().uuidString).db").path), loadDemoWhenEmpty: false))
        _ = try await services.stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
        let article = try await services.writer.create(ArticleDraft(headline: "Story", bodyMarkdown: "Body.", section: Slug("world")!,
                                                                    status: .published, publishedAt: SiteFixture.now), now: SiteFixture.now)
        let reading = services.reading
        for i in 0..<3 { reading.record(reader: ReaderID("reader-\(i)-aaaaaaaaaaaaaa"), article: article.id, at: SiteFixture.now) }
        let writer = ReadingEventWriter(reading: reading, interval: 3_600, clock: { SiteFixture.now }, logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [writer, QuickService()], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
        }
        #expect(reading.pendingCount == 0)
        #expect(try await reading.log.records(since: .distantPast).count == 3)
    }

    @Test func aRepeatWithinThirtyMinutesIsNotANewRead() async throws {
        let reading = ReadingService(log: MemoryRecommendationStore(), retention: 90 * 86_400)
        let reader = ReaderID("reader-aaaaaaaaaaaaaaaa"), now = SiteFixture.now
        #expect(reading.record(reader: reader, article: ArticleID(1), at: now))
        #expect(!reading.record(reader: reader, article: ArticleID(1), at: now.addingTimeInterval(60)))
        #expect(reading.record(reader: reader, article: ArticleID(2), at: now.addingTimeInterval(120)))
        // Not only a reload of the latest story: moving back and forth between tabs collapses too.
        #expect(!reading.record(reader: reader, article: ArticleID(1), at: now.addingTimeInterval(180)))
        #expect(!reading.record(reader: reader, article: ArticleID(2), at: now.addingTimeInterval(240)))
        #expect(reading.record(reader: reader, article: ArticleID(1), at: now.addingTimeInterval(31 * 60)))
        #expect(reading.pendingCount == 3)
    }

    @Test func historyIsLoadedBackAndPrunedPastRetention() async throws {
        let store = MemoryRecommendationStore()
        let now = SiteFixture.now
        try await store.append([ReadingRecord(reader: "old-reader-aaaaaaaaaa", article: ArticleID(1), at: now.addingTimeInterval(-100 * 86_400)),
                                ReadingRecord(reader: "new-reader-aaaaaaaaaa", article: ArticleID(2), at: now.addingTimeInterval(-86_400))])
        let reading = ReadingService(log: store, retention: 90 * 86_400)
        try await reading.load(now: now)
        #expect(reading.history(of: ReaderID("new-reader-aaaaaaaaaa")).map(\.article) == [ArticleID(2)])
        #expect(reading.history(of: ReaderID("old-reader-aaaaaaaaaa")).isEmpty)
        try await reading.prune(now: now)
        #expect(await store.records(since: .distantPast).count == 1)
    }
}
