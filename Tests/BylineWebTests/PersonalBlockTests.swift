import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import CompressNIO
import BylineCore
import BylineStore
import BylineRank
import BylineWeb
import BylineNewsroom

/// The personalised article page as served: the reused per-reader block, its validators, gzip and cookies.
@Suite struct PersonalBlockTests {
    /// A reader with a few reads; returns the cookie header.
    static func reader(_ client: some TestClientProtocol, reads: [String]) async throws -> HTTPFields {
        var cookie: HTTPFields = [:]
        for slug in reads {
            let r = try await client.execute(uri: "/article/\(slug)", method: .get, headers: cookie)
            if let id = readerCookie(r) { cookie = [.cookie: "byline_reader=\(id)"] }
        }
        return cookie
    }

    @Test func aStoryJustReadLeavesTheReusedBlockAtOnce() async throws {
        // The test clock stands still, so only a new read can renew a block here, never its age.
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let cookie = try await Self.reader(client, reads: ["filler-1", "filler-2", "wire-markets-steady"])
            let before = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            let picks = blockLinks(before.text, heading: "recs-heading")
            let first = try #require(picks.first)
            let again = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            #expect(blockLinks(again.text, heading: "recs-heading") == picks)

            _ = try await client.execute(uri: "/article/\(first)", method: .get, headers: cookie)
            let after = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            let now = blockLinks(after.text, heading: "recs-heading")
            #expect(!now.isEmpty)
            #expect(!now.contains(first), "\(first) was read but is still recommended: \(now)")
            #expect(after.headers[.eTag] != before.headers[.eTag])
        }
    }

    @Test func anUnpublishedStoryLeavesTheReusedBlockAtOnce() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let cookie = try await Self.reader(client, reads: ["filler-1", "filler-2", "wire-markets-steady"])
            let before = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            let first = try #require(blockLinks(before.text, heading: "recs-heading").first)
            let article = try #require(try await fixture.services.stores.articles.article(slug: Slug(first)!))
            var draft = ArticleDraft(article)
            draft.status = .draft
            _ = try await fixture.services.writer.update(article.id, with: draft, now: SiteFixture.now)
            let after = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            let now = blockLinks(after.text, heading: "recs-heading")
            #expect(!now.contains(first), "\(first) was unpublished but is still recommended: \(now)")
        }
    }

    @Test func eachReaderGetsTheirOwnBlock() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let one = try await Self.reader(client, reads: ["filler-1", "filler-2", "wire-markets-steady"])
            let page = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: one)
            let picks = blockLinks(page.text, heading: "recs-heading")
            let first = try #require(picks.first)
            // A second reader who has read the first reader's top pick must not be shown it.
            let two = try await Self.reader(client, reads: ["filler-3", first])
            let theirs = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: two)
            let theirPicks = blockLinks(theirs.text, heading: "recs-heading")
            #expect(!theirPicks.isEmpty)
            #expect(!theirPicks.contains(first))
            #expect(!theirPicks.contains("filler-3"))
        }
    }

    @Test func clearingTheHistoryRenewsTheBlock() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let cookie = try await Self.reader(client, reads: ["filler-1", "filler-2", "wire-markets-steady"])
            let before = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            #expect(before.text.contains("Recommended for you"))
            _ = try await client.execute(uri: "/reading-history/clear", method: .post, headers: cookie)
            // The same id comes back with no history: this read is its first, so the block is not personal yet.
            let after = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            #expect(!after.text.contains("Recommended for you"))
            #expect(after.text.contains("id=\"recs-heading\""))
        }
    }

    @Test func theReaderCookieIsFoundAmongOthers() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let cookie = try await Self.reader(client, reads: ["filler-1", "filler-2"])
            let id = try #require(cookie[.cookie]).dropFirst("byline_reader=".count)
            let mixed: HTTPFields = [.cookie: "theme=dark;byline_readerx=zzzzzzzzzzzzzzzzzzzz;  byline_reader=\(id); other=1"]
            let page = try await client.execute(uri: "/article/wire-markets-steady", method: .get, headers: mixed)
            #expect(page.headers[values: .setCookie].isEmpty)
            #expect(page.text.contains("Recommended for you"))
            #expect(fixture.services.reading.history(of: ReaderID(String(id))).count == 3)
            // Recording off in a later cookie pair still stops recording.
            let off: HTTPFields = [.cookie: "byline_reader=\(id); byline_recording=off"]
            _ = try await client.execute(uri: "/article/filler-5", method: .get, headers: off)
            #expect(fixture.services.reading.history(of: ReaderID(String(id))).count == 3)
        }
    }

    @Test func thePersonalisedPageRevalidatesAndIsNeverShared() async throws {
        let fixture = try await SiteFixture.make()
        try await fixture.app().test(.router) { client in
            let cookie = try await Self.reader(client, reads: ["filler-1", "filler-2", "kazakhstan-calls-in-allies"])
            let page = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: cookie)
            #expect(page.headers[.cacheControl] == "private, max-age=0, must-revalidate")
            let vary = page.headers[values: .vary].joined(separator: ",")
            #expect(vary.contains("Cookie") && vary.contains("DNT") && vary.contains("Sec-GPC") && vary.contains("Accept-Encoding"))
            #expect(page.headers[.contentLength] == String(page.body.readableBytes))
            let etag = try #require(page.headers[.eTag])
            var revalidate = cookie
            revalidate[.ifNoneMatch] = etag
            let notModified = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: revalidate)
            #expect(notModified.status == .notModified)
            #expect(notModified.body.readableBytes == 0)

            var zipped = cookie
            zipped[.acceptEncoding] = "gzip"
            let gzip = try await client.execute(uri: "/article/kazakhstan-calls-in-allies", method: .get, headers: zipped)
            #expect(gzip.headers[.contentEncoding] == "gzip")
            #expect(gzip.headers[.cacheControl]?.hasPrefix("private") == true)
            #expect(gzip.headers[.eTag] == "W/" + etag)
            var compressed = gzip.body
            let inflated = try compressed.decompress(with: .gzip())
            #expect(inflated == page.body)
        }
    }

    @Test func theBlockGenerationMovesOnlyWhenTheBlockMayChange() async throws {
        let reading = ReadingService(log: MemoryRecommendationStore(), retention: 90 * 86_400)
        let reader = ReaderID("reader-aaaaaaaaaaaaaaaa"), now = SiteFixture.now
        #expect(reading.blockGeneration(of: reader) == 0)
        reading.record(reader: reader, article: ArticleID(1), at: now)
        let first = reading.blockGeneration(of: reader)
        #expect(first != 0)
        reading.record(reader: reader, article: ArticleID(2), at: now.addingTimeInterval(1))
        let second = reading.blockGeneration(of: reader)
        #expect(second != first)
        // Stories already in the history: the read is recorded, the block stays valid.
        reading.record(reader: reader, article: ArticleID(1), at: now.addingTimeInterval(2))
        reading.record(reader: reader, article: ArticleID(2), at: now.addingTimeInterval(3))
        #expect(reading.blockGeneration(of: reader) == second)
        reading.record(reader: reader, article: ArticleID(3), at: now.addingTimeInterval(4))
        let third = reading.blockGeneration(of: reader)
        #expect(third != second)
        try await reading.forget(reader)
        #expect(reading.blockGeneration(of: reader) == 0)
        reading.record(reader: reader, article: ArticleID(1), at: now.addingTimeInterval(5))
        let renewed = reading.blockGeneration(of: reader)
        #expect(renewed != 0 && renewed != first && renewed != second && renewed != third)
    }
}
