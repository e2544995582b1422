import Foundation
import Testing
@testable import BylineText

/// The article the project started from: its hand-made tags were wrong; the tagger's must be right.
@Suite("Seed article tags")
struct SeedArticleTests {
    /// `../shared/data` next to the package root (the root is two folders above this file's folder).
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data").standardizedFileURL
    static let seedFile = dataDirectory.appendingPathComponent("seed/world-china-russia-kazakhstan.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seedFile.path)))
    func seedArticleGetsTheRightTags() throws {
        let text = try String(contentsOf: Self.seedFile, encoding: .utf8)
        let article = PlainTextArticle(parsing: text)
        #expect(article.section == "World")
        #expect(article.headline.hasPrefix("China supports Putin"))
        #expect(!article.body.contains("leafotan"))
        #expect(!article.body.contains("You May Also Like"))

        let tags = try EntityTagger.bundled().tag(headline: article.headline, body: article.body)
        let names = Set(tags.map(\.name))
        let required = [
            "Kazakhstan", "Russia", "China", "Vladimir Putin", "Wang Yi", "Sergei Lavrov", "Kassym-Jomart Tokayev",
            "Collective Security Treaty Organization", "Shanghai Cooperation Organisation", "Xi Jinping", "Belarus",
            "Alexander Lukashenko", "Ukraine", "United States",
        ]
        for name in required { #expect(names.contains(name), "missing tag \(name)") }
        #expect(!names.contains("Joe Biden"))
        #expect(!tags.contains { $0.name.lowercased().contains("leafotan") || $0.name.lowercased().contains("otan") })

        // Links carry KB ids and facts.
        let putin = try #require(tags.first { $0.name == "Vladimir Putin" })
        #expect(putin.wikidataID == "Q7747")
        #expect(putin.facts?.countryID == "Q159")
        #expect(putin.slug?.rawValue == "vladimir-putin")
        let csto = try #require(tags.first { $0.name == "Collective Security Treaty Organization" })
        #expect(Set(csto.mentions.map(\.text)).isSuperset(of: ["CSO", "CTO"]))
        #expect(csto.facts?.memberIDs.contains("Q232") == true)
        let kazakhstan = try #require(tags.first { $0.name == "Kazakhstan" })
        #expect(kazakhstan.mentions.contains { $0.text == "Kazakhs" && $0.rule == .demonym })
        #expect(tags.first?.salience ?? 0 >= tags.last?.salience ?? 0)
    }

    @Test func pageFurnitureIsNotBody() {
        let article = PlainTextArticle(parsing: "World\n\nA headline about things\n\nby\n\nFirst paragraph.\n\n.\n\nAsiaBricscapitalismchinaCold WarJoe Biden\n\nYou May Also Like\n")
        #expect(article.section == "World")
        #expect(article.headline == "A headline about things")
        #expect(article.body == "First paragraph.")
    }
}
