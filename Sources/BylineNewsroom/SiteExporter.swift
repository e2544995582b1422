import Foundation
import BylineCore
import BylineStore
import BylineImport

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    /// Articles written, by status.
    public var byStatus: [ArticleStatus: Int] = [:]
    public init() {}
    /// Articles written in all.
    public var total: Int { byStatus.values.reduce(0, +) }
}

/// Writes the whole site as JSON Lines in Byline's import schema (``JSONLWriter``), oldest article first.
///
/// Every article is written, drafts and scheduled stories included, with its status: an export is how a newsroom
/// moves or backs up its site, and dropping work in progress would lose it. Importing the file keeps drafts
/// unpublished and scheduled stories waiting for their time. `publishedOnly` writes only published articles
/// (for handing the archive to a third party).
public struct SiteExporter: Sendable {
    let stores: Stores
    let corrections: (any CorrectionStore)?

    public init(stores: Stores, corrections: (any CorrectionStore)?) {
        self.stores = stores; self.corrections = corrections
    }

    /// Calls `write` with each article's line (newline included), oldest first; `progress` gets (written, total).
    /// - Throws: when the store cannot be read, or what `write` throws.
    public func export(publishedOnly: Bool = false, write: (String) throws -> Void,
                       progress: (Int, Int) -> Void = { _, _ in }) async throws -> ExportSummary {
        let visibility: Visibility = publishedOnly ? .status(.published) : .all
        var ids: [ArticleID] = []
        var page = 1
        while true {
            let batch = try await stores.articles.list(ArticleQuery(visibility: visibility,
                                                                    page: PageRequest(page: page, size: PageRequest.maxSize)))
            ids.append(contentsOf: batch.items.map(\.id))
            guard batch.hasNext, page < PageRequest.maxPage else { break }
            page += 1
        }
        // Lists come newest first; an archive reads best (and re-imports in the original order) oldest first.
        var seen = Set<ArticleID>()
        let ordered = ids.reversed().filter { seen.insert($0).inserted }
        let writer = JSONLWriter()
        var summary = ExportSummary()
        for (i, id) in ordered.enumerated() {
            // An article deleted while the export runs is simply not written.
            guard let article = try await stores.articles.article(id: id) else { continue }
            let extras = JSONLWriter.Extras(
                corrections: try await corrections?.corrections(article: id).sorted { $0.createdAt < $1.createdAt } ?? [],
                removedAutomaticTags: Array(try await stores.tags.suppressedAutomaticTags(for: id)))
            try write(try writer.line(for: article, extras: extras) + "\n")
            summary.byStatus[article.status, default: 0] += 1
            progress(i + 1, ordered.count)
        }
        return summary
    }
}
