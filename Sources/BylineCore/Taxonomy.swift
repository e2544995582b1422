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

/// A topic label that groups articles.
public struct Tag: Hashable, Sendable, Codable, Identifiable {
    public var id: TagID
    public var slug: Slug
    public var name: String

    public init(id: TagID, slug: Slug, name: String) {
        self.id = id; self.slug = slug; self.name = name
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
}
