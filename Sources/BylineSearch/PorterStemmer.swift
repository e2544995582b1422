/// Martin Porter's 1980 English suffix-stripping algorithm, on lowercase ASCII bytes.
///
/// Follows the reference C implementation (including its `bli`→`ble` and `logi`→`log` departures
/// from the paper), so "connections", "connected" and "connecting" all become "connect".
public struct PorterStemmer: Sendable {
    /// Makes a stemmer; it holds no state between words.
    public init() {}

    /// The stem of `word`; words that are not lowercase ASCII letters, or are shorter than three
    /// letters, come back unchanged.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        return String(decoding: stem(bytes: bytes), as: UTF8.self)
    }

    /// The stem of a lowercase ASCII word given as bytes.
    public func stem(bytes: [UInt8]) -> ArraySlice<UInt8> {
        guard bytes.count > 2 else { return bytes[...] }
        var word = Word(b: bytes, k: bytes.count - 1, j: 0)
        word.step1ab(); word.step1c(); word.step2(); word.step3(); word.step4(); word.step5()
        return word.b[0...word.k]
    }
}

/// The working state of one stemming: `b[0...k]` is the current word, `j` marks the end of a stem.
private struct Word {
    var b: [UInt8]
    var k: Int
    var j: Int

    func isConsonant(_ i: Int) -> Bool {
        switch b[i] {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return false
        case UInt8(ascii: "y"): return i == 0 ? true : !isConsonant(i - 1)
        default: return true
        }
    }

    /// The number of vowel–consonant sequences in `b[0...j]`.
    func measure() -> Int {
        var n = 0
        var i = 0
        while true {
            if i > j { return n }
            if !isConsonant(i) { break }
            i += 1
        }
        i += 1
        while true {
            while true {
                if i > j { return n }
                if isConsonant(i) { break }
                i += 1
            }
            i += 1
            n += 1
            while true {
                if i > j { return n }
                if !isConsonant(i) { break }
                i += 1
            }
            i += 1
        }
    }

    func vowelInStem() -> Bool {
        guard j >= 0 else { return false }
        for i in 0...j where !isConsonant(i) { return true }
        return false
    }

    func doubleConsonant(_ i: Int) -> Bool {
        i >= 1 && b[i] == b[i - 1] && isConsonant(i)
    }

    /// Consonant–vowel–consonant ending at `i`, where the last consonant is not w, x or y.
    func cvc(_ i: Int) -> Bool {
        guard i >= 2, isConsonant(i), !isConsonant(i - 1), isConsonant(i - 2) else { return false }
        let c = b[i]
        return c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != UInt8(ascii: "y")
    }

    mutating func ends(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard length <= k + 1 else { return false }
        let s = suffix.utf8Start
        var i = 0
        while i < length {
            if b[k - length + 1 + i] != s[i] { return false }
            i += 1
        }
        j = k - length
        return true
    }

    mutating func setTo(_ replacement: StaticString) {
        let length = replacement.utf8CodeUnitCount
        let s = replacement.utf8Start
        // Replacements are never longer than the suffix they replace plus two bytes.
        while b.count < j + 1 + length { b.append(0) }
        var i = 0
        while i < length {
            b[j + 1 + i] = s[i]
            i += 1
        }
        k = j + length
    }

    mutating func replaceIfMeasured(_ replacement: StaticString) {
        if measure() > 0 { setTo(replacement) }
    }

    mutating func step1ab() {
        if b[k] == UInt8(ascii: "s") {
            if ends("sses") { k -= 2 }
            else if ends("ies") { setTo("i") }
            else if k >= 1 && b[k - 1] != UInt8(ascii: "s") { k -= 1 }
        }
        if ends("eed") {
            if measure() > 0 { k -= 1 }
        } else if (ends("ed") || ends("ing")) && vowelInStem() {
            k = j
            if ends("at") { setTo("ate") }
            else if ends("bl") { setTo("ble") }
            else if ends("iz") { setTo("ize") }
            else if doubleConsonant(k) {
                k -= 1
                let c = b[k]
                if c == UInt8(ascii: "l") || c == UInt8(ascii: "s") || c == UInt8(ascii: "z") { k += 1 }
            } else if measure() == 1 && cvc(k) {
                setTo("e")
            }
        }
    }

    mutating func step1c() {
        if ends("y") && vowelInStem() { b[k] = UInt8(ascii: "i") }
    }

    /// Applies one rule when `suffix` ends the word; returns whether it matched, so the caller
    /// stops at the first matching suffix.
    mutating func rule(_ suffix: StaticString, _ replacement: StaticString) -> Bool {
        guard ends(suffix) else { return false }
        replaceIfMeasured(replacement)
        return true
    }

    mutating func step2() {
        guard k >= 1 else { return }
        switch b[k - 1] {
        case UInt8(ascii: "a"): _ = rule("ational", "ate") || rule("tional", "tion")
        case UInt8(ascii: "c"): _ = rule("enci", "ence") || rule("anci", "ance")
        case UInt8(ascii: "e"): _ = rule("izer", "ize")
        case UInt8(ascii: "l"): _ = rule("bli", "ble") || rule("alli", "al") || rule("entli", "ent") || rule("eli", "e") || rule("ousli", "ous")
        case UInt8(ascii: "o"): _ = rule("ization", "ize") || rule("ation", "ate") || rule("ator", "ate")
        case UInt8(ascii: "s"): _ = rule("alism", "al") || rule("iveness", "ive") || rule("fulness", "ful") || rule("ousness", "ous")
        case UInt8(ascii: "t"): _ = rule("aliti", "al") || rule("iviti", "ive") || rule("biliti", "ble")
        case UInt8(ascii: "g"): _ = rule("logi", "log")
        default: break
        }
    }

    mutating func step3() {
        switch b[k] {
        case UInt8(ascii: "e"): _ = rule("icate", "ic") || rule("ative", "") || rule("alize", "al")
        case UInt8(ascii: "i"): _ = rule("iciti", "ic")
        case UInt8(ascii: "l"): _ = rule("ical", "ic") || rule("ful", "")
        case UInt8(ascii: "s"): _ = rule("ness", "")
        default: break
        }
    }

    mutating func step4() {
        guard k >= 1 else { return }
        let matched: Bool
        switch b[k - 1] {
        case UInt8(ascii: "a"): matched = ends("al")
        case UInt8(ascii: "c"): matched = ends("ance") || ends("ence")
        case UInt8(ascii: "e"): matched = ends("er")
        case UInt8(ascii: "i"): matched = ends("ic")
        case UInt8(ascii: "l"): matched = ends("able") || ends("ible")
        case UInt8(ascii: "n"): matched = ends("ant") || ends("ement") || ends("ment") || ends("ent")
        case UInt8(ascii: "o"):
            if ends("ion") && j >= 0 && (b[j] == UInt8(ascii: "s") || b[j] == UInt8(ascii: "t")) { matched = true }
            else { matched = ends("ou") }
        case UInt8(ascii: "s"): matched = ends("ism")
        case UInt8(ascii: "t"): matched = ends("ate") || ends("iti")
        case UInt8(ascii: "u"): matched = ends("ous")
        case UInt8(ascii: "v"): matched = ends("ive")
        case UInt8(ascii: "z"): matched = ends("ize")
        default: matched = false
        }
        if matched && measure() > 1 { k = j }
    }

    mutating func step5() {
        j = k
        if b[k] == UInt8(ascii: "e") {
            let m = measure()
            if m > 1 || (m == 1 && !cvc(k - 1)) { k -= 1 }
        }
        if b[k] == UInt8(ascii: "l") && doubleConsonant(k) && measure() > 1 { k -= 1 }
    }
}
