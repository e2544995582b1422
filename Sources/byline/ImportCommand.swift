import ArgumentParser
import Foundation
import BylineCore
import BylineImport
import BylineNewsroom

/// `byline import FILE`: loads articles into the store; re-running updates by external id and never duplicates.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from JSON Lines, RSS/Atom or WordPress export (WXR) files or URLs (see docs/IMPORT.md).",
        discussion: """
        SOURCE is a file or an http(s):// URL. The format comes from the extension: .jsonl (Byline's schema, \
        one article a line, as `byline export` writes it), .rss or .atom (a feed), .wxr (a WordPress export); \
        for .xml, and for URLs without a known extension, the content decides (a WordPress export is RSS with \
        the wp: namespace; a body starting with `{` is JSON Lines). URLs are fetched with a time limit, a size \
        cap and at most --max-redirects redirects, only to http or https. Good items are stored even when \
        others fail; every failure is reported with its line number and field. A file that is not well-formed \
        is refused with its line and column before anything is stored. Importing the same source again \
        updates changed articles and leaves the rest alone.
        """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The file or http(s) URL to import.", valueName: "source"))
    var file: String

    @Option(name: .customLong("batch-size"), help: "Articles per transaction.")
    var batchSize: Int = 200

    @Option(help: ArgumentHelp("For URLs: seconds to wait for data before giving up.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .customLong("max-size"), help: ArgumentHelp("For URLs: the largest download accepted, in MB.", valueName: "MB"))
    var maxSize: Int = 100

    @Option(name: .customLong("max-redirects"), help: "For URLs: the most redirects followed.")
    var maxRedirects: Int = 5

    @Flag(name: .customLong("allow-skips"),
          help: "Exit 0 even when some records were skipped (by default skipped records make the import fail, after the good ones are stored).")
    var allowSkips = false

    @Option(name: .customLong("max-errors"),
            help: "JSON Lines: stop reading, and import nothing, after this many lines that cannot be read (a file that is not JSON Lines).")
    var maxErrors: Int = 50

    func validate() throws {
        guard batchSize >= 1 && batchSize <= 10_000 else { throw ValidationError("--batch-size must be from 1 to 10000.") }
        guard timeout > 0 && timeout <= 3_600 else { throw ValidationError("--timeout must be from 1 to 3600 seconds.") }
        guard maxSize >= 1 && maxSize <= 4_096 else { throw ValidationError("--max-size must be from 1 to 4096 MB.") }
        guard (0...20).contains(maxRedirects) else { throw ValidationError("--max-redirects must be from 0 to 20.") }
        guard maxErrors >= 1 else { throw ValidationError("--max-errors must be at least 1.") }
        if !RemoteSource.isRemote(file), file.contains("://") {
            throw ValidationError("\(file): only http:// and https:// URLs can be imported; anything else is read as a file")
        }
    }

    func run() async throws {
        let url: URL
        let data: Data
        let name: String
        var contentType: String?
        if RemoteSource.isRemote(file) {
            guard let remote = URL(string: file) else { throw ValidationError("\(file) is not a valid URL") }
            let limits = RemoteSource.Limits(idleTimeout: timeout, totalTimeout: max(timeout, 300), maxBytes: maxSize << 20,
                                             maxRedirects: maxRedirects)
            FileHandle.standardError.write(Data("fetching \(remote.absoluteString)…\n".utf8))
            do {
                let download = try await RemoteSource(limits: limits).fetch(remote)
                url = download.url; data = download.data; contentType = download.contentType
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            name = remote.absoluteString
        } else {
            url = URL(fileURLWithPath: file)
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw ValidationError("cannot read \(file): \((error as NSError).localizedDescription)")
            }
            name = url.lastPathComponent
        }
        let records: [Result<ImportItem, ImportIssue>]
        do {
            let format = RemoteSource.isRemote(file) ? try ImportFormat.detect(remote: url, contentType: contentType, data: data)
                : try ImportFormat.detect(url: url, data: data)
            let reading = try format.read(data, fileName: name, stopAfterIssues: maxErrors)
            if let line = reading.stoppedAtLine {
                let issues = reading.records.compactMap { if case .failure(let issue) = $0 { issue } else { nil } }
                let report = ImportReport(source: name, stoppedAfter: issues, atLine: line, linesNotRead: reading.linesNotRead)
                FileHandle.standardError.write(Data((report.errors.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(1)
            }
            records = reading.records
        } catch let error as ImportSourceError {
            // Malformed XML: nothing has been read into the store; say where, and fail.
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as ArgumentParser.ValidationError {
            // The content is not a format Byline reads: a plain error, not a usage message.
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let services = try BylineServices.make(config: BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false), engines: [.tagging])
        let runner = services.importer.with(batchSize: batchSize)
        let progress = ProgressDisplay(total: records.count, label: name)
        let summary = try await runner.run(records) { done in progress.update(done) }
        progress.finish()
        let report = ImportReport(source: name, destination: storage.db, summary: summary,
                                  duplicates: DuplicateExternalID.find(in: records), allowSkips: allowSkips)
        for line in report.lines { print(line) }
        if !report.errors.isEmpty { FileHandle.standardError.write(Data((report.errors.joined(separator: "\n") + "\n").utf8)) }
        if !report.succeeded { throw ExitCode(1) }
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

    /// The format of `data` downloaded from `url`: the extension when it names a format, else the content
    /// (a JSON object first means JSON Lines; otherwise the XML root element decides).
    /// - Throws: `ValidationError` when the content is neither.
    static func detect(remote url: URL, contentType: String?, data: Data) throws -> ImportFormat {
        if ["jsonl", "ndjson", "json", "wxr", "rss", "atom", "rdf"].contains(url.pathExtension.lowercased()) {
            return try detect(url: url, data: data)
        }
        let first = data.prefix(1024).first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if first == UInt8(ascii: "{") { return .jsonLines }
        switch XMLRoot.sniff(data) {
        case .some(let root) where root.isWordPress: return .wordPress
        case .some(let root) where ["rss", "feed", "rdf:RDF"].contains(root.name): return .feed
        case .some(let root):
            throw ValidationError("\(url.absoluteString): the root element <\(root.name)> is not RSS, Atom or a WordPress export")
        case .none:
            if first == UInt8(ascii: "<") || (contentType ?? "").contains("xml") { return .feed }
            throw ValidationError("\(url.absoluteString): the response (\(contentType ?? "no content type")) is not a feed, a WordPress export or JSON Lines")
        }
    }

    /// Reads the records of `data`; JSON Lines stop after `limit` unreadable lines.
    /// - Throws: `ImportSourceError` (with line and column) when an XML file is not well-formed.
    func read(_ data: Data, fileName: String, stopAfterIssues limit: Int) throws -> JSONLReader.Reading {
        switch self {
        case .jsonLines: return JSONLReader(fileName: fileName).read(data, stopAfterIssues: limit)
        case .feed: return JSONLReader.Reading(records: try FeedReader(fileName: fileName).read(data))
        case .wordPress: return JSONLReader.Reading(records: try WXRReader(fileName: fileName).read(data))
        }
    }

    /// Reads every record of `data`.
    /// - Throws: `ImportSourceError` (with line and column) when an XML file is not well-formed.
    func read(_ data: Data, fileName: String) throws -> [Result<ImportItem, ImportIssue>] {
        try read(data, fileName: fileName, stopAfterIssues: .max).records
    }
}
