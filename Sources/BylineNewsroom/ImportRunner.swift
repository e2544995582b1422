import Foundation
import BylineCore
import BylineStore
import BylineImport

/// What an import did, for the closing summary.
public struct ImportSummary: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Records not stored, each with where and why.
    public var skipped: [ImportIssue] = []
    public init() {}
    public var processed: Int { created + updated + unchanged + skipped.count }
}

/// Stores import items in batches (one transaction each), creating missing sections; reports progress.
/// What a record carries beyond the article (author biographies, removed automatic tags, corrections) is
/// written after its batch.
public struct ImportRunner: Sendable {
    let writer: ArticleWriter
    let stores: Stores
    /// Where imported corrections go; `nil` ignores them.
    let corrections: (any CorrectionStore)?
    public var batchSize: Int

    public init(writer: ArticleWriter, stores: Stores, corrections: (any CorrectionStore)? = nil, batchSize: Int = 200) {
        self.writer = writer; self.stores = stores; self.corrections = corrections; self.batchSize = max(1, batchSize)
    }

    /// This runner with another batch size.
    public func with(batchSize: Int) -> ImportRunner {
        ImportRunner(writer: writer, stores: stores, corrections: corrections, batchSize: batchSize)
    }

    /// Imports `records` (items and read errors, in source order); `progress` is called after each batch with
    /// the number of records handled so far. Good records are stored even when others fail.
    /// - Throws: only when the store cannot be written at all.
    public func run(_ records: [Result<ImportItem, ImportIssue>], now: Date = Date(),
                    progress: @Sendable (Int) -> Void = { _ in }) async throws -> ImportSummary {
        var summary = ImportSummary()
        var knownSections = Set(try await stores.sections.sections().map(\.slug))
        var handled = 0
        var start = records.startIndex
        while start < records.endIndex {
            let end = min(start + batchSize, records.endIndex)
            var items: [ImportItem] = []
            for record in records[start..<end] {
                switch record {
                case .success(let item): items.append(item)
                case .failure(let issue): summary.skipped.append(issue)
                }
            }
            for item in items where !knownSections.contains(item.draft.section) {
                _ = try await stores.sections.ensureSection(slug: item.draft.section, name: item.sectionName,
                                                            summary: item.sectionSummary,
                                                            position: item.sectionPosition ?? knownSections.count + 1)
                knownSections.insert(item.draft.section)
            }
            // Records without an external id but with a slug (a Byline export of articles written in Byline) match
            // the article with that slug and no external id, so importing the same export twice duplicates nothing.
            var byExternalID: [ImportItem] = []
            var outcomes: [(ImportItem, Result<UpsertOutcome, StoreError>)] = []
            for item in items {
                guard item.draft.externalID == nil, let slug = item.draft.slug,
                      let existing = try await stores.articles.article(slug: slug), existing.externalID == nil else {
                    byExternalID.append(item)
                    continue
                }
                outcomes.append((item, await replace(existing, with: item, now: now)))
            }
            let upserted = try await writer.upsert(byExternalID.map(\.draft), now: now,
                                                   keepAutomaticTags: byExternalID.map(\.keepsAutomaticTags))
            outcomes.append(contentsOf: zip(byExternalID, upserted))
            for (item, outcome) in outcomes {
                switch outcome {
                case .success(let stored):
                    switch stored {
                    case .created: summary.created += 1
                    case .updated: summary.updated += 1
                    case .unchanged: summary.unchanged += 1
                    }
                    try await storeExtras(of: item, on: stored.article, now: now)
                case .failure(let error):
                    summary.skipped.append(ImportIssue(location: item.location, message: error.description))
                }
            }
            handled += end - start
            progress(handled)
            start = end
        }
        summary.skipped.sort { ($0.location.line, $0.location.column ?? 0) < ($1.location.line, $1.location.column ?? 0) }
        return summary
    }

    /// Updates `existing` from `item` unless nothing would change.
    private func replace(_ existing: Article, with item: ImportItem, now: Date) async -> Result<UpsertOutcome, StoreError> {
        do {
            let prepared = try writer.prepare(item.draft, findEntities: !item.keepsAutomaticTags)
            if existing.hasSameContent(as: prepared) { return .success(.unchanged(existing)) }
            return .success(.updated(try await writer.update(existing.id, with: item.draft, now: now,
                                                             findEntities: !item.keepsAutomaticTags)))
        } catch let error as ValidationError {
            return .failure(.invalid(error))
        } catch let error as StoreError {
            return .failure(error)
        } catch {
            return .failure(.conflict(String(describing: error)))
        }
    }

    /// Author biographies, removed automatic tags and corrections; each is written only when missing, so a
    /// re-import changes nothing.
    private func storeExtras(of item: ImportItem, on article: Article, now: Date) async throws {
        for contributor in article.contributors {
            guard let bio = item.authorBios[contributor.author.name], bio != contributor.author.bio else { continue }
            _ = try await stores.authors.updateBio(contributor.author.id, bio: bio)
        }
        if !item.removedAutomaticTags.isEmpty {
            let suppressed = try await stores.tags.suppressedAutomaticTags(for: article.id)
            for slug in item.removedAutomaticTags.compactMap({ Slug.make(from: $0) }) where !suppressed.contains(slug) {
                try await stores.tags.suppressAutomaticTag(slug, on: article.id)
            }
        }
        if let corrections, !item.corrections.isEmpty {
            let existing = try await corrections.corrections(article: article.id)
            for correction in item.corrections where !existing.contains(where: { $0.text == correction.text }) {
                _ = try await corrections.addCorrection(article: article.id, text: correction.text, now: correction.date ?? now)
            }
        }
    }
}
