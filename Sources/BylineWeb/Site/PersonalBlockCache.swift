import Foundation
import Synchronization
import Hummingbird
import BylineCore
import BylineRank

/// A rendered "Recommended for you" block with its part of the page's validator.
struct PersonalBlock: Sendable {
    /// The block's HTML.
    var bytes: ByteBuffer
    /// The personalised page's ETag: the cached page's hash and the block's.
    var etag: String
}

/// Rendered personal blocks per reader and article, for a few seconds, so a reader moving between pages
/// (or reloading one) does not have the block picked and rendered again on every request.
///
/// An entry is used only while it is younger than `ttl`, was made for the same cached page and store state (the
/// page's ETag and the store's change token: a re-rendered page may show other stories, which the block must not
/// repeat, and an unpublished story must leave the block at once), and the reader's
/// ``ReadingService/blockGeneration(of:)`` is unchanged: it moves when the reader reads a story not yet in
/// their history, becomes a returning reader, or clears their history, so a story just read never stays in
/// the block. Readers whose reads are not used (`nil`) share one entry per article: their block is the
/// section's trending list, the same for all of them.
final class PersonalBlockCache: Sendable {
    struct Key: Hashable, Sendable {
        var reader: ReaderID?
        var article: ArticleID
    }
    private struct Entry {
        var block: PersonalBlock
        var page: String
        var generation: UInt64
        var expires: Date
    }
    private let entries = Mutex<[Key: Entry]>([:])
    let ttl: TimeInterval
    let capacity: Int

    /// About 1.5 KB an entry: the default holds some 30 MB, four thousand new reader-article pairs a second.
    init(ttl: TimeInterval = 5, capacity: Int = 20_000) { self.ttl = ttl; self.capacity = capacity }

    /// The block made for this reader, article, cached page and generation, unless it has expired.
    func block(for key: Key, page: String, generation: UInt64, now: Date) -> PersonalBlock? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.expires > now, entry.generation == generation, entry.page == page else { return nil }
            return entry.block
        }
    }

    /// Keeps `block` for `ttl` seconds; when full, expired entries go first, and everything if that is not enough.
    func store(_ block: PersonalBlock, for key: Key, page: String, generation: UInt64, now: Date) {
        guard ttl > 0 else { return }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(block: block, page: page, generation: generation, expires: now.addingTimeInterval(ttl))
        }
    }
}
