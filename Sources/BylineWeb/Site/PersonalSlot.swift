import Foundation
import BylineCore
import Hummingbird

/// Where a cached article page takes its per-reader block, and what the block must not repeat.
///
/// The article page is rendered once and cached (same bytes for everyone); per request only the small
/// "Recommended for you" block is computed and spliced in at `offset`. The cached page never contains a
/// reader's block, so the cache cannot serve one reader's block to another.
struct PersonalSlot: Sendable {
    /// Byte offset of the block in the cached body (the marker is removed).
    var offset: Int
    /// The article and its section.
    var article: ArticleID
    var section: SectionID
    /// Every story the cached page already links to (the article, related, most read).
    var shown: Set<ArticleID>

    /// Removes ``StoryBlock/personalMarker`` from `body`; returns the body and the marker's offset.
    static func cut(_ body: [UInt8]) -> (body: [UInt8], offset: Int)? {
        let marker = Array(StoryBlock.personalMarker.utf8)
        guard let first = marker.first, body.count >= marker.count else { return nil }
        var i = body.count - marker.count
        // The slot sits near the end of the page: search backwards.
        while i >= 0 {
            if body[i] == first && body[i..<(i + marker.count)].elementsEqual(marker) {
                var out = body
                out.removeSubrange(i..<(i + marker.count))
                return (out, i)
            }
            i -= 1
        }
        return nil
    }

    /// The page with `block` spliced in: one buffer, written with one copy of the page.
    ///
    /// Sending three buffers (before, block, after) would copy nothing, but Hummingbird sends a body of one buffer
    /// with the head in a single write to the channel and a body of several in three; in one bench trial
    /// (docs/RECOMMENDATIONS.md) the three buffers were no faster than this one copy of the 10-13 KB page.
    func splice(_ block: ByteBuffer, into body: ByteBuffer) -> ByteBuffer {
        let page = body.readableBytesView
        let cut = min(offset, page.count)
        var out = ByteBufferAllocator().buffer(capacity: page.count + block.readableBytes)
        out.writeBytes(page.prefix(cut))
        out.writeImmutableBuffer(block)
        out.writeBytes(page.dropFirst(cut))
        return out
    }
}
