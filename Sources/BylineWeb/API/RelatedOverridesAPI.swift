import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom

/// `/api/v1/admin/articles/{id}/related`: an article's "You May Also Like" as editors shape it. GET shows the
/// pins, the exclusions and the block as readers now see it; PUT replaces the pins and exclusions
/// (editors and admins; pins are shown first, in order; excluded stories never appear).
struct RelatedOverridesAPI: Sendable {
    let stores: Stores
    let newsroom: Newsroom
    let related: RelatedService
    let auth: APIAuthenticator
    let clock: @Sendable () -> Date

    static let maxPinned = 10
    static let maxExcluded = 100

    func register(on router: Router<BylineRequestContext>) {
        router.on(.adminAPIRelated) { request, _, id in
            _ = try await auth.adminPrincipal(request)
            let article = try await existing(id)
            return try APIJSON.response(json(article.id))
        }
        router.on(.adminAPISetRelated) { request, _, id in
            let principal = try await auth.editorialPrincipal(request, "choose related stories")
            let article = try await existing(id)
            let input = try await APIJSON.decode(RelatedOverridesInput.self, from: request)
            let overrides = try await validated(input, for: article.id)
            try await related.setOverrides(overrides, for: article.id)
            try await newsroom.publishing.audit.record(
                actor: principal.actor, action: "article.related", target: "article:\(article.id.rawValue)",
                detail: "\(overrides.pinned.count) pinned, \(overrides.excluded.count) excluded", now: clock())
            return try APIJSON.response(json(article.id))
        }
    }

    private func existing(_ id: ArticleID) async throws -> Article {
        guard let article = try await stores.articles.article(id: id) else { throw PublishingError.notFound("article \(id.rawValue)") }
        return article
    }

    private func validated(_ input: RelatedOverridesInput, for id: ArticleID) async throws -> RelatedOverrides {
        try await Self.validated(pinned: input.pinned ?? [], excluded: input.excluded ?? [], for: id, stores: stores)
    }

    /// Every named story must exist and differ from the article; each list has a bounded length; no story
    /// is both pinned and excluded.
    /// - Throws: ``ValidationError`` naming the field (`pinned[2]`, `excluded`, ...).
    static func validated(pinned: [Int64], excluded: [Int64], for id: ArticleID, stores: Stores,
                          fields: (pinned: String, excluded: String) = ("pinned", "excluded")) async throws -> RelatedOverrides {
        guard pinned.count <= maxPinned else { throw ValidationError(field: fields.pinned, "has more than \(maxPinned) stories") }
        guard excluded.count <= maxExcluded else { throw ValidationError(field: fields.excluded, "has more than \(maxExcluded) stories") }
        for (field, ids) in [(fields.pinned, pinned), (fields.excluded, excluded)] {
            for (i, raw) in ids.enumerated() {
                guard raw > 0, raw != id.rawValue, try await stores.articles.article(id: ArticleID(raw)) != nil else {
                    throw ValidationError(field: "\(field)[\(i)]", raw == id.rawValue ? "is this article itself" : "is not an article")
                }
            }
        }
        if let both = Set(pinned).intersection(excluded).first {
            throw ValidationError(field: fields.excluded, "also pins article \(both)")
        }
        return RelatedOverrides(pinned: pinned.map { ArticleID($0) }, excluded: excluded.map { ArticleID($0) })
    }

    private func json(_ id: ArticleID) -> RelatedOverridesJSON {
        let overrides = related.overrides(for: id)
        let picks = related.picks(for: id, now: clock()).map {
            RelatedOverridesJSON.Pick(id: $0.summary.id.rawValue, slug: $0.summary.slug.rawValue, headline: $0.summary.headline,
                                      reason: $0.reason.text)
        }
        return RelatedOverridesJSON(article_id: id.rawValue, pinned: overrides.pinned.map(\.rawValue),
                                    excluded: overrides.excluded.map(\.rawValue), picks: picks)
    }
}

/// PUT body: the pinned and excluded story ids (each list optional, empty when left out).
struct RelatedOverridesInput: StrictInput {
    var pinned: [Int64]?
    var excluded: [Int64]?
    static let fields: Set<String> = ["pinned", "excluded"]

    private enum CodingKeys: String, CodingKey { case pinned, excluded }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Left out means empty; `null` is refused, as the schema says.
        for key in [CodingKeys.pinned, .excluded] where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                throw DecodingError.valueNotFound([Int64].self, .init(codingPath: [key], debugDescription: "null"))
            }
        }
        pinned = try container.decodeIfPresent([Int64].self, forKey: .pinned)
        excluded = try container.decodeIfPresent([Int64].self, forKey: .excluded)
    }
}

/// An article's related-story overrides and the block they give.
struct RelatedOverridesJSON: Encodable {
    struct Pick: Encodable {
        var id: Int64
        var slug: String
        var headline: String
        var reason: String
    }
    var article_id: Int64
    var pinned: [Int64]
    var excluded: [Int64]
    var picks: [Pick]
}
