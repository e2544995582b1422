import Foundation
import BylineCore
import BylineRoutes

// The JSON shapes of the Content and Admin APIs (snake_case, ISO 8601 dates), as in /api/openapi.json.

struct SectionJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var name: String
    var summary: String
    var position: Int
    var url: String

    init(_ s: Section, base: String) {
        id = s.id.rawValue; slug = s.slug.rawValue; name = s.name; summary = s.summary; position = s.position
        url = SiteRoute.section(s.slug).url(base: base)
    }
}

struct AuthorJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var name: String
    var bio: String
    var url: String

    init(_ a: Author, base: String) {
        id = a.id.rawValue; slug = a.slug.rawValue; name = a.name; bio = a.bio; url = SiteRoute.author(a.slug).url(base: base)
    }
}

struct TagJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var name: String
    var url: String

    init(_ t: Tag, base: String) { id = t.id.rawValue; slug = t.slug.rawValue; name = t.name; url = SiteRoute.tag(t.slug).url(base: base) }
}

struct CreditJSON: Codable, Equatable {
    var name: String
    var slug: String
    var role: String?
}

struct LeadImageJSON: Codable, Equatable {
    var url: String
    var alt: String
    var caption: String?
    var credit: String?

    init(_ i: LeadImage) { url = i.url; alt = i.alt; caption = i.caption; credit = i.credit }
    var value: LeadImage { LeadImage(url: url, alt: alt, caption: caption, credit: credit) }
}

struct CorrectionJSON: Codable, Equatable {
    var id: Int64
    var text: String
    var created_at: Date

    init(_ c: Correction) { id = c.id.rawValue; text = c.text; created_at = c.createdAt }
}

/// An article in a list.
struct ArticleSummaryJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var url: String
    var headline: String
    var dek: String
    var section: SectionJSON
    var authors: [CreditJSON]
    var published_at: Date?
    var updated_at: Date
    var lead_image: LeadImageJSON?

    init(_ a: ArticleSummary, base: String) {
        id = a.id.rawValue; slug = a.slug.rawValue; url = SiteRoute.article(a.slug).url(base: base); headline = a.headline
        dek = a.dek; section = SectionJSON(a.section, base: base)
        authors = a.contributors.map { CreditJSON(name: $0.author.name, slug: $0.author.slug.rawValue, role: $0.role) }
        published_at = a.publishedAt; updated_at = a.updatedAt; lead_image = a.leadImage.map(LeadImageJSON.init)
    }
}

/// One article in full; `body_markdown`, `status` and `submitted_at` only in the Admin API.
struct ArticleJSON: Codable, Equatable {
    var id: Int64
    var slug: String
    var url: String
    var headline: String
    var dek: String
    var section: SectionJSON
    var authors: [CreditJSON]
    var tags: [TagJSON]
    var published_at: Date?
    var created_at: Date
    var updated_at: Date
    var lead_image: LeadImageJSON?
    var body_html: String
    var corrections: [CorrectionJSON]
    var status: String?
    var body_markdown: String?

    init(_ a: Article, corrections: [Correction], base: String, admin: Bool) {
        id = a.id.rawValue; slug = a.slug.rawValue; url = SiteRoute.article(a.slug).url(base: base); headline = a.headline
        dek = a.dek; section = SectionJSON(a.section, base: base)
        authors = a.contributors.map { CreditJSON(name: $0.author.name, slug: $0.author.slug.rawValue, role: $0.role) }
        tags = a.tags.map { TagJSON($0.tag, base: base) }
        published_at = a.publishedAt; created_at = a.createdAt; updated_at = a.updatedAt
        lead_image = a.leadImage.map(LeadImageJSON.init); body_html = a.bodyHTML
        self.corrections = corrections.map(CorrectionJSON.init)
        status = admin ? a.status.rawValue : nil
        body_markdown = admin ? a.bodyMarkdown : nil
    }
}

struct ArticleListJSON: Codable, Equatable {
    var articles: [ArticleSummaryJSON]
    var next_cursor: String?
}

struct AdminArticleListJSON: Codable {
    var articles: [AdminArticleRowJSON]
    var page: Int
    var page_count: Int
    var total: Int
}

struct AdminArticleRowJSON: Codable {
    var id: Int64
    var slug: String
    var headline: String
    var section: String
    var authors: [String]
    var published_at: Date?
    var updated_at: Date
}

struct RevisionJSON: Codable {
    var id: Int64
    var number: Int
    var actor: String
    var created_at: Date
    var headline: String
}

struct DiffJSON: Codable {
    struct Field: Codable {
        var field: String
        var runs: [WordDiff.Run]
    }
    var from: Int?
    var to: Int
    var fields: [Field]
}

struct AuditEntryJSON: Codable {
    var id: Int64
    var at: Date
    var actor: String
    var action: String
    var target: String
    var detail: String

    init(_ e: AuditEntry) { id = e.id; at = e.at; actor = e.actor; action = e.action; target = e.target; detail = e.detail }
}

// MARK: Inputs (unknown fields are rejected before decoding)

/// A JSON input whose allowed keys are known, so unknown ones can be refused.
protocol StrictInput: Decodable {
    /// The allowed top-level keys.
    static var fields: Set<String> { get }
    /// Allowed keys of nested objects (or of each object in an array), by top-level key.
    static var nested: [String: Set<String>] { get }
}

extension StrictInput {
    static var nested: [String: Set<String>] { [:] }
}

struct CreditInput: Codable {
    var name: String
    var role: String?
}

/// The body of `POST /api/v1/admin/articles` and `PUT /api/v1/admin/articles/{id}`.
struct ArticleInput: StrictInput {
    var headline: String
    var dek: String?
    var body: String
    var section: Slug
    var authors: [CreditInput]?
    var tags: [String]?
    var slug: Slug?
    var lead_image: LeadImageJSON?

    static let fields: Set<String> = ["headline", "dek", "body", "section", "authors", "tags", "slug", "lead_image"]
    static let nested: [String: Set<String>] = ["authors": ["name", "role"], "lead_image": ["url", "alt", "caption", "credit"]]

    func draft(status: ArticleStatus, publishedAt: Date?, automaticTags: [String] = [], externalID: String? = nil) -> ArticleDraft {
        ArticleDraft(headline: headline, dek: dek ?? "", bodyMarkdown: body, section: section,
                     contributors: (authors ?? []).map { ContributorInput(name: $0.name, role: $0.role) },
                     tags: tags ?? [], automaticTags: automaticTags, slug: slug, status: status, publishedAt: publishedAt,
                     leadImage: lead_image?.value, externalID: externalID)
    }
}

struct ScheduleInput: StrictInput {
    var publish_at: Date
    static let fields: Set<String> = ["publish_at"]
}

struct CorrectionInput: StrictInput {
    var text: String
    static let fields: Set<String> = ["text"]
}

struct SectionInput: StrictInput {
    var slug: Slug
    var name: String
    var summary: String?
    var position: Int?
    static let fields: Set<String> = ["slug", "name", "summary", "position"]
}

struct AuthorBioInput: StrictInput {
    var bio: String
    static let fields: Set<String> = ["bio"]
}
