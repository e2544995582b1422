import Foundation

/// The named-entity recogniser: finds people, places, organisations and other names in tokenised text.
///
/// A linear model over hashed features (word, shape, affixes, context, gazetteer) with first-order
/// Viterbi decoding, trained by ``NERTrainer``. Loading takes a moment; load once and share the value.
public struct EntityRecognizer: Sendable {
    let model: NERModel

    init(model: NERModel) { self.model = model }

    /// Loads a model written by ``serialized()``.
    /// - Throws: ``NERModelError`` when the data is not a model of this version.
    public init(modelData: Data) throws { self.model = try NERModel(data: modelData) }

    /// Loads a model file.
    /// - Throws: the file error, or ``NERModelError``.
    public init(contentsOf url: URL) throws { try self.init(modelData: try Data(contentsOf: url)) }

    /// The model in its compact file format.
    public func serialized() -> Data { model.serialized() }

    /// The entities of one document, given as sentences of token forms; one list of spans per sentence.
    ///
    /// The whole document is read at once: how a word is capitalised elsewhere in it is a feature.
    public func spans(inDocument sentences: [[String]]) -> [[TokenSpan]] {
        labels(inDocument: sentences).map { NERLabel.spans($0) }
    }

    func labels(inDocument sentences: [[String]]) -> [[NERLabel]] {
        let doc = NERDocument(sentences: sentences, gazetteer: model.gazetteer)
        return labels(in: doc)
    }

    func labels(in doc: NERDocument) -> [[NERLabel]] {
        var decoder = SentenceDecoder()
        var raw: [Int] = []
        var out: [[NERLabel]] = []
        out.reserveCapacity(doc.sentenceRanges.count)
        model.weights.withUnsafeBufferPointer { weights in
            for s in doc.sentenceRanges.indices {
                decoder.load(doc, sentence: s, bucketBits: model.bucketBits)
                decoder.decode(weights: weights, into: &raw)
                out.append(raw.map { NERLabel(rawValue: $0) })
            }
        }
        return out
    }

    /// Tags every document of `corpus` and scores the result against its gold labels, timing the tagging.
    public func evaluate(_ corpus: CoNLLCorpus) -> NEREvaluation {
        var evaluation = NEREvaluation()
        let clock = ContinuousClock()
        var predictions: [[[NERLabel]]] = []
        predictions.reserveCapacity(corpus.documents.count)
        let cpuStart = CPUTime.now()
        let elapsed = clock.measure {
            for document in corpus.documents {
                predictions.append(labels(inDocument: document.sentences.map(\.tokens)))
            }
        }
        for (document, predicted) in zip(corpus.documents, predictions) {
            for (sentence, labels) in zip(document.sentences, predicted) {
                evaluation.add(gold: sentence.spans, predicted: NERLabel.spans(labels))
            }
        }
        evaluation.tokens = corpus.tokenCount
        evaluation.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        evaluation.cpuSeconds = CPUTime.now() - cpuStart
        return evaluation
    }
}

/// The CPU time this process has used, for speed figures that do not depend on other work on the machine.
public enum CPUTime {
    /// CPU seconds used by the process so far.
    public static func now() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
}
