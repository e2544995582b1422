import Foundation

/// The snippet under a search result: about `length` tokens of the body from just before the first match, with
/// every matching token marked. Shared by the stores, so a result reads the same whichever store found it.
public enum SearchSnippet {
    /// Words of context kept before the first match.
    static let lead = 3

    /// The snippet of `body` for these query terms (the positive terms of the expression).
    /// Only the tokens up to the end of the window are folded, so a long body costs little more than a short one.
    public static func make(_ body: String, terms: [SearchTerm], length: Int = 24) -> [SnippetPart] {
        let scalars = body.unicodeScalars
        // Token ranges, found lazily: scanning stops once the window (and one token past it) is known.
        var ranges: [Range<String.Index>] = []
        var folded: [String?] = []
        var scan = scalars.startIndex
        func tokenExists(_ i: Int) -> Bool {
            while ranges.count <= i, scan < scalars.endIndex {
                while scan < scalars.endIndex, !SearchText.isTokenScalar(scalars[scan]) { scan = scalars.index(after: scan) }
                guard scan < scalars.endIndex else { break }
                let start = scan
                while scan < scalars.endIndex, SearchText.isTokenScalar(scalars[scan]) { scan = scalars.index(after: scan) }
                ranges.append(start..<scan)
                folded.append(nil)
            }
            return i < ranges.count
        }
        // Ranges fall on scalar boundaries, which need not be character boundaries: slice the scalars.
        func text(_ range: Range<String.Index>) -> Substring { Substring(scalars[range]) }
        func token(_ i: Int) -> String {
            if let known = folded[i] { return known }
            let value = SearchText.fold(String(text(ranges[i])))
            folded[i] = value
            return value
        }
        /// Whether token `i` folds to `word` (or starts with it), without building a string for plain ASCII tokens.
        func token(_ i: Int, is word: String, prefix: Bool = false) -> Bool {
            let range = ranges[i]
            var ascii = true
            var candidate = word.utf8.makeIterator()
            var index = range.lowerBound
            while index < range.upperBound {
                let value = scalars[index].value
                guard value < 128 else { ascii = false; break }
                let lower = value >= 65 && value <= 90 ? value + 32 : value
                guard let expected = candidate.next() else { return prefix }
                if UInt32(expected) != lower { return false }
                index = scalars.index(after: index)
            }
            if ascii { return candidate.next() == nil }
            return prefix ? token(i).hasPrefix(word) : token(i) == word
        }
        /// The number of tokens a term matches starting at `i` (0: none).
        func matchLength(at i: Int) -> Int {
            for term in terms {
                switch term {
                case .word(let word): if token(i, is: word) { return 1 }
                case .prefix(let prefix): if token(i, is: prefix, prefix: true) { return 1 }
                case .phrase(let words):
                    guard !words.isEmpty else { continue }
                    if words.indices.allSatisfy({ tokenExists(i + $0) && token(i + $0, is: words[$0]) }) { return words.count }
                }
            }
            return 0
        }
        var first = 0
        var i = 0
        while tokenExists(i) {
            if matchLength(at: i) > 0 { first = i; break }
            i += 1
        }
        guard tokenExists(0) else { return [] }
        // The window: from a few tokens before the first match, moved back when the body ends early.
        var from = max(0, first - lead)
        _ = tokenExists(from + length)
        if ranges.count < from + length { from = max(0, ranges.count - length) }
        let to = min(ranges.count, from + length)
        // Each token's match run (0: none); a phrase is one run, so the space inside it is marked too.
        var run = Array(repeating: 0, count: to - from)
        var at = from, runs = 0
        while at < to {
            let length = matchLength(at: at)
            if length > 0 { runs += 1 }
            for j in at..<min(to, at + max(length, 1)) { run[j - from] = length > 0 ? runs : 0 }
            at += max(length, 1)
        }
        var parts: [SnippetPart] = []
        func add(_ text: Substring, _ isMatch: Bool) {
            guard !text.isEmpty else { return }
            if let last = parts.last, last.isMatch == isMatch { parts[parts.count - 1].text += text } else { parts.append(SnippetPart(String(text), isMatch: isMatch)) }
        }
        if from > 0 { add("…", false) }
        var cursor = ranges[from].lowerBound
        for k in from..<to {
            let inRun = run[k - from]
            add(text(cursor..<ranges[k].lowerBound), k > from && inRun > 0 && run[k - from - 1] == inRun)
            add(text(ranges[k]), inRun > 0)
            cursor = ranges[k].upperBound
        }
        if tokenExists(to) { add("…", false) } else { add(text(cursor..<scalars.endIndex), false) }
        return parts
    }
}
