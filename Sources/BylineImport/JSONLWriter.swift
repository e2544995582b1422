import Foundation
import BylineCore

/// Writes articles in Byline's JSON Lines import schema (docs/IMPORT.md), one line each, so that
/// ``JSONLReader`` reads every field back: `byline export` → `byline import` round-trips an article.
public struct JSONLWriter: Sendable {
    public init() {}

    /// What an article carries besides itself: corrections and the automatic tags an editor removed.
    public struct Extras: Sendable {
        /// Corrections, oldest first.
        public var corrections: [Correction]
        /// Automatic tags an editor removed (their slugs); the tagger must never add them back.
        public var removedAutomaticTags: [Slug]
        public init(corrections: [Correction] = [], removedAutomaticTags: [Slug] = []) {
            self.corrections = corrections; self.removedAutomaticTags = removedAutomaticTags
        }
    }

    /// One JSON object for `article`, without a trailing newline. Dates carry milliseconds (the stores'
    /// precision); fields without a value are left out.
    /// - Throws: only if the JSON encoder fails, which plain strings and numbers never make it do.
    public func line(for article: Article, extras: Extras = Extras()) throws -> String {
        let record = Record(article, extras: extras)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// An ISO 8601 UTC timestamp with milliseconds (`2026-11-28T09:30:00.250Z`).
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    private struct Record: Encodable {
        struct SectionValue: Encodable { var slug: String; var name: String; var summary: String?; var position: Int }
        struct AuthorValue: Encodable { var name: String; var role: String?; var bio: String? }
        struct TagValue: Encodable {
            var name: String
            var type: String?
            var kbID: String?
            var wikidataID: String?
            enum CodingKeys: String, CodingKey { case name, type, kbID = "kb_id", wikidataID = "wikidata_id" }
        }
        struct ImageValue: Encodable { var url: String; var alt: String; var caption: String?; var credit: String? }
        struct CorrectionValue: Encodable { var text: String; var date: String }

        var externalID: String?
        var slug: String
        var status: String
        var headline: String
        var dek: String
        var body: String
        var section: SectionValue
        var authors: [AuthorValue]
        var tags: [TagValue]
        var automaticTags: [TagValue]
        var removedAutomaticTags: [String]?
        var publishedAt: String?
        var createdAt: String
        var updatedAt: String
        var leadImage: ImageValue?
        var corrections: [CorrectionValue]?

        enum CodingKeys: String, CodingKey {
            case externalID = "external_id", slug, status, headline, dek, body, section, authors, tags
            case automaticTags = "automatic_tags", removedAutomaticTags = "removed_automatic_tags"
            case publishedAt = "published_at", createdAt = "created_at", updatedAt = "updated_at"
            case leadImage = "lead_image", corrections
        }

        init(_ article: Article, extras: Extras) {
            func tag(_ t: ArticleTag) -> TagValue {
                TagValue(name: t.tag.name, type: t.tag.entity?.type, kbID: t.tag.entity?.kbID, wikidataID: t.tag.entity?.wikidataID)
            }
            externalID = article.externalID
            slug = article.slug.rawValue
            status = article.status.rawValue
            headline = article.headline
            dek = article.dek
            body = article.bodyMarkdown
            section = SectionValue(slug: article.section.slug.rawValue, name: article.section.name,
                                   summary: article.section.summary.isEmpty ? nil : article.section.summary,
                                   position: article.section.position)
            authors = article.contributors.map {
                AuthorValue(name: $0.author.name, role: $0.role, bio: $0.author.bio.isEmpty ? nil : $0.author.bio)
            }
            tags = article.tags.filter { $0.origin == .editor }.map(tag)
            // Always written, even empty: its presence tells the importer to keep these and not run the tagger.
            automaticTags = article.tags.filter { $0.origin == .automatic }.map(tag)
            removedAutomaticTags = extras.removedAutomaticTags.isEmpty ? nil : extras.removedAutomaticTags.map(\.rawValue).sorted()
            publishedAt = article.publishedAt.map(JSONLWriter.timestamp)
            createdAt = JSONLWriter.timestamp(article.createdAt)
            updatedAt = JSONLWriter.timestamp(article.updatedAt)
            leadImage = article.leadImage.map { ImageValue(url: $0.url, alt: $0.alt, caption: $0.caption, credit: $0.credit) }
            corrections = extras.corrections.isEmpty ? nil
                : extras.corrections.map { CorrectionValue(text: $0.text, date: JSONLWriter.timestamp($0.createdAt)) }
        }
    }
}
