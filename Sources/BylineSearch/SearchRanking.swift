import Foundation

/// How results are ordered.
public enum SearchSort: String, Hashable, Sendable, CaseIterable {
    /// Blended BM25 and recency (see ``SearchRanking``).
    case relevance
    /// Newest first.
    case date
}

/// The ranking parameters every store applies the same way; the formula is in docs/SEARCH.md.
///
/// `score = relevance × (1 − recencyWeight + recencyWeight × 2^(−age / recencyHalfLife))`, where `relevance` is
/// BM25 (k1 = 1.2, b = 0.75) over the weighted fields and `age` is the time since publication (never negative).
public struct SearchRanking: Hashable, Sendable {
    public var headlineWeight: Double
    public var dekWeight: Double
    public var bodyWeight: Double
    public var tagsWeight: Double
    public var authorsWeight: Double
    public var entitiesWeight: Double
    /// After this long an article's recency boost has halved.
    public var recencyHalfLife: TimeInterval
    /// Share of the score that recency can take away from an old article, from 0 (none) to 1.
    public var recencyWeight: Double

    public init(headlineWeight: Double = 10, dekWeight: Double = 4, bodyWeight: Double = 1, tagsWeight: Double = 5,
                authorsWeight: Double = 5, entitiesWeight: Double = 3, recencyHalfLife: TimeInterval = 30 * 86_400,
                recencyWeight: Double = 0.3) {
        self.headlineWeight = headlineWeight; self.dekWeight = dekWeight; self.bodyWeight = bodyWeight
        self.tagsWeight = tagsWeight; self.authorsWeight = authorsWeight; self.entitiesWeight = entitiesWeight
        self.recencyHalfLife = max(recencyHalfLife, 1); self.recencyWeight = min(max(recencyWeight, 0), 1)
    }

    /// The field weights in index column order: headline, dek, body, tags, authors, entity names.
    public var fieldWeights: [Double] { [headlineWeight, dekWeight, bodyWeight, tagsWeight, authorsWeight, entitiesWeight] }

    /// The recency factor for an article of this age, from `1 − recencyWeight` (very old) to 1 (just published).
    public func recencyFactor(age: TimeInterval) -> Double {
        1 - recencyWeight + recencyWeight * pow(2, -max(age, 0) / recencyHalfLife)
    }

    /// The final score of an article with this BM25 relevance and age.
    public func score(relevance: Double, age: TimeInterval) -> Double {
        relevance * recencyFactor(age: age)
    }
}
