import Foundation
import BylineCore

/// The in-memory publishing store for tests and previews; same rules as the SQLite one.
public actor MemoryPublishingStore: UserStore, SessionStore, APITokenStore, RevisionStore, CorrectionStore, AuditLog, WorkflowStore {
    private var usersByID: [UserID: (user: User, hash: String)] = [:]
    private var sessionsByHash: [String: SessionRecord] = [:]
    private var tokensByID: [APITokenID: (token: APIToken, hash: String)] = [:]
    private var revisionsByArticle: [ArticleID: [Revision]] = [:]
    private var correctionsList: [Correction] = []
    private var auditEntries: [AuditEntry] = []
    private var owners: [ArticleID: UserID] = [:]
    private var submitted: [ArticleID: Date] = [:]
    private var leases: [String: (holder: String, expires: Date)] = [:]
    private var nextID: Int64 = 1

    public init() {}

    private func makeID() -> Int64 { defer { nextID += 1 }; return nextID }

    // MARK: Users

    public func createUser(username: String, displayName: String, role: Role, passwordHash: String, now: Date) throws -> User {
        guard user(username: username) == nil else { throw StoreError.conflict("user \(username) exists") }
        let user = User(id: UserID(makeID()), username: username, displayName: displayName, role: role, createdAt: now)
        usersByID[user.id] = (user, passwordHash)
        return user
    }

    public func user(id: UserID) -> User? { usersByID[id]?.user }

    public func user(username: String) -> User? { usersByID.values.first { $0.user.username == username }?.user }

    public func credentials(username: String) -> (user: User, passwordHash: String)? {
        usersByID.values.first { $0.user.username == username }.map { (user: $0.user, passwordHash: $0.hash) }
    }

    public func setPasswordHash(_ id: UserID, passwordHash: String) throws {
        guard let entry = usersByID[id] else { throw StoreError.notFound("user \(id.rawValue)") }
        usersByID[id] = (entry.user, passwordHash)
    }

    public func users() -> [User] { usersByID.values.map(\.user).sorted { $0.username < $1.username } }

    // MARK: Sessions

    public func createSession(_ session: SessionRecord) { sessionsByHash[session.tokenHash] = session }

    public func session(tokenHash: String, now: Date) -> SessionRecord? {
        guard let session = sessionsByHash[tokenHash], session.expiresAt > now else { return nil }
        return session
    }

    public func deleteSession(tokenHash: String) { sessionsByHash[tokenHash] = nil }

    public func deleteSessions(userID: UserID) { sessionsByHash = sessionsByHash.filter { $0.value.userID != userID } }

    // MARK: Tokens

    public func createToken(name: String, scope: TokenScope, userID: UserID?, tokenHash: String, now: Date) -> APIToken {
        let token = APIToken(id: APITokenID(makeID()), name: name, scope: scope, userID: userID, createdAt: now, revokedAt: nil)
        tokensByID[token.id] = (token, tokenHash)
        return token
    }

    public func token(hash: String) -> (token: APIToken, storedHash: String)? {
        tokensByID.values.first { $0.hash == hash }.map { (token: $0.token, storedHash: $0.hash) }
    }

    public func tokens() -> [APIToken] { tokensByID.values.map(\.token).sorted { $0.id.rawValue > $1.id.rawValue } }

    public func revokeToken(_ id: APITokenID, now: Date) throws {
        guard var entry = tokensByID[id] else { throw StoreError.notFound("token \(id.rawValue)") }
        if entry.token.revokedAt == nil { entry.token.revokedAt = now }
        tokensByID[id] = entry
    }

    // MARK: Revisions

    public func addRevision(article: ArticleID, actor: String, draft: ArticleDraft, now: Date) -> Revision {
        let number = (revisionsByArticle[article]?.map(\.number).max() ?? 0) + 1
        let revision = Revision(id: RevisionID(makeID()), articleID: article, number: number, actor: actor, createdAt: now, draft: draft)
        revisionsByArticle[article, default: []].append(revision)
        return revision
    }

    public func revisions(article: ArticleID) -> [Revision] { (revisionsByArticle[article] ?? []).reversed() }

    public func revision(id: RevisionID) -> Revision? {
        revisionsByArticle.values.lazy.flatMap { $0 }.first { $0.id == id }
    }

    // MARK: Corrections

    public func addCorrection(article: ArticleID, text: String, now: Date) -> Correction {
        let correction = Correction(id: CorrectionID(makeID()), articleID: article, text: text, createdAt: now)
        correctionsList.append(correction)
        return correction
    }

    public func corrections(article: ArticleID) -> [Correction] { correctionsList.filter { $0.articleID == article } }

    public func recentCorrections(limit: Int) -> [Correction] { Array(correctionsList.reversed().prefix(max(0, limit))) }

    // MARK: Audit

    public func record(actor: String, action: String, target: String, detail: String, now: Date) {
        auditEntries.append(AuditEntry(id: makeID(), at: now, actor: actor, action: action, target: target, detail: detail))
    }

    public func entries(limit: Int, offset: Int) -> [AuditEntry] {
        Array(auditEntries.reversed().dropFirst(max(0, offset)).prefix(max(0, limit)))
    }

    // MARK: Workflow

    public func setOwner(article: ArticleID, user: UserID) { owners[article] = user }

    public func owner(article: ArticleID) -> UserID? { owners[article] }

    public func setSubmitted(article: ArticleID, at: Date?) { submitted[article] = at }

    public func submittedAt(article: ArticleID) -> Date? { submitted[article] }

    public func acquireLease(name: String, holder: String, now: Date, ttl: TimeInterval) -> Bool {
        if let current = leases[name], current.holder != holder, current.expires > now { return false }
        leases[name] = (holder, now.addingTimeInterval(ttl))
        return true
    }
}
