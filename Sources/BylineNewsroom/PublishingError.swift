import Foundation
import BylineCore

/// Why a newsroom action was refused; the API maps these to JSON, the admin pages to HTML.
public enum PublishingError: Error, Sendable, Equatable {
    /// No valid credentials (401).
    case unauthenticated
    /// Authenticated, but the role or token scope does not allow it (403).
    case forbidden(String)
    /// The thing acted on does not exist (404).
    case notFound(String)
    /// The action does not fit the thing's state (409).
    case conflict(String)
}

/// Who is acting: a signed-in user or an API token, with the role that decides what they may do.
public struct Principal: Sendable, Equatable {
    /// How the request was authenticated.
    public enum Credential: Sendable, Equatable {
        /// A browser session; `csrfToken` must come back with every write.
        case session(csrfToken: String, tokenHash: String)
        /// An API token of this scope.
        case token(TokenScope)
    }

    /// The name written to revisions and the audit log (`ana`, `token:wire-feed`); never a secret.
    public var actor: String
    public var user: User?
    public var role: Role
    public var credential: Credential

    public init(actor: String, user: User?, role: Role, credential: Credential) {
        self.actor = actor; self.user = user; self.role = role; self.credential = credential
    }
}
