/// What the recogniser knows about one token on its own: hashes of its form, shape and affixes, and flags.
///
/// Computed once per token from its UTF-8 bytes, with no allocation; features combine these hashes.
struct TokenSignature: Sendable {
    var word: UInt64 = 0
    var lower: UInt64 = 0
    var shape: UInt64 = 0
    var shortShape: UInt64 = 0
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var flags: UInt16 = 0
    /// Gazetteer match bits (see ``Gazetteer``), filled in per document.
    var gazetteer: UInt16 = 0
    /// Case evidence from the rest of the document, filled in per document.
    var caseEvidence: UInt8 = 0

    static let initialCapital: UInt16 = 1 << 0
    static let allCapitals: UInt16 = 1 << 1
    static let hasDigit: UInt16 = 1 << 2
    static let allDigits: UInt16 = 1 << 3
    static let hasHyphen: UInt16 = 1 << 4
    static let hasPeriod: UInt16 = 1 << 5
    static let noLetterOrDigit: UInt16 = 1 << 6
    static let innerCapital: UInt16 = 1 << 7
    static let hasApostrophe: UInt16 = 1 << 8
    static let hasLetter: UInt16 = 1 << 9
    static let singleCharacter: UInt16 = 1 << 10
    static let lowercaseInitial: UInt16 = 1 << 11

    /// The signature of a sentence boundary (before the first or after the last token).
    static let boundary: TokenSignature = {
        var s = TokenSignature()
        let h = FeatureHash.of("<boundary>")
        s.word = h; s.lower = h; s.shape = h; s.shortShape = h
        return s
    }()

    init() {}

    init(form: String) {
        var text = form
        self = text.withUTF8 { TokenSignature(bytes: $0) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var word = FeatureHash.fnvOffset
        var lower = FeatureHash.fnvOffset
        var shape = FeatureHash.fnvOffset
        var shortShape = FeatureHash.fnvOffset
        var lastShapeChar: UInt8 = 0
        var shapeLength = 0
        var letters = 0, uppers = 0, digits = 0
        var flags: UInt16 = 0
        var p: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for k in 0..<n {
            let b = bytes[k]
            word = (word ^ UInt64(b)) &* FeatureHash.fnvPrime
            let isUpper = b >= 0x41 && b <= 0x5A
            let isLowerASCII = b >= 0x61 && b <= 0x7A
            let l = isUpper ? b | 0x20 : b
            lower = (lower ^ UInt64(l)) &* FeatureHash.fnvPrime
            switch k {
            case 0: p.0 = lower
            case 1: p.1 = lower
            case 2: p.2 = lower
            case 3: p.3 = lower
            default: break
            }
            var sc: UInt8
            if isUpper { sc = 0x58; letters += 1; uppers += 1; if k > 0 { flags |= Self.innerCapital } }
            else if isLowerASCII { sc = 0x78; letters += 1 }
            else if b >= 0x30 && b <= 0x39 { sc = 0x64; digits += 1 }
            else if b >= 0x80 {
                // Bytes of a non-ASCII letter: count the lead byte as one lowercase letter.
                if b & 0xC0 == 0x80 { continue }
                sc = 0x78; letters += 1
            } else {
                sc = b
                if b == 0x2D { flags |= Self.hasHyphen }
                if b == 0x2E { flags |= Self.hasPeriod }
                if b == 0x27 { flags |= Self.hasApostrophe }
            }
            if shapeLength < 6 { shape = (shape ^ UInt64(sc)) &* FeatureHash.fnvPrime; shapeLength += 1 }
            if sc != lastShapeChar { shortShape = (shortShape ^ UInt64(sc)) &* FeatureHash.fnvPrime; lastShapeChar = sc }
        }
        if n > 6 { shape = (shape ^ 0x2B) &* FeatureHash.fnvPrime }
        if n < 2 { p.1 = p.0 }
        if n < 3 { p.2 = p.1 }
        if n < 4 { p.3 = p.2 }
        // Suffixes of the lowercased bytes, hashed from the end backwards.
        var s: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var h = FeatureHash.fnvOffset ^ 0x5F
        for k in 0..<min(4, n) {
            let b = bytes[n - 1 - k]
            let l = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            h = (h ^ UInt64(l)) &* FeatureHash.fnvPrime
            switch k {
            case 0: s.0 = h
            case 1: s.1 = h
            case 2: s.2 = h
            default: s.3 = h
            }
        }
        if n < 2 { s.1 = s.0 }
        if n < 3 { s.2 = s.1 }
        if n < 4 { s.3 = s.2 }

        if n > 0 {
            let first = bytes[0]
            if first >= 0x41 && first <= 0x5A { flags |= Self.initialCapital }
            if (first >= 0x61 && first <= 0x7A) { flags |= Self.lowercaseInitial }
        }
        if letters > 0 { flags |= Self.hasLetter; if uppers == letters { flags |= Self.allCapitals } }
        if digits > 0 { flags |= Self.hasDigit; if digits == n { flags |= Self.allDigits } }
        if letters == 0 && digits == 0 { flags |= Self.noLetterOrDigit }
        if n == 1 { flags |= Self.singleCharacter }
        if flags & Self.allCapitals != 0 { flags &= ~Self.innerCapital }

        self.word = word
        self.lower = lower
        self.shape = shape
        self.shortShape = shortShape
        self.prefix = p
        self.suffix = s
        self.flags = flags
    }

    /// The capitalisation class: 0 lowercase or other, 1 initial capital, 2 all capitals.
    var capitalClass: UInt64 {
        if flags & Self.allCapitals != 0 && flags & Self.hasLetter != 0 { return 2 }
        if flags & Self.initialCapital != 0 { return 1 }
        return 0
    }
}
