import Foundation
import HummingbirdBcrypt
import BylineCore
import BylineStore

/// Users, passwords (bcrypt), browser sessions and API tokens. Secrets are returned once and stored only as digests.
public struct AccountService: Sendable {
    let publishing: PublishingStores
    /// The bcrypt cost; 12 in production, lower in tests.
    public var bcryptCost: UInt8
    /// How long a browser session lasts.
    public var sessionLifetime: TimeInterval

    /// The shortest password accepted.
    public static let minimumPasswordLength = 10
    /// The longest password accepted (bcrypt reads 72 bytes at most).
    public static let maximumPasswordBytes = 72

    public init(publishing: PublishingStores, bcryptCost: UInt8 = 12, sessionLifetime: TimeInterval = 12 * 3_600) {
        self.publishing = publishing; self.bcryptCost = bcryptCost; self.sessionLifetime = sessionLifetime
    }

    /// Checks a new password against the policy.
    /// - Throws: ``ValidationError`` on the `password` field.
    public static func checkPassword(_ password: String) throws(ValidationError) {
        if password.count < minimumPasswordLength {
            throw ValidationError(field: "password", "must be at least \(minimumPasswordLength) characters")
        }
        if password.utf8.count > maximumPasswordBytes {
            throw ValidationError(field: "password", "must be at most \(maximumPasswordBytes) bytes")
        }
    }

    /// Creates a user with a bcrypt hash of `password`.
    /// - Throws: ``ValidationError`` for a bad username or password; ``StoreError/conflict(_:)`` when the name is taken.
    /// The creation is recorded in the audit log under `actor`.
    public func createUser(username: String, displayName: String, role: Role, password: String, actor: String,
                           now: Date = Date()) async throws -> User {
        var issues: [FieldIssue] = []
        if !User.isValidUsername(username) {
            issues.append(FieldIssue(field: "username", message: "use 1 to 64 lowercase letters, digits, '.', '_' or '-'"))
        }
        do { try Self.checkPassword(password) } catch { issues += error.issues }
        let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.count > ArticleLimits.contributorName {
            issues.append(FieldIssue(field: "display_name", message: "is longer than \(ArticleLimits.contributorName) characters"))
        }
        guard issues.isEmpty else { throw ValidationError(issues) }
        let user = try await publishing.users.createUser(username: username, displayName: name.isEmpty ? username : name, role: role,
                                                         passwordHash: await Self.hash(password, cost: bcryptCost), now: now)
        try await publishing.audit.record(actor: actor, action: "user.create", target: "user:\(user.username)", detail: role.rawValue, now: now)
        return user
    }

    /// Sets a new password and ends the user's sessions; recorded in the audit log under `actor`.
    /// - Throws: ``ValidationError``, ``PublishingError/notFound(_:)``.
    public func setPassword(username: String, password: String, actor: String, now: Date = Date()) async throws {
        try Self.checkPassword(password)
        guard let user = try await publishing.users.user(username: username) else { throw PublishingError.notFound("user \(username)") }
        try await publishing.users.setPasswordHash(user.id, passwordHash: await Self.hash(password, cost: bcryptCost))
        try await publishing.sessions.deleteSessions(userID: user.id)
        try await publishing.audit.record(actor: actor, action: "user.passwd", target: "user:\(username)", detail: "", now: now)
    }

    /// The user when `password` is theirs; `nil` otherwise. Unknown names cost a bcrypt check too, so timing
    /// does not reveal which usernames exist. The check runs off the concurrency pool (``PasswordHashing``); the
    /// web sign-in also limits how many run at once (``Newsroom/signIn(username:password:address:now:)``).
    public func verify(username: String, password: String) async throws -> User? {
        guard password.utf8.count <= Self.maximumPasswordBytes,
              let credentials = try await publishing.users.credentials(username: username) else {
            _ = await PasswordHashing.run { Bcrypt.verify(password, hash: Self.decoyHash) }
            return nil
        }
        let hash = credentials.passwordHash
        return await PasswordHashing.run { Bcrypt.verify(password, hash: hash) } ? credentials.user : nil
    }

    private static func hash(_ password: String, cost: UInt8) async -> String {
        await PasswordHashing.run { Bcrypt.hash(password, cost: cost) }
    }

    /// A hash of a password nobody knows, checked when the username is unknown (made on first use, on a
    /// hashing thread).
    private static let decoyHash = Bcrypt.hash(Secrets.token(), cost: 12)

    /// Starts a session; the returned cookie value is the only copy of the secret.
    public func startSession(for user: User, now: Date = Date()) async throws -> (cookieValue: String, session: SessionRecord) {
        let secret = Secrets.token()
        let session = SessionRecord(tokenHash: Secrets.digest(secret), userID: user.id, csrfToken: Secrets.token(),
                                    createdAt: now, expiresAt: now.addingTimeInterval(sessionLifetime))
        try await publishing.sessions.createSession(session)
        return (secret, session)
    }

    /// The principal a session cookie stands for, when it is valid at `now`.
    public func principal(sessionCookie: String, now: Date) async throws -> Principal? {
        let hash = Secrets.digest(sessionCookie)
        guard let session = try await publishing.sessions.session(tokenHash: hash, now: now),
              Secrets.constantTimeEqual(session.tokenHash, hash),
              let user = try await publishing.users.user(id: session.userID) else { return nil }
        return Principal(actor: user.username, user: user, role: user.role,
                         credential: .session(csrfToken: session.csrfToken, tokenHash: hash))
    }

    /// Ends the session a cookie stands for.
    public func endSession(cookieValue: String) async throws {
        try await publishing.sessions.deleteSession(tokenHash: Secrets.digest(cookieValue))
    }

    /// Creates an API token; the returned secret is shown once and never stored.
    /// - Throws: ``ValidationError`` for an empty or long name; ``PublishingError/notFound(_:)`` for an unknown user.
    /// The creation is recorded in the audit log under `actor`.
    public func createToken(name: String, scope: TokenScope, username: String? = nil, actor: String,
                            now: Date = Date()) async throws -> (secret: String, token: APIToken) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 120 else { throw ValidationError(field: "name", "must be 1 to 120 characters") }
        var userID: UserID?
        if let username {
            guard let user = try await publishing.users.user(username: username) else { throw PublishingError.notFound("user \(username)") }
            userID = user.id
        }
        let secret = Secrets.token(prefix: "byl_")
        let token = try await publishing.tokens.createToken(name: trimmed, scope: scope, userID: userID,
                                                            tokenHash: Secrets.digest(secret), now: now)
        try await publishing.audit.record(actor: actor, action: "token.create", target: "token:\(token.id.rawValue)",
                                          detail: "\(token.name) (\(scope.rawValue))", now: now)
        return (secret, token)
    }

    /// Revokes a token; recorded in the audit log under `actor`.
    public func revokeToken(_ id: APITokenID, actor: String, now: Date = Date()) async throws {
        try await publishing.tokens.revokeToken(id, now: now)
        try await publishing.audit.record(actor: actor, action: "token.revoke", target: "token:\(id.rawValue)", detail: "", now: now)
    }

    /// The principal a bearer token stands for; `nil` when it is unknown or revoked.
    public func principal(bearer secret: String) async throws -> Principal? {
        let hash = Secrets.digest(secret)
        guard let found = try await publishing.tokens.token(hash: hash),
              Secrets.constantTimeEqual(found.storedHash, hash), found.token.revokedAt == nil else { return nil }
        let token = found.token
        if let userID = token.userID {
            guard let user = try await publishing.users.user(id: userID) else { return nil }
            return Principal(actor: "token:\(token.name)", user: user, role: user.role, credential: .token(token.scope))
        }
        return Principal(actor: "token:\(token.name)", user: nil, role: token.scope == .admin ? .admin : .author,
                         credential: .token(token.scope))
    }
}
