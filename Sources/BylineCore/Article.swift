import Foundation
import Tagged

/// Where an article is in its life.
public enum ArticleStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case draft
    /// Waits for its `publishedAt` time; not public before then.
    case scheduled
    case published
}

/// A stored article with its section, contributors and tags resolved.
public struct Article: Hashable, Sendable, Codable, Identifiable {
    public var id: ArticleID
    public var slug: Slug
    public var headline: String
    public var dek: String
    /// The body as the editor wrote it, in Markdown.
    public var bodyMarkdown: String
    /// The body rendered to sanitised HTML; what readers see.
    public var bodyHTML: String
    public var section: Section
    public var contributors: [Contributor]
    public var tags: [ArticleTag]
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var leadImage: LeadImage?
    /// The id the article has in the system it was imported from; re-imports update by it.
    public var externalID: String?

    public init(id: ArticleID, slug: Slug, headline: String, dek: String, bodyMarkdown: String, bodyHTML: String,
                section: Section, contributors: [Contributor], tags: [ArticleTag], status: ArticleStatus,
                publishedAt: Date?, createdAt: Date, updatedAt: Date, leadImage: LeadImage?, externalID: String?) {
        self.id = id; self.slug = slug; self.headline = headline; self.dek = dek
        self.bodyMarkdown = bodyMarkdown; self.bodyHTML = bodyHTML; self.section = section
        self.contributors = contributors; self.tags = tags; self.status = status
        self.publishedAt = publishedAt; self.createdAt = createdAt; self.updatedAt = updatedAt
        self.leadImage = leadImage; self.externalID = externalID
    }

    /// Whether readers may see the article at `now`.
    public func isPublic(at now: Date) -> Bool {
        guard status == .published, let publishedAt else { return false }
        return publishedAt <= now
    }

    /// A short summary of this article, as used in lists.
    public var summary: ArticleSummary {
        ArticleSummary(id: id, slug: slug, headline: headline, dek: dek, section: section,
                       contributors: contributors, publishedAt: publishedAt, updatedAt: updatedAt,
                       leadImage: leadImage, tagIDs: tags.map(\.tag.id))
    }
}

/// What a list (home, section, tag, author pages, related blocks) needs to show an article.
public struct ArticleSummary: Hashable, Sendable, Codable, Identifiable {
    public var id: ArticleID
    public var slug: Slug
    public var headline: String
    public var dek: String
    public var section: Section
    public var contributors: [Contributor]
    public var publishedAt: Date?
    public var updatedAt: Date
    public var leadImage: LeadImage?
    public var tagIDs: [TagID]

    public init(id: ArticleID, slug: Slug, headline: String, dek: String, section: Section, contributors: [Contributor],
                publishedAt: Date?, updatedAt: Date, leadImage: LeadImage?, tagIDs: [TagID]) {
        self.id = id; self.slug = slug; self.headline = headline; self.dek = dek; self.section = section
        self.contributors = contributors; self.publishedAt = publishedAt; self.updatedAt = updatedAt
        self.leadImage = leadImage; self.tagIDs = tagIDs
    }
}
