import Foundation
import BylineCore
import BylineStore

/// "You May Also Like" from the store: stories sharing tags (more shared tags first), then the same section,
/// then the latest; newest first within each tier; never the article itself, never empty while another public story exists.
struct RelatedPicker: Sendable {
    let stores: Stores
    var count = 5

    func picks(for article: Article, now: Date, alreadyShown: Set<ArticleID> = []) async throws -> [RelatedPick] {
        var excluded = alreadyShown.union([article.id])
        var picks: [RelatedPick] = []
        let tagIDs = article.tags.map(\.tag.id)
        let tagNames = Dictionary(article.tags.map { ($0.tag.id, $0.tag.name) }, uniquingKeysWith: { a, _ in a })
        if !tagIDs.isEmpty {
            let candidates = try await stores.articles.list(ArticleQuery(
                visibility: .publicAt(now), tagsAny: tagIDs, excluding: excluded, page: PageRequest(page: 1, size: 50)))
            let ranked = candidates.items.enumerated().map { index, item -> (ArticleSummary, [TagID], Int) in
                let shared = item.tagIDs.filter { tagNames[$0] != nil }
                return (item, shared, index)
            }
            .sorted { a, b in
                let sa = a.1.count + (a.0.section.id == article.section.id ? 1 : 0)
                let sb = b.1.count + (b.0.section.id == article.section.id ? 1 : 0)
                return sa != sb ? sa > sb : a.2 < b.2
            }
            for (item, shared, _) in ranked.prefix(count) {
                let names = shared.compactMap { tagNames[$0] }.prefix(2)
                picks.append(RelatedPick(summary: item, reason: "Also about " + Formatting.joinedNames(Array(names))))
                excluded.insert(item.id)
            }
        }
        if picks.count < count {
            let more = try await stores.articles.list(ArticleQuery(
                visibility: .publicAt(now), section: article.section.id, excluding: excluded,
                page: PageRequest(page: 1, size: count - picks.count)))
            for item in more.items {
                picks.append(RelatedPick(summary: item, reason: "More in \(article.section.name)"))
                excluded.insert(item.id)
            }
        }
        if picks.count < count {
            let latest = try await stores.articles.list(ArticleQuery(
                visibility: .publicAt(now), excluding: excluded, page: PageRequest(page: 1, size: count - picks.count)))
            picks += latest.items.map { RelatedPick(summary: $0, reason: "Latest from \($0.section.name)") }
        }
        return picks
    }
}
