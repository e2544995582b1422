import Foundation

/// Makes links absolute: feeds are read away from the site, so a relative `href` would point nowhere.
enum LinkResolver {
    /// `link` resolved against `base` (an absolute URL); links that already have a scheme are returned as they are.
    static func resolve(_ link: String, against base: String) -> String {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || hasScheme(trimmed) { return trimmed }
        guard let baseURL = URL(string: base), let resolved = URL(string: trimmed, relativeTo: baseURL) else { return trimmed }
        return resolved.absoluteString
    }

    static func hasScheme(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        guard let first = scheme.unicodeScalars.first, (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") else { return false }
        return scheme.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// `html` (sanitised HTML: attributes double-quoted, `"` always escaped) with every `href` and `src` made absolute.
    static func absolutizeLinks(in html: String, base: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = Substring(html)
        let markers = [" href=\"", " src=\""]
        while true {
            var nearest: Range<Substring.Index>?
            for marker in markers {
                if let r = rest.range(of: marker), nearest.map({ r.lowerBound < $0.lowerBound }) ?? true { nearest = r }
            }
            guard let found = nearest, let close = rest[found.upperBound...].firstIndex(of: "\"") else {
                out += rest
                return out
            }
            out += rest[..<found.upperBound]
            let raw = String(rest[found.upperBound..<close])
            let unescaped = raw.replacingOccurrences(of: "&amp;", with: "&")
            let resolved = resolve(unescaped, against: base)
            out += resolved == unescaped ? raw : XMLText.escape(resolved)
            rest = rest[close...]
        }
    }
}
