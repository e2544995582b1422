import ArgumentParser
import Foundation
import GRDB
import BylineCore
import BylineStore
import BylineRank
import BylineSearch
import BylineSQLite
import BylineImport

/// `byline eval bench-search`: the engine behind bench/search.sh (hidden). Builds a synthetic store from
/// recombined sentences of a corpus, then times Byline's search, raw FTS5 and `LIKE` on a fixed query set.
struct BenchSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-search",
        abstract: "Search latency: Byline vs raw FTS5 vs LIKE on a generated store (used by bench/search.sh).",
        shouldDisplay: false)

    @Option(help: "Corpus whose sentences are recombined (JSON Lines).")
    var source: String

    @Option(help: "SQLite file to build (reused when it already holds --articles articles).")
    var db: String

    @Option(help: "Articles to generate.")
    var articles: Int = 100_000

    @Option(help: "Queries to time.")
    var queries: Int = 1_000

    @Option(help: "Queries also timed with LIKE (a full scan each; slow by design).")
    var likeQueries: Int = 100

    @Option(help: "Seed of the generator (articles and queries).")
    var seed: UInt64 = 2026

    func run() async throws {
        let corpus = try Corpus(path: source)
        print("corpus: \(corpus.headlines.count) headlines, \(corpus.sentences.count) sentences, \(corpus.vocabulary.count) query words")
        let store = try SQLiteStore(path: db)
        let existing = try await store.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 1))).total
        if existing < articles {
            try await build(store, corpus: corpus, from: existing)
        }
        print("store: \(try await store.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 1))).total) articles in \(db)")

        var random = SplitMix64(seed: seed ^ 0x5EA2C4)
        let set = QuerySet.make(corpus: corpus, count: queries, random: &random)
        let sections = try await store.sections()
        let search = ArticleSearch(store: store)
        let baselines = try SearchBaselines(path: db)
        let parser = SearchQueryParser()
        let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01: every generated article is public.

        func filters(_ query: BenchQuery) -> SearchFilters {
            switch query.filter {
            case .none: return SearchFilters()
            case .section(let i): return SearchFilters(section: sections[i % sections.count].id)
            case .since(let days): return SearchFilters(publishedFrom: now.addingTimeInterval(-Double(days) * 86_400))
            }
        }
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }
        // `serve` prepares search at start (the ranking table and the vocabulary); timed on its own, then the first search.
        let prepareClock = ContinuousClock()
        let prepared = try await prepareClock.measure { try await search.prepare() }
        print(String(format: "prepare (serve does it at start: ranking table and vocabulary): %.0f ms", ms(prepared)))
        if let firstQuery = set.first {
            let first = try await prepareClock.measure {
                _ = try await search.search(SearchInput(text: firstQuery.text, filters: filters(firstQuery), now: now, includeFacets: false))
            }
            print(String(format: "first search after it: %.2f ms", ms(first)))
        }
        // Warm-up: page cache, statement cache, vocabulary.
        for query in set.prefix(50) {
            _ = try await search.search(SearchInput(text: query.text, filters: filters(query), now: now, includeFacets: false))
            _ = try await baselines.rawFTS5(parser.parse(query.text).expression, limit: 10)
        }
        let clock = ContinuousClock()
        var byline: [Double] = [], bylineFacets: [Double] = [], raw: [Double] = [], like: [Double] = [], bylineForLike: [Double] = []
        var byKind: [String: [Double]] = [:], rawByKind: [String: [Double]] = [:]
        for (index, query) in set.enumerated() {
            let input = SearchInput(text: query.text, filters: filters(query), now: now, includeFacets: false)
            let t = ms(try await clock.measure { _ = try await search.search(input) })
            byline.append(t)
            byKind[query.kind, default: []].append(t)
            var withFacets = input
            withFacets.includeFacets = true
            bylineFacets.append(ms(try await clock.measure { _ = try await search.search(withFacets) }))
            let expression = parser.parse(query.text).expression
            let r = ms(try await clock.measure { _ = try await baselines.rawFTS5(expression, limit: 10) })
            raw.append(r)
            rawByKind[query.kind, default: []].append(r)
            if index < likeQueries {
                bylineForLike.append(t)
                let words = expression.positiveTerms.flatMap(\.tokens)
                like.append(ms(try await clock.measure { _ = try await baselines.like(words, limit: 10) }))
            }
        }
        func p(_ values: [Double], _ q: Double) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
        }
        func line(_ name: String, _ values: [Double]) {
            print(name.padding(toLength: 44, withPad: " ", startingAt: 0)
                  + String(format: "p50 %8.3f ms   p99 %8.3f ms   (n=%d)", p(values, 0.5), p(values, 0.99), values.count))
        }
        print("")
        line("Byline search (results, total, suggestion)", byline)
        line("Byline search with facets", bylineFacets)
        line("raw FTS5 MATCH … ORDER BY bm25() LIMIT 10", raw)
        line("LIKE '%term%' (first \(like.count) queries)", like)
        line("Byline on those same \(like.count) queries", bylineForLike)
        print("")
        print(String(format: "Byline / raw FTS5: p50 %.2f×, p99 %.2f×", p(byline, 0.5) / p(raw, 0.5), p(byline, 0.99) / p(raw, 0.99)))
        print(String(format: "LIKE / Byline (same queries): p50 %.0f×, p99 %.0f×",
                     p(like, 0.5) / max(p(bylineForLike, 0.5), 1e-9), p(like, 0.99) / max(p(bylineForLike, 0.99), 1e-9)))
        print("")
        for kind in byKind.keys.sorted() {
            line("  Byline, \(kind) queries", byKind[kind] ?? [])
            line("  raw FTS5, \(kind) queries", rawByKind[kind] ?? [])
        }
    }

    private func build(_ store: SQLiteStore, corpus: Corpus, from existing: Int) async throws {
        let names = ["business", "entertainment", "politics", "sport", "tech"]
        for (i, name) in names.enumerated() {
            _ = try await store.ensureSection(slug: Slug(name)!, name: name.capitalized, summary: "", position: i)
        }
        var random = SplitMix64(seed: seed)
        let authors = (0..<60).map { "Reporter \(corpus.word(&random).capitalized) \($0)" }
        let start = Date(timeIntervalSince1970: 1_704_067_200) // 2024-01-01
        let started = Date()
        var batch: [ArticleDraft] = []
        for n in existing..<articles {
            let headline = corpus.headline(&random)
            let body = (0..<(6 + Int(random.next() % 14))).map { _ in corpus.sentence(&random) }
            let html = body.map { "<p>" + Self.escape($0) + "</p>" }.joined()
            let draft = ArticleDraft(
                headline: String(headline.prefix(ArticleLimits.headline)), dek: corpus.sentence(&random).prefix(300).description,
                bodyMarkdown: body.joined(separator: "\n\n"), bodyHTML: html, section: Slug(names[Int(random.next() % 5)])!,
                contributors: [ContributorInput(name: authors[Int(random.next() % UInt64(authors.count))])],
                tags: [corpus.word(&random).capitalized], status: .published,
                publishedAt: start.addingTimeInterval(Double(random.next() % (730 * 86_400))), externalID: "bench-\(n)")
            batch.append(draft)
            if batch.count == 1_000 || n == articles - 1 {
                _ = try await store.upsertBatch(batch, now: Date())
                batch.removeAll(keepingCapacity: true)
                let done = n + 1 - existing
                if done % 10_000 == 0 || n == articles - 1 {
                    let elapsed = Date().timeIntervalSince(started)
                    print("built \(n + 1) articles (\(Int(Double(done) / max(elapsed, 0.001))) per second)")
                }
            }
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// What bench/search.sh sets Byline's search against, on the same database file: raw FTS5 and `LIKE`. They are
/// no part of the store, so they read the file through a GRDB pool of their own, set up for reading as the store's
/// is (pages mapped into memory).
struct SearchBaselines {
    let database: DatabasePool

    /// Opens the store's file at `path` (already created and migrated by ``SQLiteStore``) for reading.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened.
    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 2147418112") }
        database = try DatabasePool(path: path, configuration: config)
    }

    /// Raw FTS5: `MATCH … ORDER BY bm25() LIMIT n` with no visibility check, no recency and no hydration.
    /// - Throws: GRDB's `DatabaseError`.
    func rawFTS5(_ expression: SearchExpression, limit: Int) async throws -> [Int64] {
        guard let match = FTS5Query.match(expression) else { return [] }
        return try await database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY bm25(article_search) LIMIT ?
                """, arguments: [match, limit])
        }
    }

    /// The WordPress way: every word as `LIKE '%word%'` on headline or body, newest first.
    /// - Throws: GRDB's `DatabaseError`.
    func like(_ words: [String], limit: Int) async throws -> [Int64] {
        guard !words.isEmpty else { return [] }
        let condition = Array(repeating: "(headline LIKE ? OR body_markdown LIKE ?)", count: words.count).joined(separator: " AND ")
        let values: [(any DatabaseValueConvertible)?] = words.flatMap { ["%\($0)%", "%\($0)%"] } + [limit]
        let arguments = StatementArguments(values)
        return try await database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM article WHERE status = 'published' AND \(condition) ORDER BY published_at DESC LIMIT ?
                """, arguments: arguments)
        }
    }
}

/// Sentences, headlines and query words of the source corpus.
struct Corpus {
    var headlines: [String] = []
    var sentences: [String] = []
    /// Words of 4+ letters that are not stop words, with repeats (so sampling follows their frequency).
    var vocabulary: [String] = []

    init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let records = JSONLReader(fileName: url.lastPathComponent).read(try Data(contentsOf: url))
        for case .success(let item) in records {
            headlines.append(item.draft.headline)
            for paragraph in item.draft.bodyMarkdown.split(whereSeparator: \.isNewline) {
                for sentence in paragraph.split(separator: ". ") where sentence.count > 20 {
                    sentences.append(sentence.hasSuffix(".") ? String(sentence) : sentence + ".")
                }
            }
            vocabulary += SearchText.tokens(item.draft.headline).filter { $0.count >= 4 && !EvalSearchCommand.stopWords.contains($0) && Int($0) == nil }
        }
        guard !headlines.isEmpty, !sentences.isEmpty, !vocabulary.isEmpty else {
            throw ValidationError("\(path) has no usable articles")
        }
    }

    func headline(_ random: inout SplitMix64) -> String { headlines[Int(random.next() % UInt64(headlines.count))] }
    func sentence(_ random: inout SplitMix64) -> String { sentences[Int(random.next() % UInt64(sentences.count))] }
    func word(_ random: inout SplitMix64) -> String { vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
}

/// One benchmark query.
struct BenchQuery {
    enum Filter { case none, section(Int), since(days: Int) }
    var kind: String
    var text: String
    var filter: Filter
}

/// The fixed query mix: 30% single words, 25% two words, 15% phrases, 15% typos, 15% filtered.
enum QuerySet {
    static func make(corpus: Corpus, count: Int, random: inout SplitMix64) -> [BenchQuery] {
        var queries: [BenchQuery] = []
        for i in 0..<count {
            switch i % 20 {
            case 0..<6:
                queries.append(BenchQuery(kind: "single-word", text: corpus.word(&random), filter: .none))
            case 6..<11:
                queries.append(BenchQuery(kind: "two-word", text: corpus.word(&random) + " " + corpus.word(&random), filter: .none))
            case 11..<14:
                let words = SearchText.tokens(corpus.sentence(&random))
                let start = words.count > 3 ? Int(random.next() % UInt64(words.count - 2)) : 0
                queries.append(BenchQuery(kind: "phrase", text: "\"" + words[start..<min(words.count, start + 2)].joined(separator: " ") + "\"",
                                          filter: .none))
            case 14..<17:
                var letters = Array(corpus.word(&random))
                let at = Int(random.next() % UInt64(letters.count - 1))
                if random.next() % 2 == 0 { letters.swapAt(at, at + 1) } else { letters.remove(at: at) }
                queries.append(BenchQuery(kind: "typo", text: String(letters), filter: .none))
            default:
                let filter: BenchQuery.Filter = random.next() % 2 == 0 ? .section(Int(random.next() % 5)) : .since(days: 30 + Int(random.next() % 300))
                queries.append(BenchQuery(kind: "filtered", text: corpus.word(&random), filter: filter))
            }
        }
        return queries
    }
}

