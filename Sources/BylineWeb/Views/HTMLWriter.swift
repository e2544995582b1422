import Foundation
import BylineRoutes

/// Builds an HTML document as bytes. `text`/`attribute` escape; `raw` is only for markup Byline itself wrote
/// or HTML that went through the sanitiser.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 16_384) { bytes.reserveCapacity(capacity) }

    /// Appends trusted markup.
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Appends text for an element's content or a quoted attribute value, escaping `& < > " '`.
    mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: Self.amp)
            case UInt8(ascii: "<"): bytes.append(contentsOf: Self.lt)
            case UInt8(ascii: ">"): bytes.append(contentsOf: Self.gt)
            case UInt8(ascii: "\""): bytes.append(contentsOf: Self.quot)
            case UInt8(ascii: "'"): bytes.append(contentsOf: Self.apos)
            default: bytes.append(byte)
            }
        }
    }

    /// Appends an element with escaped text content: `<tag>text</tag>`.
    mutating func element(_ tag: String, _ content: String, class className: String? = nil) {
        raw("<\(tag)")
        if let className { raw(" class=\""); text(className); raw("\"") }
        raw(">"); text(content); raw("</\(tag)>")
    }

    /// Appends a link with escaped URL and text.
    mutating func link(_ href: String, _ label: String, rel: String? = nil) {
        raw("<a href=\""); text(href); raw("\"")
        if let rel { raw(" rel=\""); text(rel); raw("\"") }
        raw(">"); text(label); raw("</a>")
    }

    // MARK: Elements that close themselves

    /// Appends `<name attributes…>`, the content `body` writes, and `</name>`: the closing tag comes from the
    /// same call as the opening one, so a view cannot leave an element open or close the wrong one. Names are
    /// static (never input); attribute values are escaped; an attribute whose value is `nil` is left out.
    mutating func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          _ body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        bytes.append(contentsOf: Self.closeStart)
        append(name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Appends `<name attributes…>text</name>` with `text` escaped.
    mutating func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text content: String) {
        element(name, attributes) { $0.text(content) }
    }

    /// Appends a link to a route of the site's route table.
    mutating func link(_ route: SiteRoute, _ label: String, rel: String? = nil) {
        link(route.path, label, rel: rel)
    }

    private mutating func open(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) {
        bytes.append(UInt8(ascii: "<"))
        append(name)
        for (key, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            append(key)
            bytes.append(contentsOf: Self.attributeStart)
            text(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func append(_ name: StaticString) {
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private static let closeStart = Array("</".utf8)
    private static let attributeStart = Array("=\"".utf8)
    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let apos = Array("&#39;".utf8)
}

/// Escapes text for HTML content and quoted attributes.
func escapeHTML(_ value: String) -> String {
    var writer = HTMLWriter(capacity: value.utf8.count + 16)
    writer.text(value)
    return String(decoding: writer.bytes, as: UTF8.self)
}
