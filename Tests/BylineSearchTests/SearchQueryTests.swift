import Foundation
import Testing
import BylineCore
@testable import BylineSearch

@Suite struct SearchQueryParserTests {
    let parser = SearchQueryParser()

    @Test func wordsPhrasesExclusionsOrAndPrefixes() {
        let parsed = parser.parse(#"Tokayev "security council" -Russia Almaty OR Astana kaz*"#)
        #expect(parsed.expression.clauses == [[.word("tokayev")], [.phrase(["security", "council"])],
                                              [.word("almaty"), .word("astana")], [.prefix("kaz")]])
        #expect(parsed.expression.excluded == [.word("russia")])
        #expect(parsed.notices.isEmpty)
        #expect(parsed.text == #"tokayev "security council" almaty OR astana kaz* -russia"#)
    }

    @Test func foldsCaseAndDiacriticsAndSplitsCompoundWords() {
        #expect(parser.parse("Zürich CAFÉ").expression.clauses == [[.word("zurich")], [.word("cafe")]])
        #expect(parser.parse("covid-19 U.S.").expression.clauses == [[.phrase(["covid", "19"])], [.phrase(["u", "s"])]])
        #expect(parser.parse("“smart quotes”").expression.clauses == [[.phrase(["smart", "quotes"])]])
        #expect(parser.parse("ｆｕｌｌｗｉｄｔｈ").expression.clauses == [[.word("fullwidth")]])
    }

    @Test func unbalancedQuotesBecomeAPhraseWithANotice() {
        let parsed = parser.parse(#"budget "spending review"#)
        #expect(parsed.expression.clauses == [[.word("budget")], [.phrase(["spending", "review"])]])
        #expect(parsed.notices.count == 1)
        #expect(parser.parse(#"""#).expression.isEmpty)
    }

    @Test func loneOperatorsAreIgnored() {
        #expect(parser.parse("OR").expression.isEmpty)
        #expect(parser.parse("OR budget OR").expression.clauses == [[.word("budget")]])
        #expect(parser.parse("budget OR OR tax").expression.clauses == [[.word("budget"), .word("tax")]])
        #expect(parser.parse("- * -- ** | \" \"").expression.isEmpty)
        #expect(parser.parse("budget -").expression.clauses == [[.word("budget")]])
        #expect(parser.parse("or").expression.clauses == [[.word("or")]], "lowercase or is a word")
        #expect(parser.parse("a*").expression.clauses == [[.word("a")]], "one-letter prefixes are whole words")
        #expect(parser.parse("NEAR(a b) AND NOT c:d ^e").expression.clauses ==
                [[.phrase(["near", "a"])], [.word("b")], [.word("and")], [.word("not")], [.phrase(["c", "d"])], [.word("e")]],
                "FTS5 operators are plain words")
    }

    @Test func exclusionsAloneExplainThemselves() {
        let parsed = parser.parse("-russia -china")
        #expect(parsed.expression.isEmpty)
        #expect(parsed.notices.contains { $0.contains("exclusions") })
        #expect(parser.parse("").notices == ["Type a word to search for."])
    }

    @Test func longInputIsCappedInLengthAndTerms() {
        let long = String(repeating: "budget ", count: 2_000)
        let parsed = parser.parse(long)
        #expect(parsed.expression.clauses == [[.word("budget")]])
        #expect(parsed.notices.contains { $0.contains("256") })
        let many = (1...40).map { "word\($0)" }.joined(separator: " ")
        let capped = parser.parse(many)
        #expect(capped.expression.clauses.count == 16)
        #expect(capped.notices.contains { $0.contains("16") })
        #expect(parser.parse(String(repeating: "x", count: 10_000)).expression.clauses.count == 1)
    }

    @Test func oddUnicodeNeverBreaksIt() {
        let inputs = ["\u{0000}\u{0001}budget", "bud\u{200B}get", "🙂🙂", "\u{202E}evil", "e\u{0301}te", "\u{FFFF}\u{E000}x\u{E001}",
                      String(repeating: "\u{0301}", count: 5_000), "日本語 の ニュース", "مرحبا", "\u{D7FF}"]
        for input in inputs {
            let parsed = parser.parse(input)
            for term in parsed.expression.positiveTerms + parsed.expression.excluded {
                #expect(term.tokens.allSatisfy { !$0.isEmpty && !$0.contains("\"") })
            }
        }
        #expect(parser.parse("\u{0000}\u{0001}budget").expression.clauses == [[.word("budget")]])
        #expect(parser.parse("🙂🙂").expression.isEmpty)
        #expect(parser.parse("e\u{0301}te").expression.clauses == [[.word("ete")]])
    }

    @Test func asciiInputTakesTheShortPathToTheSameText() {
        var random = SplitMix64(seed: 31)
        let alphabet = Array("abcXYZ019 \"-*|+.,'()\t\n\r\u{0000}\u{001F}\u{007F}".utf8)
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let input = String(decoding: bytes, as: UTF8.self)
            #expect(SearchQueryParser.normalise(input) == SearchQueryParser.normaliseUnicode(input), "\(bytes)")
        }
        let long = String(repeating: "ab\u{0007}", count: 1_365) // 4,095 bytes: still the short path
        #expect(SearchQueryParser.normalise(long) == SearchQueryParser.normaliseUnicode(long))
    }
}

@Suite struct SearchVocabularyTests {
    let vocabulary = SearchVocabulary([
        VocabularyTerm(term: "lukashenko", documents: 120), VocabularyTerm(term: "lukashenka", documents: 3),
        VocabularyTerm(term: "tokayev", documents: 80), VocabularyTerm(term: "token", documents: 40),
        VocabularyTerm(term: "election", documents: 900), VocabularyTerm(term: "elections", documents: 500),
        VocabularyTerm(term: "lukachenko", documents: 1),
    ])

    @Test func damerauLevenshteinDistance() {
        #expect(SearchVocabulary.distance("lukachenko", "lukashenko") == 1)
        #expect(SearchVocabulary.distance("tokaev", "tokayev") == 1)
        #expect(SearchVocabulary.distance("eletcion", "election") == 1, "a transposition is one edit")
        #expect(SearchVocabulary.distance("kitten", "sitting") == 3)
        #expect(SearchVocabulary.distance("kitten", "sitting", limit: 2) == nil)
        #expect(SearchVocabulary.distance("", "abc") == 3)
    }

    @Test func suggestsFrequentCloseTermsForRareOrUnknownOnes() {
        #expect(vocabulary.correction(for: "lukachenko") == "lukashenko", "rare: 1 document against 120")
        #expect(vocabulary.correction(for: "tokaev") == "tokayev")
        #expect(vocabulary.correction(for: "eletcion") == "election", "the closer and more frequent term wins")
        #expect(vocabulary.correction(for: "election") == nil, "common terms are left alone")
        #expect(vocabulary.correction(for: "zzzzzz") == nil)
        #expect(vocabulary.correction(for: "ab") == nil, "too short to correct")
        #expect(vocabulary.correction(for: "2005") == nil, "numbers are not corrected")
    }
}
