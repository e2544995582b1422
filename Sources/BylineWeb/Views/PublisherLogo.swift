import Foundation
import BylineRoutes

/// The logo served at ``SiteRoute/publisherLogo`` (`/assets/logo.png`) when no publisher logo is configured, so
/// JSON-LD `publisher.logo` and `og:image` never point at a missing file: a 600×60 PNG (the shape Google asks of
/// publisher logos) with a white "B" monogram on the site's accent blue, drawn and encoded here.
enum PublisherLogo {
    /// The default logo as a cacheable response body.
    static let page = RenderedPage(body: png, lastModified: nil, contentType: "image/png")

    static let width = 600, height = 60

    /// The PNG file: two colours (accent and white) in a 1-bit palette, unfiltered scanlines in stored deflate
    /// blocks (under 5 KB, and no compressor needed).
    static let png: [UInt8] = {
        let glyph = ["####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."]
        let scale = 6, left = 12, top = 9
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + (width + 7) / 8))
        for y in 0..<height {
            raw.append(0)  // filter: none
            var row = [UInt8](repeating: 0, count: (width + 7) / 8)
            for x in 0..<width {
                // Palette index 0 is the accent, 1 is white: a 60×60 accent square with the white monogram,
                // then white to the full 600×60 frame.
                let gx = (x - left) / scale, gy = (y - top) / scale
                let inGlyph = x >= left && y >= top && gy < glyph.count && gx < 5 && Array(glyph[gy])[gx] == "#"
                if x >= 60 || inGlyph { row[x / 8] |= 0x80 >> UInt8(x % 8) }
            }
            raw += row
        }
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let typed = Array(type.utf8) + data
            file += bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
        }
        chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [1, 3, 0, 0, 0])
        chunk("PLTE", [0x0B, 0x4F, 0x8A, 0xFF, 0xFF, 0xFF])
        chunk("IDAT", zlibStored(raw))
        chunk("IEND", [])
        return file
    }()

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// A zlib stream of stored (uncompressed) deflate blocks.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + bigEndian(b << 16 | a)
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
