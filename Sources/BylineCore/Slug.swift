import Foundation

/// A URL-safe identifier: lowercase ASCII letters, digits and single hyphens, at most 120 characters.
public struct Slug: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The longest slug Byline accepts.
    public static let maxLength = 120

    /// The slug text.
    public let rawValue: String

    /// Validates `rawValue` as a slug; `nil` when it is empty, too long or has characters outside `[a-z0-9-]`.
    public init?(_ rawValue: String) {
        guard !rawValue.isEmpty, rawValue.utf8.count <= Self.maxLength,
              rawValue.first != "-", rawValue.last != "-",
              rawValue.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The slug used when nothing else gives one (`article`).
    public static let fallback = Slug(known: "article")

    private init(known: String) { self.rawValue = known }

    /// Makes a slug from free text ("Kazakhstan's crisis, day 3" → `kazakhstans-crisis-day-3`); `nil` when no letter or digit survives.
    public static func make(from text: String) -> Slug? {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            case "'", "\u{2019}":
                continue // "Kazakhstan's" → "kazakhstans"
            default:
                pendingHyphen = true
            }
            if out.utf8.count >= maxLength { break }
        }
        if out.utf8.count > maxLength { out = String(out.prefix(maxLength)) }
        while out.hasSuffix("-") { out.removeLast() }
        return Slug(out)
    }

    /// The slug with a numeric suffix (`kazakhstan-2`), trimmed so it stays within ``maxLength``.
    public func numbered(_ n: Int) -> Slug {
        let suffix = "-\(n)"
        var base = rawValue
        while base.utf8.count + suffix.utf8.count > Self.maxLength { base.removeLast() }
        while base.hasSuffix("-") { base.removeLast() }
        return Slug(base + suffix) ?? self
    }

    public var description: String { rawValue }
    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let slug = Slug(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid slug \(text.debugDescription)"))
        }
        self = slug
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
