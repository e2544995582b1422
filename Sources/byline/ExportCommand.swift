import ArgumentParser
import Foundation
import BylineCore
import BylineNewsroom

/// `byline export`: writes the whole site as JSON Lines that `byline import` reads back.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every article as JSON Lines in Byline's import schema (see docs/IMPORT.md).",
        discussion: """
        Writes one article a line, oldest first, with everything needed to rebuild it: section (name, \
        description, position), authors with roles and biographies, editor and automatic tags (with their \
        entity ids), removed automatic tags, status, publication/creation/update times, lead image, external \
        id and corrections. Drafts and scheduled articles are included with their status, so a move or a \
        backup loses nothing and importing keeps them unpublished; --published-only leaves them out. \
        Import the file into another store with `byline import FILE --db OTHER.db`.
        """)

    @OptionGroup var storage: StorageOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Write here instead of standard output ('-' is standard output).",
                                                      valueName: "file"))
    var output: String?

    @Flag(name: .customLong("published-only"), help: "Only published articles (no drafts or scheduled articles).")
    var publishedOnly = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: storage.db) else {
            throw ValidationError("no database at \(storage.db) (give one with --db or BYLINE_DB)")
        }
        if let output, output != "-" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("--output \(output) is a directory; give a file name")
            }
            let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: folder) else {
                throw ValidationError("--output \(output): the folder \(folder) does not exist")
            }
        }
    }

    func run() async throws {
        var config = BylineConfig(storage: storage.storage, loadDemoWhenEmpty: false)
        config.autoTagging = false  // exporting never writes, so the tagger is not needed
        let services = try BylineServices.make(config: config, engines: [])
        let exporter = SiteExporter(stores: services.stores, corrections: services.newsroom.publishing.corrections)
        let toFile = output.map { $0 != "-" } ?? false
        let summary: ExportSummary
        if let output, toFile {
            // Written next to the target and renamed at the end, so a failed export never leaves half a file.
            let target = URL(fileURLWithPath: output)
            let partial = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
            guard FileManager.default.createFile(atPath: partial.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: partial) else {
                throw ValidationError("cannot write \(output)")
            }
            var buffer = Data()
            do {
                var display: ProgressDisplay?
                summary = try await exporter.export(publishedOnly: publishedOnly, write: { line in
                    buffer.append(contentsOf: line.utf8)
                    if buffer.count > 1 << 20 { try handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
                }, progress: { done, total in
                    if display == nil { display = ProgressDisplay(total: total, label: target.lastPathComponent) }
                    display?.update(done)
                })
                try handle.write(contentsOf: buffer)
                try handle.close()
                display?.finish()
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.moveItem(at: partial, to: target)
            } catch {
                try? handle.close()
                try? FileManager.default.removeItem(at: partial)
                throw ValidationError("writing \(output): \((error as NSError).localizedDescription)")
            }
        } else {
            let out = FileHandle.standardOutput
            summary = try await exporter.export(publishedOnly: publishedOnly, write: { line in out.write(Data(line.utf8)) })
        }
        let counts = [(ArticleStatus.published, "published"), (.scheduled, "scheduled"), (.draft, "drafts")].map { "\(summary.byStatus[$0.0] ?? 0) \($0.1)" }
        let message = "Exported \(summary.total) articles (\(counts.joined(separator: ", "))) from \(storage.db)"
            + (toFile ? " to \(output ?? "")" : "") + ".\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
