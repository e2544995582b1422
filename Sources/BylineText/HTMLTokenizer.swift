/// One attribute of a start tag, its value already entity-decoded.
struct HTMLAttribute: Hashable, Sendable {
    var name: String
    var value: String
}

/// A piece of HTML as a browser's tokeniser sees it.
enum HTMLToken: Hashable, Sendable {
    /// Character data, entity-decoded.
    case text(String)
    /// A start tag with a lowercased name and its attributes (first occurrence of a name wins).
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    /// An end tag with a lowercased name.
    case endTag(name: String)
    /// The content of a raw-text element (`script`, `style`, ...), never decoded.
    case rawText(String)
}

/// Splits HTML into tokens, following the HTML5 tokenisation rules closely enough that a tag this sees is
/// the tag a browser sees; comments, doctypes, processing instructions and CDATA sections yield nothing.
///
/// It never fails: malformed markup becomes text or is skipped, as in a browser.
struct HTMLTokenizer {
    /// Elements whose content is not markup: the tokeniser reads up to the matching end tag as raw text.
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
    ]

    private let input: [Unicode.Scalar]
    private var position = 0
    private var tokens: [HTMLToken] = []
    private var pendingText = String.UnicodeScalarView()

    private init(_ html: String) { input = Array(html.unicodeScalars) }

    /// Every token of `html`, in order.
    static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(html)
        tokenizer.run()
        return tokenizer.tokens
    }

    private mutating func run() {
        while position < input.count {
            let c = input[position]
            if c == "<" {
                readMarkup()
            } else if c == "&" {
                if let (decoded, next) = HTMLEntities.decode(input, at: position, inAttribute: false) {
                    pendingText.append(contentsOf: decoded.unicodeScalars)
                    position = next
                } else {
                    pendingText.append(c)
                    position += 1
                }
            } else {
                pendingText.append(c == "\u{0}" ? "\u{FFFD}" : c)
                position += 1
            }
        }
        flushText()
    }

    private mutating func flushText() {
        if !pendingText.isEmpty {
            tokens.append(.text(String(pendingText)))
            pendingText = String.UnicodeScalarView()
        }
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        let i = position + offset
        return i < input.count ? input[i] : nil
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\u{0C}" || c == "\r"
    }

    private static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c >= "A" && c <= "Z", let lower = Unicode.Scalar(c.value + 32) { return lower }
        if c == "\u{0}" { return "\u{FFFD}" }
        return c
    }

    /// At a `<`: a tag, a comment, a bogus comment or a literal `<`.
    private mutating func readMarkup() {
        guard let next = peek(1) else {
            pendingText.append("<"); position += 1; return
        }
        if Self.isASCIILetter(next) {
            position += 1
            guard let tag = readTag(isEnd: false) else { position = input.count; return }
            flushText()
            tokens.append(tag)
            if case .startTag(let name, _, _) = tag {
                if Self.rawTextElements.contains(name) { readRawText(until: name) }
                else if name == "plaintext" { tokens.append(.rawText(String(String.UnicodeScalarView(input[position...])))); position = input.count }
            }
        } else if next == "/" {
            guard let after = peek(2) else { pendingText.append(contentsOf: "</".unicodeScalars); position += 2; return }
            if Self.isASCIILetter(after) {
                position += 2
                guard let tag = readTag(isEnd: true) else { position = input.count; return }
                flushText()
                tokens.append(tag)
            } else if after == ">" {
                position += 3
            } else {
                position += 2
                skipBogusComment()
            }
        } else if next == "!" {
            if matches("<!--") {
                skipComment()
            } else if matches("<![CDATA[") {
                position += 9
                skip(past: "]]>")
            } else {
                position += 2
                skipBogusComment()
            }
        } else if next == "?" {
            position += 1
            skipBogusComment()
        } else {
            pendingText.append("<")
            position += 1
        }
    }

    private func matches(_ literal: String) -> Bool {
        var i = position
        for c in literal.unicodeScalars {
            guard i < input.count, input[i] == c else { return false }
            i += 1
        }
        return true
    }

    private mutating func skip(past terminator: String) {
        while position < input.count {
            if matches(terminator) { position += terminator.unicodeScalars.count; return }
            position += 1
        }
    }

    private mutating func skipBogusComment() {
        while position < input.count {
            let c = input[position]
            position += 1
            if c == ">" { return }
        }
    }

    /// `<!--`: ends at `-->` or `--!>`; `<!-->` and `<!--->` are empty comments.
    private mutating func skipComment() {
        position += 4
        if peek(0) == ">" { position += 1; return }
        if peek(0) == "-", peek(1) == ">" { position += 2; return }
        while position < input.count {
            if matches("-->") { position += 3; return }
            if matches("--!>") { position += 4; return }
            position += 1
        }
    }

    /// Reads a tag after `<` or `</`; `nil` when the input ends inside it (a browser drops such a tag).
    private mutating func readTag(isEnd: Bool) -> HTMLToken? {
        var name = String.UnicodeScalarView()
        while position < input.count {
            let c = input[position]
            if Self.isSpace(c) || c == "/" || c == ">" { break }
            name.append(Self.lowercased(c))
            position += 1
        }
        var attributes: [HTMLAttribute] = []
        var seen = Set<String>()
        var selfClosing = false
        while true {
            guard position < input.count else { return nil }
            let c = input[position]
            if Self.isSpace(c) { position += 1; continue }
            if c == ">" { position += 1; break }
            if c == "/" {
                position += 1
                if peek(0) == ">" { selfClosing = true; position += 1; break }
                continue
            }
            guard let attribute = readAttribute() else { return nil }
            if seen.insert(attribute.name).inserted { attributes.append(attribute) }
        }
        let tagName = String(name)
        if isEnd { return .endTag(name: tagName) }
        return .startTag(name: tagName, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func readAttribute() -> HTMLAttribute? {
        var name = String.UnicodeScalarView()
        // The first character may be `=`; a browser takes it as part of the name.
        name.append(Self.lowercased(input[position]))
        position += 1
        while position < input.count {
            let c = input[position]
            if Self.isSpace(c) || c == "/" || c == ">" || c == "=" { break }
            name.append(Self.lowercased(c))
            position += 1
        }
        while position < input.count, Self.isSpace(input[position]) { position += 1 }
        guard position < input.count else { return nil }
        guard input[position] == "=" else { return HTMLAttribute(name: String(name), value: "") }
        position += 1
        while position < input.count, Self.isSpace(input[position]) { position += 1 }
        guard position < input.count else { return nil }
        var value = String.UnicodeScalarView()
        let quote = input[position]
        if quote == "\"" || quote == "'" {
            position += 1
            while true {
                guard position < input.count else { return nil }
                let c = input[position]
                if c == quote { position += 1; break }
                appendAttributeCharacter(c, to: &value)
            }
        } else {
            while position < input.count {
                let c = input[position]
                if Self.isSpace(c) || c == ">" { break }
                appendAttributeCharacter(c, to: &value)
            }
        }
        return HTMLAttribute(name: String(name), value: String(value))
    }

    private mutating func appendAttributeCharacter(_ c: Unicode.Scalar, to value: inout String.UnicodeScalarView) {
        if c == "&", let (decoded, next) = HTMLEntities.decode(input, at: position, inAttribute: true) {
            value.append(contentsOf: decoded.unicodeScalars)
            position = next
        } else {
            value.append(c == "\u{0}" ? "\u{FFFD}" : c)
            position += 1
        }
    }

    /// Reads up to `</name` followed by a space, `/` or `>` (case-insensitive), leaving the end tag to be read.
    private mutating func readRawText(until name: String) {
        let target = Array(name.unicodeScalars)
        let start = position
        var i = position
        while i < input.count {
            if input[i] == "<", i + 1 < input.count, input[i + 1] == "/" {
                var j = i + 2
                var k = 0
                while k < target.count, j < input.count, Self.lowercased(input[j]) == target[k] { j += 1; k += 1 }
                if k == target.count, j < input.count, Self.isSpace(input[j]) || input[j] == "/" || input[j] == ">" {
                    break
                }
            }
            i += 1
        }
        if i > start { tokens.append(.rawText(String(String.UnicodeScalarView(input[start..<i])))) }
        position = i
    }
}
