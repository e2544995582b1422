import Foundation
import Testing
import BylineCore
@testable import BylineRank

/// Hand-written miniature newsroom: a few topics, one wire story in five versions.
enum Newsroom {
    static let world = SectionID(rawValue: 1)
    static let sport = SectionID(rawValue: 2)
    static let business = SectionID(rawValue: 3)
    static let day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func doc(_ id: Int64, _ section: SectionID, day: Double, _ headline: String, _ body: String,
                    entities: [String] = []) -> RelatedDocument {
        let names = [world: "World", sport: "Sport", business: "Business"]
        return RelatedDocument(id: ArticleID(rawValue: id), sectionID: section, sectionName: names[section] ?? "News",
                               publishedAt: start.addingTimeInterval(day * Self.day), headline: headline,
                               text: headline + "\n" + body, entities: entities,
                               entityNames: ["Q232": "Kazakhstan", "CSTO": "CSTO", "Q159": "Russia"])
    }

    static let wire = "Protesters gathered in the main square of Almaty on Tuesday as fuel prices doubled overnight, and police used tear gas to clear the crowd near the city administration building while the government promised a review of the price cap"

    static var documents: [RelatedDocument] {
        [
            doc(1, world, day: 10, "Kazakhstan asks CSTO for help as unrest spreads",
                "Kazakhstan's president asked the CSTO alliance to send peacekeepers after protests over fuel prices spread from Almaty to other cities.",
                entities: ["Q232", "CSTO"]),
            doc(2, world, day: 11, "CSTO troops arrive in Kazakhstan",
                "The first CSTO peacekeepers landed in Kazakhstan, where protests over fuel prices turned violent in Almaty.",
                entities: ["Q232", "CSTO", "Q159"]),
            doc(3, world, day: 9, "Fuel price protests begin in western Kazakhstan",
                "Drivers in western Kazakhstan protested after fuel prices doubled, blocking roads near oil towns.",
                entities: ["Q232"]),
            doc(4, sport, day: 10, "Late goal settles the derby",
                "A late goal from the substitute settled the derby in front of a full stadium, and the coach praised the defence."),
            doc(5, sport, day: 8, "Coach signs new contract",
                "The coach signed a new three-year contract after the club finished second in the league."),
            doc(6, business, day: 10, "Oil prices climb as supply tightens",
                "Oil prices climbed for a third day as traders worried about supply from Kazakhstan and other producers.",
                entities: ["Q232"]),
            doc(7, world, day: 10, "Almaty protest: police use tear gas", wire),
            doc(8, world, day: 10, "Police use tear gas on Almaty protesters", wire + " officials said."),
            doc(9, world, day: 10, "Tear gas in Almaty as fuel protest grows", "Updated: " + wire),
            doc(10, world, day: 10, "Almaty police clear fuel protest", wire + " on Tuesday evening."),
            doc(11, world, day: 10, "Almaty: fuel protest broken up", wire + " according to witnesses."),
        ]
    }

    static func index() -> RelatedIndex {
        var index = RelatedIndex()
        for d in documents { index.add(d) }
        return index
    }
}

@Suite("Related articles")
struct RelatedArticlesTests {
    let index = Newsroom.index()

    @Test func neverTheAnchorNorDuplicatesNorShown() {
        for d in Newsroom.documents {
            let shown: Set<ArticleID> = [ArticleID(rawValue: 2), ArticleID(rawValue: 5)]
            let picks = index.related(to: d.id, RelatedRequest(limit: 5, alreadyShown: shown))
            let ids = picks.map(\.id)
            #expect(!ids.contains(d.id))
            #expect(Set(ids).count == ids.count)
            #expect(Set(ids).isDisjoint(with: shown))
            // Five distinct stories remain (the wire versions count once), four when the anchor
            // is one of them or a shown article is not the anchor.
            let expected = d.id == ArticleID(rawValue: 2) || d.id == ArticleID(rawValue: 5) ? 5 : 4
            #expect(picks.count == expected)
        }
    }

    @Test func relatedStoriesComeFirstWithEntityReasons() {
        let picks = index.related(to: ArticleID(rawValue: 2))
        #expect(picks.first?.id == ArticleID(rawValue: 1))
        #expect(picks.first?.reason.text == "Also about CSTO and Kazakhstan")
        #expect(picks.allSatisfy { !$0.reason.text.isEmpty })
    }

    @Test func wireVersionsNeverFillTheBlock() {
        let picks = index.related(to: ArticleID(rawValue: 1), RelatedRequest(limit: 5))
        let versions = Set((7...11).map { ArticleID(rawValue: Int64($0)) })
        #expect(picks.filter { versions.contains($0.id) }.count <= 1)
        // Against a wire version as the anchor, none of the other four versions is picked.
        let fromVersion = index.related(to: ArticleID(rawValue: 7), RelatedRequest(limit: 5))
        #expect(fromVersion.filter { versions.contains($0.id) }.isEmpty)
        #expect(fromVersion.count == 5)
    }

    @Test func pinsComeFirstInOrderAndExclusionsHold() {
        let request = RelatedRequest(limit: 4, pinned: [ArticleID(rawValue: 5), ArticleID(rawValue: 4), ArticleID(rawValue: 99)],
                                     excluded: [ArticleID(rawValue: 1), ArticleID(rawValue: 3)])
        let picks = index.related(to: ArticleID(rawValue: 2), request)
        #expect(picks.prefix(2).map(\.id) == [ArticleID(rawValue: 5), ArticleID(rawValue: 4)])
        #expect(picks.prefix(2).allSatisfy { $0.reason == .editorsPick })
        #expect(!picks.contains { $0.id == ArticleID(rawValue: 1) || $0.id == ArticleID(rawValue: 3) })
        #expect(picks.count == 4)
        // A pin that is also excluded is not shown.
        let both = index.related(to: ArticleID(rawValue: 2), RelatedRequest(pinned: [ArticleID(rawValue: 6)], excluded: [ArticleID(rawValue: 6)]))
        #expect(!both.contains { $0.id == ArticleID(rawValue: 6) })
    }

    @Test func sectionReasonAndFallbacks() {
        // Sport shares no words with other sections: the other sport story, then the latest overall.
        let picks = index.related(to: ArticleID(rawValue: 4), RelatedRequest(limit: 3))
        #expect(picks.first?.id == ArticleID(rawValue: 5))
        #expect(picks.first?.reason.text.hasSuffix("Sport") == true)
        #expect(picks.count == 3)
        #expect(picks.dropFirst().allSatisfy { $0.reason == .latest || $0.reason == .similarStory })
    }

    @Test func neverEmptyWhileAnotherArticleExists() {
        var small = RelatedIndex()
        let docs = Newsroom.documents
        small.add(docs[6])
        small.add(docs[7]) // a near-duplicate of the first
        let picks = small.related(to: docs[6].id)
        #expect(picks.map(\.id) == [docs[7].id])
        var single = RelatedIndex()
        single.add(docs[0])
        #expect(single.related(to: docs[0].id).isEmpty)
        // Unrelated, other section: the latest article still fills the block.
        single.add(docs[3])
        #expect(single.related(to: docs[0].id).map(\.id) == [docs[3].id])
        // Everything else excluded or shown: empty is right.
        #expect(single.related(to: docs[0].id, RelatedRequest(alreadyShown: [docs[3].id])).isEmpty)
    }

    @Test func incrementalAddUpdateRemove() {
        var index = Newsroom.index()
        #expect(index.count == 11)
        let removed = index.remove(ArticleID(rawValue: 1))
        let removedAgain = index.remove(ArticleID(rawValue: 1))
        #expect(removed && !removedAgain)
        #expect(!index.related(to: ArticleID(rawValue: 2), RelatedRequest(limit: 10)).contains { $0.id == ArticleID(rawValue: 1) })
        // An edit moves the coach story to Kazakhstan; it becomes related to the CSTO story.
        index.update(Newsroom.doc(5, Newsroom.world, day: 11, "Kazakhstan lifts state of emergency",
                                  "Kazakhstan lifted the state of emergency as CSTO peacekeepers prepared to leave Almaty.",
                                  entities: ["Q232", "CSTO"]))
        #expect(index.count == 10)
        let picks = index.related(to: ArticleID(rawValue: 2), RelatedRequest(limit: 2))
        #expect(picks.first?.id == ArticleID(rawValue: 5))
        // A re-added article is found again, and a slot reused after removal does not leak old terms.
        index.add(Newsroom.documents[0])
        #expect(index.related(to: ArticleID(rawValue: 2), RelatedRequest(limit: 3)).contains { $0.id == ArticleID(rawValue: 1) })
        let coach = index.related(to: ArticleID(rawValue: 4), RelatedRequest(limit: 1))
        #expect(coach.first?.id != ArticleID(rawValue: 5) || coach.first?.reason != .sameSection("Sport"))
    }

    @Test func scheduledArticlesAreNotPicked() {
        let cutoff = Newsroom.start.addingTimeInterval(10.5 * Newsroom.day)
        let picks = index.related(to: ArticleID(rawValue: 1), RelatedRequest(limit: 10, publishedBefore: cutoff))
        #expect(!picks.contains { $0.id == ArticleID(rawValue: 2) })
    }

    @Test func draftsCanBeAnchors() {
        let draft = Newsroom.doc(50, Newsroom.world, day: 12, "CSTO mission in Kazakhstan ends",
                                 "The CSTO said its peacekeepers would leave Kazakhstan within ten days.", entities: ["Q232", "CSTO"])
        let picks = index.related(toDocument: draft, RelatedRequest(limit: 2))
        #expect(Set(picks.map(\.id)) == [ArticleID(rawValue: 1), ArticleID(rawValue: 2)])
    }
}

@Suite("Text analysis")
struct TermAnalyzerTests {
    @Test func wordsAreLowercasedAndSplitOnUnicodeBoundaries() {
        let analyzer = TermAnalyzer()
        #expect(analyzer.words("Zürich's CAFÉ, São-Paulo: don't 2024") == ["zürich", "café", "são", "paulo", "dont", "2024"])
        #expect(analyzer.words("Москва и Алматы") == ["москва", "и", "алматы"])
        #expect(analyzer.terms("The ministers were resigning in Kazakhstan's capital") == ["minist", "resign", "kazakhstan", "capit"])
    }

    @Test func sketchesSeparateRewritesFromOtherStories() {
        var vocabulary = TermVocabulary()
        let a = ShingleSketch(wordHashes: vocabulary.analyze(Newsroom.wire).wordHashes)
        let b = ShingleSketch(wordHashes: vocabulary.analyze(Newsroom.wire + " officials said.").wordHashes)
        let c = ShingleSketch(wordHashes: vocabulary.analyze(Newsroom.documents[3].text).wordHashes)
        #expect(a.estimatedJaccard(a) == 1)
        #expect(a.estimatedJaccard(b) >= 0.5)
        #expect(a.estimatedJaccard(c) < 0.2)
    }
}
