import Foundation
import Synchronization
import GRDB
import BylineCore
import BylineStore

/// The SQLite store: GRDB with WAL, foreign keys on, append-only migrations; implements every store protocol.
public final class SQLiteStore: ArticleStore, SectionStore, AuthorStore, TagStore {
    let database: any DatabaseWriter
    private let token = Atomic<Int64>(0)
    /// Article lengths, publication times and sections for ranking searches (see SearchRankFunction.swift).
    let searchDocuments = SearchDocumentsPool()

    /// Opens (creating if needed) the database file at `path` and migrates it.
    /// - Throws: GRDB's `DatabaseError` when the file cannot be opened or migrated.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Reads the file through the page cache mapped into memory rather than a pread() call and a copy per page,
            // up to 2 GiB (SQLite's default ceiling; beyond it, pages are read as usual). With 256 MiB, a 1 GB store of
            // 100k articles read most search-index pages through pread: 9% of search time was spent in the kernel.
            try db.execute(sql: "PRAGMA mmap_size = 2147418112")
            try SearchRankFunction.register(db)
        }
        let pool = try DatabasePool(path: path, configuration: config)
        self.database = pool
        try Migrations.migrator().migrate(pool)
        try pool.write { db in try SearchIndexer.backfill(db) }
    }

    /// An in-memory SQLite database (for tests), migrated.
    /// - Throws: GRDB's `DatabaseError`.
    public init(inMemory: ()) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in try SearchRankFunction.register(db) }
        let queue = try DatabaseQueue(configuration: config)
        self.database = queue
        try Migrations.migrator().migrate(queue)
        try queue.write { db in try SearchIndexer.backfill(db) }
    }

    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        defer { token.add(1, ordering: .relaxed) }
        return try await database.write(body)
    }

    /// Runs `body` in a read transaction with one thread switch each way: straight onto a reader's queue, and back
    /// when the continuation resumes. GRDB's async `read` first hops to the queue that hands out readers and back,
    /// which cost a search 0.23 ms against 0.08 ms this way (2-core machine, bench/search.sh). Unlike `read`, a
    /// cancelled task does not interrupt `body`, so this is for short reads on hot paths (search).
    /// - Throws: what `body` throws, or GRDB's `DatabaseError` when no reader can be had.
    func readOnReaderQueue<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        let database = self.database
        return try await withCheckedThrowingContinuation { continuation in
            database.asyncRead { result in
                continuation.resume(with: Result { try body(result.get()) })
            }
        }
    }

    public func changeToken() -> Int64 { token.load(ordering: .relaxed) }

    // MARK: Sections

    public func sections() async throws -> [Section] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM section ORDER BY position, name").map(Self.section)
        }
    }

    public func section(slug: Slug) async throws -> Section? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM section WHERE slug = ?", arguments: [slug.rawValue]).map(Self.section)
        }
    }

    public func ensureSection(slug: Slug, name: String, summary: String, position: Int) async throws -> Section {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO section (slug, name, summary, position) VALUES (?, ?, ?, ?)
                ON CONFLICT(slug) DO NOTHING
                """, arguments: [slug.rawValue, name, summary, position])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM section WHERE slug = ?", arguments: [slug.rawValue]) else {
                throw StoreError.notFound("section \(slug)")
            }
            return Self.section(row)
        }
    }

    static func section(_ row: Row) -> Section {
        Section(id: SectionID(row["id"]), slug: Slug(row["slug"] as String) ?? .fallback, name: row["name"],
                summary: row["summary"], position: row["position"])
    }

    // MARK: Authors

    public func author(slug: Slug) async throws -> Author? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM author WHERE slug = ?", arguments: [slug.rawValue]).map(Self.author)
        }
    }

    public func authors() async throws -> [Author] {
        try await database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM author ORDER BY name").map(Self.author) }
    }

    public func updateBio(_ id: AuthorID, bio: String) async throws -> Author {
        try await write { db in
            try db.execute(sql: "UPDATE author SET bio = ? WHERE id = ?", arguments: [bio, id.rawValue])
            guard db.changesCount > 0,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM author WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError.notFound("author \(id.rawValue)") }
            return Self.author(row)
        }
    }

    static func author(_ row: Row) -> Author {
        Author(id: AuthorID(row["id"]), slug: Slug(row["slug"] as String) ?? .fallback, name: row["name"], bio: row["bio"])
    }

    // MARK: Tags

    public func tag(slug: Slug) async throws -> Tag? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tag WHERE slug = ?", arguments: [slug.rawValue]).map(Self.tag)
        }
    }

    public func tag(formerSlug slug: Slug) async throws -> Tag? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT tag.* FROM tag_former_slug f JOIN tag ON tag.id = f.tag_id WHERE f.slug = ?",
                             arguments: [slug.rawValue]).map(Self.tag)
        }
    }

    public func popularTags(limit: Int, now: Date) async throws -> [(tag: Tag, count: Int)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT tag.*, count(*) AS uses FROM tag
                JOIN article_tag ON article_tag.tag_id = tag.id
                JOIN article ON article.id = article_tag.article_id
                WHERE article.status = 'published' AND article.published_at <= ?
                GROUP BY tag.id ORDER BY uses DESC, tag.name LIMIT ?
                """, arguments: [now.timeIntervalSince1970, limit]).map { (tag: Self.tag($0), count: $0["uses"] as Int) }
        }
    }

    public func suppressedAutomaticTags(for article: ArticleID) async throws -> Set<Slug> {
        try await database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT tag_slug FROM article_tag_suppressed WHERE article_id = ?",
                                    arguments: [article.rawValue]).compactMap(Slug.init))
        }
    }

    public func suppressAutomaticTag(_ slug: Slug, on article: ArticleID) async throws {
        try await write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE id = ?", arguments: [article.rawValue]) != nil else {
                throw StoreError.notFound("article \(article.rawValue)")
            }
            try db.execute(sql: "INSERT INTO article_tag_suppressed (article_id, tag_slug) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           arguments: [article.rawValue, slug.rawValue])
        }
    }

    static func tag(_ row: Row) -> Tag {
        let entity: EntityInfo? = (row["entity_type"] as String?).map {
            EntityInfo(name: row["name"], type: $0, kbID: row["kb_id"], wikidataID: row["wikidata_id"])
        }
        return Tag(id: TagID(row["id"]), slug: Slug(row["slug"] as String) ?? .fallback, name: row["name"], entity: entity)
    }

    // MARK: Articles

    public func create(_ draft: ArticleDraft, now: Date) async throws -> Article {
        try await write { db in try Self.insert(draft, now: now, db: db) }
    }

    public func update(_ id: ArticleID, with draft: ArticleDraft, now: Date) async throws -> Article {
        try await write { db in try Self.replace(id, with: draft, now: now, db: db) }
    }

    public func upsertBatch(_ drafts: [ArticleDraft], now: Date) async throws -> [Result<UpsertOutcome, StoreError>] {
        try await write { db in
            var results: [Result<UpsertOutcome, StoreError>] = []
            results.reserveCapacity(drafts.count)
            for draft in drafts {
                var outcome: Result<UpsertOutcome, StoreError> = .failure(.conflict("not written"))
                try db.inSavepoint {
                    do {
                        if let externalID = draft.externalID,
                           let id = try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE external_id = ?", arguments: [externalID]),
                           let existing = try Self.fetchArticle(db, where: "article.id = ?", [id]) {
                            if existing.hasSameContent(as: draft) {
                                outcome = .success(.unchanged(existing))
                            } else {
                                outcome = .success(.updated(try Self.replace(existing.id, with: draft, now: now, db: db)))
                            }
                        } else {
                            outcome = .success(.created(try Self.insert(draft, now: now, db: db)))
                        }
                        return .commit
                    } catch let error as StoreError {
                        outcome = .failure(error)
                        return .rollback
                    } catch let error as DatabaseError {
                        outcome = .failure(.conflict(error.message ?? "database constraint failed"))
                        return .rollback
                    }
                }
                results.append(outcome)
            }
            return results
        }
    }

    public func delete(_ id: ArticleID) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [id.rawValue])
            if db.changesCount == 0 { throw StoreError.notFound("article \(id.rawValue)") }
        }
    }

    public func article(id: ArticleID) async throws -> Article? {
        try await database.read { db in try Self.fetchArticle(db, where: "article.id = ?", [id.rawValue]) }
    }

    public func article(slug: Slug) async throws -> Article? {
        try await database.read { db in try Self.fetchArticle(db, where: "article.slug = ?", [slug.rawValue]) }
    }

    public func list(_ query: ArticleQuery) async throws -> Paged<ArticleSummary> {
        try await database.read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            switch query.visibility {
            case .publicAt(let now):
                conditions.append("article.status = 'published' AND article.published_at <= ?")
                _ = arguments.append(contentsOf: [now.timeIntervalSince1970])
            case .all: break
            case .status(let status):
                conditions.append("article.status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            if let section = query.section {
                conditions.append("article.section_id = ?")
                _ = arguments.append(contentsOf: [section.rawValue])
            }
            if let tag = query.tag {
                conditions.append("EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = article.id AND t.tag_id = ?)")
                _ = arguments.append(contentsOf: [tag.rawValue])
            }
            if !query.tagsAny.isEmpty {
                let marks = databaseQuestionMarks(count: query.tagsAny.count)
                conditions.append("EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = article.id AND t.tag_id IN (\(marks)))")
                _ = arguments.append(contentsOf: StatementArguments(query.tagsAny.map(\.rawValue)))
            }
            if let author = query.author {
                conditions.append("EXISTS (SELECT 1 FROM article_author a WHERE a.article_id = article.id AND a.author_id = ?)")
                _ = arguments.append(contentsOf: [author.rawValue])
            }
            if !query.excluding.isEmpty {
                let marks = databaseQuestionMarks(count: query.excluding.count)
                conditions.append("article.id NOT IN (\(marks))")
                _ = arguments.append(contentsOf: StatementArguments(query.excluding.map(\.rawValue)))
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM article \(whereClause)", arguments: arguments) ?? 0
            var pageArguments = arguments
            _ = pageArguments.append(contentsOf: [query.page.size, query.page.offset])
            let rows = try Row.fetchAll(db, sql: """
                SELECT article.id, article.slug, article.headline, article.dek, article.published_at, article.updated_at,
                       article.lead_image_url, article.lead_image_alt, article.lead_image_caption, article.lead_image_credit,
                       section.id AS s_id, section.slug AS s_slug, section.name AS s_name, section.summary AS s_summary,
                       section.position AS s_position
                FROM article JOIN section ON section.id = article.section_id
                \(whereClause)
                ORDER BY coalesce(article.published_at, article.updated_at) DESC, article.id DESC
                LIMIT ? OFFSET ?
                """, arguments: pageArguments)
            let ids = rows.map { $0["id"] as Int64 }
            let contributors = try Self.contributors(db, for: ids)
            let tags = try Self.tags(db, for: ids)
            let items = rows.map { row -> ArticleSummary in
                let id: Int64 = row["id"]
                return ArticleSummary(
                    id: ArticleID(id), slug: Slug(row["slug"] as String) ?? .fallback, headline: row["headline"], dek: row["dek"],
                    section: Self.joinedSection(row), contributors: contributors[id] ?? [],
                    publishedAt: (row["published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]), leadImage: Self.leadImage(row),
                    tagIDs: (tags[id] ?? []).map(\.tag.id))
            }
            return Paged(items: items, request: query.page, total: total)
        }
    }

    // MARK: Row mapping and writes

    private static func joinedSection(_ row: Row) -> Section {
        Section(id: SectionID(row["s_id"]), slug: Slug(row["s_slug"] as String) ?? .fallback, name: row["s_name"],
                summary: row["s_summary"], position: row["s_position"])
    }

    private static func leadImage(_ row: Row) -> LeadImage? {
        guard let url: String = row["lead_image_url"] else { return nil }
        return LeadImage(url: url, alt: row["lead_image_alt"] ?? "", caption: row["lead_image_caption"], credit: row["lead_image_credit"])
    }

    private static func contributors(_ db: Database, for ids: [Int64]) throws -> [Int64: [Contributor]] {
        guard !ids.isEmpty else { return [:] }
        let marks = databaseQuestionMarks(count: ids.count)
        var result: [Int64: [Contributor]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT aa.article_id, aa.role, author.* FROM article_author aa JOIN author ON author.id = aa.author_id
            WHERE aa.article_id IN (\(marks)) ORDER BY aa.article_id, aa.position
            """, arguments: StatementArguments(ids)) {
            result[row["article_id"], default: []].append(Contributor(author: author(row), role: row["role"]))
        }
        return result
    }

    private static func tags(_ db: Database, for ids: [Int64]) throws -> [Int64: [ArticleTag]] {
        guard !ids.isEmpty else { return [:] }
        let marks = databaseQuestionMarks(count: ids.count)
        var result: [Int64: [ArticleTag]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT at.article_id, at.origin, tag.* FROM article_tag at JOIN tag ON tag.id = at.tag_id
            WHERE at.article_id IN (\(marks)) ORDER BY at.article_id, at.position
            """, arguments: StatementArguments(ids)) {
            let origin = TagOrigin(rawValue: row["origin"]) ?? .editor
            result[row["article_id"], default: []].append(ArticleTag(tag: tag(row), origin: origin))
        }
        return result
    }

    static func fetchArticle(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> Article? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT article.*, section.id AS s_id, section.slug AS s_slug, section.name AS s_name,
                   section.summary AS s_summary, section.position AS s_position
            FROM article JOIN section ON section.id = article.section_id WHERE \(condition)
            """, arguments: arguments) else { return nil }
        let id: Int64 = row["id"]
        return Article(
            id: ArticleID(id), slug: Slug(row["slug"] as String) ?? .fallback, headline: row["headline"], dek: row["dek"],
            bodyMarkdown: row["body_markdown"], bodyHTML: row["body_html"], section: joinedSection(row),
            contributors: try contributors(db, for: [id])[id] ?? [], tags: try tags(db, for: [id])[id] ?? [],
            status: ArticleStatus(rawValue: row["status"]) ?? .draft,
            publishedAt: (row["published_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            leadImage: leadImage(row), externalID: row["external_id"])
    }

    private static func sectionID(_ db: Database, _ slug: Slug) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM section WHERE slug = ?", arguments: [slug.rawValue]) else {
            throw StoreError.unknownSection(slug)
        }
        return id
    }

    private static func uniqueSlug(_ db: Database, _ wanted: Slug, excluding id: Int64?) throws -> Slug {
        try ArticleSlugs.unique(wanted) { candidate in
            try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE slug = ? AND id IS NOT ?", arguments: [candidate.rawValue, id]) != nil
        }
    }

    private static func insert(_ draft: ArticleDraft, now: Date, db: Database) throws -> Article {
        let section = try sectionID(db, draft.section)
        let slug = try uniqueSlug(db, draft.slug ?? Slug.make(from: draft.headline) ?? .fallback, excluding: nil)
        let publishedAt = draft.publishedAt ?? (draft.status == .published ? now : nil)
        try db.execute(sql: """
            INSERT INTO article (slug, headline, dek, body_markdown, body_html, section_id, status, published_at,
                                 created_at, updated_at, lead_image_url, lead_image_alt, lead_image_caption, lead_image_credit, external_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [slug.rawValue, draft.headline, draft.dek, draft.bodyMarkdown, draft.bodyHTML, section,
                             draft.status.rawValue, publishedAt?.timeIntervalSince1970, (draft.createdAt ?? now).timeIntervalSince1970,
                             (draft.updatedAt ?? min(publishedAt ?? now, now)).timeIntervalSince1970, draft.leadImage?.url, draft.leadImage?.alt, draft.leadImage?.caption,
                             draft.leadImage?.credit, draft.externalID])
        let id = db.lastInsertedRowID
        try writeRelations(db, id: id, draft: draft)
        guard let article = try fetchArticle(db, where: "article.id = ?", [id]) else { throw StoreError.notFound("article \(id)") }
        return article
    }

    private static func replace(_ id: ArticleID, with draft: ArticleDraft, now: Date, db: Database) throws -> Article {
        guard let current = try fetchArticle(db, where: "article.id = ?", [id.rawValue]) else {
            throw StoreError.notFound("article \(id.rawValue)")
        }
        let section = try sectionID(db, draft.section)
        let slug = (draft.slug == nil || draft.slug == current.slug) ? current.slug
            : try uniqueSlug(db, draft.slug ?? current.slug, excluding: id.rawValue)
        let publishedAt = draft.publishedAt ?? current.publishedAt ?? (draft.status == .published ? now : nil)
        try db.execute(sql: """
            UPDATE article SET slug = ?, headline = ?, dek = ?, body_markdown = ?, body_html = ?, section_id = ?, status = ?,
                   published_at = ?, updated_at = ?, lead_image_url = ?, lead_image_alt = ?, lead_image_caption = ?,
                   lead_image_credit = ?, external_id = ?
            WHERE id = ?
            """, arguments: [slug.rawValue, draft.headline, draft.dek, draft.bodyMarkdown, draft.bodyHTML, section,
                             draft.status.rawValue, publishedAt?.timeIntervalSince1970, (draft.updatedAt ?? now).timeIntervalSince1970,
                             draft.leadImage?.url, draft.leadImage?.alt, draft.leadImage?.caption, draft.leadImage?.credit,
                             draft.externalID, id.rawValue])
        try db.execute(sql: "DELETE FROM article_author WHERE article_id = ?", arguments: [id.rawValue])
        try db.execute(sql: "DELETE FROM article_tag WHERE article_id = ?", arguments: [id.rawValue])
        try writeRelations(db, id: id.rawValue, draft: draft)
        guard let article = try fetchArticle(db, where: "article.id = ?", [id.rawValue]) else {
            throw StoreError.notFound("article \(id.rawValue)")
        }
        return article
    }

    private static func writeRelations(_ db: Database, id: Int64, draft: ArticleDraft) throws {
        for (position, contributor) in draft.contributors.enumerated() {
            guard let slug = Slug.make(from: contributor.name) else { continue }
            try db.execute(sql: "INSERT INTO author (slug, name) VALUES (?, ?) ON CONFLICT(slug) DO NOTHING",
                           arguments: [slug.rawValue, contributor.name])
            try db.execute(sql: """
                INSERT INTO article_author (article_id, author_id, position, role)
                SELECT ?, id, ?, ? FROM author WHERE slug = ? ON CONFLICT DO NOTHING
                """, arguments: [id, position, contributor.role, slug.rawValue])
        }
        var position = 0
        for (names, origin) in [(draft.tags, TagOrigin.editor), (draft.automaticTags, TagOrigin.automatic)] {
            for name in names {
                guard let slug = Slug.make(from: name) else { continue }
                try db.execute(sql: "INSERT INTO tag (slug, name) VALUES (?, ?) ON CONFLICT(slug) DO NOTHING",
                               arguments: [slug.rawValue, name])
                if origin == .automatic, try Int64.fetchOne(db, sql: """
                    SELECT 1 FROM article_tag_suppressed WHERE article_id = ? AND tag_slug = ?
                    """, arguments: [id, slug.rawValue]) != nil {
                    continue
                }
                if let entity = draft.entities.first(where: { Slug.make(from: $0.name) == slug }) {
                    try db.execute(sql: "UPDATE tag SET entity_type = ?, kb_id = ?, wikidata_id = ? WHERE slug = ?",
                                   arguments: [entity.type, entity.kbID, entity.wikidataID, slug.rawValue])
                }
                try db.execute(sql: """
                    INSERT INTO article_tag (article_id, tag_id, position, origin)
                    SELECT ?, id, ?, ? FROM tag WHERE slug = ? ON CONFLICT DO NOTHING
                    """, arguments: [id, position, origin.rawValue, slug.rawValue])
                position += 1
            }
        }
        // The search index is written in the same transaction as the article (see SQLiteSearch.swift).
        try SearchIndexer.index(db, id: id)
    }
}
