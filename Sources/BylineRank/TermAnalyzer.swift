import BylineSearch

/// Turns text into ranking terms: lowercase words split on Unicode letter and digit boundaries,
/// English stop words dropped, the rest Porter-stemmed.
///
/// "The Kazakh government's ministers resigned" → `["kazakh", "govern", "minist", "resign"]`.
/// Possessive `'s` is dropped and other apostrophes join a word ("don't" → "dont"); hyphens split.
public struct TermAnalyzer: Sendable {
    /// Words never used as terms.
    public var stopWords: Set<String>
    /// Whether terms are stemmed (words that are not plain ASCII letters are never stemmed).
    public var stems: Bool
    /// Terms shorter than this many characters are dropped.
    public var minimumLength: Int

    /// Makes an analyzer; the defaults suit English news text.
    public init(stopWords: Set<String> = TermAnalyzer.englishStopWords, stems: Bool = true, minimumLength: Int = 2) {
        self.stopWords = stopWords; self.stems = stems; self.minimumLength = minimumLength
    }

    /// The lowercase words of `text` in order, stop words included (used for shingles).
    public func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(in: text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// The terms of `text` in order: words without stop words and short words, stemmed.
    public func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(in: text) { word in
            if let term = term(forWord: word) { out.append(term) }
        }
        return out
    }

    /// The term a lowercase word (UTF-8) stands for, or `nil` when it is a stop word or too short.
    public func term(forWord word: [UInt8]) -> String? {
        let text = String(decoding: word, as: UTF8.self)
        if text.count < minimumLength || stopWords.contains(text) { return nil }
        guard stems, word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return text }
        return String(decoding: PorterStemmer().stem(bytes: word), as: UTF8.self)
    }

    /// Calls `body` with each lowercase word of `text` as UTF-8 bytes; the buffer is reused between calls.
    public func forEachWord(in text: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var pendingApostrophe = false
        var skipPossessive = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let byte = UInt8(truncatingIfNeeded: v)
                let isLetter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                let isDigit = byte >= 0x30 && byte <= 0x39
                if isLetter || isDigit {
                    if skipPossessive {
                        // "'s" followed by more letters was not a possessive: keep it ("o'shea").
                        skipPossessive = false
                        word.append(UInt8(ascii: "s"))
                    }
                    if pendingApostrophe {
                        pendingApostrophe = false
                        if byte == UInt8(ascii: "s") || byte == UInt8(ascii: "S") { skipPossessive = true; continue }
                    }
                    word.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    continue
                }
                if byte == UInt8(ascii: "'") && !word.isEmpty && !pendingApostrophe && !skipPossessive {
                    pendingApostrophe = true
                    continue
                }
            } else if v == 0x2019 && !word.isEmpty && !pendingApostrophe && !skipPossessive {
                pendingApostrophe = true
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if skipPossessive { skipPossessive = false; word.append(UInt8(ascii: "s")) }
                pendingApostrophe = false
                for unit in scalar.properties.lowercaseMapping.utf8 { word.append(unit) }
                continue
            } else if scalar.properties.generalCategory == .nonspacingMark && !word.isEmpty {
                word.append(contentsOf: String(scalar).utf8)
                continue
            }
            // A boundary.
            pendingApostrophe = false
            skipPossessive = false
            if !word.isEmpty { body(word); word.removeAll(keepingCapacity: true) }
        }
        if !word.isEmpty { body(word) }
    }

    /// A compact English stop-word list: function words and news boilerplate verbs ("said").
    public static let englishStopWords: Set<String> = Set("""
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    said says say mr mrs ms one two new year years also told many much may might must shall us its it's last
    first like get got make made well even still since around however yet per cent
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}

/// Maps terms to dense integer ids, so indexes store `Int32`s instead of strings.
///
/// Also caches the word → term mapping, so each distinct word is stemmed once.
public struct TermVocabulary: Sendable {
    private var ids: [String: Int32] = [:]
    private var wordTerms: [[UInt8]: Int32] = [:]
    /// The term of each id.
    public private(set) var terms: [String] = []
    /// How text becomes terms.
    public let analyzer: TermAnalyzer

    /// Makes an empty vocabulary using `analyzer`.
    public init(analyzer: TermAnalyzer = TermAnalyzer()) { self.analyzer = analyzer }

    /// The number of distinct terms.
    public var count: Int { terms.count }

    /// The id of `term`, creating one when it is new.
    public mutating func id(for term: String) -> Int32 {
        if let id = ids[term] { return id }
        let id = Int32(terms.count)
        ids[term] = id
        terms.append(term)
        return id
    }

    /// The id of `term` when it is known.
    public func existingID(for term: String) -> Int32? { ids[term] }

    /// The term ids of `text` in order (new terms get new ids), plus a hash per word for shingling.
    public mutating func analyze(_ text: String) -> (terms: [Int32], wordHashes: [UInt64]) {
        var termIDs: [Int32] = []
        var hashes: [UInt64] = []
        analyzer.forEachWord(in: text) { word in
            hashes.append(Self.hash(word))
            if let cached = wordTerms[word] {
                if cached >= 0 { termIDs.append(cached) }
                return
            }
            let id = analyzer.term(forWord: word).map { self.id(for: $0) } ?? -1
            wordTerms[word] = id
            if id >= 0 { termIDs.append(id) }
        }
        return (termIDs, hashes)
    }

    /// Like ``analyze(_:)`` but without adding terms: unknown terms are left out.
    public func analyzeExisting(_ text: String) -> (terms: [Int32], wordHashes: [UInt64]) {
        var termIDs: [Int32] = []
        var hashes: [UInt64] = []
        analyzer.forEachWord(in: text) { word in
            hashes.append(Self.hash(word))
            if let cached = wordTerms[word] {
                if cached >= 0 { termIDs.append(cached) }
            } else if let term = analyzer.term(forWord: word), let id = ids[term] {
                termIDs.append(id)
            }
        }
        return (termIDs, hashes)
    }

    /// FNV-1a, 64-bit: stable across runs (unlike `Hasher`), so sketches can be compared and stored.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
