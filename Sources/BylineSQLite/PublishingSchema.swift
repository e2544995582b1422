import GRDB

/// The SQL of the publishing migration (registered as `v3-publishing` in ``Migrations``). Shipped: never edit, append.
enum PublishingSchema {
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE account (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'author')),
                password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),
                created_at REAL NOT NULL
            );
            CREATE TABLE account_session (
                token_hash TEXT PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL
            );
            CREATE INDEX account_session_by_account ON account_session(account_id);
            CREATE TABLE api_token (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (length(name) > 0),
                scope TEXT NOT NULL CHECK (scope IN ('admin', 'content')),
                account_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                created_at REAL NOT NULL,
                revoked_at REAL
            );
            CREATE TABLE article_revision (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                actor TEXT NOT NULL,
                created_at REAL NOT NULL,
                draft_json TEXT NOT NULL,
                UNIQUE (article_id, number)
            );
            CREATE TABLE article_correction (
                id INTEGER PRIMARY KEY,
                article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                text TEXT NOT NULL CHECK (length(text) > 0),
                created_at REAL NOT NULL
            );
            CREATE INDEX article_correction_by_article ON article_correction(article_id, created_at);
            CREATE INDEX article_correction_by_date ON article_correction(created_at DESC, id DESC);
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at REAL NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE article_workflow (
                article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
                owner_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
                submitted_at REAL
            );
            CREATE TABLE lease (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at REAL NOT NULL
            );
            """)
    }
}
