import Foundation
import Testing
@testable import BylineText

@Suite("EntityRecognizer")
struct EntityRecognizerTests {
    static let recognizer = Result { try EntityRecognizer.bundled() }

    @Test func bundledModelLoads() throws {
        let recognizer = try Self.recognizer.get()
        #expect(recognizer.model.bucketBits >= 16)
        #expect(recognizer.serialized().count < 15_000_000)
        #expect(try KnowledgeBase.bundled().entities.count > 1000)
    }

    @Test func findsPeoplePlacesAndOrganisations() throws {
        let recognizer = try Self.recognizer.get()
        let sentence = NewsTokenizer().tokenize("Russian President Vladimir Putin met officials of the European Union in Beijing on Monday .").map(\.form)
        let spans = recognizer.spans(inDocument: [sentence])[0]
        func text(_ span: TokenSpan) -> String { sentence[span.start..<span.end].joined(separator: " ") }
        #expect(spans.contains { text($0) == "Vladimir Putin" && $0.type == .person })
        #expect(spans.contains { text($0) == "Beijing" && $0.type == .location })
        #expect(spans.contains { text($0) == "European Union" && $0.type == .organization })
        #expect(spans.contains { text($0) == "Russian" && $0.type == .miscellaneous })
    }

    @Test func modelRoundTripsThroughItsFileFormat() throws {
        let recognizer = try Self.recognizer.get()
        let again = try EntityRecognizer(modelData: recognizer.serialized())
        #expect(again.model.weights == recognizer.model.weights)
        #expect(throws: NERModelError.notAModel) { try EntityRecognizer(modelData: Data(repeating: 7, count: 64)) }
    }

    @Test func conllReaderConvertsIOB1AndScores() throws {
        let corpus = try CoNLLCorpus(parsing: """
        -DOCSTART- -X- O O

        EU NNP I-NP I-ORG
        rejects VBZ I-VP O
        German JJ I-NP I-MISC
        Peter NNP I-NP I-PER
        Blackburn NNP I-NP I-PER
        Hans NNP I-NP B-PER

        """)
        let sentence = try #require(corpus.documents.first?.sentences.first)
        #expect(sentence.spans == [TokenSpan(start: 0, end: 1, type: .organization), TokenSpan(start: 2, end: 3, type: .miscellaneous),
                                   TokenSpan(start: 3, end: 5, type: .person), TokenSpan(start: 5, end: 6, type: .person)])
        var evaluation = NEREvaluation()
        evaluation.add(gold: sentence.spans, predicted: [TokenSpan(start: 0, end: 1, type: .organization), TokenSpan(start: 3, end: 4, type: .person)])
        #expect(evaluation.overall.correct == 1 && evaluation.overall.predicted == 2 && evaluation.overall.gold == 4)
        #expect(abs(evaluation.overall.f1 - 1.0 / 3.0) < 1e-9)
    }

    @Test func malformedConllNamesFileAndLine() {
        #expect(throws: CoNLLFormatError(file: "x.conll", line: 3, message: "unknown NER tag \"I-FOO\"")) {
            try CoNLLCorpus(parsing: "EU NNP I-NP I-ORG\n\nBad NNP I-NP I-FOO\n", file: "x.conll")
        }
        #expect(throws: CoNLLFormatError.self) { try CoNLLCorpus(parsing: "lonely\n", file: "y.conll") }
    }

    @Test func tinyTrainingRunLearns() {
        let text = (0..<20).map { _ in "Alice NNP O I-PER\nvisited VBD O O\nParis NNP O I-LOC\n. . O O\n" }.joined(separator: "\n")
        guard let corpus = try? CoNLLCorpus(parsing: text) else { Issue.record("parse failed"); return }
        var options = NERTrainer.Options()
        options.epochs = 3
        options.bucketBits = 14
        let recognizer = NERTrainer(options: options).train(corpus: corpus, dev: nil, knowledgeBaseNames: [])
        #expect(recognizer.evaluate(corpus).overall.f1 == 1)
    }
}
