import Foundation
import GRDB
import BylineCore
import BylineStore

/// The SQLite publishing store: users, sessions, tokens, revisions, corrections, audit log and workflow,
/// in the same database (and transactions) as the content of the ``SQLiteStore`` it is built on.
public final class SQLitePublishingStore: UserStore, SessionStore, APITokenStore, RevisionStore, CorrectionStore, AuditLog, WorkflowStore {
    private let database: any DatabaseWriter

    /// A publishing store on the same database as `store` (already migrated by it).
    public init(_ store: SQLiteStore) { self.database = store.database }

    private static func date(_ row: Row, _ column: String) -> Date { Date(timeIntervalSince1970: row[column]) }

    // MARK: Users

    private static func user(_ row: Row) -> User {
        User(id: UserID(row["id"]), username: row["username"], displayName: row["display_name"],
             role: Role(rawValue: row["role"]) ?? .author, createdAt: date(row, "created_at"))
    }

    public func createUser(username: String, displayName: String, role: Role, passwordHash: String, now: Date) async throws -> User {
        try await database.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE username = ?", arguments: [username]) != nil {
                throw StoreError.conflict("user \(username) exists")
            }
            try db.execute(sql: """
                INSERT INTO account (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [username, displayName, role.rawValue, passwordHash, now.timeIntervalSince1970])
            return User(id: UserID(db.lastInsertedRowID), username: username, displayName: displayName, role: role, createdAt: now)
        }
    }

    public func user(id: UserID) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id.rawValue]).map(Self.user)
        }
    }

    public func user(username: String) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]).map(Self.user)
        }
    }

    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username])
                .map { (user: Self.user($0), passwordHash: $0["password_hash"] as String) }
        }
    }

    public func setPasswordHash(_ id: UserID, passwordHash: String) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id.rawValue])
            if db.changesCount == 0 { throw StoreError.notFound("user \(id.rawValue)") }
        }
    }

    public func users() async throws -> [User] {
        try await database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY username").map(Self.user) }
    }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO account_session (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.userID.rawValue, session.csrfToken,
                                 session.createdAt.timeIntervalSince1970, session.expiresAt.timeIntervalSince1970])
            // Expired sessions are swept whenever a new one starts.
            try db.execute(sql: "DELETE FROM account_session WHERE expires_at <= ?", arguments: [session.createdAt.timeIntervalSince1970])
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> SessionRecord? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account_session WHERE token_hash = ? AND expires_at > ?",
                             arguments: [tokenHash, now.timeIntervalSince1970]).map { row in
                SessionRecord(tokenHash: row["token_hash"], userID: UserID(row["account_id"]), csrfToken: row["csrf_token"],
                              createdAt: Self.date(row, "created_at"), expiresAt: Self.date(row, "expires_at"))
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func deleteSessions(userID: UserID) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM account_session WHERE account_id = ?", arguments: [userID.rawValue])
        }
    }

    // MARK: Tokens

    private static func token(_ row: Row) -> APIToken {
        APIToken(id: APITokenID(row["id"]), name: row["name"], scope: TokenScope(rawValue: row["scope"]) ?? .content,
                 userID: (row["account_id"] as Int64?).map { UserID($0) }, createdAt: date(row, "created_at"),
                 revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    public func createToken(name: String, scope: TokenScope, userID: UserID?, tokenHash: String, now: Date) async throws -> APIToken {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO api_token (name, scope, account_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [name, scope.rawValue, userID?.rawValue, tokenHash, now.timeIntervalSince1970])
            return APIToken(id: APITokenID(db.lastInsertedRowID), name: name, scope: scope, userID: userID, createdAt: now, revokedAt: nil)
        }
    }

    public func token(hash: String) async throws -> (token: APIToken, storedHash: String)? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE token_hash = ?", arguments: [hash])
                .map { (token: Self.token($0), storedHash: $0["token_hash"] as String) }
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id DESC").map(Self.token) }
    }

    public func revokeToken(_ id: APITokenID, now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                           arguments: [now.timeIntervalSince1970, id.rawValue])
            if db.changesCount == 0 { throw StoreError.notFound("token \(id.rawValue)") }
        }
    }

    // MARK: Revisions

    private static func revision(_ row: Row) throws -> Revision {
        let draft = try JSONDecoder().decode(ArticleDraft.self, from: Data((row["draft_json"] as String).utf8))
        return Revision(id: RevisionID(row["id"]), articleID: ArticleID(row["article_id"]), number: row["number"],
                        actor: row["actor"], createdAt: date(row, "created_at"), draft: draft)
    }

    public func addRevision(article: ArticleID, actor: String, draft: ArticleDraft, now: Date) async throws -> Revision {
        let json = String(decoding: try JSONEncoder().encode(draft), as: UTF8.self)
        return try await database.write { db in
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM article_revision WHERE article_id = ?",
                                           arguments: [article.rawValue]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO article_revision (article_id, number, actor, created_at, draft_json) VALUES (?, ?, ?, ?, ?)
                """, arguments: [article.rawValue, number, actor, now.timeIntervalSince1970, json])
            return Revision(id: RevisionID(db.lastInsertedRowID), articleID: article, number: number, actor: actor, createdAt: now, draft: draft)
        }
    }

    public func revisions(article: ArticleID) async throws -> [Revision] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM article_revision WHERE article_id = ? ORDER BY number DESC",
                             arguments: [article.rawValue]).map(Self.revision)
        }
    }

    public func revision(id: RevisionID) async throws -> Revision? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM article_revision WHERE id = ?", arguments: [id.rawValue]).map(Self.revision)
        }
    }

    // MARK: Corrections

    private static func correction(_ row: Row) -> Correction {
        Correction(id: CorrectionID(row["id"]), articleID: ArticleID(row["article_id"]), text: row["text"], createdAt: date(row, "created_at"))
    }

    public func addCorrection(article: ArticleID, text: String, now: Date) async throws -> Correction {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO article_correction (article_id, text, created_at) VALUES (?, ?, ?)",
                           arguments: [article.rawValue, text, now.timeIntervalSince1970])
            return Correction(id: CorrectionID(db.lastInsertedRowID), articleID: article, text: text, createdAt: now)
        }
    }

    public func corrections(article: ArticleID) async throws -> [Correction] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM article_correction WHERE article_id = ? ORDER BY created_at, id",
                             arguments: [article.rawValue]).map(Self.correction)
        }
    }

    public func recentCorrections(limit: Int) async throws -> [Correction] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM article_correction ORDER BY created_at DESC, id DESC LIMIT ?",
                             arguments: [max(0, limit)]).map(Self.correction)
        }
    }

    // MARK: Audit

    public func record(actor: String, action: String, target: String, detail: String, now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                           arguments: [now.timeIntervalSince1970, actor, action, target, detail])
        }
    }

    public func entries(limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
                             arguments: [max(0, limit), max(0, offset)]).map { row in
                AuditEntry(id: row["id"], at: Self.date(row, "at"), actor: row["actor"], action: row["action"],
                           target: row["target"], detail: row["detail"])
            }
        }
    }

    // MARK: Workflow

    public func setOwner(article: ArticleID, user: UserID) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO article_workflow (article_id, owner_id) VALUES (?, ?)
                ON CONFLICT(article_id) DO UPDATE SET owner_id = excluded.owner_id
                """, arguments: [article.rawValue, user.rawValue])
        }
    }

    public func owner(article: ArticleID) async throws -> UserID? {
        try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT owner_id FROM article_workflow WHERE article_id = ?", arguments: [article.rawValue])
                .map { UserID($0) }
        }
    }

    public func setSubmitted(article: ArticleID, at: Date?) async throws {
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO article_workflow (article_id, submitted_at) VALUES (?, ?)
                ON CONFLICT(article_id) DO UPDATE SET submitted_at = excluded.submitted_at
                """, arguments: [article.rawValue, at?.timeIntervalSince1970])
        }
    }

    public func submittedAt(article: ArticleID) async throws -> Date? {
        try await database.read { db in
            try Double.fetchOne(db, sql: "SELECT submitted_at FROM article_workflow WHERE article_id = ?", arguments: [article.rawValue])
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func acquireLease(name: String, holder: String, now: Date, ttl: TimeInterval) async throws -> Bool {
        try await database.write { db in
            // One conditional upsert: only the current holder, or anyone once the lease has expired, wins.
            try db.execute(sql: """
                INSERT INTO lease (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE lease.holder = excluded.holder OR lease.expires_at <= ?
                """, arguments: [name, holder, now.addingTimeInterval(ttl).timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }
}
