import Foundation
import Hummingbird
import BylineCore
import BylineRank
import BylineNewsroom

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
typealias PersonalBlockCache = ExpiringCache<PersonalBlockKey, PersonalBlockStamp, PersonalBlock>

/// Whose block, on which article: `nil` for readers whose reads are not used.
struct PersonalBlockKey: Hashable, Sendable {
    var reader: ReaderID?
    var article: ArticleID
}

/// What a block was made from: the cached page and store state, and the reader's block generation.
struct PersonalBlockStamp: Equatable, Sendable {
    var page: String
    var generation: UInt64
}

extension ExpiringCache where Key == PersonalBlockKey, Stamp == PersonalBlockStamp, Value == PersonalBlock {
    /// About 1.5 KB an entry: 20,000 hold some 30 MB, four thousand new reader-article pairs a second for 5 s.
    convenience init() { self.init(ttl: 5, capacity: 20_000) }
}
