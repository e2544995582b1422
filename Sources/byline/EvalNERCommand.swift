import ArgumentParser
import BylineText
import Foundation

/// `byline eval ner FILE`: scores the bundled recogniser on a CoNLL file, conlleval-style.
struct EvalNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score the entity recogniser on a CoNLL file: precision, recall and F1 per type and overall, and tokens/second."
    )

    @Argument(help: "A CoNLL-2003 format file (token ... NER tag per line).")
    var file: String

    @Option(help: "A model file to score instead of the bundled one.")
    var model: String?

    func run() async throws {
        let corpus = try CoNLLCorpus(contentsOf: URL(fileURLWithPath: file))
        let recognizer = try model.map { try EntityRecognizer(contentsOf: URL(fileURLWithPath: $0)) } ?? EntityRecognizer.bundled()
        _ = recognizer.evaluate(corpus) // warm-up, so the timing below is steady
        print(recognizer.evaluate(corpus).report)
    }
}
