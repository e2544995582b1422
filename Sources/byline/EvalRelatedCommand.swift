import ArgumentParser
import BylineRank
import Foundation

/// `byline eval related FILE.jsonl --label FIELD`: precision@k of related-article picks against a label.
struct EvalRelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "Precision@k of related articles (same label as the anchor) for Byline's engine and two baselines.",
        discussion: """
        Each document is an anchor once; a pick counts when its label equals the anchor's. Duplicate
        bodies are dropped first. Documents without dates get synthetic, distinct dates; all share one
        section, so neither the section bonus nor "latest in section" can see the label.
        """
    )

    @Argument(help: "JSON Lines with an id, a label field, a title (or headline) and a body (or text).")
    var file: String

    @Option(help: "The field holding the label (e.g. category).")
    var label: String

    @Option(help: "Picks per anchor.")
    var k: Int = 5

    func run() throws {
        let started = Date()
        let documents = try Self.read(path: file, labelField: label)
        guard !documents.isEmpty else { throw EvalInputError("\(file) has no documents with a \(label) field") }
        let result = RelatedEvaluation.run(documents, k: k)
        print("byline eval related \(file) --label \(label) --k \(k)")
        print("documents: \(result.documents) (\(result.duplicatesDropped) with a duplicate body dropped)")
        print("dates: none in the file; synthetic, one hour apart in a seeded shuffle of line order")
        print("       (the file is sorted by label, so line-order dates would leak the label into recency)")
        print("section: unknown, all documents in one section (section = label would make 'latest in section' trivially 1.0)")
        print("entities: none in the file, so the entity signal is off; text only")
        print("")
        let width = max(28, result.methods.map(\.name.count).max() ?? 0)
        print("method".padding(toLength: width, withPad: " ", startingAt: 0) + "  P@\(k)")
        print(String(repeating: "-", count: width) + "  ------")
        for (name, precision) in result.methods {
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + EvalFormat.fixed(precision.precision, 4))
        }
        print("")
        print("time: \(EvalFormat.seconds(Date().timeIntervalSince(started)))")
    }

    /// The labelled documents of a JSON Lines file, in file order; lines without the label are skipped.
    /// - Throws: when the file cannot be read or a line is not a JSON object.
    static func read(path: String, labelField: String) throws -> [LabelledDocument] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvalInputError("cannot read \(path)") }
        var out: [LabelledDocument] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw EvalInputError("\(path):\(lineNumber): not a JSON object")
            }
            func text(_ keys: String...) -> String? {
                for key in keys { if let s = object[key] as? String { return s } }
                return nil
            }
            guard let label = text(labelField) else { continue }
            out.append(LabelledDocument(key: text("id") ?? String(lineNumber), label: label,
                                        title: text("title", "headline") ?? "", body: text("body", "text") ?? ""))
        }
        return out
    }
}
