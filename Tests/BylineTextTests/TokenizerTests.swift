import Testing
@testable import BylineText

@Suite("NewsTokenizer")
struct TokenizerTests {
    let tokenizer = NewsTokenizer()

    func forms(_ text: String) -> [String] { tokenizer.tokenize(text).map(\.text) }

    @Test func initialismsKeepTheirDots() {
        #expect(forms("The U.S. and the U.N. met.") == ["The", "U.S.", "and", "the", "U.N.", "met", "."])
        #expect(forms("tags: U.S and USA") == ["tags", ":", "U.S", "and", "USA"])
    }

    @Test func titlesKeepTheirPeriod() {
        #expect(forms("Gen. Smith and Mr. Jones") == ["Gen.", "Smith", "and", "Mr.", "Jones"])
    }

    @Test func hyphenatedNamesStayWhole() {
        #expect(forms("Kassym-Jomart Tokayev’s Russian-led mission") == ["Kassym-Jomart", "Tokayev", "’s", "Russian-led", "mission"])
    }

    @Test func possessivesAndCliticsSplit() {
        #expect(forms("Putin's men didn't go; the Americans’ view") == ["Putin", "'s", "men", "did", "n't", "go", ";", "the", "Americans", "’", "view"])
        #expect(tokenizer.tokenize("Putin’s").map(\.form) == ["Putin", "'s"])
        #expect(forms("O'Neill said") == ["O'Neill", "said"])
    }

    @Test func curlyAndStraightQuotes() {
        #expect(forms("“Color revolution” is \"bad\"") == ["“", "Color", "revolution", "”", "is", "\"", "bad", "\""])
        #expect(tokenizer.tokenize("“x”").map(\.form) == ["\"", "x", "\""])
    }

    @Test func numbersAndUnits() {
        #expect(forms("164 dead, 8,000 held; 10km and $1.5bn in Cold War 2.0 on 1996-08-22, 20% up, 21st") ==
            ["164", "dead", ",", "8,000", "held", ";", "10", "km", "and", "$", "1.5", "bn", "in", "Cold", "War", "2.0",
             "on", "1996-08-22", ",", "20", "%", "up", ",", "21st"])
    }

    @Test func offsetsPointBackIntoTheText() {
        let text = "Xi’s “plan” — for U.S. ties"
        for token in tokenizer.tokenize(text) {
            let chars = Array(text)
            #expect(String(chars[token.start..<token.end]) == token.text)
            let utf8 = Array(text.utf8)
            #expect(String(decoding: utf8[token.utf8Start..<token.utf8End], as: UTF8.self) == token.text)
        }
    }

    @Test func sentencesSplitAfterTerminalsNotAbbreviations() {
        let sentences = tokenizer.sentences("Gen. Smith met Mr. Jones in the U.S. on Monday. He said “no.” Then he left!\nNew line")
        #expect(sentences.map { $0.tokens.map(\.text).joined(separator: " ") } == [
            "Gen. Smith met Mr. Jones in the U.S. on Monday .",
            "He said “ no . ”",
            "Then he left !",
            "New line",
        ])
        #expect(tokenizer.sentences("It was in the U.S. The end.").count == 2)
    }
}
