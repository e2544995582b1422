import Foundation

/// The root element of an XML document, found without parsing the whole file (to choose between a feed and a
/// WordPress export).
public struct XMLRoot: Equatable, Sendable {
    /// The qualified name (`rss`, `feed`, `rdf:RDF`).
    public var name: String
    /// The root's start tag, attributes included.
    public var startTag: String

    public init(name: String, startTag: String) { self.name = name; self.startTag = startTag }

    /// WordPress exports declare the `wp:` namespace (`http://wordpress.org/export/1.2/`) on `<rss>`.
    public var isWordPress: Bool {
        name == "rss" && (startTag.contains("xmlns:wp=") || startTag.contains("wordpress.org/export"))
    }

    /// The first element of `data`, skipping a byte order mark, the XML declaration, comments, processing
    /// instructions and a DOCTYPE; nil when the start of the file is not ASCII-compatible markup, or when a
    /// DOCTYPE has an internal subset (`[ … ]`, where entities are declared): the reader then refuses the file
    /// and says why, instead of a declaration being taken for the root element.
    public static func sniff(_ data: Data) -> XMLRoot? {
        var text = String(decoding: data.prefix(65_536), as: UTF8.self)[...]
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        while true {
            text = text.drop { $0.isWhitespace }
            guard text.hasPrefix("<") else { return nil }
            if text.hasPrefix("<!DOCTYPE") || text.hasPrefix("<!doctype") {
                guard let end = text.firstIndex(where: { $0 == ">" || $0 == "[" }), text[end] == ">" else { return nil }
                text = text[text.index(after: end)...]
            } else if text.hasPrefix("<?") {
                guard let end = text.firstIndex(of: ">") else { return nil }
                text = text[text.index(after: end)...]
            } else if text.hasPrefix("<!--") {
                guard let end = text.range(of: "-->") else { return nil }
                text = text[end.upperBound...]
            } else {
                guard let end = text.firstIndex(of: ">") else { return nil }
                let tag = String(text[..<end])
                let name = tag.dropFirst().prefix { !$0.isWhitespace && $0 != "/" }
                // `<!ENTITY`, `<![CDATA[` and other declarations are not elements.
                return name.isEmpty || name.hasPrefix("!") ? nil : XMLRoot(name: String(name), startTag: tag)
            }
        }
    }
}
