import Foundation
import Testing
import BylineCore
@testable import BylineRank

private func id(_ n: Int64) -> ArticleID { ArticleID(rawValue: n) }
private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

/// The bounds behind anonymous reading state: the LRU table and "most read" as distinct readers.
@Suite("Reading bounds")
struct ReadingBoundsTests {
    @Test func theTableForgetsTheLeastRecentlyUsedEntryAtCapacity() {
        var table = LRUTable<String, Int>(capacity: 3)
        #expect(table.set(1, for: "a") == nil)
        table.set(2, for: "b"); table.set(3, for: "c")
        #expect(table.use("a") == 1) // a is now the most recent; b the least
        let evicted = table.set(4, for: "d")
        #expect(evicted?.key == "b" && evicted?.value == 2)
        #expect(table.count == 3 && !table.contains("b"))
        #expect(table.entries.map(\.key) == ["d", "a", "c"])
        // peek does not count as a use.
        #expect(table.peek("c") == 3)
        #expect(table.set(5, for: "e")?.key == "c")
        #expect(table.removeValue(forKey: "a") == 1)
        #expect(table.entries.map(\.key) == ["e", "d"])
        table.updateAll { key, value in key == "d" ? nil : value * 10 }
        #expect(table.entries.map(\.value) == [50])
        // Slots are reused: thousands of inserts never grow it past the capacity.
        for n in 0..<10_000 { table.set(n, for: "k\(n)") }
        #expect(table.count == 3)
        #expect(table.entries.map(\.key) == ["k9999", "k9998", "k9997"])
        #expect(table.removeLeastRecent()?.key == "k9997")
    }

    @Test func oneReaderCountsOncePerStoryInMostRead() {
        var configuration = ReadingModelConfiguration()
        configuration.mostReadOncePer = 86_400
        var m = ReadingModel(configuration: configuration)
        // One reader reads story 1 every hour for a day; three readers read story 2 once.
        for hour in 0..<20 {
            m.record(ReadingEvent(reader: ReaderID("zealot"), article: id(1), at: t0.addingTimeInterval(Double(hour) * 3_600)))
        }
        for r in 0..<3 { m.record(ReadingEvent(reader: ReaderID("r\(r)"), article: id(2), at: t0.addingTimeInterval(3_600))) }
        let top = m.mostRead(window: 86_400, now: t0.addingTimeInterval(20 * 3_600), limit: 10)
        #expect(top.map(\.article) == [id(2), id(1)])
        #expect(top.map(\.reads) == [3, 1])
    }

    @Test func firstVisitsBreakTiesAndNothingElse() {
        var m = ReadingModel()
        m.record(ReadingEvent(reader: ReaderID("a"), article: id(1), at: t0))
        m.record(ReadingEvent(reader: ReaderID("b"), article: id(2), at: t0))
        m.record(ReadingEvent(reader: ReaderID("c"), article: id(2), at: t0))
        // Thousands of first visits to story 1 do not outrank a second reader of story 2...
        m.recordVisits(of: id(1), at: t0, count: 5_000)
        #expect(m.mostRead(now: t0.addingTimeInterval(60)).map(\.article) == [id(2), id(1)])
        // ...but decide between stories with as many readers, and never list a story nobody has read.
        m.record(ReadingEvent(reader: ReaderID("d"), article: id(1), at: t0))
        m.recordVisits(of: id(3), at: t0, count: 9_000)
        #expect(m.mostRead(now: t0.addingTimeInterval(60)).map(\.article) == [id(1), id(2)])
    }

    @Test func theMostReadLogKeepsAtMostItsCapacity() {
        var configuration = ReadingModelConfiguration()
        configuration.mostReadCapacity = 10
        configuration.mostReadOncePer = 0
        var m = ReadingModel(configuration: configuration)
        for r in 0..<30 { m.record(ReadingEvent(reader: ReaderID("r\(r)"), article: id(Int64(r < 20 ? 1 : 2)), at: t0.addingTimeInterval(Double(r)))) }
        let top = m.mostRead(now: t0.addingTimeInterval(60))
        #expect(top.map(\.reads).reduce(0, +) == 10)
        #expect(top.first?.article == id(2))
    }

    @Test func lastReadFindsAnyEarlierReadNotOnlyTheLatest() {
        var m = ReadingModel()
        let reader = ReaderID("a")
        m.record(ReadingEvent(reader: reader, article: id(1), at: t0))
        m.record(ReadingEvent(reader: reader, article: id(2), at: t0.addingTimeInterval(60)))
        #expect(m.lastRead(reader, id(1)) == t0)
        #expect(m.lastRead(reader, id(3)) == nil)
        #expect(m.latestReadTime(of: reader) == t0.addingTimeInterval(60))
    }
}
