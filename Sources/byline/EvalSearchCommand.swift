import ArgumentParser
import Foundation
import BylineCore
import BylineStore
import BylineRank
import BylineNewsroom
import BylineSearch

/// `byline eval search FILE.jsonl`: known-item evaluation of search (procedure in docs/SEARCH.md).
struct EvalSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Known-item search evaluation: MRR@10, Recall@10 and latency for headline queries.",
        discussion: """
        Imports FILE into a temporary SQLite store, then searches for every article with (a) its headline minus \
        stop words and (b) the first three words of (a). A result is correct when it is the article or an article \
        with an identical headline (corpora carry duplicates). Reports MRR@k, Recall@k and p50/p90/p99 latency.
        """)

    @Argument(help: ArgumentHelp("Articles to import (JSON Lines, Byline's schema).", valueName: "file"))
    var file: String

    @Option(help: "Cut-off of the ranking.")
    var k: Int = 10

    @Option(help: "Print each query slower than this many milliseconds.")
    var showSlow: Double?

    @Option(help: "Evaluate only every Nth article (1 = all).")
    var sampleEvery: Int = 1

    func validate() throws {
        guard (1...100).contains(k) else { throw ValidationError("--k must be from 1 to 100.") }
        guard sampleEvery >= 1 else { throw ValidationError("--sample-every must be at least 1.") }
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data = try Data(contentsOf: url)
        let records = try ImportFormat.detect(url: url).read(data, fileName: url.lastPathComponent)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-eval-search-\(UUID().uuidString).db").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let services = try BylineServices.make(config: BylineConfig(storage: .sqlite(path: path), loadDemoWhenEmpty: false), engines: [.tagging])
        let started = Date()
        let summary = try await ImportRunner(writer: services.writer, stores: services.stores, batchSize: 500).run(records)
        print("byline eval search \(file)")
        print("imported \(summary.created) articles (\(summary.skipped.count) skipped) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")

        var articles: [ArticleSummary] = []
        var page = 1
        while true {
            let listed = try await services.stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(page: page, size: PageRequest.maxSize)))
            articles += listed.items
            if !listed.hasNext { break }
            page += 1
        }
        articles.sort { $0.id.rawValue < $1.id.rawValue }
        let headlineKey = { (headline: String) in SearchText.tokens(headline).joined(separator: " ") }
        let duplicates = Dictionary(grouping: articles, by: { headlineKey($0.headline) }).values.filter { $0.count > 1 }
        print("articles: \(articles.count); headlines shared by more than one article: \(duplicates.count) "
              + "(\(duplicates.reduce(0) { $0 + $1.count }) articles; a hit on any of them counts as correct)")

        let search = ArticleSearch(store: services.stores.search)
        let now = Date().addingTimeInterval(60)
        var variants: [(name: String, ranks: [Int?], latencies: [Double], skipped: Int)] = [
            ("full headline minus stop words", [], [], 0), ("first 3 words of that", [], [], 0),
        ]
        // Warm the vocabulary and the page cache.
        _ = try await search.search(SearchInput(text: "warm up", now: now, includeFacets: false))
        let clock = ContinuousClock()
        for (index, article) in articles.enumerated() where index % sampleEvery == 0 {
            let words = SearchText.tokens(article.headline).filter { !Self.stopWords.contains($0) }
            let queries = [words, Array(words.prefix(3))]
            let key = headlineKey(article.headline)
            for (v, query) in queries.enumerated() {
                guard !query.isEmpty else { variants[v].skipped += 1; continue }
                var outcome: SearchOutcome?
                let elapsed = try await clock.measure {
                    outcome = try await search.search(SearchInput(text: query.joined(separator: " "), page: PageRequest(page: 1, size: k),
                                                                  now: now, includeFacets: false))
                }
                let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
                variants[v].latencies.append(milliseconds)
                if let showSlow, milliseconds > showSlow {
                    print(String(format: "slow: %.1f ms: ", milliseconds) + query.joined(separator: " "))
                }
                let hits = outcome?.results.hits.items ?? []
                let rank = hits.firstIndex { $0.article.id == article.id || headlineKey($0.article.headline) == key }
                variants[v].ranks.append(rank.map { $0 + 1 })
            }
        }
        for variant in variants {
            let n = Double(max(variant.ranks.count, 1))
            let mrr = variant.ranks.reduce(0.0) { $0 + ($1.map { 1 / Double($0) } ?? 0) } / n
            let recall = Double(variant.ranks.filter { $0 != nil }.count) / n
            let sorted = variant.latencies.sorted()
            func percentile(_ p: Double) -> String {
                guard !sorted.isEmpty else { return "-" }
                return String(format: "%.2f ms", sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)])
            }
            print("\(variant.name): queries \(variant.ranks.count) (skipped \(variant.skipped) empty), "
                  + "MRR@\(k) \(String(format: "%.4f", mrr)), Recall@\(k) \(String(format: "%.4f", recall)), "
                  + "latency p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99))")
        }
    }

    /// Common English function words, left out of the queries (a reader would not type them into a search box).
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his", "in",
        "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "will",
        "with", "s", "t", "not", "no", "into",
    ]
}
