import Foundation
import Synchronization
import BylineCore

/// Recent recommendation lists, so the per-reader block usually costs a lookup and a filter instead of a
/// recommender run: per reader (a personal list), or per section for readers Byline does not know (not
/// personal, so safe to share). Entries live `ttl` seconds; each request still drops what its page shows and
/// what the reader has read since, and recomputes when too few are left.
final class RecommendationCache: Sendable {
    struct Entry { var picks: [(id: ArticleID, reason: String)]; var expires: Date }
    private let entries = Mutex<[String: Entry]>([:])
    let ttl: TimeInterval
    let capacity: Int

    init(ttl: TimeInterval = 30, capacity: Int = 100_000) { self.ttl = ttl; self.capacity = capacity }

    func picks(for key: String, now: Date) -> [(id: ArticleID, reason: String)]? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.expires > now else { return nil }
            return entry.picks
        }
    }

    func store(_ picks: [(id: ArticleID, reason: String)], for key: String, now: Date) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(picks: picks, expires: now.addingTimeInterval(ttl))
        }
    }
}
