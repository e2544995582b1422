import Foundation
import GRDB
import BylineCore
import BylineStore

/// Taxonomy upkeep by editors: sections edited; tags renamed, merged, deleted. Each runs in one transaction
/// that also re-indexes the articles it touches for search, so search and pages agree the moment it commits.
extension SQLiteStore {
    public func updateSection(_ slug: Slug, name: String, summary: String, position: Int) async throws -> Section {
        try await write { db in
            try db.execute(sql: "UPDATE section SET name = ?, summary = ?, position = ? WHERE slug = ?",
                           arguments: [name, summary, position, slug.rawValue])
            guard db.changesCount > 0,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM section WHERE slug = ?", arguments: [slug.rawValue]) else {
                throw StoreError.notFound("section \(slug.rawValue)")
            }
            return Self.section(row)
        }
    }

    public func allTags(matching query: String?, limit: Int, offset: Int) async throws -> [(tag: Tag, count: Int)] {
        let needle = query?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT tag.*, (SELECT count(*) FROM article_tag WHERE article_tag.tag_id = tag.id) AS uses FROM tag
                WHERE ? = '' OR instr(lower(tag.name), ?) > 0 OR instr(tag.slug, ?) > 0
                ORDER BY lower(tag.name), tag.slug LIMIT ? OFFSET ?
                """, arguments: [needle, needle, needle, max(0, limit), max(0, offset)])
                .map { (tag: Self.tag($0), count: $0["uses"] as Int) }
        }
    }

    public func renameTag(_ slug: Slug, to name: String) async throws -> Tag {
        try await write { db in
            let id = try Self.tagID(db, slug)
            guard let newSlug = Slug.make(from: name) else {
                throw StoreError.invalid(ValidationError(field: "name", "has no letters or digits"))
            }
            if let other = try Int64.fetchOne(db, sql: "SELECT id FROM tag WHERE slug = ?", arguments: [newSlug.rawValue]), other != id {
                throw StoreError.conflict("tag \(newSlug.rawValue) exists")
            }
            try db.execute(sql: "UPDATE tag SET name = ?, slug = ? WHERE id = ?", arguments: [name, newSlug.rawValue, id])
            // Old links lead to the new slug; the new slug is the tag's own, no longer a former one.
            if newSlug != slug {
                try db.execute(sql: "INSERT OR REPLACE INTO tag_former_slug (slug, tag_id) VALUES (?, ?)", arguments: [slug.rawValue, id])
            }
            try db.execute(sql: "DELETE FROM tag_former_slug WHERE slug = ?", arguments: [newSlug.rawValue])
            try Self.reindexArticles(db, taggedWith: id)
            return try Self.tag(Row.fetchOne(db, sql: "SELECT * FROM tag WHERE id = ?", arguments: [id])!)
        }
    }

    public func mergeTag(_ source: Slug, into target: Slug) async throws -> (tag: Tag, articles: Int) {
        try await write { db in
            let from = try Self.tagID(db, source), into = try Self.tagID(db, target)
            guard from != into else { throw StoreError.conflict("a tag cannot be merged into itself") }
            let articles = try Int64.fetchAll(db, sql: "SELECT article_id FROM article_tag WHERE tag_id = ?", arguments: [from])
            try Self.suppressAutomaticUses(db, of: from, slug: source)
            // Articles that carry both keep the target where it was; the others get the target in the source's place.
            try db.execute(sql: """
                DELETE FROM article_tag WHERE tag_id = ? AND article_id IN (SELECT article_id FROM article_tag WHERE tag_id = ?)
                """, arguments: [from, into])
            try db.execute(sql: "UPDATE article_tag SET tag_id = ? WHERE tag_id = ?", arguments: [into, from])
            // The source's slug and its own former slugs lead to the target (before the delete would cascade them away).
            try db.execute(sql: "UPDATE tag_former_slug SET tag_id = ? WHERE tag_id = ?", arguments: [into, from])
            try db.execute(sql: "INSERT OR REPLACE INTO tag_former_slug (slug, tag_id) VALUES (?, ?)", arguments: [source.rawValue, into])
            try db.execute(sql: "DELETE FROM tag WHERE id = ?", arguments: [from])
            for article in articles { try SearchIndexer.index(db, id: article) }
            let tag = try Self.tag(Row.fetchOne(db, sql: "SELECT * FROM tag WHERE id = ?", arguments: [into])!)
            return (tag, articles.count)
        }
    }

    public func deleteTag(_ slug: Slug) async throws -> Int {
        try await write { db in
            let id = try Self.tagID(db, slug)
            let articles = try Int64.fetchAll(db, sql: "SELECT article_id FROM article_tag WHERE tag_id = ?", arguments: [id])
            try Self.suppressAutomaticUses(db, of: id, slug: slug)
            try db.execute(sql: "DELETE FROM article_tag WHERE tag_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM tag WHERE id = ?", arguments: [id])
            for article in articles { try SearchIndexer.index(db, id: article) }
            return articles.count
        }
    }

    private static func tagID(_ db: Database, _ slug: Slug) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tag WHERE slug = ?", arguments: [slug.rawValue]) else {
            throw StoreError.notFound("tag \(slug.rawValue)")
        }
        return id
    }

    /// The tagger must not put back an automatic tag an editor merged away or deleted.
    private static func suppressAutomaticUses(_ db: Database, of id: Int64, slug: Slug) throws {
        try db.execute(sql: """
            INSERT INTO article_tag_suppressed (article_id, tag_slug)
            SELECT article_id, ? FROM article_tag WHERE tag_id = ? AND origin = 'automatic'
            ON CONFLICT DO NOTHING
            """, arguments: [slug.rawValue, id])
    }

    private static func reindexArticles(_ db: Database, taggedWith id: Int64) throws {
        for article in try Int64.fetchAll(db, sql: "SELECT article_id FROM article_tag WHERE tag_id = ?", arguments: [id]) {
            try SearchIndexer.index(db, id: article)
        }
    }
}
