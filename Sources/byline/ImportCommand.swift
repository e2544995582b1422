import ArgumentParser
import Foundation
import BylineCore
import BylineImport
import BylineWeb

/// `byline import FILE`: loads articles into the store; re-running updates by external id and never duplicates.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from JSON Lines, RSS/Atom or WordPress export (WXR) files (see docs/IMPORT.md).",
        discussion: """
        The format comes from the extension: .jsonl (Byline's schema, one article a line), .rss or .atom
        (a feed), .wxr (a WordPress export); for .xml the root element decides (a WordPress export is RSS
        with the wp: namespace). Good items are stored even when others fail; every failure is reported
        with its line number and field. A file that is not well-formed is refused with its line and column
        before anything is stored. Importing the same file again updates changed articles and leaves the
        rest alone.
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
        let records: [Result<ImportItem, ImportIssue>]
        do {
            records = try ImportFormat.detect(url: url, data: data).read(data, fileName: url.lastPathComponent)
        } catch let error as ImportSourceError {
            // Malformed XML: nothing has been read into the store; say where, and fail.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false))
        let runner = services.importer.with(batchSize: batchSize)
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

/// The import formats Byline reads, chosen by file extension and, for `.xml`, by the root element.
enum ImportFormat: Equatable {
    case jsonLines
    /// RSS 2.0, RSS 1.0 or Atom 1.0.
    case feed
    /// A WordPress export (WXR): RSS with the `wp:` namespace.
    case wordPress

    /// The format of `data` read from `url`; without `data`, an `.xml` file is taken for a feed.
    /// - Throws: `ValidationError` when neither the extension nor the content names a known format.
    static func detect(url: URL, data: Data = Data()) throws -> ImportFormat {
        let name = url.lastPathComponent
        switch url.pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonLines
        case "wxr": return .wordPress
        case "rss", "atom", "rdf", "xml":
            switch XMLRoot.sniff(data) {
            case .some(let root) where root.isWordPress: return .wordPress
            case .some(let root) where ["rss", "feed", "rdf:RDF"].contains(root.name): return .feed
            case .some(let root):
                throw ValidationError("\(name): the root element <\(root.name)> is not RSS, Atom or a WordPress export")
            case .none:
                // Not ASCII-compatible or no element found: the reader reports what is wrong, with line and column.
                return .feed
            }
        default:
            throw ValidationError("\(name): unknown format \(url.pathExtension.debugDescription); use .jsonl, .rss, .atom, .xml or .wxr")
        }
    }

    /// Reads every record of `data`.
    /// - Throws: `ImportSourceError` (with line and column) when an XML file is not well-formed.
    func read(_ data: Data, fileName: String) throws -> [Result<ImportItem, ImportIssue>] {
        switch self {
        case .jsonLines: return JSONLReader(fileName: fileName).read(data)
        case .feed: return try FeedReader(fileName: fileName).read(data)
        case .wordPress: return try WXRReader(fileName: fileName).read(data)
        }
    }
}

/// The root element of an XML document, found without parsing the whole file.
struct XMLRoot: Equatable {
    /// The qualified name (`rss`, `feed`, `rdf:RDF`).
    var name: String
    /// The root's start tag, attributes included.
    var startTag: String

    /// WordPress exports declare the `wp:` namespace (`http://wordpress.org/export/1.2/`) on `<rss>`.
    var isWordPress: Bool {
        name == "rss" && (startTag.contains("xmlns:wp=") || startTag.contains("wordpress.org/export"))
    }

    /// The first element of `data`, skipping a byte order mark, the XML declaration, comments, processing
    /// instructions and a DOCTYPE; nil when the start of the file is not ASCII-compatible markup.
    static func sniff(_ data: Data) -> XMLRoot? {
        var text = String(decoding: data.prefix(65_536), as: UTF8.self)[...]
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        while true {
            text = text.drop { $0.isWhitespace }
            guard text.hasPrefix("<") else { return nil }
            if text.hasPrefix("<?") || text.hasPrefix("<!DOCTYPE") || text.hasPrefix("<!doctype") {
                guard let end = text.firstIndex(of: ">") else { return nil }
                text = text[text.index(after: end)...]
            } else if text.hasPrefix("<!--") {
                guard let end = text.range(of: "-->") else { return nil }
                text = text[end.upperBound...]
            } else {
                guard let end = text.firstIndex(of: ">") else { return nil }
                let tag = String(text[..<end])
                let name = tag.dropFirst().prefix { !$0.isWhitespace && $0 != "/" }
                return name.isEmpty ? nil : XMLRoot(name: String(name), startTag: tag)
            }
        }
    }
}
