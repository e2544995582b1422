import Foundation
import BylineCore

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

    /// The page with `block` spliced in.
    func splice(_ block: [UInt8], into body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + block.count)
        out.append(contentsOf: body[..<offset])
        out.append(contentsOf: block)
        out.append(contentsOf: body[offset...])
        return out
    }
}
