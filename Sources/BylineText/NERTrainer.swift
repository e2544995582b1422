import Foundation
import BylineCore

/// A name for the recogniser's gazetteer: its tokens and its type.
public struct GazetteerName: Sendable, Hashable {
    /// The name's tokens ("Kassym-Jomart", "Tokayev").
    public var tokens: [String]
    /// What the name names.
    public var type: EntityType

    /// Makes a name from its tokens.
    public init(tokens: [String], type: EntityType) { self.tokens = tokens; self.type = type }

    /// Makes a name from text, tokenised like news text.
    public init(_ text: String, type: EntityType) {
        self.init(tokens: NewsTokenizer().tokenize(text).map(\.form), type: type)
    }
}

/// Trains the recogniser: a structured averaged perceptron over hashed features, Viterbi-decoded.
///
/// Names seen in the training documents feed the gazetteer the usual way for such models, by
/// cross-fold: a training document sees only the names of the other folds' documents, so the model
/// learns how far to trust a gazetteer match on text it has not seen.
public struct NERTrainer: Sendable {
    /// Training settings.
    public struct Options: Sendable {
        /// Passes over the training data.
        public var epochs = 12
        /// log2 of the number of weight rows (features are hashed into them).
        public var bucketBits = 20
        /// Folds for the training gazetteer.
        public var folds = 5
        /// Seed of the sentence shuffle, so training is reproducible.
        public var seed: UInt64 = 20_031
        /// Makes the default settings.
        public init() {}
    }

    /// The settings.
    public var options: Options

    /// Makes a trainer.
    public init(options: Options = Options()) { self.options = options }

    private struct Prepared {
        var rows: [Int32]
        var offsets: [Int]
        var dynamic: [Int32]
        var gold: [Int]
    }

    /// Trains on `corpus`, choosing the epoch that scores best on `dev` when given.
    ///
    /// - Parameters:
    ///   - corpus: the training documents.
    ///   - dev: documents to choose the number of epochs on (never trained on).
    ///   - knowledgeBaseNames: names from the knowledge base (source 0 in the gazetteer).
    ///   - documentNames: extra names per training document (for example linked titles), used with the
    ///     document's own gold entities as the corpus gazetteer.
    ///   - log: receives one line per epoch.
    public func train(
        corpus: CoNLLCorpus,
        dev: CoNLLCorpus?,
        knowledgeBaseNames: [GazetteerName],
        documentNames: [Int: [GazetteerName]] = [:],
        log: (String) -> Void = { _ in }
    ) -> EntityRecognizer {
        let bits = options.bucketBits
        let L = NERLabel.count
        var base = Gazetteer()
        for name in knowledgeBaseNames { base.add(tokens: name.tokens, type: name.type, source: .knowledgeBase) }
        var namesByDocument: [[GazetteerName]] = []
        for (d, document) in corpus.documents.enumerated() {
            var names = Set(documentNames[d] ?? [])
            for sentence in document.sentences {
                for span in sentence.spans { names.insert(GazetteerName(tokens: Array(sentence.tokens[span.start..<span.end]), type: span.type)) }
            }
            namesByDocument.append(Array(names))
        }
        let folds = max(1, options.folds)
        var foldGazetteers = [Gazetteer](repeating: base, count: folds)
        var full = base
        for (d, names) in namesByDocument.enumerated() {
            for name in names {
                full.add(tokens: name.tokens, type: name.type, source: .corpus)
                for f in 0..<folds where folds == 1 || d % folds != f {
                    foldGazetteers[f].add(tokens: name.tokens, type: name.type, source: .corpus)
                }
            }
        }

        func prepare(_ documents: [CoNLLCorpus.Document], gazetteer: (Int) -> Gazetteer) -> [Prepared] {
            var out: [Prepared] = []
            var decoder = SentenceDecoder()
            for (d, document) in documents.enumerated() {
                let doc = NERDocument(sentences: document.sentences.map(\.tokens), gazetteer: gazetteer(d))
                for (s, sentence) in document.sentences.enumerated() {
                    decoder.load(doc, sentence: s, bucketBits: bits)
                    out.append(Prepared(rows: decoder.featureRows, offsets: decoder.featureOffsets,
                                        dynamic: decoder.dynamicRows, gold: sentence.labels.map(\.rawValue)))
                }
            }
            return out
        }
        let training = prepare(corpus.documents) { foldGazetteers[$0 % folds] }
        let development = dev.map { prepare($0.documents) { _ in full } } ?? []
        let devGold: [[TokenSpan]] = development.map { NERLabel.spans($0.gold.map { NERLabel(rawValue: $0) }) }
        log("prepared \(training.count) training sentences, \(development.count) dev sentences")

        var weights = [Float](repeating: 0, count: (1 << bits) * L)
        var totals = [Double](repeating: 0, count: (1 << bits) * L)
        var step = 1.0
        var order = Array(training.indices)
        var rng = SplitMix64(seed: options.seed)
        var decoder = SentenceDecoder()
        var predicted: [Int] = []
        var best: (f1: Double, epoch: Int, weights: [Float]) = (-1, 0, [])

        func averaged() -> [Float] {
            var avg = weights
            for k in avg.indices { avg[k] = Float(Double(weights[k]) - totals[k] / step) }
            return avg
        }

        for epoch in 1...max(1, options.epochs) {
            for k in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(k, Int(rng.next() % UInt64(k + 1)))
            }
            var mistakes = 0
            for index in order {
                let sentence = training[index]
                decoder.featureRows = sentence.rows
                decoder.featureOffsets = sentence.offsets
                decoder.dynamicRows = sentence.dynamic
                weights.withUnsafeBufferPointer { decoder.decode(weights: $0, into: &predicted) }
                if predicted != sentence.gold {
                    mistakes += 1
                    weights.withUnsafeMutableBufferPointer { w in
                    totals.withUnsafeMutableBufferPointer { u in
                        func bump(_ row: Int32, _ label: Int, _ delta: Float) {
                            let at = Int(row) * L + label
                            w[at] += delta
                            u[at] += step * Double(delta)
                        }
                        for i in 0..<sentence.gold.count {
                            let g = sentence.gold[i], p = predicted[i]
                            let gPrev = i == 0 ? SentenceDecoder.previousSlots - 1 : sentence.gold[i - 1]
                            let pPrev = i == 0 ? SentenceDecoder.previousSlots - 1 : predicted[i - 1]
                            if g != p {
                                for f in sentence.offsets[i]..<sentence.offsets[i + 1] {
                                    bump(sentence.rows[f], g, 1); bump(sentence.rows[f], p, -1)
                                }
                            }
                            if g != p || gPrev != pPrev {
                                let base = i * SentenceDecoder.previousSlots * 3
                                for j in 0..<3 {
                                    bump(sentence.dynamic[base + gPrev * 3 + j], g, 1)
                                    bump(sentence.dynamic[base + pPrev * 3 + j], p, -1)
                                }
                            }
                        }
                    }}
                }
                step += 1
            }
            guard !development.isEmpty else {
                log("epoch \(epoch): \(mistakes) sentences wrong")
                continue
            }
            let avg = averaged()
            var evaluation = NEREvaluation()
            avg.withUnsafeBufferPointer { w in
                for (sentence, gold) in zip(development, devGold) {
                    decoder.featureRows = sentence.rows
                    decoder.featureOffsets = sentence.offsets
                    decoder.dynamicRows = sentence.dynamic
                    decoder.decode(weights: w, into: &predicted)
                    evaluation.add(gold: gold, predicted: NERLabel.spans(predicted.map { NERLabel(rawValue: $0) }))
                }
            }
            log("epoch \(epoch): \(mistakes) sentences wrong, dev F1 \(String(format2: evaluation.overall.f1 * 100))")
            if evaluation.overall.f1 > best.f1 { best = (evaluation.overall.f1, epoch, avg) }
        }
        let final = development.isEmpty ? averaged() : best.weights
        if !development.isEmpty { log("chose epoch \(best.epoch) (dev F1 \(String(format2: best.f1 * 100)))") }
        return EntityRecognizer(model: NERModel(bucketBits: bits, weights: final, gazetteer: full))
    }
}

