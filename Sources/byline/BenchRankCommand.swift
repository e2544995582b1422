import ArgumentParser
import BylineCore
import BylineRank
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `byline eval bench-rank` (hidden): latency of related articles and personal lists on a synthetic
/// store built at run time from sentences of a JSONL corpus; nothing generated is written to disk.
struct BenchRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-rank",
        abstract: "Related and personal-list latency (p50/p99) on a synthetic index.",
        shouldDisplay: false
    )

    @Option(help: "JSON Lines corpus whose sentences the synthetic articles are sampled from.")
    var corpus: String = "../shared/data/bbc-news/bbc-news.jsonl"

    @Option(help: "Synthetic articles in the index.")
    var documents: Int = 100_000

    @Option(help: "Synthetic reading events.")
    var events: Int = 1_000_000

    @Option(help: "Reads of the measured reader.")
    var readerReads: Int = 50

    @Option(help: "Timed queries per measurement.")
    var queries: Int = 1_000

    func run() throws {
        var random = SplitMix64(seed: 42)
        let source = try EvalRelatedCommand.read(path: corpus, labelField: "category")
        let bySection = Dictionary(grouping: source, by: \.label)
        let sectionNames = bySection.keys.sorted()
        let sentences: [[String]] = sectionNames.map { name in
            (bySection[name] ?? []).flatMap { d in
                d.body.split(whereSeparator: { $0 == "\n" || $0 == "." }).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0.count > 20 }
            }
        }
        guard sentences.allSatisfy({ !$0.isEmpty }) else { throw EvalInputError("\(corpus) has no sentences") }
        print("byline eval bench-rank: \(documents) synthetic articles from \(sentences.map(\.count).reduce(0, +)) sentences of \(corpus)")
        print("(each article: 12-20 sentences of one section, 0-3 of 2,000 synthetic entities, a date in the last 365 days)")

        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let buildStart = Date()
        var index = RelatedIndex()
        for i in 0..<documents {
            let s = Int(random.next() % UInt64(sectionNames.count))
            let pool = sentences[s]
            var text: [String] = []
            for _ in 0..<(12 + Int(random.next() % 9)) { text.append(pool[Int(random.next() % UInt64(pool.count))]) }
            let entities = (0..<Int(random.next() % 4)).map { _ in "E\(random.next() % 2_000)" }
            index.add(RelatedDocument(id: ArticleID(rawValue: Int64(i)), sectionID: SectionID(rawValue: Int64(s)),
                                      sectionName: sectionNames[s],
                                      publishedAt: now.addingTimeInterval(-Double(random.next() % (365 * 86_400))),
                                      headline: text[0], text: text.joined(separator: ". "), entities: entities))
        }
        print("index built in \(EvalFormat.seconds(Date().timeIntervalSince(buildStart)))")

        // Related: one article repeatedly, and many different articles.
        let anchor = ArticleID(rawValue: Int64(documents / 2))
        let one = measure(queries) { _ in _ = index.related(to: anchor, RelatedRequest(limit: 5)) }
        let many = measure(queries) { i in
            _ = index.related(to: ArticleID(rawValue: Int64((i &* 7_919) % documents)), RelatedRequest(limit: 5))
        }
        print("related, one article x\(queries):        \(one.summary)   goal p50 <= 5 ms")
        print("related, \(queries) different articles: \(many.summary)")

        // Reading events: Zipf-like popularity, sessions of 1-5 reads, over the last 7 days.
        var model = ReadingModel()
        let readers = max(1, events / 20)
        var t = now.addingTimeInterval(-7 * 86_400)
        let step = 7 * 86_400 / Double(max(1, events))
        var written = 0
        while written < events {
            let reader = ReaderID("r\(random.next() % UInt64(readers))")
            for _ in 0..<(1 + Int(random.next() % 5)) where written < events {
                let u = Double(random.next() % 1_000_000) / 1_000_000
                let article = Int64(pow(u, 3) * Double(documents))  // skewed towards low ids
                model.record(ReadingEvent(reader: reader, article: ArticleID(rawValue: article), at: t))
                t.addTimeInterval(step)
                written += 1
            }
        }
        let reader = ReaderID("bench-reader")
        for i in 0..<readerReads {
            model.record(ReadingEvent(reader: reader, article: ArticleID(rawValue: Int64((i &* 104_729) % documents)),
                                      at: now.addingTimeInterval(Double(i - readerReads) * 60)))
        }
        print("reading model: \(events) events, \(readers) readers, \(model.articleCount) articles read; reader with \(readerReads) reads")
        let recommender = Recommender()
        let personal = measure(queries) { i in
            _ = recommender.recommend(RecommendationRequest(reader: reader, currentArticle: ArticleID(rawValue: Int64(i % documents)),
                                                            limit: 5, now: now), model: model, catalog: index)
        }
        print("personal list, reader with \(readerReads) reads:  \(personal.summary)   goal p50 <= 2 ms")
        let mostRead = measure(100) { _ in _ = model.mostRead(window: 86_400, now: now, limit: 10) }
        print("most read, 24 h window:           \(mostRead.summary)   (cache it per minute)")
    }

    /// Wall-clock and this thread's CPU time per call, in milliseconds. On a shared machine the CPU
    /// time is what the code costs; wall time adds waiting for a core.
    private func measure(_ n: Int, _ body: (Int) -> Void) -> Timing {
        var wall: [Double] = []
        var cpu: [Double] = []
        for i in 0..<n {
            let cpuStart = threadCPUNanoseconds()
            let start = DispatchTime.now().uptimeNanoseconds
            body(i)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            cpu.append(Double(threadCPUNanoseconds() - cpuStart) / 1e6)
        }
        return Timing(wall: wall, cpu: cpu)
    }

    private func threadCPUNanoseconds() -> UInt64 {
        #if canImport(Glibc)
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
        #else
        return DispatchTime.now().uptimeNanoseconds
        #endif
    }
}

/// Latency percentiles of one measurement.
struct Timing {
    var wall: [Double]
    var cpu: [Double]

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    var summary: String {
        String(format: "p50 %.3f ms  p99 %.3f ms  (CPU: p50 %.3f ms  p99 %.3f ms)",
               Self.percentile(wall, 0.5), Self.percentile(wall, 0.99), Self.percentile(cpu, 0.5), Self.percentile(cpu, 0.99))
    }
}

