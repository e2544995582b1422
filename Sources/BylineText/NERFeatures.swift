/// A document prepared for the recogniser: token signatures with gazetteer and case evidence filled in.
struct NERDocument: Sendable {
    var signatures: [TokenSignature]
    var sentenceRanges: [Range<Int>]
    /// Per sentence: whether all its letters are capitals (a CoNLL headline, a shouted line).
    var sentenceIsAllCaps: [Bool]

    /// Prepares `sentences` (each a list of token forms) with `gazetteer`.
    init(sentences: [[String]], gazetteer: Gazetteer) {
        var signatures: [TokenSignature] = []
        signatures.reserveCapacity(sentences.reduce(0) { $0 + $1.count })
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(sentences.count)
        for sentence in sentences {
            let start = signatures.count
            for form in sentence { signatures.append(TokenSignature(form: form)) }
            ranges.append(start..<signatures.count)
        }
        self.init(signatures: signatures, sentenceRanges: ranges, gazetteer: gazetteer)
    }

    init(signatures: [TokenSignature], sentenceRanges: [Range<Int>], gazetteer: Gazetteer) {
        self.signatures = signatures
        self.sentenceRanges = sentenceRanges
        var allCaps: [Bool] = []
        allCaps.reserveCapacity(sentenceRanges.count)
        for range in sentenceRanges {
            var letters = 0, capitalWords = 0
            for i in range where self.signatures[i].flags & TokenSignature.hasLetter != 0 {
                letters += 1
                if self.signatures[i].flags & TokenSignature.allCapitals != 0 { capitalWords += 1 }
            }
            allCaps.append(letters >= 2 && capitalWords == letters)
        }
        self.sentenceIsAllCaps = allCaps
        for range in sentenceRanges { gazetteer.mark(&self.signatures, range: range) }
        fillCaseEvidence()
    }

    /// Records, for every word, how the rest of the document writes it: lowercase, capitalised mid-sentence, in capitals.
    private mutating func fillCaseEvidence() {
        var evidence: [UInt64: UInt8] = [:]
        evidence.reserveCapacity(signatures.count / 2)
        for (s, range) in sentenceRanges.enumerated() where !sentenceIsAllCaps[s] {
            for i in range {
                let flags = signatures[i].flags
                guard flags & TokenSignature.hasLetter != 0 else { continue }
                var bit: UInt8 = 0
                if flags & TokenSignature.lowercaseInitial != 0 { bit = 1 }
                else if i > range.lowerBound, flags & TokenSignature.allCapitals != 0 { bit = 4 }
                else if i > range.lowerBound, flags & TokenSignature.initialCapital != 0 { bit = 2 }
                if bit != 0 { evidence[signatures[i].lower, default: 0] |= bit }
            }
        }
        for i in signatures.indices {
            signatures[i].caseEvidence = evidence[signatures[i].lower] ?? 0
        }
    }
}

/// The feature templates of the recogniser. Changing them invalidates trained models: bump ``NERModel/formatVersion``.
enum NERFeatures {
    /// Most static features one token can have.
    static let maxPerToken = 64
    /// Label index used for "before the sentence" in dynamic features.
    static let startLabel: UInt64 = 15

    @inline(__always) private static func t(_ n: UInt64) -> UInt64 { n &* 0x1000_0000_0000_0F1B }

    /// Writes the static feature hashes of token `i` (within `range`) into `out`, returning how many.
    static func extract(_ doc: NERDocument, token i: Int, sentence s: Int, into out: UnsafeMutablePointer<UInt64>) -> Int {
        let range = doc.sentenceRanges[s]
        let sig = doc.signatures
        let cur = sig[i]
        let p1 = i - 1 >= range.lowerBound ? sig[i - 1] : TokenSignature.boundary
        let p2 = i - 2 >= range.lowerBound ? sig[i - 2] : TokenSignature.boundary
        let n1 = i + 1 < range.upperBound ? sig[i + 1] : TokenSignature.boundary
        let n2 = i + 2 < range.upperBound ? sig[i + 2] : TokenSignature.boundary
        let allCaps: UInt64 = doc.sentenceIsAllCaps[s] ? 1 : 0
        let initial: UInt64 = i == range.lowerBound ? 1 : 0
        let firstSentence: UInt64 = s == 0 ? 1 : 0
        var c = 0
        @inline(__always) func add(_ h: UInt64) { out[c] = h; c += 1 }
        typealias H = FeatureHash
        add(t(1))
        add(H.mix(t(2), cur.word))
        add(H.mix(t(3), cur.lower))
        add(H.mix(t(4), cur.shape))
        add(H.mix(t(5), cur.shortShape))
        add(H.mix(t(6), cur.prefix.0)); add(H.mix(t(7), cur.prefix.1)); add(H.mix(t(8), cur.prefix.2)); add(H.mix(t(9), cur.prefix.3))
        add(H.mix(t(10), cur.suffix.0)); add(H.mix(t(11), cur.suffix.1)); add(H.mix(t(12), cur.suffix.2)); add(H.mix(t(13), cur.suffix.3))
        add(H.mix(t(14), p1.lower)); add(H.mix(t(15), n1.lower)); add(H.mix(t(16), p2.lower)); add(H.mix(t(17), n2.lower))
        add(H.mix(t(18), p1.shortShape)); add(H.mix(t(19), n1.shortShape))
        add(H.mix(t(20), p1.shape, cur.shape)); add(H.mix(t(21), cur.shape, n1.shape))
        add(H.mix(t(22), p1.lower, cur.lower)); add(H.mix(t(23), cur.lower, n1.lower))
        add(H.mix(t(24), H.mix(p1.shortShape, cur.shortShape), n1.shortShape))
        add(H.mix(t(25), UInt64(cur.flags)))
        add(H.mix(t(26), initial, cur.shape))
        add(H.mix(t(27), allCaps &* 8 &+ UInt64(cur.caseEvidence), cur.capitalClass &* 2 &+ initial))
        add(H.mix(t(28), UInt64(cur.caseEvidence), cur.shortShape))
        add(H.mix(t(29), allCaps, cur.lower))
        add(H.mix(t(30), p1.word, cur.shape))
        add(H.mix(t(31), n1.lower, cur.shape))
        add(H.mix(t(32), p1.lower, cur.shape))
        add(H.mix(t(33), p2.shortShape, n2.shortShape))
        add(H.mix(t(34), firstSentence, cur.shortShape))
        add(H.mix(t(35), p1.suffix.2, cur.shortShape))
        add(H.mix(t(36), n1.suffix.2, cur.shortShape))
        // Gazetteer: each bit of this token, and the whole masks of the neighbours.
        var g = cur.gazetteer
        while g != 0 {
            let bit = UInt64(g.trailingZeroBitCount)
            add(H.mix(t(40), bit))
            add(H.mix(t(41), bit, cur.capitalClass &+ allCaps &* 4))
            g &= g &- 1
        }
        add(H.mix(t(42), UInt64(p1.gazetteer), UInt64(cur.gazetteer)))
        add(H.mix(t(43), UInt64(cur.gazetteer), UInt64(n1.gazetteer)))
        return c
    }

    /// Hashes of the dynamic features of a token, before mixing in the previous label.
    @inline(__always)
    static func dynamicBases(_ sig: TokenSignature) -> (UInt64, UInt64, UInt64) {
        (t(50), FeatureHash.mix(t(51), sig.lower), FeatureHash.mix(t(52), sig.shape))
    }

    /// One dynamic feature: a base from ``dynamicBases(_:)`` with the previous label mixed in.
    @inline(__always)
    static func dynamic(_ base: UInt64, previous: UInt64) -> UInt64 { FeatureHash.mix(base, previous &+ 1) }
}
