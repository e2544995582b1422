/// Splits news English into tokens and sentences, the way the CoNLL-2003 data was tokenised.
///
/// Words keep internal hyphens ("Kassym-Jomart"), initialisms keep their dots ("U.S.", "U.S"),
/// known abbreviations keep their period ("Gen.", "Mr."), numbers keep separators ("3,000", "2.0",
/// "1996-08-22"), possessives and clitics split off ("Putin", "’s"; "did", "n't"), units split from
/// numbers ("10", "km"; "$", "1.5", "bn"), and every quote, bracket and punctuation mark is its own token.
/// A sentence ends at `.`, `!`, `?` or `...` (plus any closing quotes or brackets) before a capital,
/// digit, opening quote or the end, and at every line break.
public struct NewsTokenizer: Sendable {
    /// Makes a tokenizer.
    public init() {}

    /// The tokens of `text`, in order, with their offsets.
    public func tokenize(_ text: String) -> [Token] {
        tokenizeMarkingBreaks(text).tokens
    }

    /// The sentences of `text`, each with its tokens; tokens are numbered across the whole text.
    public func sentences(_ text: String) -> [Sentence] {
        let (tokens, breaks) = tokenizeMarkingBreaks(text)
        return Self.split(tokens, hardBreaksBefore: breaks)
    }

    /// Splits already-made tokens into sentences; `hardBreaksBefore` holds indices of tokens that start a new line.
    static func split(_ tokens: [Token], hardBreaksBefore: Set<Int>) -> [Sentence] {
        var sentences: [Sentence] = []
        var start = 0
        var i = 0
        func close(at end: Int) {
            if end > start { sentences.append(Sentence(tokens: Array(tokens[start..<end]), firstTokenIndex: start)) }
            start = end
        }
        while i < tokens.count {
            if hardBreaksBefore.contains(i) { close(at: i) }
            let form = tokens[i].form
            let isTerminal = form == "." || form == "!" || form == "?" || form == "..."
            let isInitialism = form.count >= 3 && form.hasSuffix(".") && Self.isInitialism(form)
            if isTerminal || isInitialism {
                var end = i + 1
                while end < tokens.count, !hardBreaksBefore.contains(end), Self.closers.contains(tokens[end].form) { end += 1 }
                if end >= tokens.count || hardBreaksBefore.contains(end) {
                    close(at: end); i = end; continue
                }
                let next = tokens[end].form
                let startsLikeSentence: Bool
                if isTerminal {
                    startsLikeSentence = next.first.map { $0.isUppercase || $0.isNumber || $0 == "\"" || $0 == "'" || $0 == "(" } ?? false
                } else {
                    startsLikeSentence = Self.sentenceStarters.contains(next)
                }
                if startsLikeSentence { close(at: end); i = end; continue }
            }
            i += 1
        }
        close(at: tokens.count)
        return sentences
    }

    static let closers: Set<String> = ["\"", "'", ")", "]"]
    static let sentenceStarters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At",
        "This", "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "Mr.", "Mrs.", "Ms.",
        "However", "Meanwhile", "After", "When", "As", "If", "For", "So", "Yet",
    ]

    /// Letter or digit, with a fast path for ASCII (Unicode properties are slow to look up).
    @inline(__always)
    static func isAlphanumeric(_ ch: Character) -> Bool {
        if let a = ch.asciiValue { return (a >= 0x30 && a <= 0x39) || ((a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A) }
        return ch.isLetter || ch.isNumber
    }

    static func isInitialism(_ form: String) -> Bool {
        var sawLetter = false
        var letters = 0
        for ch in form {
            if ch == "." { if !sawLetter { return false }; sawLetter = false }
            else if ch.isLetter { if sawLetter { return false }; sawLetter = true; letters += 1 }
            else { return false }
        }
        return letters >= 2
    }

    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "cpl", "prof", "st",
        "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm", "maj", "pres", "rev", "hon", "dept", "univ",
        "approx", "cf", "messrs", "brig", "cmdr", "supt", "insp", "det", "fr", "ave", "blvd", "bros", "plc",
    ]

    static let units: Set<String> = [
        "km", "kg", "m", "cm", "mm", "bn", "mn", "tn", "g", "lb", "lbs", "mph", "kph", "mi", "gb", "mb", "tb",
        "kb", "ghz", "mhz", "kw", "mw", "gw", "kwh", "h", "hr", "hrs", "min", "mins", "ms", "pc", "ml",
        "l", "oz", "ha", "sq", "kmh", "bpd", "yrs", "am", "pm",
    ]

    private func tokenizeMarkingBreaks(_ text: String) -> (tokens: [Token], breaks: Set<Int>) {
        let chars = Array(text)
        let n = chars.count
        var utf8Offsets = [Int](repeating: 0, count: n + 1)
        for (k, ch) in chars.enumerated() { utf8Offsets[k + 1] = utf8Offsets[k] + ch.utf8.count }

        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var breaks: Set<Int> = []
        func emit(_ from: Int, _ to: Int) {
            guard to > from else { return }
            let piece = String(decoding: bytes[utf8Offsets[from]..<utf8Offsets[to]], as: UTF8.self)
            tokens.append(Token(text: piece, start: from, end: to, utf8Start: utf8Offsets[from], utf8End: utf8Offsets[to]))
        }
        func isWordChar(_ k: Int) -> Bool { k < n && k >= 0 && Self.isAlphanumeric(chars[k]) }
        func isApostrophe(_ k: Int) -> Bool { k < n && (chars[k] == "'" || chars[k] == "\u{2019}") }
        func isHyphen(_ k: Int) -> Bool { k < n && (chars[k] == "-" || chars[k] == "\u{2010}" || chars[k] == "\u{2011}") }
        /// Length of a clitic ("s", "re", "ve", "ll", "d", "m") starting at `k`, or 0.
        func cliticLength(at k: Int) -> Int {
            for clitic in ["s", "re", "ve", "ll", "d", "m"] {
                let len = clitic.count
                guard k + len <= n else { continue }
                let piece = String(chars[k..<(k + len)]).lowercased()
                if piece == clitic && !isWordChar(k + len) { return len }
            }
            return 0
        }

        var i = 0
        while i < n {
            let ch = chars[i]
            if ch.isWhitespace {
                if ch.isNewline { breaks.insert(tokens.count) }
                i += 1
                continue
            }
            if Self.isAlphanumeric(ch) {
                // Initialisms: U.S., U.S, U.N., J.
                if ch.isLetter, i + 1 < n, chars[i + 1] == ".", !isWordChar(i - 1) {
                    var k = i
                    var pairs = 0
                    while k + 1 < n, chars[k].isLetter, chars[k + 1] == ".", !isWordChar(k + 1) {
                        pairs += 1; k += 2
                        if isWordChar(k) && !(k + 1 < n && (chars[k + 1] == "." || !isWordChar(k + 1))) { break }
                    }
                    if pairs >= 1 {
                        if isWordChar(k), !isWordChar(k + 1), pairs >= 1, chars[k].isLetter { k += 1 } // "U.S" without the final dot
                        if pairs >= 2 || chars[i].isUppercase {
                            emit(i, k); i = k; continue
                        }
                    }
                }
                var j = i
                wordScan: while j < n {
                    if isWordChar(j) || (j > i && (chars[j].unicodeScalars.first?.properties.generalCategory == .nonspacingMark)) { j += 1; continue }
                    if isHyphen(j), isWordChar(j + 1), j > i { j += 1; continue }
                    if (chars[j] == "." || chars[j] == ","), j > i, chars[j - 1].isNumber, j + 1 < n, chars[j + 1].isNumber {
                        if chars[j] == "," {
                            var digits = 0
                            while j + 1 + digits < n, chars[j + 1 + digits].isNumber { digits += 1 }
                            if digits != 3 { break wordScan }
                        }
                        j += 1; continue
                    }
                    if chars[j] == "&", j > i, chars[j - 1].isUppercase, j + 1 < n, chars[j + 1].isUppercase { j += 1; continue }
                    if isApostrophe(j), j > i, j + 1 < n, chars[j + 1].isLetter {
                        if chars[j - 1] == "n" || chars[j - 1] == "N", chars[j + 1] == "t" || chars[j + 1] == "T", !isWordChar(j + 2), j - 1 > i {
                            j -= 1; break wordScan // "did" + "n't"
                        }
                        if cliticLength(at: j + 1) > 0 { break wordScan }
                        j += 1; continue // O'Neill, D'Alema
                    }
                    break
                }
                let word = String(chars[i..<j])
                // Abbreviations with a period: Gen., Mr., Inc., No. 5
                if j < n, chars[j] == ".", Self.abbreviations.contains(word.lowercased()) || (word.lowercased() == "no" && j + 2 < n && chars[j + 2].isNumber) {
                    emit(i, j + 1); i = j + 1; continue
                }
                // Numbers with units: 10km → 10 km, 1.5bn → 1.5 bn; ordinals (21st) stay whole.
                if chars[i].isNumber, let firstLetter = word.firstIndex(where: { $0.isLetter }),
                   word[..<firstLetter].allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }),
                   word[firstLetter...].allSatisfy({ $0.isLetter }),
                   Self.units.contains(word[firstLetter...].lowercased()) {
                    let split = i + word.distance(from: word.startIndex, to: firstLetter)
                    emit(i, split); emit(split, j); i = j; continue
                }
                emit(i, j); i = j
                continue
            }
            // Punctuation and symbols.
            if isApostrophe(i) {
                if isWordChar(i - 1) {
                    let clitic = cliticLength(at: i + 1)
                    if clitic > 0 { emit(i, i + 1 + clitic); i += 1 + clitic; continue }
                }
                emit(i, i + 1); i += 1; continue
            }
            if ch == ".", i + 2 < n, chars[i + 1] == ".", chars[i + 2] == "." {
                emit(i, i + 3); i += 3; continue
            }
            if ch == "-", i + 1 < n, chars[i + 1] == "-" {
                emit(i, i + 2); i += 2; continue
            }
            emit(i, i + 1)
            i += 1
        }
        return (tokens, breaks)
    }
}
