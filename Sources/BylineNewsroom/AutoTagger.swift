import Foundation
import BylineCore
import BylineText

/// Finds the entities an article is about; the write path asks it on every save.
public protocol AutoTagging: Sendable {
    /// The salient entities of an article, most salient first.
    func entities(headline: String, bodyHTML: String) -> [EntityInfo]
    /// Knowledge-base facts about an entity, as label/value lines for its page ("Member countries": …).
    func facts(kbID: String) -> [(label: String, values: [String])]
}

/// The entity tagger from BylineText (trained NER + knowledge-base linker), loaded from the bundled model.
public struct EntityAutoTagger: AutoTagging {
    let tagger: EntityTagger
    private let sanitizer = HTMLSanitizer()

    public init(tagger: EntityTagger) { self.tagger = tagger }

    /// The bundled model and knowledge base, loaded once per process (they are immutable).
    /// - Throws: when the bundled resources are missing or corrupt.
    public static func bundled() throws -> EntityAutoTagger {
        try loaded.get()
    }

    private static let loaded = Result { EntityAutoTagger(tagger: try EntityTagger.bundled()) }

    public func entities(headline: String, bodyHTML: String) -> [EntityInfo] {
        // Most salient first; ties broken by name so the same text always gives the same tags in the same order.
        tagger.tag(headline: headline, body: plainParagraphs(bodyHTML))
            .sorted { $0.salience != $1.salience ? $0.salience > $1.salience : $0.name < $1.name }
            .map { entity in
            EntityInfo(name: entity.name, type: entity.type.rawValue, kbID: entity.kbID, wikidataID: entity.wikidataID)
        }
    }

    public func facts(kbID: String) -> [(label: String, values: [String])] {
        let kb = tagger.linker.knowledgeBase
        guard let entity = kb.entity(id: kbID) else { return [] }
        let f = entity.facts
        func name(_ id: String?) -> String? { id.flatMap { kb.entity(id: $0)?.name } }
        var lines: [(label: String, values: [String])] = []
        if !f.roles.isEmpty { lines.append(("Office", f.roles)) }
        if let country = name(f.countryID) { lines.append(("Country", [country])) }
        if let capital = name(f.capitalID) { lines.append(("Capital", [capital])) }
        if let region = [f.subregion, f.region].compactMap({ $0 }).first { lines.append(("Region", [region])) }
        let members = f.memberIDs.compactMap { name($0) }.sorted()
        if !members.isEmpty { lines.append(("Member countries", members)) }
        return lines
    }

    /// Body HTML as plain paragraphs separated by blank lines, so the tagger can tell the lead from the rest.
    private func plainParagraphs(_ html: String) -> String {
        var paragraphs: [String] = []
        var rest = Substring(html)
        let closers = ["</p>", "</h2>", "</h3>", "</h4>", "</li>", "</blockquote>"]
        while !rest.isEmpty {
            let next = closers.compactMap { rest.range(of: $0) }.min { $0.lowerBound < $1.lowerBound }
            let end = next?.upperBound ?? rest.endIndex
            let text = sanitizer.plainText(String(rest[..<end]))
            if !text.isEmpty { paragraphs.append(text) }
            rest = rest[end...]
        }
        return paragraphs.joined(separator: "\n\n")
    }
}
