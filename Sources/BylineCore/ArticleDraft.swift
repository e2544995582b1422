import Foundation

/// An author named on a draft; the store finds the author by slug of the name or creates one.
public struct ContributorInput: Hashable, Sendable, Codable {
    public var name: String
    public var role: String?
    public init(name: String, role: String? = nil) { self.name = name; self.role = role }
}

/// Everything needed to create or replace an article; the input of every write path (editor, API, import).
public struct ArticleDraft: Hashable, Sendable, Codable {
    public var headline: String
    public var dek: String
    public var bodyMarkdown: String
    /// Rendered, sanitised HTML of ``bodyMarkdown``; filled by the text engine before the draft is stored.
    public var bodyHTML: String
    public var section: Slug
    public var contributors: [ContributorInput]
    /// Tag names set by an editor or an import.
    public var tags: [String]
    /// Tag names proposed by the entity tagger.
    public var automaticTags: [String]
    /// What the tagger knows about those automatic tags that are entities (matched by name).
    public var entities: [EntityInfo] = []
    /// A wanted slug; when `nil` one is made from the headline. Collisions get a numeric suffix.
    public var slug: Slug?
    public var status: ArticleStatus
    public var publishedAt: Date?
    public var leadImage: LeadImage?
    public var externalID: String?
    /// When the article was first created in the system it is imported from; `nil` (every editor save) means
    /// the store's clock. Only new articles take it.
    public var createdAt: Date?
    /// When the article last changed in the system it is imported from; `nil` (every editor save) means the
    /// store's clock, so an edit always counts as a change.
    public var updatedAt: Date?

    public init(headline: String, dek: String = "", bodyMarkdown: String, bodyHTML: String = "", section: Slug,
                contributors: [ContributorInput] = [], tags: [String] = [], automaticTags: [String] = [],
                slug: Slug? = nil, status: ArticleStatus = .draft, publishedAt: Date? = nil,
                leadImage: LeadImage? = nil, externalID: String? = nil) {
        self.headline = headline; self.dek = dek; self.bodyMarkdown = bodyMarkdown; self.bodyHTML = bodyHTML
        self.section = section; self.contributors = contributors; self.tags = tags; self.automaticTags = automaticTags
        self.slug = slug; self.status = status; self.publishedAt = publishedAt
        self.leadImage = leadImage; self.externalID = externalID
    }
}

/// Limits on the fields of an article.
public enum ArticleLimits {
    public static let headline = 300
    public static let dek = 600
    public static let body = 1_000_000
    public static let contributorName = 120
    public static let role = 80
    public static let tagName = 80
    public static let tagsPerArticle = 60
    public static let contributorsPerArticle = 20
    public static let externalID = 500
    public static let url = 2_000
}

/// One problem with one field of an input.
public struct FieldIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The field's name as the input spells it (`headline`, `authors[1].name`).
    public var field: String
    public var message: String
    public init(field: String, message: String) { self.field = field; self.message = message }
    public var description: String { "\(field): \(message)" }
}

/// An input that failed validation; lists every problem found, not just the first.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [FieldIssue]
    public init(_ issues: [FieldIssue]) { self.issues = issues }
    public init(field: String, _ message: String) { self.issues = [FieldIssue(field: field, message: message)] }
    public var description: String { issues.map(\.description).joined(separator: "; ") }
}

extension ArticleDraft {
    /// Checks every field and returns a cleaned copy (trimmed text, de-duplicated tags).
    /// - Throws: ``ValidationError`` listing each field that is empty, too long or inconsistent.
    public func validated() throws(ValidationError) -> ArticleDraft {
        var issues: [FieldIssue] = []
        var draft = self
        draft.headline = headline.trimmingCharacters(in: .whitespacesAndNewlines)
        draft.dek = dek.trimmingCharacters(in: .whitespacesAndNewlines)
        func check(_ value: String, _ field: String, max: Int, required: Bool = false) {
            if required && value.isEmpty { issues.append(.init(field: field, message: "must not be empty")) }
            let count = value.count
            if count > max { issues.append(.init(field: field, message: "is \(count) characters; the limit is \(max)")) }
        }
        check(draft.headline, "headline", max: ArticleLimits.headline, required: true)
        check(draft.dek, "dek", max: ArticleLimits.dek)
        if bodyMarkdown.utf8.count > ArticleLimits.body {
            issues.append(.init(field: "body", message: "is \(bodyMarkdown.utf8.count) bytes; the limit is \(ArticleLimits.body)"))
        }
        if contributors.count > ArticleLimits.contributorsPerArticle {
            issues.append(.init(field: "authors", message: "has \(contributors.count) entries; the limit is \(ArticleLimits.contributorsPerArticle)"))
        }
        var seenAuthors = Set<Slug>()
        draft.contributors = []
        for (i, c) in contributors.enumerated() {
            let name = c.name.trimmingCharacters(in: .whitespacesAndNewlines)
            let role = c.role?.trimmingCharacters(in: .whitespacesAndNewlines)
            check(name, "authors[\(i)].name", max: ArticleLimits.contributorName, required: true)
            check(role ?? "", "authors[\(i)].role", max: ArticleLimits.role)
            guard !name.isEmpty else { continue }
            guard let slug = Slug.make(from: name) else {
                issues.append(.init(field: "authors[\(i)].name", message: "needs at least one letter or digit"))
                continue
            }
            if seenAuthors.insert(slug).inserted {
                draft.contributors.append(ContributorInput(name: name, role: (role?.isEmpty ?? true) ? nil : role))
            }
        }
        func cleanTags(_ names: [String], field: String) -> [String] {
            var seen = Set<Slug>()
            var out: [String] = []
            for (i, raw) in names.enumerated() {
                let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if name.isEmpty { continue }
                check(name, "\(field)[\(i)]", max: ArticleLimits.tagName)
                guard let slug = Slug.make(from: name) else {
                    issues.append(.init(field: "\(field)[\(i)]", message: "needs at least one letter or digit"))
                    continue
                }
                if seen.insert(slug).inserted { out.append(name) }
            }
            if out.count > ArticleLimits.tagsPerArticle {
                issues.append(.init(field: field, message: "has \(out.count) tags; the limit is \(ArticleLimits.tagsPerArticle)"))
            }
            return out
        }
        draft.tags = cleanTags(tags, field: "tags")
        draft.automaticTags = cleanTags(automaticTags, field: "automatic_tags")
        if let externalID, externalID.count > ArticleLimits.externalID {
            issues.append(.init(field: "external_id", message: "is longer than \(ArticleLimits.externalID) characters"))
        }
        if status == .scheduled && publishedAt == nil {
            issues.append(.init(field: "published_at", message: "is required to schedule an article"))
        }
        if let image = leadImage {
            let url = image.url.trimmingCharacters(in: .whitespacesAndNewlines)
            draft.leadImage?.url = url
            check(url, "lead_image.url", max: ArticleLimits.url, required: true)
            if !url.isEmpty && !LeadImage.isAcceptedURL(url) {
                issues.append(.init(field: "lead_image.url",
                                    message: "must be an http:// or https:// address or a path on this site starting with one /"))
            }
            check(image.alt, "lead_image.alt", max: ArticleLimits.dek)
        }
        if slug == nil && Slug.make(from: draft.headline) == nil && !draft.headline.isEmpty {
            issues.append(.init(field: "slug", message: "cannot be made from the headline; give one"))
        }
        guard issues.isEmpty else { throw ValidationError(issues) }
        return draft
    }
}

extension Article {
    /// Whether storing `draft` over this article would change nothing a reader or editor sees.
    /// Re-imports use it to report "unchanged" instead of bumping `updatedAt`.
    public func hasSameContent(as draft: ArticleDraft) -> Bool {
        func slugs(_ names: [String]) -> [Slug?] { names.map { Slug.make(from: $0) } }
        let editorTags = tags.filter { $0.origin == .editor }.map { Optional($0.tag.slug) }
        let autoTags = tags.filter { $0.origin == .automatic }.map { Optional($0.tag.slug) }
        return headline == draft.headline && dek == draft.dek && bodyMarkdown == draft.bodyMarkdown
            && bodyHTML == draft.bodyHTML && section.slug == draft.section
            && contributors.map { Optional($0.author.slug) } == slugs(draft.contributors.map(\.name))
            && contributors.map(\.role) == draft.contributors.map(\.role)
            && editorTags == slugs(draft.tags)
            // Automatic tags compare as a set: the tagger's order among equally salient entities carries no meaning.
            && Set(autoTags) == Set(slugs(draft.automaticTags.filter { name in !draft.tags.contains { Slug.make(from: $0) == Slug.make(from: name) } }))
            && status == draft.status
            && (draft.publishedAt == nil || publishedAt == draft.publishedAt)
            && leadImage == draft.leadImage
            && (draft.updatedAt.map { abs($0.timeIntervalSince(updatedAt)) < 0.001 } ?? true)
            && (draft.slug == nil || slug == draft.slug)
            && externalID == draft.externalID
    }
}

extension ArticleDraft {
    /// The draft that would store `article` again as it is (editing starts from here).
    public init(_ article: Article) {
        self.init(
            headline: article.headline, dek: article.dek, bodyMarkdown: article.bodyMarkdown, bodyHTML: article.bodyHTML,
            section: article.section.slug,
            contributors: article.contributors.map { ContributorInput(name: $0.author.name, role: $0.role) },
            tags: article.tags.filter { $0.origin == .editor }.map(\.tag.name),
            automaticTags: article.tags.filter { $0.origin == .automatic }.map(\.tag.name),
            slug: article.slug, status: article.status, publishedAt: article.publishedAt,
            leadImage: article.leadImage, externalID: article.externalID)
        self.entities = article.tags.compactMap(\.tag.entity)
    }
}
