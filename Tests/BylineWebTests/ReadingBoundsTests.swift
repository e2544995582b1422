import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import BylineCore
import BylineStore
import BylineRank
import BylineWeb
import BylineNewsroom

/// Anonymous reading traffic cannot grow memory, rows or "Most read" without bound (issue 15): through the router
/// on both stores, and the service's capacities directly.
@Suite struct ReadingBoundsTests {
    @Test(arguments: StoreKind.allCases)
    func requestsWithoutTheCookieCostNoRowAndNoReader(kind: StoreKind) async throws {
        let fixture = try await SiteFixture.make(kind)
        let reading = fixture.services.reading
        try await fixture.app().test(.router) { client in
            for n in 0..<200 {
                let response = try await client.execute(uri: "/article/filler-\(n % 5)", method: .get)
                #expect(response.status == .ok)
                #expect(readerCookie(response) != nil, "a first visit still gets the cookie")
            }
        }
        #expect(reading.pendingCount == 0)
        #expect(reading.memoryCounts.readers == 0)
        #expect(reading.memoryCounts.newcomers == 200)
        try await reading.flush()
        #expect(try await reading.log.records(since: .distantPast).isEmpty)
        let visits = try await reading.log.visits(since: .distantPast)
        #expect(visits.count == 5)
        #expect(visits.map(\.count).reduce(0, +) == 200)
    }

    @Test(arguments: StoreKind.allCases)
    func aReaderCountsFromTheSecondRequestThatCarriesTheCookie(kind: StoreKind) async throws {
        let fixture = try await SiteFixture.make(kind)
        let reading = fixture.services.reading
        try await fixture.app().test(.router) { client in
            let first = try await client.execute(uri: "/article/tokayev-thanks-allies", method: .get)
            let id = try #require(readerCookie(first))
            #expect(!reading.isKnown(ReaderID(id)))
            #expect(reading.pendingCount == 0)
            // The reading-history page already lists the read that is held.
            let cookie: HTTPFields = [.cookie: "byline_reader=\(id)"]
            #expect(try await client.execute(uri: "/reading-history", method: .get, headers: cookie).text.contains("Tokayev thanks allies"))

            let second = try await client.execute(uri: "/article/filler-2", method: .get, headers: cookie)
            #expect(second.headers[values: .setCookie].isEmpty)
            #expect(reading.isKnown(ReaderID(id)))
            #expect(reading.history(of: ReaderID(id)).map(\.article).count == 2)
            try await reading.flush()
            #expect(try await reading.log.records(reader: id).count == 2)

            // A cookie Byline never set (or has forgotten) is a first visit too: no row until it comes back.
            let forged: HTTPFields = [.cookie: "byline_reader=forgedforgedforgedforged"]
            _ = try await client.execute(uri: "/article/filler-3", method: .get, headers: forged)
            #expect(reading.pendingCount == 0)
            _ = try await client.execute(uri: "/article/filler-4", method: .get, headers: forged)
            #expect(reading.pendingCount == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func repeatsCollapseAndOneClientCannotDecideMostRead(kind: StoreKind) async throws {
        let fixture = try await SiteFixture.make(kind)
        let reading = fixture.services.reading
        try await fixture.app().test(.router) { client in
            // One reader cycles through ten stories twenty times (the test clock stands still: all within 30 minutes).
            let cycle = (0..<10).map { "/article/filler-\($0)" }
            var cookie: HTTPFields = [:]
            for _ in 0..<20 {
                for path in cycle {
                    let r = try await client.execute(uri: path, method: .get, headers: cookie)
                    if let id = readerCookie(r) { cookie = [.cookie: "byline_reader=\(id)"] }
                }
            }
            #expect(reading.pendingCount == 10, "one row per story, not per request")
            // Five readers each read another story, then filler-20.
            for n in 0..<5 {
                let r = try await client.execute(uri: "/article/filler-\(11 + n)", method: .get)
                let id = try #require(readerCookie(r))
                _ = try await client.execute(uri: "/article/filler-20", method: .get, headers: [.cookie: "byline_reader=\(id)"])
            }
            try await reading.flush()
            #expect(try await reading.log.records(since: .distantPast).count == 20)
            let page = try await client.execute(uri: "/most-read", method: .get).text
            let listed = page.components(separatedBy: "<ol class=\"stories most-read\">").last ?? ""
            let top = try #require(listed.range(of: "Filler 20")), zealot = try #require(listed.range(of: "Filler 0<"))
            #expect(top.lowerBound < zealot.lowerBound, "the story five readers read ranks above the one one reader read twenty times")
            #expect(listed.contains("5 readers"))
        }
    }

    @Test func memoryForReadersAndNewcomersHasAFixedCeiling() async throws {
        var limits = ReadingService.Limits()
        limits.readers = 3
        limits.newcomers = 4
        let reading = ReadingService(log: MemoryRecommendationStore(), retention: 90 * 86_400, limits: limits)
        let now = SiteFixture.now
        for n in 0..<50 {
            let reader = ReaderID("newcomer-\(n)-aaaaaaaaaaaa")
            #expect(reading.observe(reader: reader, returning: false, article: ArticleID(1), at: now) == .visit)
            // Every other one comes back and becomes a reader.
            if n % 2 == 0 { #expect(reading.observe(reader: reader, returning: true, article: ArticleID(2), at: now) == .recorded) }
        }
        #expect(reading.memoryCounts.readers == 3)
        #expect(reading.memoryCounts.newcomers == 4)
        // The readers forgotten to make room leave the model too.
        #expect(reading.history(of: ReaderID("newcomer-0-aaaaaaaaaaaa")).isEmpty)
        #expect(reading.history(of: ReaderID("newcomer-48-aaaaaaaaaaaa")).count == 2)
    }

    @Test func theQueueIsBoundedAndDropsAreCounted() async throws {
        var limits = ReadingService.Limits()
        limits.pendingReads = 5
        let reading = ReadingService(log: MemoryRecommendationStore(), retention: 90 * 86_400, limits: limits)
        for n in 0..<12 { reading.record(reader: ReaderID("reader-\(n)-aaaaaaaaaaaa"), article: ArticleID(1), at: SiteFixture.now) }
        #expect(reading.pendingCount == 5)
        #expect(reading.droppedCount == 7)
        #expect(reading.takeDropReport() == 7)
        #expect(reading.takeDropReport() == 0)
    }

    /// A log that remembers the size of each batch it was given.
    actor BatchLog: ReadingLog {
        let inner = MemoryRecommendationStore()
        var sizes: [Int] = []
        func append(_ records: [ReadingRecord]) async throws { sizes.append(records.count); try await inner.append(records) }
        func addVisits(_ counts: [VisitCount]) async throws { sizes.append(counts.count); try await inner.addVisits(counts) }
        func visits(since: Date) async throws -> [VisitCount] { await inner.visits(since: since) }
        func records(since: Date) async throws -> [ReadingRecord] { await inner.records(since: since) }
        func records(reader: String) async throws -> [ReadingRecord] { await inner.records(reader: reader) }
        func deleteRecords(reader: String) async throws { await inner.deleteRecords(reader: reader) }
        func prune(before cutoff: Date) async throws -> Int { await inner.prune(before: cutoff) }
    }

    @Test func theWriterWritesSmallBatchesSoEditorsAreNotKeptWaiting() async throws {
        var limits = ReadingService.Limits()
        limits.batchSize = 4
        let log = BatchLog()
        let reading = ReadingService(log: log, retention: 90 * 86_400, limits: limits)
        for n in 0..<10 {
            reading.record(reader: ReaderID("reader-\(n)-aaaaaaaaaaaa"), article: ArticleID(1), at: SiteFixture.now)
            reading.observe(reader: ReaderID("visitor-\(n)-aaaaaaaaaaaa"), returning: false, article: ArticleID(Int64(n)),
                            at: SiteFixture.now)
        }
        try await reading.flush()
        #expect(await log.sizes == [4, 4, 2, 4, 4, 2])
        #expect(reading.pendingCount == 0 && reading.pendingVisitCount == 0)
        #expect(try await log.records(since: .distantPast).count == 10)
    }
}
