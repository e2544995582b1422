import ArgumentParser
import BylineText
import Foundation

/// `byline train-ner`: trains the named-entity recogniser on CoNLL-2003 and writes the compact model.
struct TrainNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-ner",
        abstract: "Train the entity recogniser (averaged perceptron) on CoNLL-2003 English and write the model file."
    )

    @Option(help: "Training data, CoNLL format.")
    var train = "../shared/data/conll2003/eng.train"

    @Option(help: "Development data for choosing the epoch, CoNLL format.")
    var dev = "../shared/data/conll2003/eng.testa"

    @Option(help: "The data directory with kb/ (gazetteer names from countries, organisations and leaders).")
    var data = "../shared/data"

    @Option(help: "Where to write the model.")
    var out = "Sources/BylineText/Resources/ner-model.bin"

    @Option(help: "Passes over the training data (the best on --dev is kept).")
    var epochs = 10

    @Option(help: "log2 of the number of hashed feature rows.")
    var bucketBits = 20

    func run() async throws {
        let trainCorpus = try CoNLLCorpus(contentsOf: URL(fileURLWithPath: train))
        let devCorpus = try CoNLLCorpus(contentsOf: URL(fileURLWithPath: dev))
        let names = try KnowledgeBaseBuilder(dataDirectory: URL(fileURLWithPath: data)).gazetteerNames()
        print("training on \(trainCorpus.tokenCount) tokens, \(names.count) knowledge-base names")
        var options = NERTrainer.Options()
        options.epochs = epochs
        options.bucketBits = bucketBits
        let recognizer = NERTrainer(options: options).train(corpus: trainCorpus, dev: devCorpus, knowledgeBaseNames: names) { print($0) }
        let model = recognizer.serialized()
        try model.write(to: URL(fileURLWithPath: out))
        print("wrote \(out) (\(model.count) bytes)")
        print(recognizer.evaluate(devCorpus).report)
    }
}
