import Foundation

/// Cleans untrusted HTML (imported bodies, Markdown with inline HTML) down to an allowlist of tags,
/// attributes and URL schemes, and writes it back as well-formed, escaped HTML (also well-formed XML).
///
/// The input is tokenised the way a browser tokenises it, and the output is written anew from the
/// tokens that pass: text is always re-escaped and only allowlisted tags and attributes are written,
/// so nothing in the input reaches the output unexamined. `script`, `style`, `iframe`, `object`,
/// `form` and similar elements are dropped with their content; other unknown tags are dropped and
/// their text kept. `h1` becomes `h2` (the page headline is the only `h1`). Links to other sites get
/// `rel="noopener noreferrer nofollow"`.
public struct HTMLSanitizer: Sendable {
    /// Creates a sanitiser with Byline's allowlist.
    public init() {}

    /// Elements kept (with the allowed attributes).
    static let allowedElements: Set<String> = [
        "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "blockquote", "q", "cite",
        "ul", "ol", "li", "a", "img", "figure", "figcaption", "pre", "code", "hr",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "sup", "sub", "abbr", "span", "div",
        "del", "ins", "mark", "small", "dl", "dt", "dd",
    ]

    /// How deeply kept elements may nest.
    static let maxDepth = 100

    /// Elements with no content and no end tag.
    static let voidElements: Set<String> = ["br", "img", "hr"]

    /// Elements removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "form", "textarea", "select", "title", "noscript",
        "noembed", "noframes", "xmp", "template", "svg", "math", "applet", "frameset", "plaintext",
    ]

    /// Dropped elements that have no end tag, so they never enclose content.
    private static let voidDropped: Set<String> = ["embed"]

    /// Attributes allowed on every kept element.
    private static let globalAttributes: Set<String> = ["title", "lang", "dir"]

    /// Attributes allowed per element, on top of ``globalAttributes``.
    private static let elementAttributes: [String: Set<String>] = [
        "a": ["href", "rel"],
        "img": ["src", "alt", "width", "height"],
        "th": ["colspan", "rowspan", "align", "scope"],
        "td": ["colspan", "rowspan", "align"],
        "blockquote": ["cite"],
        "q": ["cite"],
        "del": ["cite"],
        "ins": ["cite"],
        "ol": ["start", "reversed"],
        "code": ["class"],
    ]

    /// The `rel` written on links to other sites.
    public static let externalLinkRel = "noopener noreferrer nofollow"

    private static let allowedRelTokens: Set<String> = ["nofollow", "noopener", "noreferrer", "ugc", "sponsored", "tag"]

    /// Sanitises `html`; the result is safe to place in a page as is.
    public func sanitize(_ html: String) -> String {
        sanitize(html, resolvingAgainst: nil)
    }

    /// Sanitises `html` and makes relative `href`, `src` and `cite` URLs absolute against `base`
    /// (for imported content, whose relative links point at the site it came from).
    public func sanitize(_ html: String, resolvingAgainst base: URL?) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count)
        var open: [String] = []
        var dropped: [String] = []
        for token in HTMLTokenizer.tokenize(html) {
            if !dropped.isEmpty {
                switch token {
                case .startTag(let name, _, _) where Self.droppedWithContent.contains(name) && !Self.voidDropped.contains(name):
                    dropped.append(name)
                case .endTag(let name):
                    if let index = dropped.lastIndex(of: name) { dropped.removeSubrange(index...) }
                default:
                    break
                }
                continue
            }
            switch token {
            case .text(let text):
                Self.appendEscapedText(text, to: &output)
            case .rawText:
                continue
            case .startTag(let rawName, let attributes, _):
                if Self.droppedWithContent.contains(rawName) {
                    if !Self.voidDropped.contains(rawName) && !HTMLTokenizer.rawTextElements.contains(rawName) {
                        dropped.append(rawName)
                    }
                    continue
                }
                let name = rawName == "h1" ? "h2" : rawName
                guard Self.allowedElements.contains(name) else { continue }
                // Past this depth, tags are dropped and their text kept: XML readers of feeds stop at 256 levels.
                if open.count >= Self.maxDepth && !Self.voidElements.contains(name) { continue }
                guard let written = Self.attributes(for: name, from: attributes, base: base) else { continue }
                Self.closeImplied(by: name, open: &open, output: &output)
                output += "<" + name
                for attribute in written {
                    output += " " + attribute.name + "=\""
                    Self.appendEscapedAttribute(attribute.value, to: &output)
                    output += "\""
                }
                // Void elements are written self-closed so the output is also well-formed XML (feeds embed it).
                if Self.voidElements.contains(name) { output += "/>" } else { output += ">"; open.append(name) }
            case .endTag(let rawName):
                let name = rawName == "h1" ? "h2" : rawName
                guard Self.allowedElements.contains(name), !Self.voidElements.contains(name),
                      let index = open.lastIndex(of: name) else { continue }
                for element in open[index...].reversed() { output += "</" + element + ">" }
                open.removeSubrange(index...)
            }
        }
        for element in open.reversed() { output += "</" + element + ">" }
        return output
    }

    /// Elements whose start closes an open `p`, as in a browser.
    private static let closesParagraph: Set<String> = [
        "p", "div", "ul", "ol", "dl", "table", "blockquote", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "hr",
    ]

    /// Closes what a browser closes implicitly when `name` starts (`<li>` after `<li>`, `<p>` after `<p>`),
    /// so that the output nests the way a browser would read the input.
    private static func closeImplied(by name: String, open: inout [String], output: inout String) {
        func close(_ targets: Set<String>, stoppingAt barriers: Set<String>) {
            guard let index = open.lastIndex(where: { targets.contains($0) || barriers.contains($0) }),
                  targets.contains(open[index]) else { return }
            for element in open[index...].reversed() { output += "</" + element + ">" }
            open.removeSubrange(index...)
        }
        switch name {
        case "li": close(["li"], stoppingAt: ["ul", "ol"])
        case "dt", "dd": close(["dt", "dd"], stoppingAt: ["dl"])
        case "tr": close(["tr"], stoppingAt: ["table", "thead", "tbody", "tfoot"])
        case "td", "th": close(["td", "th"], stoppingAt: ["tr", "table"])
        case "thead", "tbody", "tfoot": close(["thead", "tbody", "tfoot"], stoppingAt: ["table"])
        default: break
        }
        if closesParagraph.contains(name) {
            close(["p"], stoppingAt: ["div", "blockquote", "li", "td", "th", "figure", "dd", "table"])
        }
    }

    /// The text of `html`: tags removed, entities decoded, the content of `script`, `style` and other dropped
    /// elements left out, and runs of whitespace collapsed to one space. For headlines and summaries.
    public func plainText(_ html: String) -> String {
        var text = ""
        var dropped = 0
        for token in HTMLTokenizer.tokenize(html) {
            switch token {
            case .text(let t) where dropped == 0: text += t
            case .startTag(let name, _, _):
                if Self.droppedWithContent.contains(name), !Self.voidDropped.contains(name),
                   !HTMLTokenizer.rawTextElements.contains(name) { dropped += 1 }
                else if dropped == 0, Self.blockBoundaries.contains(name) { text += " " }
            case .endTag(let name):
                if Self.droppedWithContent.contains(name), !HTMLTokenizer.rawTextElements.contains(name) { dropped = max(0, dropped - 1) }
            default: break
            }
        }
        var out = ""
        var pendingSpace = false
        for c in text.unicodeScalars where Self.isWritable(c) {
            if c.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out += " "; pendingSpace = false }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Tags whose start separates words in ``plainText(_:)``.
    private static let blockBoundaries: Set<String> = [
        "p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "blockquote", "hr", "figcaption",
    ]

    /// The attributes to write for an allowed element, validated and normalised;
    /// `nil` when the element itself must go (an `img` without a usable `src`).
    private static func attributes(for element: String, from input: [HTMLAttribute], base: URL?) -> [HTMLAttribute]? {
        let allowed = elementAttributes[element, default: []].union(globalAttributes)
        var out: [HTMLAttribute] = []
        var isExternalLink = false
        var relTokens: [String] = []
        for attribute in input where allowed.contains(attribute.name) {
            let value = attribute.value
            switch attribute.name {
            case "href":
                guard let url = URLPolicy.clean(value, allowMailto: true, base: base) else { continue }
                isExternalLink = URLPolicy.isExternal(url, base: base)
                out.append(HTMLAttribute(name: "href", value: url))
            case "src", "cite":
                guard let url = URLPolicy.clean(value, allowMailto: false, base: base) else { continue }
                out.append(HTMLAttribute(name: attribute.name, value: url))
            case "rel":
                relTokens = value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                    .map(String.init).filter { allowedRelTokens.contains($0) }
            case "width", "height", "colspan", "rowspan", "start":
                let trimmed = value.trimmingASCIISpaces()
                guard !trimmed.isEmpty, trimmed.count <= 5, trimmed.unicodeScalars.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { continue }
                out.append(HTMLAttribute(name: attribute.name, value: trimmed))
            case "align":
                let v = value.lowercased().trimmingASCIISpaces()
                guard ["left", "center", "right"].contains(v) else { continue }
                out.append(HTMLAttribute(name: "align", value: v))
            case "scope":
                let v = value.lowercased().trimmingASCIISpaces()
                guard ["row", "col", "rowgroup", "colgroup"].contains(v) else { continue }
                out.append(HTMLAttribute(name: "scope", value: v))
            case "dir":
                let v = value.lowercased().trimmingASCIISpaces()
                guard ["ltr", "rtl", "auto"].contains(v) else { continue }
                out.append(HTMLAttribute(name: "dir", value: v))
            case "lang":
                guard !value.isEmpty, value.count <= 35,
                      value.unicodeScalars.allSatisfy({ isASCIIAlphanumeric($0) || $0 == "-" }) else { continue }
                out.append(HTMLAttribute(name: "lang", value: value))
            case "reversed":
                out.append(HTMLAttribute(name: "reversed", value: ""))
            case "class":
                // Only the `language-…` class Markdown code blocks carry.
                guard value.hasPrefix("language-"), value.count <= 48,
                      value.unicodeScalars.allSatisfy({ isASCIIAlphanumeric($0) || "-_+#.".unicodeScalars.contains($0) }) else { continue }
                out.append(HTMLAttribute(name: "class", value: value))
            default:
                out.append(HTMLAttribute(name: attribute.name, value: attribute.value))
            }
        }
        if element == "img", !out.contains(where: { $0.name == "src" }) { return nil }
        if element == "a" {
            if isExternalLink {
                out.append(HTMLAttribute(name: "rel", value: externalLinkRel))
            } else if !relTokens.isEmpty {
                out.append(HTMLAttribute(name: "rel", value: relTokens.joined(separator: " ")))
            }
        }
        return out
    }

    private static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
    }

    /// Whether a scalar may appear in output text: XML-safe (no C0 controls but tab and newlines, no noncharacters).
    static func isWritable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F, 0x7F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    static func appendEscapedText(_ text: String, to output: inout String) {
        for c in text.unicodeScalars where isWritable(c) {
            switch c {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.unicodeScalars.append(c)
            }
        }
    }

    static func appendEscapedAttribute(_ text: String, to output: inout String) {
        for c in text.unicodeScalars where isWritable(c) {
            switch c {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(c)
            }
        }
    }
}

/// Which URLs may appear in `href`, `src` and `cite`, and how they are cleaned.
enum URLPolicy {
    /// The cleaned URL, or `nil` when it must not be written.
    ///
    /// `raw` is entity-decoded already. Tabs, newlines and control characters anywhere are removed and spaces
    /// at either end trimmed (a browser's URL parser does the same, so `jav&#x09;ascript:` is `javascript:`);
    /// inner spaces become `%20` and backslashes `%5C`. A scheme must be `http`, `https` or (for links)
    /// `mailto`; any other `:` before the first `/`, `?` or `#` rejects the URL.
    static func clean(_ raw: String, allowMailto: Bool, base: URL?) -> String? {
        guard let cleaned = clean(raw, allowMailto: allowMailto) else { return nil }
        guard let base, !hasScheme(cleaned),
              let resolved = URL(string: cleaned, relativeTo: base)?.absoluteString else { return cleaned }
        return clean(resolved, allowMailto: allowMailto)
    }

    /// Whether a cleaned URL starts with a scheme (`http:`, `mailto:`).
    private static func hasScheme(_ url: String) -> Bool {
        let head = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return head.contains(":")
    }

    static func clean(_ raw: String, allowMailto: Bool) -> String? {
        var scalars = String.UnicodeScalarView()
        for c in raw.unicodeScalars {
            if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || !HTMLSanitizer.isWritable(c) { continue }
            if c.properties.generalCategory == .format { continue }  // zero-width and direction marks
            scalars.append(c)
        }
        var text = String(scalars)
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        while let first = text.first, isSpace(first) { text.removeFirst() }
        while let last = text.last, isSpace(last) { text.removeLast() }
        guard !text.isEmpty, text.utf8.count <= 2_000 else { return nil }
        var cleaned = ""
        for c in text.unicodeScalars {
            if c == "\\" { cleaned += "%5C" }
            else if c.properties.isWhitespace { cleaned += "%20" }
            else { cleaned.unicodeScalars.append(c) }
        }
        let head = cleaned.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let colon = head.firstIndex(of: ":") {
            let scheme = head[..<colon].lowercased()
            let allowed: Set<String> = allowMailto ? ["http", "https", "mailto"] : ["http", "https"]
            guard allowed.contains(scheme) else { return nil }
            if scheme != "mailto" {
                // `http:foo` without `//` is relative in some browsers and odd everywhere; require an authority.
                guard cleaned.dropFirst(scheme.count + 1).hasPrefix("//") else { return nil }
            }
        }
        return cleaned
    }

    /// Whether a cleaned URL leads off the site (absolute http(s) or protocol-relative), counting URLs on
    /// `base`'s host as the site's own.
    static func isExternal(_ url: String, base: URL?) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") else { return false }
        guard let host = base?.host?.lowercased(), !host.isEmpty else { return true }
        let withScheme = lower.hasPrefix("//") ? "https:" + lower : lower
        return URL(string: withScheme)?.host?.lowercased() != host
    }
}

extension String {
    /// The string without ASCII spaces, tabs and newlines at either end.
    fileprivate func trimmingASCIISpaces() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        var s = Substring(self).unicodeScalars
        while let f = s.first, isSpace(f) { s.removeFirst() }
        while let l = s.last, isSpace(l) { s.removeLast() }
        return String(s)
    }
}
