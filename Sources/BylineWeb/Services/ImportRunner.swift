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
public struct ImportRunner: Sendable {
    let writer: ArticleWriter
    let stores: Stores
    public var batchSize: Int

    public init(writer: ArticleWriter, stores: Stores, batchSize: Int = 200) {
        self.writer = writer; self.stores = stores; self.batchSize = max(1, batchSize)
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
                _ = try await stores.sections.ensureSection(slug: item.draft.section, name: item.sectionName, summary: "",
                                                            position: knownSections.count + 1)
                knownSections.insert(item.draft.section)
            }
            let outcomes = try await writer.upsert(items.map(\.draft), now: now)
            for (item, outcome) in zip(items, outcomes) {
                switch outcome {
                case .success(.created): summary.created += 1
                case .success(.updated): summary.updated += 1
                case .success(.unchanged): summary.unchanged += 1
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
}
