import Foundation
import Hummingbird

/// A rendered page with its validators.
///
/// The body is kept as a `ByteBuffer` so that a cached page is sent without copying it (a `ByteBuffer` is
/// copy-on-write: the response shares the cached storage), and the `Last-Modified` text is formatted once.
struct RenderedPage: Sendable {
    let body: ByteBuffer
    let etag: String
    let lastModified: Date?
    /// `lastModified` as an HTTP date, formatted when the page is made rather than on every response.
    let lastModifiedHeader: String?
    let contentType: String
    /// Where a per-reader block goes (article pages); `nil` for pages that are the same for everyone.
    let personal: PersonalSlot?

    init(body: [UInt8], lastModified: Date?, contentType: String = "text/html; charset=utf-8", personal: PersonalSlot? = nil) {
        self.init(body: ByteBuffer(bytes: body), lastModified: lastModified, contentType: contentType,
                  etag: "\"\(String(Self.fnv1a(body), radix: 16))\"", personal: personal)
    }

    /// A page whose validator is already known (a cached page with a per-reader block: the cached page's
    /// hash and the block's, so the whole body need not be hashed again).
    init(body: ByteBuffer, lastModified: Date?, lastModifiedHeader: String? = nil, contentType: String = "text/html; charset=utf-8",
         etag: String, personal: PersonalSlot? = nil) {
        self.body = body
        self.lastModified = lastModified
        self.lastModifiedHeader = lastModifiedHeader ?? lastModified.map(ConditionalGET.httpDate)
        self.contentType = contentType
        self.personal = personal
        self.etag = etag
    }

    /// FNV-1a 64: fast, stable across runs and nodes, enough to tell two renderings apart.
    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

/// Rendered public pages, keyed by path, valid while the store's change token (the stamp) is unchanged and for
/// at most their time to live (the time bound makes scheduled stories appear and other nodes' writes show up
/// without coordination).
typealias PageCache = ExpiringCache<String, Int64, RenderedPage>

extension ExpiringCache where Key == String, Stamp == Int64, Value == RenderedPage {
    convenience init(ttl: TimeInterval) { self.init(ttl: ttl, capacity: 20_000) }
}
