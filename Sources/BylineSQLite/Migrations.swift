import GRDB

/// Byline's SQLite schema, as append-only named migrations. Never edit a shipped migration: add one.
enum Migrations {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-content") { db in
            try db.execute(sql: """
                CREATE TABLE section (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    summary TEXT NOT NULL DEFAULT '',
                    position INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE author (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    bio TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE tag (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0)
                );
                CREATE TABLE article (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    headline TEXT NOT NULL CHECK (length(headline) > 0),
                    dek TEXT NOT NULL DEFAULT '',
                    body_markdown TEXT NOT NULL DEFAULT '',
                    body_html TEXT NOT NULL DEFAULT '',
                    section_id INTEGER NOT NULL REFERENCES section(id) ON DELETE RESTRICT,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published')),
                    published_at REAL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    lead_image_url TEXT,
                    lead_image_alt TEXT,
                    lead_image_caption TEXT,
                    lead_image_credit TEXT,
                    external_id TEXT UNIQUE
                );
                CREATE INDEX article_by_status_date ON article(status, published_at DESC, id DESC);
                CREATE INDEX article_by_section_date ON article(section_id, published_at DESC, id DESC);
                CREATE TABLE article_author (
                    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    author_id INTEGER NOT NULL REFERENCES author(id) ON DELETE RESTRICT,
                    position INTEGER NOT NULL,
                    role TEXT,
                    PRIMARY KEY (article_id, author_id)
                );
                CREATE INDEX article_author_by_author ON article_author(author_id, article_id);
                CREATE TABLE article_tag (
                    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE RESTRICT,
                    position INTEGER NOT NULL,
                    origin TEXT NOT NULL CHECK (origin IN ('editor', 'automatic')),
                    PRIMARY KEY (article_id, tag_id)
                );
                CREATE INDEX article_tag_by_tag ON article_tag(tag_id, article_id);
                """)
        }
        migrator.registerMigration("v4-entities") { db in
            // A tag that names an entity carries its type and knowledge-base ids; editors' removals of
            // automatic tags are remembered per article so the tagger never adds them back.
            try db.execute(sql: """
                ALTER TABLE tag ADD COLUMN entity_type TEXT CHECK (entity_type IN ('PER', 'LOC', 'ORG', 'MISC'));
                ALTER TABLE tag ADD COLUMN kb_id TEXT;
                ALTER TABLE tag ADD COLUMN wikidata_id TEXT;
                CREATE TABLE article_tag_suppressed (
                    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    tag_slug TEXT NOT NULL,
                    PRIMARY KEY (article_id, tag_slug)
                );
                """)
        }
        // Users, sessions, API tokens, revisions, corrections, audit log, workflow: SQL in PublishingSchema.swift.
        migrator.registerMigration("v3-publishing", migrate: PublishingSchema.v3)
        // Full-text search (FTS5 index, vocabulary, delete trigger): SQL in SQLiteSearch.swift.
        migrator.registerMigration("v2-search", migrate: SearchIndexSchema.v2)
        migrator.registerMigration("v2-search-visibility", migrate: SearchIndexSchema.visibilityIndex)
        // Related-article overrides and reading history: SQL in SQLiteRecommendationStore.swift.
        migrator.registerMigration("v5-recommendations", migrate: RecommendationSchema.v5)
        // The log that keeps the in-memory ranking table in step (SearchRankFunction.swift).
        migrator.registerMigration("v6-search-changes", migrate: SearchChangeSchema.v6)
        migrator.registerMigration("v6-article-summary-index", migrate: SearchIndexSchema.summaryIndex)
        // Slugs that tags were renamed or merged away from (old links redirect); deleting a tag drops its own.
        migrator.registerMigration("v7-tag-former-slugs") { db in
            try db.execute(sql: """
                CREATE TABLE tag_former_slug (
                    slug TEXT PRIMARY KEY,
                    tag_id INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE
                ) WITHOUT ROWID;
                CREATE INDEX tag_former_slug_by_tag ON tag_former_slug(tag_id);
                """)
        }
        // First visits by readers not yet known, counted per article and hour (SQL in SQLiteRecommendationStore.swift).
        migrator.registerMigration("v8-reading-visits", migrate: RecommendationSchema.v8)
        return migrator
    }
}
