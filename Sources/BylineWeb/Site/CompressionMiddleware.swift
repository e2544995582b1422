import Foundation
import Hummingbird
import CompressNIO

/// Gzips text responses for clients that accept it (`Accept-Encoding`), and marks every text response
/// `Vary: Accept-Encoding` so shared caches keep the two representations apart.
///
/// Only whole bodies of known length are compressed (pages, feeds, sitemaps, JSON): tiny ones gain nothing,
/// 304s and HEAD answers have no body, and streamed bodies of unknown length pass through unchanged.
struct CompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Bodies shorter than this are sent as they are; gzip's header and trailer alone are 18 bytes.
    var minimumSize: Int = 1_024
    /// Bodies longer than this are sent as they are rather than held in memory to compress.
    var maximumSize: Int = 16 * 1_024 * 1_024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard let contentType = response.headers[.contentType], Self.isCompressible(contentType),
              response.headers[.contentEncoding] == nil else { return response }
        Self.addVary(to: &response.headers)
        guard response.status == .ok, request.method != .head, Self.acceptsGzip(request.headers[values: .acceptEncoding]),
              let length = response.body.contentLength, length >= minimumSize, length <= maximumSize else { return response }

        let collector = BodyCollector(capacity: length)
        try await response.body.write(collector)
        var plain = collector.buffer
        let compressor = CompressionAlgorithm.gzip().compressor
        try compressor.startStream()
        // The stream's worst-case bound is only known once it is started; one `.finish` pass then always fits.
        var compressed = ByteBufferAllocator().buffer(capacity: compressor.maxSize(from: plain))
        try compressor.streamDeflate(from: &plain, to: &compressed, flush: .finish)
        try compressor.finishStream()

        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = String(compressed.readableBytes)
        // The gzipped bytes are a different representation: a strong validator must not claim they are the same.
        if let etag = response.headers[.eTag], !etag.hasPrefix("W/") { response.headers[.eTag] = "W/" + etag }
        response.body = ResponseBody(byteBuffer: compressed)
        return response
    }

    /// Text media types: HTML, CSS, plain text, JSON, XML (feeds, sitemaps), JavaScript.
    static func isCompressible(_ contentType: String) -> Bool {
        // Nearly every response is a page: answer `text/...` without trimming and lowercasing copies.
        if Self.hasASCIIPrefix(contentType, lowercased: "text/") { return true }
        let type = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return type.hasPrefix("text/") || type.hasSuffix("+json") || type.hasSuffix("+xml")
            || ["application/json", "application/xml", "application/javascript"].contains(type)
    }

    /// Whether `Accept-Encoding` allows gzip: `gzip`, `x-gzip` or `*` with a quality above zero (RFC 9110 §12.5.3).
    static func acceptsGzip(_ values: [String]) -> Bool {
        var gzip: Double?
        var any: Double?
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, !coding.isEmpty else { continue }
                var quality = 1.0
                for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                    quality = Double(parameter.dropFirst(2)) ?? 0
                }
                if coding == "gzip" || coding == "x-gzip" { gzip = max(gzip ?? 0, quality) }
                if coding == "*" { any = quality }
            }
        }
        return (gzip ?? any ?? 0) > 0
    }

    private static func addVary(to headers: inout HTTPFields) {
        var existing: [String] = []
        for field in headers where field.name == .vary {
            if field.value == "*" || Self.containsASCII(field.value, lowercased: "accept-encoding") { return }
            existing.append(field.value)
        }
        headers[.vary] = existing.isEmpty ? "Accept-Encoding" : (existing + ["Accept-Encoding"]).joined(separator: ", ")
    }

    /// `text` starts with `prefix` (given in lowercase), ASCII letters compared without regard to case.
    static func hasASCIIPrefix(_ text: String, lowercased prefix: StaticString) -> Bool {
        let text = text.utf8
        guard text.count >= prefix.utf8CodeUnitCount else { return false }
        return prefix.withUTF8Buffer { prefix in
            zip(text, prefix).allSatisfy { Self.lowercased($0) == $1 }
        }
    }

    /// `text` contains `needle` (given in lowercase), ASCII letters compared without regard to case.
    static func containsASCII(_ text: String, lowercased needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            func search(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
                guard text.count >= needle.count else { return false }
                for start in 0...(text.count - needle.count)
                where (0..<needle.count).allSatisfy({ Self.lowercased(text[start + $0]) == needle[$0] }) {
                    return true
                }
                return false
            }
            return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}

/// Gathers a response body into one buffer.
private final class BodyCollector: ResponseBodyWriter {
    var buffer: ByteBuffer

    init(capacity: Int) { buffer = ByteBufferAllocator().buffer(capacity: capacity) }

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
