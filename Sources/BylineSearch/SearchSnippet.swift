import Foundation

/// The snippet under a search result: about `length` tokens of the body from just before the first match, with
/// every matching token marked. Shared by the stores, so a result reads the same whichever store found it.
package enum SearchSnippet {
    /// Words of context kept before the first match.
    static let lead = 3

    /// The snippet of `body` for these query terms (the positive terms of the expression).
    /// Only the tokens up to the end of the window are found and compared, on the UTF-8 bytes (plain ASCII
    /// tokens without building strings), and the plain-ASCII text before the first place a term could start is
    /// skipped with a byte search, so a long body costs little more than a short one.
    package static func make(_ body: String, terms: [SearchTerm], length: Int = 24) -> [SnippetPart] {
        make(body, terms: terms, length: length, skipAhead: true)
    }

    /// ``make(_:terms:length:)`` for a body given as UTF-8 bytes (straight from a database row, without building a
    /// `String`). Invalid UTF-8 is tolerated: it never reads outside `utf8`, and the parts' text is repaired.
    package static func make(utf8: UnsafeBufferPointer<UInt8>, terms: [SearchTerm], length: Int = 24) -> [SnippetPart] {
        make(utf8, terms: terms.map(SnippetTerm.init), length: length, skipAhead: true)
    }

    /// ``make(_:terms:length:)``, or with `skipAhead: false` the plain scan from the first token (tests hold the
    /// two to the same snippets).
    static func make(_ body: String, terms: [SearchTerm], length: Int, skipAhead: Bool) -> [SnippetPart] {
        var body = body
        let terms = terms.map(SnippetTerm.init)
        return body.withUTF8 { make($0, terms: terms, length: length, skipAhead: skipAhead) }
    }

    private static func make(_ bytes: UnsafeBufferPointer<UInt8>, terms: [SnippetTerm], length: Int, skipAhead: Bool) -> [SnippetPart] {
        var start = 0
        if skipAhead {
            // No token can match: the body's opening, unmarked.
            guard let skip = ScanStart.find(bytes, terms: terms, lead: lead) else {
                return make(bytes, terms: [], length: length, skipAhead: false)
            }
            start = skip
        }
        var tokens = TokenScanner(bytes: bytes, from: start)
        var first: Int?
        var i = 0
        while !terms.isEmpty, tokens.exists(i) {
            if tokens.matchLength(at: i, terms: terms) > 0 { first = i; break }
            i += 1
        }
        guard tokens.exists(0) else { return [] }
        if start > 0 {
            // The candidate was no match after all, and nothing later matched either: the body's opening.
            guard first != nil else { return make(bytes, terms: [], length: length, skipAhead: false) }
        }
        // The window: from a few tokens before the first match, moved back when the body ends early.
        var from = max(0, (first ?? 0) - lead)
        _ = tokens.exists(from + length)
        if tokens.ranges.count < from + length {
            // Moving back would reach into the skipped text: scan the body from its start instead.
            if start > 0 { return make(bytes, terms: terms, length: length, skipAhead: false) }
            from = max(0, tokens.ranges.count - length)
        }
        let to = min(tokens.ranges.count, from + length)
        let cutBefore = from > 0 || ScanStart.hasToken(bytes, before: start)
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
        if cutBefore {
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

    /// Token 0 is the first token at or after byte `from`, which must not be inside a token.
    init(bytes: UnsafeBufferPointer<UInt8>, from: Int = 0) {
        self.bytes = bytes
        scan = from
        ranges.reserveCapacity(min((bytes.count - from) / 4 + 1, 1_024))
    }

    /// Whether the scalar at byte `at` belongs inside a token, and its length in bytes (the text is valid UTF-8:
    /// it came from a String).
    @inline(__always)
    private func isToken(at at: Int) -> (Bool, Int) { Self.isToken(bytes, at: at) }

    @inline(__always)
    static func isToken(_ bytes: UnsafeBufferPointer<UInt8>, at at: Int) -> (Bool, Int) {
        let lead = bytes[at]
        if lead < 0x80 { return (ScanStart.isWordByte(lead), 1) }
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

/// Where a snippet's token scan may start: skipping plain text that cannot hold a match.
enum ScanStart {
    /// The start of the token `lead` tokens before the first place where a term could match, or 0 when there are
    /// fewer tokens before it; `nil` when no token of the body can match.
    ///
    /// A token matches a term only if it starts with the term's first word. Up to the first letter beyond ASCII,
    /// every token is plain ASCII and folds to its lowercase bytes, so the earliest place a term could match is the
    /// earliest case-insensitive occurrence of a first word's bytes (inside a longer word too: a superset is fine,
    /// the scan checks each token). From the first letter beyond ASCII on, folding needs Unicode, so the scan starts
    /// there at the latest. Characters beyond ASCII that are not letters or digits (£, €, curly quotes, dashes)
    /// separate tokens and are skipped.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, terms: [SnippetTerm], lead: Int) -> Int? {
        let firsts = terms.compactMap { $0.words.first?.bytes }.filter { !$0.isEmpty }
        guard !firsts.isEmpty else { return nil }
        guard firsts.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) else { return 0 }
        // The first bytes of the first words, as a bit set over 0..<128.
        var starts: (UInt64, UInt64) = (0, 0)
        for word in firsts {
            if word[0] < 64 { starts.0 |= 1 << UInt64(word[0]) } else { starts.1 |= 1 << UInt64(word[0] - 64) }
        }
        let end = bytes.count
        var candidate = end
        var at = 0
        scan: while at < end {
            let byte = bytes[at]
            if byte >= 0x80 {
                let (inside, width) = TokenScanner.isToken(bytes, at: at)
                if inside { candidate = at; break scan }
                at += width
                continue
            }
            // `| 0x20` lowercases ASCII letters and leaves digits alone (it may also map other bytes onto a
            // letter: those candidates are checked by the scan and found wanting).
            let lower = byte | 0x20
            let isStart = lower < 64 ? starts.0 & (1 << UInt64(lower)) != 0 : starts.1 & (1 << UInt64(lower - 64)) != 0
            guard isStart else { at += 1; continue }
            for word in firsts where word[0] == lower && at + word.count <= end {
                var k = 1
                while k < word.count, bytes[at + k] | 0x20 == word[k] { k += 1 }
                if k == word.count { candidate = at; break scan }
            }
            at += 1
        }
        guard candidate < end else { return nil }
        // Back to the start of the candidate's token (everything before the candidate is ASCII or a separator),
        // then `lead` tokens further back.
        var start = candidate
        while start > 0, isWordByte(bytes[start - 1]) { start -= 1 }
        for _ in 0..<lead {
            var back = start
            while back > 0, !isWordByte(bytes[back - 1]) { back -= 1 }
            if back == 0 { return 0 }
            while back > 0, isWordByte(bytes[back - 1]) { back -= 1 }
            start = back
        }
        return start
    }

    /// Whether any token ends before byte `start` (which ``find(_:terms:lead:)`` returned).
    static func hasToken(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var at = start
        while at > 0 {
            if isWordByte(bytes[at - 1]) { return true }
            at -= 1
        }
        return false
    }

    /// An ASCII letter or digit, as SearchText.isTokenScalar has them (before ``find(_:terms:lead:)``'s start, the
    /// only bytes that make tokens).
    @inline(__always)
    fileprivate static func isWordByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || (byte | 0x20) &- 97 < 26
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

/// A piece of a snippet: plain text, or text that matched the query.
public struct SnippetPart: Hashable, Sendable {
    public var text: String
    public var isMatch: Bool
    public init(_ text: String, isMatch: Bool = false) { self.text = text; self.isMatch = isMatch }
}
