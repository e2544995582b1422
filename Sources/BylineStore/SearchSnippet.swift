import Foundation

/// The snippet under a search result: about `length` tokens of the body from just before the first match, with
/// every matching token marked. Shared by the stores, so a result reads the same whichever store found it.
public enum SearchSnippet {
    /// Words of context kept before the first match.
    static let lead = 3

    /// The snippet of `body` for these query terms (the positive terms of the expression).
    /// Only the tokens up to the end of the window are found and compared, on the UTF-8 bytes (plain ASCII
    /// tokens without building strings), so a long body costs little more than a short one.
    public static func make(_ body: String, terms: [SearchTerm], length: Int = 24) -> [SnippetPart] {
        var body = body
        return body.withUTF8 { make($0, terms: terms, length: length) }
    }

    private static func make(_ bytes: UnsafeBufferPointer<UInt8>, terms: [SearchTerm], length: Int) -> [SnippetPart] {
        var tokens = TokenScanner(bytes: bytes)
        let terms = terms.map(SnippetTerm.init)
        var first = 0
        var i = 0
        while tokens.exists(i) {
            if tokens.matchLength(at: i, terms: terms) > 0 { first = i; break }
            i += 1
        }
        guard tokens.exists(0) else { return [] }
        // The window: from a few tokens before the first match, moved back when the body ends early.
        var from = max(0, first - lead)
        _ = tokens.exists(from + length)
        if tokens.ranges.count < from + length { from = max(0, tokens.ranges.count - length) }
        let to = min(tokens.ranges.count, from + length)
        // Each token's match run (0: none); a phrase is one run, so the space inside it is marked too.
        var run = Array(repeating: 0, count: to - from)
        var at = from, runs = 0
        while at < to {
            let length = tokens.matchLength(at: at, terms: terms)
            if length > 0 { runs += 1 }
            for j in at..<min(to, at + max(length, 1)) { run[j - from] = length > 0 ? runs : 0 }
            at += max(length, 1)
        }
        // The window as byte ranges, each matched or not, adjacent ones of a kind joined: one string per part.
        var segments: [(range: Range<Int>, isMatch: Bool)] = []
        func push(_ range: Range<Int>, _ isMatch: Bool) {
            guard !range.isEmpty else { return }
            if let last = segments.last, last.isMatch == isMatch, last.range.upperBound == range.lowerBound {
                segments[segments.count - 1].range = last.range.lowerBound..<range.upperBound
            } else {
                segments.append((range, isMatch))
            }
        }
        var cursor = tokens.ranges[from].lowerBound
        for k in from..<to {
            let inRun = run[k - from]
            push(cursor..<tokens.ranges[k].lowerBound, k > from && inRun > 0 && run[k - from - 1] == inRun)
            push(tokens.ranges[k], inRun > 0)
            cursor = tokens.ranges[k].upperBound
        }
        let continues = tokens.exists(to)
        if !continues { push(cursor..<bytes.count, false) }
        var parts = segments.map { SnippetPart(String(tokens.text($0.range)), isMatch: $0.isMatch) }
        if from > 0 {
            if let first = parts.first, !first.isMatch { parts[0].text = "…" + first.text } else { parts.insert(SnippetPart("…"), at: 0) }
        }
        if continues {
            if let last = parts.last, !last.isMatch { parts[parts.count - 1].text += "…" } else { parts.append(SnippetPart("…")) }
        }
        return parts
    }
}

/// Finds the tokens of a UTF-8 text lazily, as the index's tokenizer splits them, and compares them with query words.
private struct TokenScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Token ranges (byte offsets) found so far.
    private(set) var ranges: [Range<Int>] = []
    /// Folded forms of the non-ASCII tokens compared so far.
    private var folded: [Int: String] = [:]
    private var scan = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        ranges.reserveCapacity(min(bytes.count / 4 + 1, 1_024))
    }

    /// Whether the scalar at byte `at` belongs inside a token, and its length in bytes (the text is valid UTF-8:
    /// it came from a String).
    @inline(__always)
    private func isToken(at at: Int) -> (Bool, Int) {
        let lead = bytes[at]
        // ASCII letters and digits, as SearchText.isTokenScalar has them.
        if lead < 0x80 { return (lead &- 48 < 10 || (lead | 0x20) &- 97 < 26, 1) }
        let width = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
        var value = UInt32(lead) & (width == 2 ? 0x1F : (width == 3 ? 0x0F : 0x07))
        for k in 1..<width where at + k < bytes.count { value = (value << 6) | (UInt32(bytes[at + k]) & 0x3F) }
        // General Punctuation (curly quotes, dashes, spaces): never inside a token, and common in news text.
        if value >= 0x2000, value <= 0x206F { return (false, width) }
        return (Unicode.Scalar(value).map(SearchText.isTokenScalar) ?? false, width)
    }

    /// Whether there is a token `i`, scanning only as far as needed to know.
    mutating func exists(_ i: Int) -> Bool {
        guard ranges.count <= i else { return true }
        // Locals, so the loop runs in registers rather than through `self`.
        var at = scan
        let end = bytes.count
        while ranges.count <= i, at < end {
            while at < end {
                let (inside, width) = isToken(at: at)
                if inside { break }
                at += width
            }
            guard at < end else { break }
            let start = at
            while at < end {
                let (inside, width) = isToken(at: at)
                if !inside { break }
                at += width
            }
            ranges.append(start..<at)
        }
        scan = at
        return i < ranges.count
    }

    func text(_ range: Range<Int>) -> Substring {
        Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }

    /// Token `i` folded as the index folds it.
    private mutating func token(_ i: Int) -> String {
        if let known = folded[i] { return known }
        let value = SearchText.fold(String(text(ranges[i])))
        folded[i] = value
        return value
    }

    /// Whether token `i` folds to `word` (or starts with it), comparing bytes for plain ASCII tokens.
    mutating func token(_ i: Int, is word: SnippetTerm.Word, prefix: Bool = false) -> Bool {
        let range = ranges[i]
        let expected = word.bytes
        var k = 0
        for at in range {
            let value = bytes[at]
            guard value < 128 else {
                return prefix ? token(i).hasPrefix(word.text) : token(i) == word.text
            }
            guard k < expected.count else { return prefix }
            let lower = value >= 65 && value <= 90 ? value + 32 : value
            if expected[k] != lower { return false }
            k += 1
        }
        return k == expected.count
    }

    /// The number of tokens a term matches starting at token `i` (0: none).
    mutating func matchLength(at i: Int, terms: [SnippetTerm]) -> Int {
        for t in terms.indices {
            let count = terms[t].words.count
            if count == 1 {
                if token(i, is: terms[t].words[0], prefix: terms[t].isPrefix) { return 1 }
                continue
            }
            guard count > 0 else { continue }
            var all = true
            for k in 0..<count where !(exists(i + k) && token(i + k, is: terms[t].words[k])) { all = false; break }
            if all { return count }
        }
        return 0
    }
}

/// A query term as the snippet compares it: its words as text and as UTF-8 bytes.
struct SnippetTerm {
    struct Word {
        var text: String
        var bytes: [UInt8]
    }
    var words: [Word]
    var isPrefix: Bool

    init(_ term: SearchTerm) {
        words = term.tokens.map { Word(text: $0, bytes: Array($0.utf8)) }
        if case .prefix = term { isPrefix = true } else { isPrefix = false }
    }
}
