import Testing
import BylineCore
@testable import BylineSearch

/// The snippet under a result: the window, the marks, and folding that matches the index's tokenizer.
@Suite struct SearchSnippetTests {
    private func marked(_ parts: [SnippetPart]) -> String {
        parts.map { $0.isMatch ? "[" + $0.text + "]" : $0.text }.joined()
    }

    @Test func marksWordsPrefixesAndWholePhrasesOnly() {
        let body = "The harbour reopened. Harbours elsewhere stay shut; the harbour master said grain ships wait."
        #expect(marked(SearchSnippet.make(body, terms: [.word("harbour")]))
                == "The [harbour] reopened. Harbours elsewhere stay shut; the [harbour] master said grain ships wait.")
        #expect(marked(SearchSnippet.make(body, terms: [.prefix("harb")]))
                == "The [harbour] reopened. [Harbours] elsewhere stay shut; the [harbour] master said grain ships wait.")
        #expect(marked(SearchSnippet.make(body, terms: [.phrase(["harbour", "master"])]))
                == "The harbour reopened. Harbours elsewhere stay shut; the [harbour master] said grain ships wait.")
    }

    @Test func foldsCaseAndDiacriticsLikeTheTokenizer() {
        #expect(marked(SearchSnippet.make("Un CAFÉ à Zürich", terms: [.word("cafe"), .word("zurich")])) == "Un [CAFÉ] à [Zürich]")
        #expect(marked(SearchSnippet.make("Cafeteria", terms: [.word("cafe")])) == "Cafeteria", "a longer token is not the word")
        // Curly quotes and dashes split tokens; letters beyond ASCII stay inside them.
        // (The snippet starts at its first token.)
        #expect(marked(SearchSnippet.make("“Gold”—rises in Zürich’s £2bn deal", terms: [.word("gold"), .word("zurich")]))
                == "[Gold]”—rises in [Zürich]’s £2bn deal")
    }

    @Test func windowStartsJustBeforeTheFirstMatchWithEllipses() {
        let words = (1...60).map { "w\($0)" }
        let body = words.joined(separator: " ")
        let snippet = marked(SearchSnippet.make(body, terms: [.word("w30")], length: 10))
        #expect(snippet == "…w27 w28 w29 [w30] w31 w32 w33 w34 w35 w36…")
        let atEnd = marked(SearchSnippet.make(body, terms: [.word("w59")], length: 10))
        #expect(atEnd == "…w51 w52 w53 w54 w55 w56 w57 w58 [w59] w60", "the window moves back at the end of the body")
        let none = marked(SearchSnippet.make(body, terms: [.word("absent")], length: 5))
        #expect(none == "w1 w2 w3 w4 w5…", "no match in the body: its opening")
        #expect(SearchSnippet.make("", terms: [.word("x")]).isEmpty)
    }
    @Test func bytesStraightFromTheDatabaseGiveTheSameSnippetsAndInvalidUTF8IsRepaired() {
        let body = "Un CAFÉ à Zürich, “harbour” master £2bn"
        let fromBytes = Array(body.utf8).withUnsafeBufferPointer { SearchSnippet.make(utf8: $0, terms: [.word("harbour"), .word("zurich")]) }
        #expect(fromBytes == SearchSnippet.make(body, terms: [.word("harbour"), .word("zurich")]))
        let broken: [[UInt8]] = [[0xC3], [0x41, 0xE2, 0x80], [0x68, 0x61, 0xF0, 0x9F], [0xFF, 0xFE, 0x61, 0x62], [0x68, 0x61, 0x72, 0xC3, 0x20, 0x61, 0x62, 0x63]]
        for bytes in broken {
            let parts = bytes.withUnsafeBufferPointer { SearchSnippet.make(utf8: $0, terms: [.word("harbour"), .prefix("ab")]) }
            // A short body is whole in its snippet, from its first token on, with bad bytes replaced.
            #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(parts.map(\.text).joined()), "\(bytes)")
        }
    }

    @Test func skippingAheadGivesThePlainScansSnippets() {
        // Bodies of words, separators, ASCII-only and accented tokens and non-letter characters beyond ASCII, with
        // query terms that match at the start, in the middle, near the end, inside longer words, or nowhere.
        var random = SplitMix64(seed: 7)
        let words = ["harbour", "Harbours", "master", "the", "other", "THE", "grain", "Zürich", "zurich", "café", "cafe",
                     "2bn", "w1", "1", "ships", "a", "wait"]
        let separators = [" ", " ", " ", ", ", ". ", " — ", " “", "” ", " £", "\u{11}", "-", "’s "]
        let queries: [[SearchTerm]] = [
            [.word("harbour")], [.word("the")], [.prefix("harb")], [.phrase(["harbour", "master"])], [.word("zurich")],
            [.word("cafe"), .word("grain")], [.word("absent")], [.word("1")], [.phrase(["the", "other"])], [.prefix("w")],
            [.word("wait")], [],
        ]
        for round in 0..<400 {
            let count = Int(random.next() % 80)
            var body = ""
            for _ in 0..<count {
                body += words[Int(random.next() % UInt64(words.count))]
                body += separators[Int(random.next() % UInt64(separators.count))]
            }
            let terms = queries[round % queries.count]
            for length in [5, 24] {
                #expect(SearchSnippet.make(body, terms: terms, length: length, skipAhead: true)
                        == SearchSnippet.make(body, terms: terms, length: length, skipAhead: false), "\(body) \(terms)")
            }
        }
    }
}
