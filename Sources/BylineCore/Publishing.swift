import Foundation
import Tagged

/// Identifies a ``User`` in a store.
public typealias UserID = Tagged<User, Int64>
/// Identifies an ``APIToken`` in a store.
public typealias APITokenID = Tagged<APIToken, Int64>
/// Identifies a ``Revision`` in a store.
public typealias RevisionID = Tagged<Revision, Int64>
/// Identifies a ``Correction`` in a store.
public typealias CorrectionID = Tagged<Correction, Int64>

/// What a newsroom user may do.
public enum Role: String, Sendable, Codable, Hashable, CaseIterable {
    /// Everything, including users, tokens and the audit log.
    case admin
    /// Every article: edit, publish, schedule, unpublish, delete; sections, tags and authors.
    case editor
    /// Own drafts only; may submit them for review but not publish.
    case author

    /// Whether this role may publish, schedule or unpublish articles.
    public var canPublish: Bool { self != .author }
    /// Whether this role may edit articles someone else created.
    public var canEditOthers: Bool { self != .author }
    /// Whether this role may manage sections, tags and authors.
    public var canManageTaxonomy: Bool { self != .author }
    /// Whether this role may read the audit log and manage users.
    public var isAdmin: Bool { self == .admin }
}

/// A person who signs in to the newsroom tools.
public struct User: Hashable, Sendable, Codable, Identifiable {
    public var id: UserID
    /// The sign-in name: lowercase letters, digits, `.`, `_` and `-`, 1 to 64 characters.
    public var username: String
    public var displayName: String
    public var role: Role
    public var createdAt: Date

    public init(id: UserID, username: String, displayName: String, role: Role, createdAt: Date) {
        self.id = id; self.username = username; self.displayName = displayName; self.role = role; self.createdAt = createdAt
    }

    /// Whether `name` is an acceptable username.
    public static func isValidUsername(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
        }
    }
}

/// What an API token may be used for.
public enum TokenScope: String, Sendable, Codable, Hashable, CaseIterable {
    /// The Admin API (and the Content API).
    case admin
    /// The Content API only (a content API key).
    case content
}

/// An API token as stored: never the secret itself, only its SHA-256 digest.
public struct APIToken: Hashable, Sendable, Codable, Identifiable {
    public var id: APITokenID
    public var name: String
    public var scope: TokenScope
    /// The user the token acts for; `nil` means an admin-scope token acts as an administrator.
    public var userID: UserID?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: APITokenID, name: String, scope: TokenScope, userID: UserID?, createdAt: Date, revokedAt: Date?) {
        self.id = id; self.name = name; self.scope = scope; self.userID = userID; self.createdAt = createdAt; self.revokedAt = revokedAt
    }
}

/// A signed-in browser session, found by the digest of its cookie value.
public struct SessionRecord: Hashable, Sendable {
    public var tokenHash: String
    public var userID: UserID
    /// The synchronizer token every admin form must echo back.
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, userID: UserID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash; self.userID = userID; self.csrfToken = csrfToken; self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// One saved state of an article: who saved it, when, and the full draft.
public struct Revision: Hashable, Sendable, Codable, Identifiable {
    public var id: RevisionID
    public var articleID: ArticleID
    /// 1 for the first save, then 2, 3, …
    public var number: Int
    /// Who saved it, as shown in the history (`ana`, `token:wire-feed`).
    public var actor: String
    public var createdAt: Date
    public var draft: ArticleDraft

    public init(id: RevisionID, articleID: ArticleID, number: Int, actor: String, createdAt: Date, draft: ArticleDraft) {
        self.id = id; self.articleID = articleID; self.number = number; self.actor = actor; self.createdAt = createdAt; self.draft = draft
    }
}

/// A published correction to an article.
public struct Correction: Hashable, Sendable, Codable, Identifiable {
    public var id: CorrectionID
    public var articleID: ArticleID
    public var text: String
    public var createdAt: Date

    public init(id: CorrectionID, articleID: ArticleID, text: String, createdAt: Date) {
        self.id = id; self.articleID = articleID; self.text = text; self.createdAt = createdAt
    }

    /// The longest correction text accepted.
    public static let maxLength = 4_000
}

/// One line of the audit log: who did what to what, when.
public struct AuditEntry: Hashable, Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// A dotted verb such as `article.publish` or `token.revoke`.
    public var action: String
    /// What it was done to (`article:42`, `user:ana`).
    public var target: String
    public var detail: String

    public init(id: Int64, at: Date, actor: String, action: String, target: String, detail: String) {
        self.id = id; self.at = at; self.actor = actor; self.action = action; self.target = target; self.detail = detail
    }
}

// `ArticleDraft(_ article:)` (the draft that stores an article again) lives in ArticleDraft.swift.
