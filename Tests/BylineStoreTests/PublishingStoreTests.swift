import Foundation
import Testing
import BylineCore
import BylineStore
import BylineSQLite

/// The publishing stores' contract, run on the memory and SQLite stores alike.
enum PublishingKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, sqlite
    var testDescription: String { rawValue }

    func make() throws -> (Stores, PublishingStores) {
        switch self {
        case .memory: return (Stores(MemoryStore()), PublishingStores(MemoryPublishingStore()))
        case .sqlite:
            let store = try SQLiteStore(inMemory: ())
            return (Stores(store), PublishingStores(SQLitePublishingStore(store)))
        }
    }
}

private let t0 = Date(timeIntervalSince1970: 1_764_000_000)

private func article(_ stores: Stores, _ headline: String = "A story") async throws -> Article {
    _ = try await stores.sections.ensureSection(slug: Slug("world")!, name: "World", summary: "", position: 1)
    return try await stores.articles.create(ArticleDraft(headline: headline, bodyMarkdown: "Body.", section: Slug("world")!), now: t0)
}

@Suite struct PublishingStoreTests {
    @Test(arguments: PublishingKind.allCases)
    func usersAreUniqueAndKeepTheirHash(kind: PublishingKind) async throws {
        let (_, p) = try kind.make()
        let ana = try await p.users.createUser(username: "ana", displayName: "Ana Souza", role: .editor, passwordHash: "h1", now: t0)
        await #expect(throws: StoreError.self) {
            _ = try await p.users.createUser(username: "ana", displayName: "Other", role: .author, passwordHash: "h2", now: t0)
        }
        #expect(try await p.users.user(username: "ana") == ana)
        #expect(try await p.users.user(id: ana.id) == ana)
        #expect(try await p.users.credentials(username: "ana")?.passwordHash == "h1")
        try await p.users.setPasswordHash(ana.id, passwordHash: "h3")
        #expect(try await p.users.credentials(username: "ana")?.passwordHash == "h3")
        _ = try await p.users.createUser(username: "bo", displayName: "Bo", role: .author, passwordHash: "h", now: t0)
        #expect(try await p.users.users().map(\.username) == ["ana", "bo"])
        #expect(try await p.users.user(username: "nobody") == nil)
    }

    @Test(arguments: PublishingKind.allCases)
    func sessionsExpireAndEnd(kind: PublishingKind) async throws {
        let (_, p) = try kind.make()
        let ana = try await p.users.createUser(username: "ana", displayName: "Ana", role: .editor, passwordHash: "h", now: t0)
        let session = SessionRecord(tokenHash: "abc", userID: ana.id, csrfToken: "csrf", createdAt: t0, expiresAt: t0.addingTimeInterval(60))
        try await p.sessions.createSession(session)
        #expect(try await p.sessions.session(tokenHash: "abc", now: t0) == session)
        #expect(try await p.sessions.session(tokenHash: "abc", now: t0.addingTimeInterval(61)) == nil)
        try await p.sessions.deleteSessions(userID: ana.id)
        #expect(try await p.sessions.session(tokenHash: "abc", now: t0) == nil)
    }

    @Test(arguments: PublishingKind.allCases)
    func tokensAreFoundByHashAndRevoked(kind: PublishingKind) async throws {
        let (_, p) = try kind.make()
        let token = try await p.tokens.createToken(name: "wire", scope: .admin, userID: nil, tokenHash: "digest", now: t0)
        #expect(try await p.tokens.token(hash: "digest")?.token == token)
        #expect(try await p.tokens.token(hash: "other") == nil)
        try await p.tokens.revokeToken(token.id, now: t0.addingTimeInterval(5))
        #expect(try await p.tokens.token(hash: "digest")?.token.revokedAt == t0.addingTimeInterval(5))
        await #expect(throws: StoreError.self) { try await p.tokens.revokeToken(APITokenID(999), now: t0) }
        #expect(try await p.tokens.tokens().count == 1)
    }

    @Test(arguments: PublishingKind.allCases)
    func revisionsNumberUpAndRoundTripTheDraft(kind: PublishingKind) async throws {
        let (stores, p) = try kind.make()
        let a = try await article(stores)
        var draft = ArticleDraft(a)
        let first = try await p.revisions.addRevision(article: a.id, actor: "ana", draft: draft, now: t0)
        draft.headline = "A changed story"
        let second = try await p.revisions.addRevision(article: a.id, actor: "bo", draft: draft, now: t0.addingTimeInterval(1))
        #expect(first.number == 1)
        #expect(second.number == 2)
        #expect(try await p.revisions.revisions(article: a.id).map(\.number) == [2, 1])
        #expect(try await p.revisions.revision(id: second.id)?.draft == draft)
        #expect(try await p.revisions.revision(id: first.id)?.actor == "ana")
    }

    @Test(arguments: PublishingKind.allCases)
    func correctionsAndAuditKeepTheirOrder(kind: PublishingKind) async throws {
        let (stores, p) = try kind.make()
        let a = try await article(stores)
        _ = try await p.corrections.addCorrection(article: a.id, text: "First.", now: t0)
        _ = try await p.corrections.addCorrection(article: a.id, text: "Second.", now: t0.addingTimeInterval(10))
        #expect(try await p.corrections.corrections(article: a.id).map(\.text) == ["First.", "Second."])
        #expect(try await p.corrections.recentCorrections(limit: 1).map(\.text) == ["Second."])
        try await p.audit.record(actor: "ana", action: "article.create", target: "article:1", detail: "", now: t0)
        try await p.audit.record(actor: "bo", action: "article.publish", target: "article:1", detail: "", now: t0)
        #expect(try await p.audit.entries(limit: 10, offset: 0).map(\.action) == ["article.publish", "article.create"])
        #expect(try await p.audit.entries(limit: 10, offset: 1).map(\.actor) == ["ana"])
    }

    @Test(arguments: PublishingKind.allCases)
    func workflowOwnersSubmissionsAndLeases(kind: PublishingKind) async throws {
        let (stores, p) = try kind.make()
        let a = try await article(stores)
        let ana = try await p.users.createUser(username: "ana", displayName: "Ana", role: .author, passwordHash: "h", now: t0)
        #expect(try await p.workflow.owner(article: a.id) == nil)
        try await p.workflow.setOwner(article: a.id, user: ana.id)
        #expect(try await p.workflow.owner(article: a.id) == ana.id)
        try await p.workflow.setSubmitted(article: a.id, at: t0)
        #expect(try await p.workflow.submittedAt(article: a.id) == t0)
        try await p.workflow.setSubmitted(article: a.id, at: nil)
        #expect(try await p.workflow.submittedAt(article: a.id) == nil)
        // Only one node holds the lease until it expires.
        #expect(try await p.workflow.acquireLease(name: "scheduler", holder: "a", now: t0, ttl: 60))
        #expect(try await !p.workflow.acquireLease(name: "scheduler", holder: "b", now: t0.addingTimeInterval(30), ttl: 60))
        #expect(try await p.workflow.acquireLease(name: "scheduler", holder: "a", now: t0.addingTimeInterval(30), ttl: 60))
        #expect(try await p.workflow.acquireLease(name: "scheduler", holder: "b", now: t0.addingTimeInterval(91), ttl: 60))
    }
}
