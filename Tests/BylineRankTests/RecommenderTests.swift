import Foundation
import Testing
import BylineCore
@testable import BylineRank

private func id(_ n: Int64) -> ArticleID { ArticleID(rawValue: n) }
private let t0 = Date(timeIntervalSince1970: 1_700_000_000)
private func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

/// Twenty readers read 1 then 2; ten read 1 then 3; article 4 is read alone by many (trending).
private func model() -> ReadingModel {
    var model = ReadingModel()
    for r in 0..<20 {
        model.record(ReadingEvent(reader: ReaderID("a\(r)"), article: id(1), at: at(Double(r))))
        model.record(ReadingEvent(reader: ReaderID("a\(r)"), article: id(2), at: at(Double(r) + 1)))
    }
    for r in 0..<10 {
        model.record(ReadingEvent(reader: ReaderID("b\(r)"), article: id(1), at: at(Double(r) + 30)))
        model.record(ReadingEvent(reader: ReaderID("b\(r)"), article: id(3), at: at(Double(r) + 31)))
    }
    for r in 0..<40 {
        model.record(ReadingEvent(reader: ReaderID("c\(r)"), article: id(4), at: at(Double(r) + 60)))
    }
    return model
}

@Suite("Recommender")
struct RecommenderTests {
    @Test func coReadingLeadsAndReadItemsAreExcluded() {
        var m = model()
        let reader = ReaderID("me")
        m.record(ReadingEvent(reader: reader, article: id(1), at: at(120)))
        let recs = Recommender().recommend(RecommendationRequest(reader: reader, currentArticle: id(1), limit: 3, now: at(121)), model: m)
        #expect(recs.first?.id == id(2))
        #expect(recs.first?.reason == .readersAlsoRead)
        #expect(!recs.contains { $0.id == id(1) })
        #expect(Set(recs.map(\.id)) == [id(2), id(3), id(4)])

        m.record(ReadingEvent(reader: reader, article: id(2), at: at(122)))
        let after = Recommender().recommend(RecommendationRequest(reader: reader, limit: 5, alreadyShown: [id(4)], now: at(123)), model: m)
        #expect(!after.contains { $0.id == id(1) || $0.id == id(2) || $0.id == id(4) })
        #expect(after.first?.id == id(3))
    }

    @Test func newReaderGetsTrendingInTheirSection() {
        let m = model()
        var catalog = RelatedIndex()
        let sections: [Int64: Int64] = [1: 1, 2: 1, 3: 2, 4: 2, 5: 2]
        for (article, section) in sections {
            catalog.add(RelatedDocument(id: id(article), sectionID: SectionID(rawValue: section), sectionName: "S\(section)",
                                        publishedAt: t0, headline: "h\(article)", text: "story number \(article)"))
        }
        let recs = Recommender().recommend(
            RecommendationRequest(reader: ReaderID("new"), currentSection: SectionID(rawValue: 1), limit: 2, now: at(100)),
            model: m, catalog: catalog)
        #expect(recs.map(\.id) == [id(1), id(2)])
        #expect(recs.allSatisfy { $0.reason == .trending })
        // Without a reader at all, trending overall.
        let anonymous = Recommender().recommend(RecommendationRequest(reader: nil, limit: 1, now: at(100)), model: m)
        #expect(anonymous.map(\.id) == [id(4)])
    }

    @Test func historyCanBeReadAndCleared() {
        var m = model()
        let reader = ReaderID("a3")
        #expect(m.history(of: reader).map(\.article) == [id(2), id(1)])
        #expect(m.hasRead(reader, id(1)))
        m.forget(reader)
        #expect(m.history(of: reader).isEmpty)
        #expect(!m.hasRead(reader, id(1)))
        // Retention: a4 read at minutes 4 and 5, a2 at 2 and 3; keeping reads from minute 4.5 on.
        m.prune(historyBefore: at(4.5))
        #expect(m.history(of: ReaderID("a4")).map(\.article) == [id(2)])
        #expect(m.history(of: ReaderID("a2")).isEmpty)
    }

    @Test func mostReadCountsOnlyTheWindow() {
        var m = ReadingModel()
        let now = t0.addingTimeInterval(30 * 86_400)
        func read(_ article: Int64, hoursAgo: Double, _ n: Int) {
            for r in 0..<n {
                m.record(ReadingEvent(reader: ReaderID("r\(article)-\(hoursAgo)-\(r)"), article: id(article),
                                      at: now.addingTimeInterval(-hoursAgo * 3_600)))
            }
        }
        read(1, hoursAgo: 30, 50)   // outside 24 h
        read(2, hoursAgo: 23, 5)
        read(3, hoursAgo: 2, 3)
        read(1, hoursAgo: 1, 2)
        let top = m.mostRead(window: 86_400, now: now, limit: 10)
        #expect(top.map(\.article) == [id(2), id(3), id(1)])
        #expect(top.map(\.reads) == [5, 3, 2])
        let lastHours = m.mostRead(window: 3 * 3_600, now: now, limit: 10)
        #expect(lastHours.map(\.article) == [id(3), id(1)])
        let filtered = m.mostRead(window: 86_400, now: now, limit: 10, where: { $0 != id(2) })
        #expect(filtered.first?.article == id(3))
    }

    /// Twenty readers went from 1 to 2 ten hours ago; one reader went from 1 to 3 a minute ago;
    /// forty readers read 4 in the last minutes (trending).
    private func fastAndSlowModel() -> ReadingModel {
        var m = ReadingModel()  // defaults: fast memory 30 min, slow memory 24 h
        for r in 0..<20 {
            m.record(ReadingEvent(reader: ReaderID("old\(r)"), article: id(1), at: at(Double(r) * 0.1)))
            m.record(ReadingEvent(reader: ReaderID("old\(r)"), article: id(2), at: at(Double(r) * 0.1 + 1)))
        }
        for r in 0..<40 {
            m.record(ReadingEvent(reader: ReaderID("t\(r)"), article: id(4), at: at(590 + Double(r) * 0.2)))
        }
        m.record(ReadingEvent(reader: ReaderID("new"), article: id(1), at: at(598)))
        m.record(ReadingEvent(reader: ReaderID("new"), article: id(3), at: at(599)))
        return m
    }

    @Test func slowCoReadingRemembersWhatTheFastMemoryForgot() {
        let m = fastAndSlowModel()
        let request = RecommendationRequest(reader: ReaderID("me"), currentArticle: id(1), limit: 3, now: at(600))
        // The fast memory knows only the recent 1 → 3; the slow one still knows the twenty 1 → 2.
        let both = Recommender().recommend(request, model: m)
        #expect(both.map(\.id) == [id(3), id(2), id(4)])
        #expect(both[1].reason == .readersAlsoRead)
        var fastOnly = RecommenderConfiguration()
        fastOnly.slowCoReadWeight = 0
        let fast = Recommender(configuration: fastOnly).recommend(request, model: m)
        #expect(fast.map(\.id) == [id(3), id(4), id(2)])
        // A model without the slow memory works with the default (non-zero) slow weight.
        var config = ReadingModelConfiguration()
        config.slowCoReadHalfLife = 0
        var plain = ReadingModel(configuration: config)
        for (article, reader, minute) in [(1, "a", 598.0), (3, "a", 599)] {
            plain.record(ReadingEvent(reader: ReaderID(reader), article: id(Int64(article)), at: at(minute)))
        }
        #expect(Recommender().recommend(request, model: plain).first?.id == id(3))
    }

    @Test func coReadPriorLetsTrendingBeatThinEvidence() {
        // One reader went from 5 to 6; forty readers read 4 in the last minutes.
        var thin = ReadingModel()
        for r in 0..<40 {
            thin.record(ReadingEvent(reader: ReaderID("t\(r)"), article: id(4), at: at(590 + Double(r) * 0.2)))
        }
        thin.record(ReadingEvent(reader: ReaderID("one"), article: id(5), at: at(598)))
        thin.record(ReadingEvent(reader: ReaderID("one"), article: id(6), at: at(599)))
        let request = RecommendationRequest(reader: ReaderID("me"), currentArticle: id(5), limit: 2, now: at(600))
        // Without a prior one reader's continuation is a share of 1 and leads.
        #expect(Recommender().recommend(request, model: thin).map(\.id) == [id(6), id(4)])
        var shrunk = RecommenderConfiguration()
        shrunk.coReadPrior = 100
        #expect(Recommender(configuration: shrunk).recommend(request, model: thin).map(\.id) == [id(4), id(6)])
    }

    @Test func coReadNeighboursAreDirectionalShares() {
        let m = model()
        let next = m.coReadNeighbours(of: id(1), limit: 5)
        #expect(next.map(\.article) == [id(2), id(3)])
        #expect(abs(next.reduce(0) { $0 + $1.share } - 1) < 1e-6)
    }
}

@Suite("Ranking metrics")
struct RankingMetricsTests {
    @Test func hitRateMRRAndNDCGByHand() {
        var m = RankingMetrics(k: 3)
        m.add(ranked: [id(1), id(2), id(3)], target: id(2))   // rank 2
        m.add(ranked: [id(4), id(5)], target: id(9))          // miss
        m.add(ranked: [id(6), id(7), id(8), id(9)], target: id(9)) // rank 4 > k: miss
        m.add(ranked: [id(1)], target: id(1))                 // rank 1
        #expect(m.count == 4)
        #expect(m.hits == 2)
        #expect(abs(m.hitRate - 0.5) < 1e-12)
        #expect(abs(m.meanReciprocalRank - (0.5 + 1) / 4) < 1e-12)
        #expect(abs(m.ndcg - (1 / log2(3.0) + 1) / 4) < 1e-12)
        // Recommended within the cut-off: 1,2,3,4,5,6,7,8 (9 was fourth) of a catalogue of 16.
        #expect(m.recommended.count == 8)
        #expect(abs(m.coverage(catalogueSize: 16) - 0.5) < 1e-12)
    }

    @Test func labelPrecision() {
        var p = LabelPrecision(k: 5)
        p.add(anchorLabel: "sport", pickLabels: ["sport", "sport", "tech", "sport", "sport"])
        p.add(anchorLabel: "tech", pickLabels: ["tech"])  // missing picks count as wrong
        #expect(abs(p.precision - (0.8 + 0.2) / 2) < 1e-12)
    }

    @Test func recentBaselineNamesTheirWindow() {
        #expect(RecentlyPopularPredictor(hours: 1.0 / 6).names == ["most popular (last 10 min)"])
        #expect(RecentlyPopularPredictor(hours: 3).names == ["most popular (last 3 h)"])
        #expect(RecentlyPopularPredictor(hours: 0.5).names == ["most popular (last 30 min)"])
    }

    /// Train: sessions 1–2 read a then b, session 3 reads c. Test (from the cut): session 4 reads a, b, c.
    @Test func nextClickEvaluationOnATinyLog() {
        let a = id(100), b = id(200), c = id(300), d = id(400)
        let clicks = [
            Click(user: 1, session: 1, sessionStart: 0, article: a, timestamp: 1_000),
            Click(user: 1, session: 1, sessionStart: 0, article: b, timestamp: 2_000),
            Click(user: 2, session: 2, sessionStart: 10_000, article: a, timestamp: 11_000),
            Click(user: 2, session: 2, sessionStart: 10_000, article: b, timestamp: 12_000),
            Click(user: 3, session: 3, sessionStart: 20_000, article: c, timestamp: 21_000),
            Click(user: 4, session: 4, sessionStart: 30_000, article: c, timestamp: 33_000),
            Click(user: 4, session: 4, sessionStart: 30_000, article: a, timestamp: 31_000),
            Click(user: 4, session: 4, sessionStart: 30_000, article: b, timestamp: 32_000),
            Click(user: 5, session: 5, sessionStart: 30_500, article: c, timestamp: 34_000),
            Click(user: 5, session: 5, sessionStart: 30_500, article: d, timestamp: 35_000), // never seen before: a miss
        ]
        #expect(NextClickEvaluation.cut(for: clicks, fraction: 1) == 30_500)
        var predictors: [any NextClickPredictor] = [MostPopularPredictor(refreshSeconds: 0), SessionItemKNNPredictor()]
        let result = NextClickEvaluation.run(clicks: clicks, cut: 30_000, predictors: &predictors, k: 10)
        #expect(result.sessions == 2)
        #expect(result.catalogueSize == 4)
        let popular = result.metrics[0].metrics
        let knn = result.metrics[1].metrics
        // Predictions: b after [a]; c after [a, b]; d after [c].
        #expect(popular.count == 3 && knn.count == 3)
        // Most popular: b is first after excluding a (ranks a3 b2 c1) → rank 1; then c → rank 1; d unseen → miss.
        #expect(popular.hits == 2)
        #expect(abs(popular.meanReciprocalRank - 2.0 / 3) < 1e-12)
        #expect(popular.recommended == [a, b, c])
        // kNN: b co-occurred with a → rank 1; c never co-occurred with a or b → miss; after [c], a and b
        // co-occurred with c in session 4 (not d) → miss.
        #expect(knn.hits == 1)
        #expect(abs(knn.ndcg - 1.0 / 3) < 1e-12)
        #expect(abs(knn.coverage(catalogueSize: result.catalogueSize) - 0.5) < 1e-12)
    }
}
