/// One token of a text: a word, number, abbreviation or punctuation mark, with where it came from.
public struct Token: Hashable, Sendable {
    /// The token as it appears in the text ("Putin", "’s", "U.S.").
    public var text: String
    /// The token with typographic quotes and apostrophes made plain ("’s" → "'s", "“" → "\""); the NER model reads this.
    public var form: String
    /// Offset of the first character, counted in `Character`s from the start of the text.
    public var start: Int
    /// Offset just past the last character, counted in `Character`s from the start of the text.
    public var end: Int
    /// Offset of the first byte in the text's UTF-8 view.
    public var utf8Start: Int
    /// Offset just past the last byte in the text's UTF-8 view.
    public var utf8End: Int

    /// Makes a token; `form` defaults to `text` with typographic quotes made plain.
    public init(text: String, form: String? = nil, start: Int, end: Int, utf8Start: Int, utf8End: Int) {
        self.text = text
        self.form = form ?? Token.plainForm(of: text)
        self.start = start
        self.end = end
        self.utf8Start = utf8Start
        self.utf8End = utf8End
    }

    /// Makes a token for text that was tokenised elsewhere (a CoNLL file), with no offsets.
    public init(form: String) {
        self.init(text: form, start: 0, end: 0, utf8Start: 0, utf8End: 0)
    }

    /// `text` with curly quotes and apostrophes replaced by straight ones.
    static func plainForm(of text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}": out.unicodeScalars.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": out.unicodeScalars.append("\"")
            case "\u{2013}", "\u{2014}": out.unicodeScalars.append("-")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A sentence: a contiguous run of tokens in one text.
public struct Sentence: Hashable, Sendable {
    /// The sentence's tokens, in order.
    public var tokens: [Token]
    /// Index of the sentence's first token among all tokens of the text.
    public var firstTokenIndex: Int

    /// Makes a sentence from its tokens and the index of its first token in the text.
    public init(tokens: [Token], firstTokenIndex: Int) {
        self.tokens = tokens
        self.firstTokenIndex = firstTokenIndex
    }
}
