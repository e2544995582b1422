import Foundation
import GRDB
import BylineCore
import BylineStore

/// The SQL of the recommendations migration (registered as `v5-recommendations` in ``Migrations``).
/// Shipped: never edit, append.
enum RecommendationSchema {
    static func v5(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE related_override (
                article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                related_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
                position INTEGER NOT NULL,
                PRIMARY KEY (article_id, related_id),
                CHECK (article_id <> related_id)
            );
            CREATE TABLE reading_event (
                id INTEGER PRIMARY KEY,
                reader TEXT NOT NULL CHECK (length(reader) BETWEEN 1 AND 64),
                article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                read_at REAL NOT NULL
            );
            CREATE INDEX reading_event_by_reader ON reading_event(reader, read_at);
            CREATE INDEX reading_event_by_time ON reading_event(read_at);
            CREATE INDEX reading_event_by_article ON reading_event(article_id);
            """)
    }

    /// First visits by readers not yet known, per article and hour (no reader column: nothing to trace back).
    static func v8(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE reading_visit (
                article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                hour INTEGER NOT NULL,
                visits INTEGER NOT NULL CHECK (visits > 0),
                PRIMARY KEY (article_id, hour)
            ) WITHOUT ROWID;
            CREATE INDEX reading_visit_by_hour ON reading_visit(hour);
            """)
    }
}

/// The SQLite store of related-article overrides and reading history, in the database of a ``SQLiteStore``.
public final class SQLiteRecommendationStore: RelatedOverrideStore, ReadingLog {
    private let database: any DatabaseWriter

    /// A store on the same database as `store` (already migrated by it).
    public init(_ store: SQLiteStore) { self.database = store.database }

    public func relatedOverrides(for article: ArticleID) async throws -> RelatedOverrides {
        try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT related_id, kind FROM related_override WHERE article_id = ? ORDER BY position
                """, arguments: [article.rawValue])
            return Self.overrides(rows)
        }
    }

    public func allRelatedOverrides() async throws -> [ArticleID: RelatedOverrides] {
        try await database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT article_id, related_id, kind FROM related_override ORDER BY article_id, position
                """)
            let grouped = Dictionary(grouping: rows) { ArticleID(rawValue: $0["article_id"] as Int64) }
            return grouped.mapValues(Self.overrides)
        }
    }

    private static func overrides(_ rows: [Row]) -> RelatedOverrides {
        var pinned: [ArticleID] = [], excluded: [ArticleID] = []
        for row in rows {
            let id = ArticleID(rawValue: row["related_id"] as Int64)
            if (row["kind"] as String) == "pin" { pinned.append(id) } else { excluded.append(id) }
        }
        return RelatedOverrides(pinned: pinned, excluded: excluded)
    }

    public func setRelatedOverrides(_ overrides: RelatedOverrides, for article: ArticleID) async throws {
        try await database.write { db in
            for id in [article] + overrides.pinned + overrides.excluded {
                guard try Int64.fetchOne(db, sql: "SELECT id FROM article WHERE id = ?", arguments: [id.rawValue]) != nil else {
                    throw StoreError.notFound("article \(id.rawValue)")
                }
            }
            try db.execute(sql: "DELETE FROM related_override WHERE article_id = ?", arguments: [article.rawValue])
            let rows = overrides.pinned.map { ($0, "pin") } + overrides.excluded.map { ($0, "exclude") }
            for (position, (id, kind)) in rows.enumerated() where id != article {
                try db.execute(sql: """
                    INSERT INTO related_override (article_id, related_id, kind, position) VALUES (?, ?, ?, ?)
                    """, arguments: [article.rawValue, id.rawValue, kind, position])
            }
        }
    }

    public func append(_ records: [ReadingRecord]) async throws {
        guard !records.isEmpty else { return }
        try await database.write { db in
            // Articles deleted since the read was seen are skipped rather than failing the batch.
            let statement = try db.makeStatement(sql: """
                INSERT INTO reading_event (reader, article_id, read_at)
                SELECT ?, id, ? FROM article WHERE id = ?
                """)
            for record in records {
                try statement.execute(arguments: [record.reader, record.at.timeIntervalSince1970, record.article.rawValue])
            }
        }
    }

    public func addVisits(_ counts: [VisitCount]) async throws {
        guard !counts.isEmpty else { return }
        try await database.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO reading_visit (article_id, hour, visits)
                SELECT id, ?, ? FROM article WHERE id = ?
                ON CONFLICT (article_id, hour) DO UPDATE SET visits = visits + excluded.visits
                """)
            for count in counts where count.count > 0 {
                let hour = Int64((count.hour.timeIntervalSince1970 / 3_600).rounded(.down))
                try statement.execute(arguments: [hour, count.count, count.article.rawValue])
            }
        }
    }

    public func visits(since: Date) async throws -> [VisitCount] {
        let first = Int64((since.timeIntervalSince1970 / 3_600).rounded(.up))
        return try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT article_id, hour, visits FROM reading_visit WHERE hour >= ? ORDER BY hour, article_id
                """, arguments: [first]).map { row in
                VisitCount(article: ArticleID(rawValue: row["article_id"] as Int64),
                           hour: Date(timeIntervalSince1970: Double(row["hour"] as Int64) * 3_600), count: row["visits"])
            }
        }
    }

    private static func record(_ row: Row) -> ReadingRecord {
        ReadingRecord(reader: row["reader"], article: ArticleID(rawValue: row["article_id"] as Int64),
                      at: Date(timeIntervalSince1970: row["read_at"]))
    }

    public func records(since: Date) async throws -> [ReadingRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT reader, article_id, read_at FROM reading_event WHERE read_at >= ? ORDER BY read_at, id
                """, arguments: [since.timeIntervalSince1970]).map(Self.record)
        }
    }

    public func records(reader: String) async throws -> [ReadingRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT reader, article_id, read_at FROM reading_event WHERE reader = ? ORDER BY read_at DESC, id DESC
                """, arguments: [reader]).map(Self.record)
        }
    }

    public func deleteRecords(reader: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM reading_event WHERE reader = ?", arguments: [reader])
        }
    }

    @discardableResult
    public func prune(before cutoff: Date) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM reading_event WHERE read_at < ?", arguments: [cutoff.timeIntervalSince1970])
            let records = db.changesCount
            // An hour goes once it has wholly passed the cutoff.
            try db.execute(sql: "DELETE FROM reading_visit WHERE hour < ?",
                           arguments: [Int64((cutoff.timeIntervalSince1970 / 3_600).rounded(.up))])
            return records
        }
    }
}
