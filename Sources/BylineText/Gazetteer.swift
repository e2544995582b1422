/// Lists of known names (places, people, organisations, nationalities) that the recogniser reads as features.
///
/// Keys are hashes of lowercased token sequences, so matching allocates nothing. A name only matches
/// where its first token starts with a capital letter or digit. Each entry carries type bits per source
/// (bits `4·source + type`), plus a flag saying that longer names start with the same tokens.
struct Gazetteer: Sendable {
    /// Where a name came from; sources get separate features because they differ in reliability.
    enum Source: Int, Sendable {
        /// The knowledge base: countries, capitals, demonyms, organisations, leaders.
        case knowledgeBase = 0
        /// Names seen in the training data.
        case corpus = 1
    }

    static let prefixFlag: UInt16 = 1 << 15
    static let maxTokens = 8

    private(set) var entries: [UInt64: UInt16] = [:]

    init() {}

    init(entries: [UInt64: UInt16]) { self.entries = entries }

    /// The hash of a token sequence, given the lowercase hashes of its tokens.
    @inline(__always)
    static func extend(_ hash: UInt64, with tokenLower: UInt64) -> UInt64 {
        FeatureHash.mix(hash, tokenLower)
    }

    static let start: UInt64 = 0x47A2_E77E_0000_0001

    /// Adds a name, already tokenised, with its type and source.
    mutating func add(tokens: [String], type: EntityType, source: Source) {
        guard !tokens.isEmpty, tokens.count <= Self.maxTokens else { return }
        var h = Self.start
        for (k, token) in tokens.enumerated() {
            h = Self.extend(h, with: TokenSignature(form: token).lower)
            if k < tokens.count - 1 { entries[h, default: 0] |= Self.prefixFlag }
        }
        entries[h, default: 0] |= UInt16(1) << UInt16(4 * source.rawValue + type.index)
    }

    /// Adds a name, tokenising it with `tokenizer`.
    mutating func add(name: String, type: EntityType, source: Source, tokenizer: NewsTokenizer = NewsTokenizer()) {
        add(tokens: tokenizer.tokenize(name).map(\.form), type: type, source: source)
    }

    /// Marks every match in a sentence's signatures: at the first token, bit `8·source + type` ("begins"),
    /// inside, bit `8·source + 4 + type`.
    func mark(_ signatures: inout [TokenSignature], range: Range<Int>) {
        guard !entries.isEmpty else { return }
        for i in range {
            let flags = signatures[i].flags
            guard flags & (TokenSignature.initialCapital | TokenSignature.hasDigit) != 0 else { continue }
            var h = Self.start
            var j = i
            while j < range.upperBound, j - i < Self.maxTokens {
                h = Self.extend(h, with: signatures[j].lower)
                guard let value = entries[h] else { break }
                let types = value & 0xFF
                if types != 0 {
                    for source in 0..<2 {
                        let bits = (types >> UInt16(4 * source)) & 0xF
                        guard bits != 0 else { continue }
                        signatures[i].gazetteer |= bits << UInt16(8 * source)
                        if j > i {
                            for k in (i + 1)...j { signatures[k].gazetteer |= bits << UInt16(8 * source + 4) }
                        }
                    }
                }
                if value & Self.prefixFlag == 0 { break }
                j += 1
            }
        }
    }
}
