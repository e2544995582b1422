import Foundation
import BylineCore

/// A document with a label, for measuring related-article picks (e.g. a news category).
public struct LabelledDocument: Hashable, Sendable {
    /// The document's id in its file.
    public var key: String
    /// The label picks should share with their anchor.
    public var label: String
    /// The headline.
    public var title: String
    /// The body text.
    public var body: String

    /// Makes a document.
    public init(key: String, label: String, title: String, body: String) {
        self.key = key; self.label = label; self.title = title; self.body = body
    }
}

/// Precision@k of related-article picks against labels, for Byline's engine and two baselines
/// (plain TF-IDF cosine, and "latest in section"), over the same documents.
public enum RelatedEvaluation {
    /// The figures of one run.
    public struct Result: Sendable {
        /// Documents evaluated (each is an anchor once).
        public var documents: Int
        /// Documents dropped because their body repeated an earlier one.
        public var duplicatesDropped: Int
        /// Precision per method, in the order run.
        public var methods: [(name: String, precision: LabelPrecision)]
    }

    /// Runs the evaluation.
    ///
    /// Documents get synthetic, distinct publication dates one hour apart in a seeded shuffle of
    /// their order (files are often sorted by label, so file order would leak the label into
    /// recency), and all share one section (the label must not become the section).
    public static func run(_ input: [LabelledDocument], k: Int = 5, configuration: RelatedConfiguration = RelatedConfiguration(),
                           seed: UInt64 = 2_005) -> Result {
        var seenBodies = Set<String>()
        var documents: [LabelledDocument] = []
        for d in input {
            let body = d.body.trimmingCharacters(in: .whitespacesAndNewlines)
            if seenBodies.insert(body).inserted { documents.append(d) }
        }
        let n = documents.count
        // Seeded Fisher–Yates: position in the shuffle = hours after the start.
        var order = Array(0..<n)
        var state = seed
        for i in stride(from: n - 1, to: 0, by: -1) {
            state = ShingleSketch.mix(state)
            order.swapAt(i, Int(state % UInt64(i + 1)))
        }
        var hour = [Int](repeating: 0, count: n)
        for (position, i) in order.enumerated() { hour[i] = position }
        let start = Date(timeIntervalSince1970: 1_100_000_000)
        let section = SectionID(rawValue: 1)
        let related = documents.indices.map { i in
            RelatedDocument(id: ArticleID(rawValue: Int64(i)), sectionID: section, sectionName: "News",
                            publishedAt: start.addingTimeInterval(Double(hour[i]) * 3_600),
                            headline: documents[i].title, text: documents[i].title + "\n" + documents[i].body)
        }
        var noRecency = configuration
        noRecency.recencyFloor = 1

        var engine = RelatedIndex(configuration: configuration)
        for d in related { engine.add(d) }
        var engineNoRecency = engine
        engineNoRecency.configuration = noRecency

        var byline = LabelPrecision(k: k)
        var bylineFlat = LabelPrecision(k: k)
        var cosine = LabelPrecision(k: k)
        var latest = LabelPrecision(k: k)
        let cosineIndex = CosineIndex(documents.map { $0.title + "\n" + $0.body }, analyzer: TermAnalyzer())
        let newest = documents.indices.sorted { hour[$0] > hour[$1] }
        for i in documents.indices {
            let label = documents[i].label
            let picks = engine.related(to: ArticleID(rawValue: Int64(i)), RelatedRequest(limit: k))
            byline.add(anchorLabel: label, pickLabels: picks.map { documents[Int($0.id.rawValue)].label })
            let flat = engineNoRecency.related(to: ArticleID(rawValue: Int64(i)), RelatedRequest(limit: k))
            bylineFlat.add(anchorLabel: label, pickLabels: flat.map { documents[Int($0.id.rawValue)].label })
            cosine.add(anchorLabel: label, pickLabels: cosineIndex.nearest(to: i, k: k).map { documents[$0].label })
            latest.add(anchorLabel: label, pickLabels: newest.lazy.filter { $0 != i }.prefix(k).map { documents[$0].label })
        }
        return Result(documents: n, duplicatesDropped: input.count - n, methods: [
            ("Byline related engine", byline),
            ("Byline engine, recency off", bylineFlat),
            ("TF-IDF cosine baseline", cosine),
            ("latest in section baseline", latest),
        ])
    }
}

/// The plain TF-IDF cosine baseline: raw term frequency × log(N/df), L2-normalised, exhaustive.
struct CosineIndex {
    private var vectors: [[(Int32, Float)]] = []
    private var postings: [[(Int, Float)]] = []

    init(_ texts: [String], analyzer: TermAnalyzer) {
        var vocabulary = TermVocabulary(analyzer: analyzer)
        let counts: [[Int32: Int]] = texts.map { text in
            var c: [Int32: Int] = [:]
            for t in vocabulary.analyze(text).terms { c[t, default: 0] += 1 }
            return c
        }
        var df = [Int](repeating: 0, count: vocabulary.count)
        for c in counts { for t in c.keys { df[Int(t)] += 1 } }
        let n = Double(texts.count)
        postings = Array(repeating: [], count: vocabulary.count)
        for (d, c) in counts.enumerated() {
            var v = c.map { (t, f) in (t, Float(Double(f) * log(n / Double(df[Int(t)])))) }
            let norm = v.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
            if norm > 0 { v = v.map { ($0.0, $0.1 / norm) } }
            vectors.append(v)
            for (t, w) in v where w > 0 { postings[Int(t)].append((d, w)) }
        }
    }

    /// The `k` documents with the highest cosine to document `i`, best first.
    func nearest(to i: Int, k: Int) -> [Int] {
        var scores = [Float](repeating: 0, count: vectors.count)
        for (t, w) in vectors[i] where w > 0 {
            for (d, x) in postings[Int(t)] { scores[d] += w * x }
        }
        var top = TopK<Int>(capacity: k)
        for (d, s) in scores.enumerated() where d != i && s > 0 { top.insert(Double(s), d) }
        return top.sorted().map(\.1)
    }
}
