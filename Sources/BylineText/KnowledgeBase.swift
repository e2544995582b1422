import Foundation

/// Facts the knowledge base holds about an entity; which ones are set depends on its kind.
public struct EntityFacts: Sendable, Codable, Hashable {
    /// For a leader or a capital: the KB id of the country.
    public var countryID: String?
    /// For a leader: the offices held ("President of Russia").
    public var roles: [String]
    /// For an organisation: the KB ids of the member countries.
    public var memberIDs: [String]
    /// For a country: the KB id of the capital.
    public var capitalID: String?
    /// For a country: the region ("Asia", "Europe").
    public var region: String?
    /// For a country: the subregion ("Central Asia").
    public var subregion: String?
    /// What kind of entity this is, in a word ("country", "capital", "organisation", "leader").
    public var kind: String?

    /// Makes facts; every field defaults to empty.
    public init(countryID: String? = nil, roles: [String] = [], memberIDs: [String] = [], capitalID: String? = nil,
                region: String? = nil, subregion: String? = nil, kind: String? = nil) {
        self.countryID = countryID; self.roles = roles; self.memberIDs = memberIDs; self.capitalID = capitalID
        self.region = region; self.subregion = subregion; self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case countryID = "c", roles = "r", memberIDs = "m", capitalID = "k", region = "g", subregion = "s", kind = "t" }

    /// Decodes the compact form (short keys, empty fields left out).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        countryID = try c.decodeIfPresent(String.self, forKey: .countryID)
        roles = try c.decodeIfPresent([String].self, forKey: .roles) ?? []
        memberIDs = try c.decodeIfPresent([String].self, forKey: .memberIDs) ?? []
        capitalID = try c.decodeIfPresent(String.self, forKey: .capitalID)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        subregion = try c.decodeIfPresent(String.self, forKey: .subregion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
    }

    /// Encodes the compact form (short keys, empty fields left out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(countryID, forKey: .countryID)
        if !roles.isEmpty { try c.encode(roles, forKey: .roles) }
        if !memberIDs.isEmpty { try c.encode(memberIDs, forKey: .memberIDs) }
        try c.encodeIfPresent(capitalID, forKey: .capitalID)
        try c.encodeIfPresent(region, forKey: .region)
        try c.encodeIfPresent(subregion, forKey: .subregion)
        try c.encodeIfPresent(kind, forKey: .kind)
    }
}

/// One entity of the knowledge base: a country, capital, organisation, leader or linked name.
public struct KBEntity: Sendable, Codable, Hashable, Identifiable {
    /// The Wikidata id ("Q159") where known, else a stable slug ("wp-moscow-kremlin").
    public var id: String
    /// What kind of name this is.
    public var type: EntityType
    /// The name to show ("Russia", "Collective Security Treaty Organization").
    public var name: String
    /// Other names it goes by, with how often each was seen linked to it (0 when it comes from a list).
    public var aliases: [String: Int]
    /// Adjectives and nouns for its people ("Kazakh", "Kazakhs", "Kazakhstani"): they mention the entity but name something else.
    public var demonyms: [String]
    /// Abbreviations ("CSTO", "NATO").
    public var abbreviations: [String]
    /// What is known about it.
    public var facts: EntityFacts

    /// Makes an entity.
    public init(id: String, type: EntityType, name: String, aliases: [String: Int] = [:], demonyms: [String] = [],
                abbreviations: [String] = [], facts: EntityFacts = EntityFacts()) {
        self.id = id; self.type = type; self.name = name; self.aliases = aliases
        self.demonyms = demonyms; self.abbreviations = abbreviations; self.facts = facts
    }

    /// Whether `id` is a Wikidata id.
    public var isWikidataID: Bool { id.first == "Q" && id.dropFirst().allSatisfy(\.isNumber) && id.count > 1 }

    enum CodingKeys: String, CodingKey { case id, type = "t", name = "n", aliases = "a", demonyms = "d", abbreviations = "b", facts = "f" }

    /// Decodes the compact form (short keys, empty fields left out).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(EntityType.self, forKey: .type)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String: Int].self, forKey: .aliases) ?? [:]
        demonyms = try c.decodeIfPresent([String].self, forKey: .demonyms) ?? []
        abbreviations = try c.decodeIfPresent([String].self, forKey: .abbreviations) ?? []
        facts = try c.decodeIfPresent(EntityFacts.self, forKey: .facts) ?? EntityFacts()
    }

    /// Encodes the compact form (short keys, empty fields left out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(name, forKey: .name)
        if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
        if !demonyms.isEmpty { try c.encode(demonyms, forKey: .demonyms) }
        if !abbreviations.isEmpty { try c.encode(abbreviations, forKey: .abbreviations) }
        if facts != EntityFacts() { try c.encode(facts, forKey: .facts) }
    }
}

/// The knowledge base: entities and an index from normalised names to them.
public struct KnowledgeBase: Sendable {
    /// How a name refers to an entity.
    public enum NameKind: Int, Sendable, Comparable {
        /// The entity's own name, an alias or an abbreviation.
        case name = 0
        /// A demonym: "Russian" mentions Russia without naming it.
        case demonym = 1
        /// Names before demonyms.
        public static func < (lhs: NameKind, rhs: NameKind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One candidate for a name.
    public struct Candidate: Sendable, Hashable {
        /// Index into ``entities``.
        public var entity: Int
        /// How the name refers to it.
        public var kind: NameKind
        /// How often the name was seen linked to it, plus a bonus for list names.
        public var prior: Int
    }

    /// All entities.
    public let entities: [KBEntity]
    let byName: [String: [Candidate]]
    let byID: [String: Int]
    /// Normalised multi-token person names, grouped by the first letters of their last token, for fuzzy search.
    let personBlocks: [String: [(key: String, entity: Int)]]
    /// Normalised names of other types (with their phonetic forms), grouped by their first two letters.
    let nameBlocks: [String: [(key: String, phonetic: String, entity: Int)]]
    /// Last names of curated people (leaders), for a surname mentioned without a full name.
    let surnames: [String: [Int]]

    /// Indexes `entities`.
    public init(entities: [KBEntity]) {
        self.entities = entities
        var byName: [String: [Candidate]] = [:]
        var byID: [String: Int] = [:]
        var personBlocks: [String: [(key: String, entity: Int)]] = [:]
        var nameBlocks: [String: [(key: String, phonetic: String, entity: Int)]] = [:]
        var surnames: [String: [Int]] = [:]
        for (index, entity) in entities.enumerated() {
            byID[entity.id] = index
            // Curated names are trusted; a Wikipedia-only entity's own name counts as often as it was linked.
            let isCurated = entity.facts.kind != "wikipedia"
            var names: [String: Int] = [:]
            func note(_ name: String, _ prior: Int) {
                let key = NameNormalizer.key(name)
                if !key.isEmpty { names[key] = max(names[key] ?? 0, prior) }
            }
            note(entity.name, isCurated ? 1000 : max(1, entity.aliases[entity.name] ?? 1))
            for (alias, count) in entity.aliases { note(alias, count + (count == 0 && isCurated ? 100 : 0)) }
            for abbreviation in entity.abbreviations { note(abbreviation, 200) }
            if entity.type == .person, let last = NameNormalizer.key(entity.name).split(separator: " ").last, isCurated {
                surnames[String(last), default: []].append(index)
            }
            let demonymKeys = Set(entity.demonyms.map(NameNormalizer.key).filter { !$0.isEmpty })
            for key in demonymKeys {
                byName[key, default: []].append(Candidate(entity: index, kind: .demonym, prior: 500 + (names[key] ?? 0)))
            }
            for (key, prior) in names where !demonymKeys.contains(key) {
                byName[key, default: []].append(Candidate(entity: index, kind: .name, prior: prior))
                if entity.type == .person, let last = key.split(separator: " ").last, key.contains(" ") {
                    let phonetic = NameNormalizer.phonetic(String(last))
                    personBlocks[String(phonetic.prefix(2)), default: []].append((NameNormalizer.phonetic(key), index))
                } else if entity.type != .person, key.count >= 6 {
                    nameBlocks[String(key.prefix(2)), default: []].append((key, NameNormalizer.phonetic(key), index))
                }
            }
        }
        self.byName = byName
        self.byID = byID
        self.personBlocks = personBlocks
        self.nameBlocks = nameBlocks
        self.surnames = surnames
    }

    /// The entity with `id`, if any.
    public func entity(id: String) -> KBEntity? { byID[id].map { entities[$0] } }

    /// Candidates for a name, best first (by prior, then names before demonyms).
    public func candidates(for name: String) -> [Candidate] {
        candidates(forKey: NameNormalizer.key(name))
    }

    func candidates(forKey key: String) -> [Candidate] {
        (byName[key] ?? []).sorted { (-$0.prior, $0.kind, $0.entity) < (-$1.prior, $1.kind, $1.entity) }
    }

    /// The knowledge base in its compact file format (JSON without spaces).
    public func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entities)
    }

    /// Reads a knowledge base written by ``serialized()``.
    /// - Throws: `DecodingError` when the data is not a knowledge base.
    public init(data: Data) throws {
        self.init(entities: try JSONDecoder().decode([KBEntity].self, from: data))
    }
}

/// Normalises names for lookup: case and accents folded, dots and apostrophes dropped, other punctuation a space.
public enum NameNormalizer {
    /// The lookup key of a name ("U.S." → "us", "Kassym-Jomart Tokayev" → "kassym jomart tokayev").
    public static func key(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiKey(name) }
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var out = ""
        out.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar == "." || scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" { continue }
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// ``key(_:)`` for ASCII text, without Foundation's folding (the common case, and much faster).
    private static func asciiKey(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for b in name.utf8 {
            if b == 0x2E || b == 0x27 { continue }
            let lower = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(lower)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A rough transliteration-insensitive form of a key: spellings of one sound made alike
    /// ("aleksandr lukachenko" and "alexander lukashenko" → "aleksandr lukasenko", "kasim"/"kassym" → "kasim",
    /// "organisation"/"organization" alike). One pass over the bytes.
    public static func phonetic(_ key: String) -> String {
        let s = Array(key.utf8)
        let n = s.count
        var out: [UInt8] = []
        out.reserveCapacity(n + 4)
        func at(_ k: Int) -> UInt8 { k < n ? s[k] : 0 }
        func emit(_ b: UInt8) {
            // Doubled letters collapse: "kassym" → "kasim".
            if b != 0x20, out.last == b { return }
            out.append(b)
        }
        var i = 0
        while i < n {
            let c = s[i], d = at(i + 1)
            switch (c, d) {
            case (UInt8(ascii: "s"), UInt8(ascii: "c")) where at(i + 2) == UInt8(ascii: "h"): emit(UInt8(ascii: "s")); i += 3; continue
            case (UInt8(ascii: "s"), UInt8(ascii: "h")), (UInt8(ascii: "c"), UInt8(ascii: "h")): emit(UInt8(ascii: "s")); i += 2; continue
            case (UInt8(ascii: "z"), UInt8(ascii: "h")): emit(UInt8(ascii: "z")); i += 2; continue
            case (UInt8(ascii: "k"), UInt8(ascii: "h")): emit(UInt8(ascii: "h")); i += 2; continue
            case (UInt8(ascii: "p"), UInt8(ascii: "h")): emit(UInt8(ascii: "f")); i += 2; continue
            case (UInt8(ascii: "c"), UInt8(ascii: "k")): emit(UInt8(ascii: "k")); i += 2; continue
            case (UInt8(ascii: "o"), UInt8(ascii: "u")): emit(UInt8(ascii: "u")); i += 2; continue
            case (UInt8(ascii: "e"), UInt8(ascii: "e")): emit(UInt8(ascii: "i")); i += 2; continue
            case (UInt8(ascii: "e"), UInt8(ascii: "r")) where at(i + 2) == 0x20 || i + 2 == n:
                emit(UInt8(ascii: "r")); i += 2; continue // "alexander" ~ "aleksandr"
            case (UInt8(ascii: "s"), UInt8(ascii: "a")) where i > 0 && s[i - 1] == UInt8(ascii: "i") && at(i + 2) == UInt8(ascii: "t"):
                emit(UInt8(ascii: "z")); i += 1; continue // "-isation" ~ "-ization"
            default: break
            }
            switch c {
            case UInt8(ascii: "x"): emit(UInt8(ascii: "k")); emit(UInt8(ascii: "s"))
            case UInt8(ascii: "y"), UInt8(ascii: "j"): emit(UInt8(ascii: "i"))
            case UInt8(ascii: "w"): emit(UInt8(ascii: "v"))
            case UInt8(ascii: "c"), UInt8(ascii: "q"): emit(UInt8(ascii: "k"))
            default: emit(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
