import Foundation
import Logging
import BylineCore
import BylineStore
import BylineImport
import BylineDemo

/// Loads Byline's own demo content into an empty store so a fresh site has something on every page.
public struct DemoLoader: Sendable {
    let runner: ImportRunner
    let stores: Stores

    public init(runner: ImportRunner, stores: Stores) { self.runner = runner; self.stores = stores }

    /// Loads the demo when the store has no article; returns whether it did.
    /// - Throws: when the store cannot be read or written.
    @discardableResult
    public func loadIfEmpty(logger: Logger) async throws -> Bool {
        let existing = try await stores.articles.list(ArticleQuery(visibility: .all, page: PageRequest(page: 1, size: 1)))
        guard existing.total == 0 else { return false }
        for (position, section) in DemoContent.sections.enumerated() {
            guard let slug = Slug(section.slug) else { continue }
            _ = try await stores.sections.ensureSection(slug: slug, name: section.name, summary: section.summary, position: position + 1)
        }
        let records = JSONLReader(fileName: "demo").read(Data(DemoContent.articlesJSONL.utf8))
        let summary = try await runner.run(records)
        logger.info("loaded demo content", metadata: [
            "created": "\(summary.created)", "skipped": "\(summary.skipped.count)",
        ])
        for issue in summary.skipped { logger.warning("demo record skipped", metadata: ["issue": "\(issue)"]) }
        return true
    }
}
