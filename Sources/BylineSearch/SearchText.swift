import Foundation

/// The text rules search shares across stores and the query parser.
public enum SearchText {
    /// Splits text into search tokens the way SQLite's `unicode61 remove_diacritics 2` tokenizer does:
    /// runs of letters, digits and private-use characters, lowercased, with diacritics removed.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let token = fold(String(current))
            // A run of combining marks alone folds to nothing.
            if !token.isEmpty { tokens.append(token) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if isTokenScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return tokens
    }

    /// Whether the scalar belongs inside a token.
    public static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    /// Lowercases and removes diacritics.
    public static func fold(_ token: String) -> String {
        if token.utf8.allSatisfy({ $0 < 128 }) { return token.lowercased() }
        let decomposed = token.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        var out = String.UnicodeScalarView()
        for scalar in decomposed {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// The readable text of (sanitised) HTML: tags dropped, entities decoded, whitespace collapsed.
    public static func plainText(html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var index = html.startIndex
        var pendingSpace = false
        func emit(_ s: Substring) {
            for ch in s {
                if ch.isWhitespace { pendingSpace = true; continue }
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        while index < html.endIndex {
            let ch = html[index]
            if ch == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                // Block-level tags separate words; inline ones (<em>, <a>) do not.
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if !["a", "em", "strong", "b", "i", "u", "span", "code", "sup", "sub", "abbr", "mark", "small", "s", "cite", "q"].contains(String(name)) {
                    pendingSpace = true
                }
                index = html.index(after: close)
            } else if ch == "&" {
                if let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
                   let decoded = decodeEntity(html[html.index(after: index)..<semicolon]) {
                    emit(Substring(decoded))
                    index = html.index(after: semicolon)
                } else {
                    emit("&")
                    index = html.index(after: index)
                }
            } else {
                let next = html[index...].firstIndex(where: { $0 == "<" || $0 == "&" }) ?? html.endIndex
                emit(html[index..<next])
                index = next
            }
        }
        return out
    }

    private static func decodeEntity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "lsquo": return "‘"
        case "rsquo": return "’"
        case "ldquo": return "“"
        case "rdquo": return "”"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// The body text that search indexes: the rendered HTML's text, or the Markdown when nothing was rendered.
    public static func indexableBody(html: String, markdown: String) -> String {
        html.isEmpty ? markdown : plainText(html: html)
    }
}
