import Foundation
import BylineCore

/// Stores newsroom users and their bcrypt password hashes (hashing happens above the store).
public protocol UserStore: Sendable {
    /// Creates a user.
    /// - Throws: ``StoreError/conflict(_:)`` when the username is taken.
    func createUser(username: String, displayName: String, role: Role, passwordHash: String, now: Date) async throws -> User
    /// The user with this id.
    func user(id: UserID) async throws -> User?
    /// The user with this username.
    func user(username: String) async throws -> User?
    /// The user and their stored password hash, for signing in.
    func credentials(username: String) async throws -> (user: User, passwordHash: String)?
    /// Replaces a user's password hash.
    /// - Throws: ``StoreError/notFound(_:)``.
    func setPasswordHash(_ id: UserID, passwordHash: String) async throws
    /// All users by username.
    func users() async throws -> [User]
}

/// Stores signed-in browser sessions by the digest of their cookie value.
public protocol SessionStore: Sendable {
    /// Stores a new session.
    func createSession(_ session: SessionRecord) async throws
    /// The session with this digest when it has not expired at `now`.
    func session(tokenHash: String, now: Date) async throws -> SessionRecord?
    /// Ends one session.
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a user (after a password change).
    func deleteSessions(userID: UserID) async throws
}

/// Stores API tokens by the SHA-256 digest of their secret.
public protocol APITokenStore: Sendable {
    /// Stores a token's digest and returns the token's record.
    func createToken(name: String, scope: TokenScope, userID: UserID?, tokenHash: String, now: Date) async throws -> APIToken
    /// The token whose secret has this digest, with the stored digest (revoked tokens included).
    func token(hash: String) async throws -> (token: APIToken, storedHash: String)?
    /// All tokens, newest first.
    func tokens() async throws -> [APIToken]
    /// Marks a token revoked; it never authenticates again.
    /// - Throws: ``StoreError/notFound(_:)``.
    func revokeToken(_ id: APITokenID, now: Date) async throws
}

/// Stores every saved state of every article.
public protocol RevisionStore: Sendable {
    /// Appends a revision with the next number for the article.
    func addRevision(article: ArticleID, actor: String, draft: ArticleDraft, now: Date) async throws -> Revision
    /// An article's revisions, newest first.
    func revisions(article: ArticleID) async throws -> [Revision]
    /// One revision.
    func revision(id: RevisionID) async throws -> Revision?
}

/// Stores corrections to published articles.
public protocol CorrectionStore: Sendable {
    /// Adds a correction.
    func addCorrection(article: ArticleID, text: String, now: Date) async throws -> Correction
    /// An article's corrections, oldest first.
    func corrections(article: ArticleID) async throws -> [Correction]
    /// The newest corrections across all articles.
    func recentCorrections(limit: Int) async throws -> [Correction]
}

/// An append-only record of who did what, when.
public protocol AuditLog: Sendable {
    /// Appends an entry.
    func record(actor: String, action: String, target: String, detail: String, now: Date) async throws
    /// Entries newest first.
    func entries(limit: Int, offset: Int) async throws -> [AuditEntry]
}

/// Editorial workflow state kept beside articles: who owns a draft, whether it was submitted, and
/// the leases that let one node of several run a job.
public protocol WorkflowStore: Sendable {
    /// Records the user who created an article.
    func setOwner(article: ArticleID, user: UserID) async throws
    /// The user who created an article, when one did (imports have none).
    func owner(article: ArticleID) async throws -> UserID?
    /// Marks an article submitted for review at `at`, or clears the mark with `nil`.
    func setSubmitted(article: ArticleID, at: Date?) async throws
    /// When an article was submitted for review.
    func submittedAt(article: ArticleID) async throws -> Date?
    /// Takes or renews the lease `name` for `holder` until `now + ttl`; true when `holder` has it.
    /// Only one holder wins while the lease is unexpired.
    func acquireLease(name: String, holder: String, now: Date, ttl: TimeInterval) async throws -> Bool
}

/// The publishing stores one application runs on, beside the content ``Stores``.
public struct PublishingStores: Sendable {
    public var users: any UserStore
    public var sessions: any SessionStore
    public var tokens: any APITokenStore
    public var revisions: any RevisionStore
    public var corrections: any CorrectionStore
    public var audit: any AuditLog
    public var workflow: any WorkflowStore

    public init<S: UserStore & SessionStore & APITokenStore & RevisionStore & CorrectionStore & AuditLog & WorkflowStore>(_ store: S) {
        users = store; sessions = store; tokens = store; revisions = store; corrections = store; audit = store; workflow = store
    }
}
