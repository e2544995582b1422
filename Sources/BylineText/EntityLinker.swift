/// A name found in a text, before linking: its tokens, type and where it is.
public struct MentionCandidate: Sendable, Hashable {
    /// The mention as written ("Kasim-Jomart Tokayev").
    public var text: String
    /// The mention's token forms.
    public var tokens: [String]
    /// The type the recogniser gave it.
    public var type: EntityType
    /// Index of the mention's first token among the document's tokens.
    public var tokenIndex: Int

    /// Makes a mention.
    public init(text: String, tokens: [String], type: EntityType, tokenIndex: Int) {
        self.text = text; self.tokens = tokens; self.type = type; self.tokenIndex = tokenIndex
    }
}

/// How a mention was linked.
public enum LinkRule: String, Sendable, Codable, Hashable {
    /// Its text is a name, alias or abbreviation in the knowledge base.
    case alias
    /// Its text is a demonym ("Kazakhs" → Kazakhstan).
    case demonym
    /// Its text is an abbreviation the article defines ("CSO (Collective Security Treaty Organization)").
    case definedAbbreviation
    /// An abbreviation one letter away from one the article uses or the entity has ("CTO" ~ "CSO", "CSTO").
    case similarAbbreviation
    /// A part of a person's name used after (or before) the full name ("Putin", "Xi").
    case partialName
    /// A surname of a leader in the knowledge base, with no full name in the article.
    case knownSurname
    /// A spelling close to a known name ("Kasim-Jomart Tokayev" → Kassym-Jomart Tokayev).
    case similarSpelling
    /// A place that stands for a government ("the Kremlin" → Russia).
    case metonymy
    /// Not linked to the knowledge base; grouped with mentions of the same name.
    case unlinked
}

/// Where a mention was linked: a knowledge-base entity or a group of unlinked mentions.
public struct LinkTarget: Sendable, Hashable {
    /// Index into the knowledge base's entities, `nil` when unlinked.
    public var entity: Int?
    /// For unlinked mentions: the normalised name the group goes by.
    public var unlinkedKey: String?
    /// How it was linked.
    public var rule: LinkRule
    /// How sure the linker is, from 0 to 1.
    public var confidence: Double
}

/// Links mentions of one article to the knowledge base.
///
/// Rules, in order: abbreviations the article defines; metonyms ("the Kremlin"); exact names, aliases and
/// demonyms; parts of a person's full name found elsewhere in the article; names spelled close to a known
/// name (normalised, transliteration-insensitive similarity); abbreviations one letter from a known one;
/// surnames of known leaders. What is left is grouped by name as unlinked entities.
public struct EntityLinker: Sendable {
    /// The knowledge base linked against.
    public let knowledgeBase: KnowledgeBase

    /// Places that stand for a country's government, by normalised name, with the country's name.
    static let metonyms: [String: String] = [
        "kremlin": "Russia", "white house": "United States", "downing street": "United Kingdom",
        "elysee": "France", "elysee palace": "France", "zhongnanhai": "China", "blue house": "South Korea",
    ]

    /// Vague directions and blocs ("the West"): never linked, never tags.
    static let vagueNames: Set<String> = ["west", "western", "east", "eastern", "north", "south", "the west", "western world", "westerners"]

    /// Words of generic institution names ("Foreign Ministry", "Central Bank") that need context to link.
    static let genericWords: Set<String> = [
        "foreign", "interior", "defence", "defense", "finance", "economy", "economic", "trade", "justice", "health",
        "ministry", "ministries", "minister", "office", "department", "central", "bank", "supreme", "court", "parliament",
        "government", "army", "navy", "police", "senate", "congress", "cabinet", "national", "assembly", "council",
        "security", "federal", "state", "public", "prosecutor", "prosecutors", "high", "constitutional", "election",
        "commission", "treasury", "home", "ministers", "the", "of", "and", "labour", "labor", "party", "opposition",
    ]

    /// Makes a linker over `knowledgeBase`.
    public init(knowledgeBase: KnowledgeBase) { self.knowledgeBase = knowledgeBase }

    /// Links each mention of one article; `tokens` are all the article's token forms (for abbreviation definitions).
    public func link(_ mentions: [MentionCandidate], tokens: [String]) -> [LinkTarget] {
        var abbreviations = definedAbbreviations(tokens)
        // An abbreviation whose letters are the initials of a longer name in the same article stands for it
        // ("British Airways" … "BA").
        var initialsOf: [String: String] = [:]
        for mention in mentions where mention.tokens.count >= 2 {
            let initials = Self.initials(mention.tokens)
            if initials.count >= 2, initialsOf[initials] == nil { initialsOf[initials] = mention.text }
        }
        for mention in mentions where Self.looksLikeAbbreviation(mention.text) {
            let key = NameNormalizer.key(mention.text)
            if !abbreviations.contains(where: { $0.abbreviation == key }), let long = initialsOf[key] {
                abbreviations.append((key, long))
            }
        }
        var results = [LinkTarget?](repeating: nil, count: mentions.count)
        var definedTargets: [String: LinkTarget] = [:]
        for (abbreviation, longForm) in abbreviations {
            let key = NameNormalizer.key(longForm)
            if let target = resolveExact(key: key, type: .organization, allowDemonym: false) ?? resolveSimilar(key: key, type: .organization) {
                definedTargets[abbreviation] = LinkTarget(entity: target.entity, unlinkedKey: nil, rule: .definedAbbreviation, confidence: 0.9)
            } else {
                definedTargets[abbreviation] = LinkTarget(entity: nil, unlinkedKey: key, rule: .definedAbbreviation, confidence: 0.8)
            }
        }

        // Pass 1: everything that can be linked from its own text.
        for (m, mention) in mentions.enumerated() {
            let key = NameNormalizer.key(mention.text)
            guard !key.isEmpty else { continue }
            if Self.vagueNames.contains(key) {
                results[m] = LinkTarget(entity: nil, unlinkedKey: key, rule: .unlinked, confidence: 1); continue
            }
            if let target = definedTargets[key] { results[m] = target; continue }
            if let long = abbreviations.first(where: { NameNormalizer.key($0.longForm) == key }), let target = definedTargets[long.abbreviation] {
                results[m] = LinkTarget(entity: target.entity, unlinkedKey: target.unlinkedKey, rule: target.entity == nil ? .unlinked : .alias, confidence: 0.95)
                continue
            }
            if let metonym = Self.metonyms[key], let country = knowledgeBase.candidates(for: metonym).first {
                results[m] = LinkTarget(entity: country.entity, unlinkedKey: nil, rule: .metonymy, confidence: 0.7); continue
            }
            if mention.type == .person && mention.tokens.count < 2 { continue } // pass 2
            // Two- and three-letter names only match as written in capitals ("US", "UK"; not a headline's "Ad").
            let isShortWord = key.count <= 3 && !mention.text.allSatisfy { $0.isUppercase || !$0.isLetter }
            if !isShortWord, let target = resolveExact(key: key, type: mention.type, allowDemonym: true) { results[m] = target; continue }
            if let target = resolveSimilar(key: key, type: mention.type) { results[m] = target; continue }
            // Hyphenated compounds: "Kremlin-allied", "Russian-led".
            if mention.tokens.count == 1, let head = mention.text.split(separator: "-").first, head.count < mention.text.count {
                let headKey = NameNormalizer.key(String(head))
                if let metonym = Self.metonyms[headKey], let country = knowledgeBase.candidates(for: metonym).first {
                    results[m] = LinkTarget(entity: country.entity, unlinkedKey: nil, rule: .metonymy, confidence: 0.6); continue
                }
                if let target = resolveExact(key: headKey, type: mention.type, allowDemonym: true), target.rule == .demonym {
                    results[m] = target; continue
                }
            }
        }

        // Pass 2: parts of people's names, by the full names in this article.
        var fullNames: [(parts: [String], target: LinkTarget, key: String)] = []
        for (m, mention) in mentions.enumerated() where mention.type == .person && mention.tokens.count >= 2 {
            let key = NameNormalizer.key(mention.text)
            let target = results[m] ?? LinkTarget(entity: nil, unlinkedKey: key, rule: .unlinked, confidence: 1)
            results[m] = target
            fullNames.append((key.split(separator: " ").map { NameNormalizer.phonetic(String($0)) }, target, key))
        }
        for (m, mention) in mentions.enumerated() where results[m] == nil {
            let key = NameNormalizer.key(mention.text)
            guard !key.isEmpty else { continue }
            let phonetic = NameNormalizer.phonetic(key)
            let isNameLike = mention.type == .person || mention.tokens.count == 1
            if isNameLike, let full = fullNames.first(where: { $0.parts.last == phonetic && $0.parts.count > 1 })
                ?? fullNames.first(where: { $0.parts.first == phonetic && $0.parts.count > 1 }) {
                var target = full.target
                target.rule = .partialName
                target.confidence = min(full.target.confidence, 0.9)
                if target.entity == nil { target.unlinkedKey = full.key }
                results[m] = target
                continue
            }
            if mention.type == .person, var target = resolveExact(key: key, type: .person, allowDemonym: false) {
                // A bare surname of someone known only from Wikipedia links ("Washington") is a guess.
                if let e = target.entity, knowledgeBase.entities[e].facts.kind == "wikipedia" { target.confidence = min(target.confidence, 0.6) }
                results[m] = target; continue
            }
            if mention.type == .person, let surname = knowledgeBase.surnames[key], surname.count == 1 {
                results[m] = LinkTarget(entity: surname[0], unlinkedKey: nil, rule: .knownSurname, confidence: 0.7); continue
            }
        }

        // Pass 3: abbreviations one letter away from an abbreviation in play (defined here, or of an entity linked here).
        var known: [(abbreviation: String, target: LinkTarget)] = definedTargets.map { ($0.key, $0.value) }
        for target in results.compactMap({ $0 }) {
            guard let e = target.entity else { continue }
            for a in knowledgeBase.entities[e].abbreviations { known.append((NameNormalizer.key(a), LinkTarget(entity: e, unlinkedKey: nil, rule: .alias, confidence: 1))) }
        }
        known.sort { $0.abbreviation < $1.abbreviation }
        for (m, mention) in mentions.enumerated() where results[m] == nil && Self.looksLikeAbbreviation(mention.text) {
            let key = NameNormalizer.key(mention.text)
            if let hit = known.first(where: { $0.abbreviation.first == key.first && StringDistance.levenshtein($0.abbreviation, key) <= 1 && $0.abbreviation != key }) {
                results[m] = LinkTarget(entity: hit.target.entity, unlinkedKey: hit.target.unlinkedKey, rule: .similarAbbreviation, confidence: 0.6)
            }
        }

        // Whatever is left stays unlinked, grouped by its normalised name.
        return mentions.enumerated().map { m, mention in
            results[m] ?? LinkTarget(entity: nil, unlinkedKey: NameNormalizer.key(mention.text), rule: .unlinked, confidence: 1)
        }
    }

    /// The lowercase initials of a name's capitalised words ("National Union of Journalists" → "nuj").
    static func initials(_ tokens: [String]) -> String {
        String(tokens.compactMap { token in token.first.flatMap { $0.isUppercase ? Character($0.lowercased()) : nil } })
    }

    static func looksLikeAbbreviation(_ text: String) -> Bool {
        let letters = text.filter { $0.isLetter }
        return (2...6).contains(letters.count) && letters.allSatisfy(\.isUppercase) && !text.contains(" ")
    }

    /// Whether an entity of type `entityType` can be what a mention of type `mentionType` names.
    static func compatible(_ mentionType: EntityType, _ entityType: EntityType) -> Bool {
        mentionType == entityType || mentionType == .miscellaneous
            || (mentionType == .organization && entityType == .location)
            || (mentionType == .location && entityType == .organization)
    }

    /// The best exact-name candidate of a compatible type.
    func resolveExact(key: String, type: EntityType, allowDemonym: Bool) -> LinkTarget? {
        let candidates = knowledgeBase.candidates(forKey: key)
        for (rank, candidate) in candidates.enumerated() {
            let entity = knowledgeBase.entities[candidate.entity]
            if candidate.kind == .demonym {
                guard allowDemonym, type == .miscellaneous || type == .person || type == .location else { continue }
                return LinkTarget(entity: candidate.entity, unlinkedKey: nil, rule: .demonym, confidence: 0.9)
            }
            guard Self.compatible(type, entity.type) else { continue }
            // A MISC mention only names a MISC entity, or a place through a demonym-like alias ("Russian", "Scottish").
            if type == .miscellaneous && entity.type != .miscellaneous {
                guard allowDemonym, entity.type == .location else { continue }
                return LinkTarget(entity: candidate.entity, unlinkedKey: nil, rule: .demonym, confidence: 0.8)
            }
            // "Foreign Ministry", "Supreme Court": whose? Generic institutions are not linked without context.
            if entity.facts.kind == "wikipedia", key.split(separator: " ").allSatisfy({ Self.genericWords.contains(String($0)) }) { continue }
            // A short alias shared by Wikipedia-only entities with similar counts ("Labour": Israeli, UK, Maltese) is
            // ambiguous without more context: better unlinked than wrong.
            if entity.facts.kind == "wikipedia", NameNormalizer.key(entity.name) != key,
               candidates.dropFirst(rank + 1).contains(where: { $0.kind == .name && $0.prior * 2 >= candidate.prior
                   && Self.compatible(type, knowledgeBase.entities[$0.entity].type) }) {
                return nil
            }
            // A name linked to a Wikipedia-only entity once or twice in AIDA is weak evidence.
            if entity.facts.kind == "wikipedia" && candidate.prior < 3 {
                return LinkTarget(entity: candidate.entity, unlinkedKey: nil, rule: .alias, confidence: 0.5)
            }
            return LinkTarget(entity: candidate.entity, unlinkedKey: nil, rule: .alias, confidence: candidates.count == 1 ? 1 : 0.9)
        }
        return nil
    }

    /// The closest known name by normalised string similarity, if close enough.
    func resolveSimilar(key: String, type: EntityType) -> LinkTarget? {
        if type == .person {
            let phonetic = NameNormalizer.phonetic(key)
            guard phonetic.contains(" "), let last = phonetic.split(separator: " ").last else { return nil }
            var best: (score: Double, entity: Int)?
            let length = phonetic.utf8.count
            for (candidate, entity) in knowledgeBase.personBlocks[String(last.prefix(2))] ?? [] {
                guard candidate != phonetic || knowledgeBase.entities[entity].facts.kind != "wikipedia" else { continue }
                guard abs(candidate.utf8.count - length) <= max(1, length * 3 / 20) else { continue }
                let score = StringDistance.similarity(phonetic, candidate)
                if score >= 0.85, score > (best?.score ?? 0) { best = (score, entity) }
            }
            return best.map { LinkTarget(entity: $0.entity, unlinkedKey: nil, rule: .similarSpelling, confidence: $0.score) }
        }
        guard key.count >= 6 else { return nil }
        var best: (score: Double, entity: Int)?
        let phonetic = NameNormalizer.phonetic(key)
        let length = key.utf8.count
        for (candidate, candidatePhonetic, entity) in knowledgeBase.nameBlocks[String(key.prefix(2))] ?? [] {
            // At most 10% of the characters may differ, so the lengths must be close.
            // Exact names were weighed (and perhaps found ambiguous) by resolveExact; this is for variants only.
            guard candidate != key, abs(candidate.utf8.count - length) <= max(1, length / 10),
                  Self.compatible(type, knowledgeBase.entities[entity].type) else { continue }
            if knowledgeBase.entities[entity].facts.kind == "wikipedia",
               key.split(separator: " ").allSatisfy({ Self.genericWords.contains(String($0)) }) { continue }
            let score = max(StringDistance.similarity(key, candidate), StringDistance.similarity(phonetic, candidatePhonetic))
            if score >= 0.9, score > (best?.score ?? 0) { best = (score, entity) }
        }
        return best.map { LinkTarget(entity: $0.entity, unlinkedKey: nil, rule: .similarSpelling, confidence: $0.score) }
    }

    /// Abbreviations the text defines: "CSO (Collective Security Treaty Organization, …)" and
    /// "Collective Security Treaty Organization (CSTO)". Keys are normalised abbreviations.
    func definedAbbreviations(_ tokens: [String]) -> [(abbreviation: String, longForm: String)] {
        var out: [(abbreviation: String, longForm: String)] = []
        let connectors: Set<String> = ["of", "and", "for", "the", "on", "in", "&", "de"]
        func isCapitalised(_ t: String) -> Bool { t.first?.isUppercase ?? false }
        for (i, token) in tokens.enumerated() where token == "(" {
            // ABBR ( Long Form
            if i > 0, Self.looksLikeAbbreviation(tokens[i - 1]) {
                var j = i + 1
                var words: [String] = []
                while j < tokens.count, isCapitalised(tokens[j]) || (connectors.contains(tokens[j]) && !words.isEmpty) { words.append(tokens[j]); j += 1 }
                while let last = words.last, connectors.contains(last) { words.removeLast() }
                if words.count >= 2, words.first?.first == tokens[i - 1].first {
                    out.append((NameNormalizer.key(tokens[i - 1]), words.joined(separator: " ")))
                }
            }
            // Long Form ( ABBR )
            if i + 2 < tokens.count, Self.looksLikeAbbreviation(tokens[i + 1]), tokens[i + 2] == ")" {
                var j = i - 1
                var words: [String] = []
                while j >= 0, isCapitalised(tokens[j]) || (connectors.contains(tokens[j]) && !words.isEmpty) { words.insert(tokens[j], at: 0); j -= 1 }
                while let first = words.first, connectors.contains(first) { words.removeFirst() }
                if words.count >= 2, words.first?.first == tokens[i + 1].first {
                    out.append((NameNormalizer.key(tokens[i + 1]), words.joined(separator: " ")))
                }
            }
        }
        return out
    }
}

/// Edit distance and the similarity built on it.
enum StringDistance {
    /// Levenshtein distance between two strings, by characters.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// 1 − distance / longer length: 1 for equal strings, 0 for nothing in common.
    static func similarity(_ a: String, _ b: String) -> Double {
        let longer = max(a.unicodeScalars.count, b.unicodeScalars.count)
        return longer == 0 ? 1 : 1 - Double(levenshtein(a, b)) / Double(longer)
    }
}
