import Foundation
import BylineCore

/// One mention of an entity in an article.
public struct EntityMention: Sendable, Hashable {
    /// The mention as written ("Kasim-Jomart Tokayev", "Kazakhs").
    public var text: String
    /// The type the recogniser gave the mention (a demonym is MISC even when it mentions a country).
    public var type: EntityType
    /// Whether the mention is in the headline (else in the body).
    public var inHeadline: Bool
    /// Character offset of the mention's start in the headline or body.
    public var start: Int
    /// Character offset just past the mention's end in the headline or body.
    public var end: Int
    /// The body paragraph it is in (0 is the first); 0 in the headline.
    public var paragraph: Int
    /// How it was linked.
    public var rule: LinkRule
    /// How sure the linker is, from 0 to 1.
    public var confidence: Double
}

/// An entity an article is about, with how salient it is and where it is mentioned.
public struct SalientEntity: Sendable, Hashable, Identifiable {
    /// The KB id ("Q159", "capital-moscow") or, when unlinked, `unlinked:` and a slug of its name.
    public var id: String
    /// The name to show: the KB name, or the fullest mention of an unlinked entity.
    public var name: String
    /// A slug of the name for URLs (`vladimir-putin`); `nil` only when the name has no Latin letter or digit.
    public var slug: Slug?
    /// The entity's type.
    public var type: EntityType
    /// The knowledge-base id, `nil` when unlinked.
    public var kbID: String?
    /// The Wikidata id ("Q7747"), when the KB has one.
    public var wikidataID: String?
    /// What the knowledge base knows about it, when linked.
    public var facts: EntityFacts?
    /// Salience: mentions weighted by position (headline, lead) and type, summed.
    public var salience: Double
    /// Number of mentions.
    public var mentionCount: Int { mentions.count }
    /// The mentions, in text order (headline first).
    public var mentions: [EntityMention]
}

/// The automatic tagger: finds the people, places and organisations an article is about.
///
/// Pure and `Sendable`: load it once (``bundled()``) and call ``tag(headline:body:)`` from anywhere.
/// Pipeline: ``NewsTokenizer`` → ``EntityRecognizer`` → ``EntityLinker`` → salience → tags.
public struct EntityTagger: Sendable {
    /// Tuning of the tag choice.
    public struct Options: Sendable {
        /// An entity becomes a tag from this salience on (one full-name person in the body scores 1.5).
        public var minimumSalience = 1.5
        /// At most this many tags, the most salient first.
        public var maximumTags = 20
        /// Makes the default options.
        public init() {}
    }

    /// The recogniser.
    public let recognizer: EntityRecognizer
    /// The linker (and its knowledge base).
    public let linker: EntityLinker
    /// Tuning of the tag choice.
    public var options: Options
    private let tokenizer = NewsTokenizer()

    /// Makes a tagger from its parts.
    public init(recognizer: EntityRecognizer, knowledgeBase: KnowledgeBase, options: Options = Options()) {
        self.recognizer = recognizer
        self.linker = EntityLinker(knowledgeBase: knowledgeBase)
        self.options = options
    }

    /// The tagger with the model and knowledge base bundled in BylineText's resources.
    /// - Throws: ``NERModelError`` when a resource is missing or unreadable, or a decoding error for the KB.
    public static func bundled() throws -> EntityTagger {
        EntityTagger(recognizer: try EntityRecognizer.bundled(), knowledgeBase: try KnowledgeBase.bundled())
    }

    /// The entities worth tagging the article with, most salient first.
    public func tag(headline: String, body: String) -> [SalientEntity] {
        Array(analyze(headline: headline, body: body).filter(isTagWorthy).prefix(options.maximumTags))
    }

    /// Every entity found in the article, most salient first.
    public func analyze(headline: String, body: String) -> [SalientEntity] {
        struct Located { var sentence: Sentence; var inHeadline: Bool }
        var located: [Located] = tokenizer.sentences(headline).map { Located(sentence: $0, inHeadline: true) }
        located += tokenizer.sentences(body).map { Located(sentence: $0, inHeadline: false) }
        let spans = recognizer.spans(inDocument: located.map { $0.sentence.tokens.map(\.form) })
        let paragraphStarts = Self.paragraphStarts(body)

        var candidates: [MentionCandidate] = []
        var mentions: [EntityMention] = []
        var allForms: [String] = []
        for (s, item) in located.enumerated() {
            let tokens = item.sentence.tokens
            let base = allForms.count
            allForms += tokens.map(\.form)
            let source = item.inHeadline ? headline : body
            for var span in spans[s] {
                // "Chancellor Wang Yi" is Wang Yi: titles before a person's name are not part of it.
                while span.type == .person, span.end - span.start > 1,
                      Self.titles.contains(tokens[span.start].form.lowercased().replacingOccurrences(of: ".", with: "")) {
                    span.start += 1
                }
                let first = tokens[span.start], last = tokens[span.end - 1]
                let text = Self.slice(source, utf8: first.utf8Start..<last.utf8End)
                candidates.append(MentionCandidate(text: text, tokens: tokens[span.start..<span.end].map(\.form), type: span.type, tokenIndex: base + span.start))
                let paragraph = item.inHeadline ? 0 : max(0, (paragraphStarts.lastIndex { $0 <= first.utf8Start }) ?? 0)
                mentions.append(EntityMention(text: text, type: span.type, inHeadline: item.inHeadline, start: first.start, end: last.end,
                                              paragraph: paragraph, rule: .unlinked, confidence: 1))
            }
        }
        let targets = linker.link(candidates, tokens: allForms)

        var groups: [String: (entity: Int?, mentions: [EntityMention], salience: Double)] = [:]
        var order: [String] = []
        for (mention, target) in zip(mentions, targets) {
            var mention = mention
            mention.rule = target.rule
            mention.confidence = target.confidence
            let key = target.entity.map { "kb:\($0)" } ?? "new:\(target.unlinkedKey ?? NameNormalizer.key(mention.text))"
            if groups[key] == nil { order.append(key); groups[key] = (target.entity, [], 0) }
            groups[key]?.mentions.append(mention)
            groups[key]?.salience += Self.weight(of: mention, linked: target.entity != nil)
        }
        let kb = linker.knowledgeBase
        var out: [SalientEntity] = []
        for key in order {
            guard let group = groups[key] else { continue }
            if let index = group.entity {
                let entity = kb.entities[index]
                out.append(SalientEntity(id: entity.id, name: entity.name, slug: Slug.make(from: entity.name), type: entity.type,
                                         kbID: entity.id, wikidataID: entity.isWikidataID ? entity.id : nil, facts: entity.facts,
                                         salience: group.salience, mentions: group.mentions))
            } else {
                let named = group.mentions.filter { $0.rule != .partialName }
                let name = (named.isEmpty ? group.mentions : named).max { ($0.text.count, -$0.start) < ($1.text.count, -$1.start) }?.text ?? key
                var votes: [EntityType: Int] = [:]
                for mention in group.mentions { votes[mention.type, default: 0] += 1 }
                let type = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? .miscellaneous
                let slug = Slug.make(from: name)
                out.append(SalientEntity(id: "unlinked:" + (slug?.rawValue ?? NameNormalizer.key(name)), name: name, slug: slug, type: type,
                                         kbID: nil, wikidataID: nil, facts: nil, salience: group.salience, mentions: group.mentions))
            }
        }
        return out.sorted { ($0.salience, -($0.mentions.first?.start ?? 0)) > ($1.salience, -($1.mentions.first?.start ?? 0)) }
    }

    /// Words of office and address that precede a person's name.
    static let titles: Set<String> = [
        "president", "prime", "minister", "chancellor", "foreign", "secretary", "general", "gen", "mr", "mrs", "ms", "dr",
        "sir", "dame", "king", "queen", "prince", "princess", "pope", "leader", "dictator", "senator", "sen", "rep",
        "governor", "gov", "judge", "spokeswoman", "spokesman", "lt", "col", "capt", "sgt", "colonel", "captain", "premier",
        "ambassador", "defence", "defense", "interior", "finance", "vice", "chairman", "chairwoman", "coach", "striker",
        "midfielder", "defender", "goalkeeper", "manager", "ceo", "mayor", "sheikh", "ayatollah", "archbishop", "bishop",
    ]

    func isTagWorthy(_ entity: SalientEntity) -> Bool {
        guard entity.salience >= options.minimumSalience - 1e-9 else { return false }
        if entity.kbID == nil {
            if entity.type == .miscellaneous || EntityLinker.vagueNames.contains(NameNormalizer.key(entity.name)) { return false }
        }
        return true
    }

    /// How much one mention adds to its entity's salience.
    static func weight(of mention: EntityMention, linked: Bool) -> Double {
        let position = mention.inHeadline ? 3.0 : (mention.paragraph <= 1 ? 2.0 : 1.0)
        let kind: Double
        switch mention.rule {
        case .demonym, .metonymy: kind = 0.5
        default:
            switch mention.type {
            case .person, .organization: kind = 1.5
            case .location: kind = 1.0
            case .miscellaneous: kind = 0.5
            }
        }
        // Only doubtful links (a similar abbreviation, a bare surname) count for less.
        let certainty = mention.confidence >= 0.85 ? 1.0 : max(0.5, mention.confidence)
        return position * kind * (linked ? 1.0 : 0.6) * certainty
    }

    /// UTF-8 offsets where each body paragraph (a non-empty line) starts.
    static func paragraphStarts(_ body: String) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        var atLineStart = true
        for byte in body.utf8 {
            if byte == 0x0A { atLineStart = true }
            else if atLineStart && byte != 0x20 && byte != 0x09 && byte != 0x0D { starts.append(offset); atLineStart = false }
            offset += 1
        }
        return starts.isEmpty ? [0] : starts
    }

    static func slice(_ text: String, utf8 range: Range<Int>) -> String {
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let to = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return String(text[from..<to])
    }
}

extension EntityRecognizer {
    /// The recogniser bundled in BylineText's resources (`Resources/ner-model.bin`).
    /// - Throws: ``NERModelError`` when the resource is missing or not a model of this version.
    public static func bundled() throws -> EntityRecognizer {
        guard let url = Bundle.module.url(forResource: "ner-model", withExtension: "bin", subdirectory: "Resources") else {
            throw NERModelError.missingResource("Resources/ner-model.bin")
        }
        return try EntityRecognizer(contentsOf: url)
    }
}

extension KnowledgeBase {
    /// The knowledge base bundled in BylineText's resources (`Resources/knowledge-base.json`).
    /// - Throws: ``NERModelError/missingResource(_:)`` when it is missing, a decoding error when it is unreadable.
    public static func bundled() throws -> KnowledgeBase {
        guard let url = Bundle.module.url(forResource: "knowledge-base", withExtension: "json", subdirectory: "Resources") else {
            throw NERModelError.missingResource("Resources/knowledge-base.json")
        }
        return try KnowledgeBase(data: Data(contentsOf: url))
    }
}

/// A plain-text article as saved from a web page: optional section line, headline, body, and page
/// furniture ("You May Also Like", a jammed tag line) that is not part of the body.
public struct PlainTextArticle: Sendable, Hashable {
    /// The section line ("World"), when the text starts with one.
    public var section: String?
    /// The headline.
    public var headline: String
    /// The body paragraphs, one a line.
    public var body: String

    /// Reads an article: the first non-empty line is the headline, unless it is a short section name
    /// (at most three words, no final punctuation) followed by a longer line. Lines of page furniture are dropped.
    public init(parsing text: String) {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        lines.removeAll(where: Self.isFurniture)
        var section: String?
        if lines.count >= 3, let first = lines.first, first.split(separator: " ").count <= 3,
           first.last.map({ !".!?".contains($0) }) ?? false, lines[1].split(separator: " ").count > first.split(separator: " ").count {
            section = first
            lines.removeFirst()
        }
        self.section = section
        self.headline = lines.first ?? ""
        self.body = lines.dropFirst().joined(separator: "\n")
    }

    static let furnitureLines: Set<String> = ["you may also like", "recommended for you", "related", "share", "by", "advertisement", "read more"]

    /// Whether a line is page furniture: a known label, a lone punctuation mark, or tags jammed together ("AsiaBricscapitalism…").
    static func isFurniture(_ line: String) -> Bool {
        if furnitureLines.contains(line.lowercased()) { return true }
        if !line.contains(where: { $0.isLetter || $0.isNumber }) { return true }
        var jams = 0
        var previous: Character?
        for ch in line {
            if let p = previous, p.isLowercase, ch.isUppercase { jams += 1 }
            previous = ch
        }
        return jams >= 3 && !(line.last.map { ".!?\"”".contains($0) } ?? false)
    }
}
