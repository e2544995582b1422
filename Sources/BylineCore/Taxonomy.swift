import Foundation
import Tagged

/// A section of the site ("World", "Business"); every article belongs to exactly one.
public struct Section: Hashable, Sendable, Codable, Identifiable {
    public var id: SectionID
    public var slug: Slug
    public var name: String
    public var summary: String
    /// Order on the home page and in navigation; lower comes first.
    public var position: Int

    public init(id: SectionID, slug: Slug, name: String, summary: String = "", position: Int = 0) {
        self.id = id; self.slug = slug; self.name = name; self.summary = summary; self.position = position
    }
}

/// A person who writes or contributes to articles.
public struct Author: Hashable, Sendable, Codable, Identifiable {
    public var id: AuthorID
    public var slug: Slug
    public var name: String
    public var bio: String

    public init(id: AuthorID, slug: Slug, name: String, bio: String = "") {
        self.id = id; self.slug = slug; self.name = name; self.bio = bio
    }
}

/// A topic label that groups articles. A tag that names a person, place or organisation carries ``entity``.
public struct Tag: Hashable, Sendable, Codable, Identifiable {
    public var id: TagID
    public var slug: Slug
    public var name: String
    /// Set when the tag is an entity found by the tagger; such tags have an entity page.
    public var entity: EntityInfo?

    public init(id: TagID, slug: Slug, name: String, entity: EntityInfo? = nil) {
        self.id = id; self.slug = slug; self.name = name; self.entity = entity
    }
}

/// What Byline knows about a named entity an article is about.
public struct EntityInfo: Hashable, Sendable, Codable {
    /// The canonical name ("Kassym-Jomart Tokayev"); also the tag's name.
    public var name: String
    /// `PER`, `LOC`, `ORG` or `MISC`.
    public var type: String
    /// The knowledge-base id (a Wikidata QID when known), `nil` for entities not in the knowledge base.
    public var kbID: String?
    /// The Wikidata QID, when known.
    public var wikidataID: String?

    public init(name: String, type: String, kbID: String? = nil, wikidataID: String? = nil) {
        self.name = name; self.type = type; self.kbID = kbID; self.wikidataID = wikidataID
    }

    /// "Person", "Place", "Organisation" or "Other".
    public var typeName: String {
        switch type {
        case "PER": return "Person"
        case "LOC": return "Place"
        case "ORG": return "Organisation"
        default: return "Other"
        }
    }
}

/// How a tag came to be on an article.
public enum TagOrigin: String, Sendable, Codable, Hashable, CaseIterable {
    /// Set by an editor or an import; never removed automatically.
    case editor
    /// Set by the entity tagger; an editor may remove it, and it then stays removed.
    case automatic
}

/// A tag as attached to one article.
public struct ArticleTag: Hashable, Sendable, Codable {
    public var tag: Tag
    public var origin: TagOrigin
    public init(tag: Tag, origin: TagOrigin) { self.tag = tag; self.origin = origin }
}

/// One author of an article, with an optional role ("Reporting by", "Additional reporting by", "Photographs by").
public struct Contributor: Hashable, Sendable, Codable {
    public var author: Author
    public var role: String?
    public init(author: Author, role: String? = nil) { self.author = author; self.role = role }
}

/// An article's lead image.
public struct LeadImage: Hashable, Sendable, Codable {
    public var url: String
    public var alt: String
    public var caption: String?
    public var credit: String?
    public init(url: String, alt: String, caption: String? = nil, credit: String? = nil) {
        self.url = url; self.alt = alt; self.caption = caption; self.credit = credit
    }

    /// Whether `url` may be stored as an image address: an absolute `http(s)://host…` URL or a path on this site
    /// (`/…`, not `//…`, which names another host). Anything else (`javascript:`, `data:`, `vbscript:`, a relative
    /// path) would reach `<img src>`, social meta tags, JSON-LD and the feeds. Control characters and backslashes
    /// are refused anywhere, because browsers drop the first and read the second as `/`; leading and trailing
    /// whitespace must be trimmed first (``ArticleDraft/validated()`` does).
    public static func isAcceptedURL(_ url: String) -> Bool {
        guard !url.isEmpty, url.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && $0 != "\\" }),
              url.first?.isWhitespace == false else { return false }
        if url.hasPrefix("/") { return !url.hasPrefix("//") }
        let lower = url.lowercased()
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            let host = lower.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !host.contains(" ")
        }
        return false
    }
}
