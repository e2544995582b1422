import Foundation
import BylineCore

/// Recent recommendation lists, so the per-reader block usually costs a lookup and a filter instead of a
/// recommender run: per reader (a personal list), or per section for readers Byline does not know (not
/// personal, so safe to share). Entries live for their time to live (30 s); each request still drops what its
/// page shows and what the reader has read since, and recomputes when too few are left.
typealias RecommendationCache = ExpiringCache<String, Never?, [(id: ArticleID, reason: String)]>

extension ExpiringCache where Key == String, Stamp == Never?, Value == [(id: ArticleID, reason: String)] {
    convenience init() { self.init(ttl: 30, capacity: 100_000) }
}
