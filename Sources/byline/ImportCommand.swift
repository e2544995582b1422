import ArgumentParser
import Foundation
import BylineCore
import BylineImport
import BylineWeb

/// `byline import FILE`: loads articles into the store; re-running updates by external id and never duplicates.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from a JSON Lines file (Byline's schema; see docs/IMPORT.md).",
        discussion: """
        Each line is one article. Good lines are stored even when others fail; every failure is reported
        with its line number and field. Importing the same file again updates changed articles and
        leaves the rest alone.
        """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(name: .customLong("batch-size"), help: "Articles per transaction.")
    var batchSize: Int = 200

    func validate() throws {
        guard batchSize >= 1 && batchSize <= 10_000 else { throw ValidationError("--batch-size must be from 1 to 10000.") }
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ValidationError("cannot read \(file): \((error as NSError).localizedDescription)")
        }
        let records = try ImportFormat.detect(url: url).read(data, fileName: url.lastPathComponent)
        let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false))
        let runner = ImportRunner(writer: services.writer, stores: services.stores, batchSize: batchSize)
        let progress = ProgressDisplay(total: records.count, label: url.lastPathComponent)
        let summary = try await runner.run(records) { done in progress.update(done) }
        progress.finish()
        print("Imported \(url.lastPathComponent) into \(storage.db): \(summary.created) created, \(summary.updated) updated, "
              + "\(summary.unchanged) unchanged, \(summary.skipped.count) skipped.")
        for issue in summary.skipped.prefix(50) { print("  skipped \(issue)") }
        if summary.skipped.count > 50 { print("  … and \(summary.skipped.count - 50) more skipped") }
        if summary.created + summary.updated + summary.unchanged == 0 && !summary.skipped.isEmpty {
            throw ExitCode(1)
        }
    }
}

/// The import formats Byline reads, chosen by file extension.
enum ImportFormat {
    case jsonLines

    static func detect(url: URL) throws -> ImportFormat {
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonLines
        default:
            throw ValidationError("\(url.lastPathComponent): unknown format \(url.pathExtension.debugDescription); use .jsonl")
        }
    }

    func read(_ data: Data, fileName: String) throws -> [Result<ImportItem, ImportIssue>] {
        switch self {
        case .jsonLines: return JSONLReader(fileName: fileName).read(data)
        }
    }
}
