import Foundation
import BylineCore

/// Top-k metrics of next-item predictions with one relevant item each: hit rate, MRR, nDCG and
/// catalogue coverage.
public struct RankingMetrics: Hashable, Sendable {
    /// The cut-off: only the first `k` items of each ranking count.
    public let k: Int
    /// Predictions added.
    public private(set) var count = 0
    /// Predictions whose target was in the first `k`.
    public private(set) var hits = 0
    /// Sum of 1/rank over hits (rank from 1).
    public private(set) var reciprocalRankSum = 0.0
    /// Sum of 1/log2(rank + 1) over hits; with one relevant item the ideal DCG is 1.
    public private(set) var gainSum = 0.0
    /// Every item that appeared in the first `k` of some ranking.
    public private(set) var recommended: Set<ArticleID> = []

    /// Makes empty metrics at cut-off `k`.
    public init(k: Int) { self.k = max(1, k) }

    /// Adds one prediction: a ranking (best first) and the item actually read next.
    public mutating func add(ranked: [ArticleID], target: ArticleID) {
        count += 1
        let top = ranked.prefix(k)
        recommended.formUnion(top)
        if let position = top.firstIndex(of: target) {
            let rank = Double(position - top.startIndex + 1)
            hits += 1
            reciprocalRankSum += 1 / rank
            gainSum += 1 / log2(rank + 1)
        }
    }

    /// HR@k: the share of predictions with the target in the first `k`.
    public var hitRate: Double { count == 0 ? 0 : Double(hits) / Double(count) }
    /// MRR@k: mean reciprocal rank, 0 for misses.
    public var meanReciprocalRank: Double { count == 0 ? 0 : reciprocalRankSum / Double(count) }
    /// nDCG@k with a single relevant item per prediction.
    public var ndcg: Double { count == 0 ? 0 : gainSum / Double(count) }
    /// The share of a catalogue of `catalogueSize` items that was ever recommended.
    public func coverage(catalogueSize: Int) -> Double {
        catalogueSize == 0 ? 0 : Double(recommended.count) / Double(catalogueSize)
    }
}

/// Precision@k of related-article picks against labels: the share of picks sharing the anchor's label.
public struct LabelPrecision: Hashable, Sendable {
    /// Anchors scored.
    public private(set) var anchors = 0
    /// Sum of per-anchor precision.
    public private(set) var precisionSum = 0.0
    /// The cut-off.
    public let k: Int

    /// Makes an empty tally at cut-off `k`.
    public init(k: Int) { self.k = max(1, k) }

    /// Adds one anchor: its label and the labels of its picks, best first (missing picks count as wrong).
    public mutating func add(anchorLabel: String, pickLabels: [String]) {
        anchors += 1
        let same = pickLabels.prefix(k).filter { $0 == anchorLabel }.count
        precisionSum += Double(same) / Double(k)
    }

    /// Mean precision@k over anchors.
    public var precision: Double { anchors == 0 ? 0 : precisionSum / Double(anchors) }
}
