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

/// What `byline import` tells its user, and whether it succeeded: the counts, the first problems, repeated external
/// ids, and an exit status that is not success when records were skipped (unless they are accepted).
public struct ImportReport: Sendable, Equatable {
    /// Lines for standard output.
    public var lines: [String] = []
    /// Lines for standard error (warnings and the reason for failing).
    public var errors: [String] = []
    /// Whether the command should exit 0.
    public var succeeded: Bool

    /// How many problems are listed one by one.
    public static let problemsListed = 50

    /// The report of a finished import of `source` into `destination`. Skipped records fail the import unless
    /// `allowSkips`; an import that stored nothing fails regardless.
    public init(source: String, destination: String, summary: ImportSummary, duplicates: [DuplicateExternalID], allowSkips: Bool) {
        lines.append("Imported \(source) into \(destination): \(summary.created) created, \(summary.updated) updated, "
                     + "\(summary.unchanged) unchanged, \(summary.skipped.count) skipped.")
        for issue in summary.skipped.prefix(Self.problemsListed) { lines.append("  skipped \(issue)") }
        if summary.skipped.count > Self.problemsListed {
            lines.append("  … and \(summary.skipped.count - Self.problemsListed) more skipped")
        }
        for duplicate in duplicates.prefix(Self.problemsListed) { errors.append("warning: \(duplicate)") }
        if duplicates.count > Self.problemsListed {
            errors.append("warning: … and \(duplicates.count - Self.problemsListed) more repeated external ids")
        }
        let stored = summary.created + summary.updated + summary.unchanged
        if stored == 0 && !summary.skipped.isEmpty {
            errors.append("error: no record of \(source) could be imported")
            succeeded = false
        } else if !summary.skipped.isEmpty && !allowSkips {
            errors.append("error: \(summary.skipped.count) of \(summary.processed) records were skipped (the others were imported); "
                          + "fix them and import again, or pass --allow-skips to accept the skips")
            succeeded = false
        } else {
            succeeded = true
        }
    }

    /// The report of a JSON Lines source given up on after `issues` (the limit) unreadable lines: nothing is
    /// imported from it.
    public init(source: String, stoppedAfter issues: [ImportIssue], atLine line: Int, linesNotRead: Int) {
        succeeded = false
        for issue in issues.prefix(Self.problemsListed) { errors.append("  \(issue)") }
        let first = issues.first.map { " first bad line \($0.location.line);" } ?? ""
        errors.append("error: stopped reading \(source) after \(issues.count) bad lines (line \(line));"
                      + " \(linesNotRead) more lines were not read;\(first) nothing was imported. "
                      + "Is it a JSON Lines file? (--max-errors raises the limit)")
    }
}
