/// Escaping for text written into XML documents (feeds, sitemaps).
enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document at all.
    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped and characters XML 1.0 forbids removed;
    /// safe in element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars where isAllowed(c) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `text` with characters XML 1.0 forbids removed and nothing escaped.
    static func stripInvalid(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars where isAllowed(c) { out.append(c) }
        return String(out)
    }
}
