import Testing
@testable import BylineText

/// Each linking rule, against a small knowledge base made here.
@Suite("EntityLinker")
struct EntityLinkerTests {
    static let kb = KnowledgeBase(entities: [
        KBEntity(id: "Q232", type: .location, name: "Kazakhstan", demonyms: ["Kazakhstani", "Kazakh", "Kazakhs"], facts: EntityFacts(kind: "country")),
        KBEntity(id: "Q159", type: .location, name: "Russia", aliases: ["Russian Federation": 0], demonyms: ["Russian", "Russians"], facts: EntityFacts(kind: "country")),
        KBEntity(id: "Q318693", type: .organization, name: "Collective Security Treaty Organization", abbreviations: ["CSTO"],
                 facts: EntityFacts(memberIDs: ["Q159", "Q232"], kind: "organisation")),
        KBEntity(id: "Q7747", type: .person, name: "Vladimir Putin", facts: EntityFacts(countryID: "Q159", kind: "leader")),
        KBEntity(id: "Q200881", type: .person, name: "Kassym-Jomart Tokayev", facts: EntityFacts(countryID: "Q232", kind: "leader")),
        KBEntity(id: "Q2866", type: .person, name: "Alexander Lukashenko", facts: EntityFacts(countryID: "Q184", kind: "leader")),
        KBEntity(id: "Q485207", type: .organization, name: "Shanghai Cooperation Organisation", facts: EntityFacts(kind: "organisation")),
    ])
    let linker = EntityLinker(knowledgeBase: kb)

    func mention(_ text: String, _ type: EntityType, at index: Int = 0) -> MentionCandidate {
        MentionCandidate(text: text, tokens: NewsTokenizer().tokenize(text).map(\.form), type: type, tokenIndex: index)
    }

    func id(_ target: LinkTarget) -> String? { target.entity.map { Self.kb.entities[$0].id } }

    @Test func aliasesAndDemonyms() {
        let links = linker.link([mention("Russian Federation", .location), mention("Kazakhs", .miscellaneous), mention("Kazakh", .miscellaneous),
                                 mention("Russian", .miscellaneous)], tokens: [])
        #expect(links.map(id) == ["Q159", "Q232", "Q232", "Q159"])
        #expect(links.map(\.rule) == [.alias, .demonym, .demonym, .demonym])
    }

    @Test func abbreviationDefinedInTheTextAndASimilarOne() {
        let tokens = NewsTokenizer().tokenize("the CSO (Collective Security Treaty Organization, Russian-led military alliance) and the CTO").map(\.form)
        let links = linker.link([mention("CSO", .organization), mention("Collective Security Treaty Organization", .organization),
                                 mention("CTO", .organization)], tokens: tokens)
        #expect(links.map(id) == ["Q318693", "Q318693", "Q318693"])
        #expect(links[0].rule == .definedAbbreviation)
        #expect(links[2].rule == .similarAbbreviation)
        #expect(links[2].confidence < links[0].confidence)
    }

    @Test func definitionWithTheAbbreviationInBrackets() {
        let tokens = NewsTokenizer().tokenize("the Eurasian Economic Forum (EEF) met; the EEF said").map(\.form)
        let links = linker.link([mention("Eurasian Economic Forum", .organization), mention("EEF", .organization)], tokens: tokens)
        #expect(links[0].entity == nil && links[1].entity == nil)
        #expect(links[0].unlinkedKey == links[1].unlinkedKey)
        #expect(links[1].rule == .definedAbbreviation)
    }

    @Test func surnameAfterAFullName() {
        let links = linker.link([mention("Vladimir Putin", .person), mention("Putin", .person)], tokens: [])
        #expect(links.map(id) == ["Q7747", "Q7747"])
        #expect(links[1].rule == .partialName)
        // Before the full name too (a headline), and for names not in the KB.
        let unlinked = linker.link([mention("Wang", .person), mention("Wang Yi", .person)], tokens: [])
        #expect(unlinked[0].entity == nil && unlinked[0].unlinkedKey == "wang yi")
    }

    @Test func knownSurnameWithoutAFullName() {
        let links = linker.link([mention("Putin", .person)], tokens: [])
        #expect(links.map(id) == ["Q7747"])
        #expect(links[0].rule == .knownSurname)
    }

    @Test func transliterationVariants() {
        let links = linker.link([mention("Kasim-Jomart Tokayev", .person), mention("Aleksandr Lukachenko", .person),
                                 mention("Lukachenko", .person), mention("Shanghai Cooperation Organization", .organization)], tokens: [])
        #expect(links.map(id) == ["Q200881", "Q2866", "Q2866", "Q485207"])
        #expect(links[0].rule == .similarSpelling && links[0].confidence >= 0.85 && links[0].confidence <= 1)
        #expect(links[2].rule == .partialName)
    }

    @Test func metonymy() {
        let links = linker.link([mention("Kremlin", .location), mention("Kremlin-allied", .miscellaneous)], tokens: [])
        #expect(links.map(id) == ["Q159", "Q159"])
        #expect(links[0].rule == .metonymy)
    }

    @Test func unknownNamesStayUnlinkedAndGroup() {
        let links = linker.link([mention("Maria Zakharova", .person), mention("Zakharova", .person), mention("the West", .location)], tokens: [])
        #expect(links.allSatisfy { $0.entity == nil })
        #expect(links[0].unlinkedKey == links[1].unlinkedKey)
    }

    @Test func similarityIsNormalised() {
        #expect(NameNormalizer.key("U.S.") == NameNormalizer.key("US"))
        #expect(NameNormalizer.phonetic(NameNormalizer.key("Kasim-Jomart Tokayev")) == NameNormalizer.phonetic(NameNormalizer.key("Kassym-Jomart Tokayev")))
        #expect(StringDistance.similarity("abc", "abc") == 1)
        #expect(StringDistance.levenshtein("cso", "csto") == 1)
    }
}
