import Foundation
import BylineCore

/// Compiles the knowledge base from the open data sets in `../shared/data`:
/// `kb/countries.json` (mledoze/countries, ODbL 1.0), `kb/intl-orgs/supraverden/general_list.yaml`
/// (CC BY-SA 4.0), `kb/intl-orgs/dieghernan/CountrycodesOrgs.csv` (MIT),
/// `kb/world-leaders/everypolitician-2021/wikidata.csv` (CC0) and `aida/aida_alias_table.train_testa.tsv` (CC BY-SA 3.0).
public struct KnowledgeBaseBuilder: Sendable {
    /// The data directory (the one holding `kb/` and `aida/`).
    public var dataDirectory: URL

    /// Makes a builder reading from `dataDirectory`.
    public init(dataDirectory: URL) { self.dataDirectory = dataDirectory }

    /// Builds the knowledge base from every source.
    /// - Throws: ``KnowledgeBaseSourceError`` naming the file (and line) that could not be read.
    public func build() throws -> KnowledgeBase {
        var entities = try curatedEntities()
        try mergeAliasTable(into: &entities)
        return KnowledgeBase(entities: entities)
    }

    /// The entities from the curated lists only (countries, capitals, organisations, leaders), without the AIDA aliases.
    /// - Throws: ``KnowledgeBaseSourceError``.
    public func curatedEntities() throws -> [KBEntity] {
        var entities: [KBEntity] = []
        let countryQIDs = try readLeaderCountries()
        let countries = try readCountries(qids: countryQIDs)
        entities.append(contentsOf: countries.entities)
        entities.append(contentsOf: try readOrganisations(countryIDsByISO3: countries.idsByISO3))
        entities.append(contentsOf: try readLeaders(countryIDByName: countries.idsByName, countryQIDs: countryQIDs))
        return entities
    }

    /// Gazetteer names for the recogniser, from the curated lists (never from data the recogniser is tested on).
    /// - Throws: ``KnowledgeBaseSourceError``.
    public func gazetteerNames() throws -> [GazetteerName] {
        var names: [GazetteerName] = []
        for entity in try curatedEntities() {
            names.append(GazetteerName(entity.name, type: entity.type))
            for alias in entity.aliases.keys { names.append(GazetteerName(alias, type: entity.type)) }
            for abbreviation in entity.abbreviations { names.append(GazetteerName(abbreviation, type: entity.type)) }
            for demonym in entity.demonyms { names.append(GazetteerName(demonym, type: .miscellaneous)) }
        }
        return names
    }

    // MARK: - Sources

    private func file(_ path: String) -> URL { dataDirectory.appendingPathComponent(path) }

    private func readText(_ path: String) throws -> String {
        let url = file(path)
        guard let data = try? Data(contentsOf: url) else { throw KnowledgeBaseSourceError(file: url.path, line: 0, message: "cannot read file") }
        guard let text = String(data: data, encoding: .utf8) else { throw KnowledgeBaseSourceError(file: url.path, line: 0, message: "not UTF-8 text") }
        return text
    }

    /// Country name → Wikidata id, from the leaders list (its `countryid` column).
    private func readLeaderCountries() throws -> [String: String] {
        let path = "kb/world-leaders/everypolitician-2021/wikidata.csv"
        var out: [String: String] = [:]
        for row in try CSVTable(text: readText(path), file: file(path).path).rows {
            if let id = row["countryid"], let name = row["country"], !id.isEmpty { out[NameNormalizer.key(name)] = id }
        }
        return out
    }

    private func readCountries(qids: [String: String]) throws -> (entities: [KBEntity], idsByISO3: [String: String], idsByName: [String: String]) {
        let path = "kb/countries.json"
        let url = file(path)
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) } catch {
            throw KnowledgeBaseSourceError(file: url.path, line: 0, message: "not a JSON array of countries (\(error.localizedDescription))")
        }
        guard let list = json as? [[String: Any]] else { throw KnowledgeBaseSourceError(file: url.path, line: 0, message: "not a JSON array of countries") }
        var entities: [KBEntity] = []
        var idsByISO3: [String: String] = [:]
        var idsByName: [String: String] = [:]
        for country in list {
            guard let names = country["name"] as? [String: Any], let common = names["common"] as? String,
                  let cca3 = country["cca3"] as? String else { continue }
            let official = names["official"] as? String
            var aliases: [String: Int] = [:]
            for alias in [official].compactMap({ $0 }) + ((country["altSpellings"] as? [String]) ?? []) where Self.isLatin(alias) && alias != common {
                aliases[alias] = 0
            }
            let id = ([common, official].compactMap { $0 } + aliases.keys).lazy.compactMap { qids[NameNormalizer.key($0)] }.first
                ?? "country-\(cca3.lowercased())"
            var demonyms: [String] = []
            if let eng = (country["demonyms"] as? [String: Any])?["eng"] as? [String: String] {
                for d in Set(eng.values) where !d.isEmpty { demonyms.append(d); if let plural = Self.plural(d) { demonyms.append(plural) } }
            }
            // "-stan" countries name their people by the stem: Kazakhstan → Kazakh, Kazakhs.
            for suffix in ["istan", "stan"] where common.hasSuffix(suffix) {
                let stem = String(common.dropLast(suffix.count))
                if stem.count >= 5, !demonyms.contains(stem) { demonyms.append(stem); demonyms.append(stem + "s") }
                break
            }
            let region = (country["region"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            let subregion = (country["subregion"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            var capitalID: String?
            if let capital = (country["capital"] as? [String])?.first, !capital.isEmpty {
                let cid = "capital-" + (Slug.make(from: capital)?.rawValue ?? cca3.lowercased())
                capitalID = cid
                entities.append(KBEntity(id: cid, type: .location, name: capital,
                                         facts: EntityFacts(countryID: id, region: region, subregion: subregion, kind: "capital")))
            }
            entities.append(KBEntity(id: id, type: .location, name: common, aliases: aliases, demonyms: demonyms,
                                     facts: EntityFacts(capitalID: capitalID, region: region, subregion: subregion, kind: "country")))
            idsByISO3[cca3] = id
            for name in [common] + aliases.keys { idsByName[NameNormalizer.key(name)] = id }
        }
        return (entities, idsByISO3, idsByName)
    }

    private func readOrganisations(countryIDsByISO3: [String: String]) throws -> [KBEntity] {
        let path = "kb/intl-orgs/supraverden/general_list.yaml"
        var entities: [KBEntity] = []
        var indexByKey: [String: Int] = [:]
        for record in try SimpleYAMLRecords(text: readText(path), file: file(path).path).records {
            guard let name = record["Name_en"], !name.isEmpty else { continue }
            let id = record["Wikidata_code"].flatMap { $0.hasPrefix("Q") ? $0 : nil } ?? "org-" + (Slug.make(from: name)?.rawValue ?? "unnamed")
            var aliases: [String: Int] = [:]
            var abbreviations: [String] = []
            for (key, value) in record where key.hasSuffix("_en") && value != name {
                if key.hasPrefix("Name_other") || key.hasPrefix("Name_former") { aliases[value] = 0 }
                if key.hasPrefix("Abbreviation") && value.count >= 2 { abbreviations.append(value) }
            }
            abbreviations.sort()
            let entity = KBEntity(id: id, type: .organization, name: name, aliases: aliases, abbreviations: abbreviations,
                                  facts: EntityFacts(kind: "organisation"))
            indexByKey[Self.orgKey(name)] = entities.count
            for alias in aliases.keys where indexByKey[Self.orgKey(alias)] == nil { indexByKey[Self.orgKey(alias)] = entities.count }
            for abbreviation in abbreviations where indexByKey[Self.orgKey(abbreviation)] == nil {
                indexByKey[Self.orgKey(abbreviation)] = entities.count
            }
            entities.append(entity)
        }
        // Memberships (dieghernan): match each organisation by name, then by abbreviation.
        let membersPath = "kb/intl-orgs/dieghernan/CountrycodesOrgs.csv"
        var members: [String: (name: String, abbreviation: String, countries: Set<String>)] = [:]
        for row in try CSVTable(text: readText(membersPath), file: file(membersPath).path).rows {
            guard let orgID = row["org_id"], let orgName = row["org_name"]?.trimmingCharacters(in: .whitespaces),
                  let iso3 = row["ISO_3166_3"], row["org_member"] == "member", let countryID = countryIDsByISO3[iso3] else { continue }
            members[orgID, default: (orgName, orgID, [])].countries.insert(countryID)
        }
        for (_, org) in members.sorted(by: { $0.key < $1.key }) {
            let index = indexByKey[Self.orgKey(org.name)] ?? indexByKey[Self.orgKey(org.abbreviation)]
            if let index {
                entities[index].facts.memberIDs = org.countries.sorted()
                if !entities[index].abbreviations.contains(org.abbreviation), org.abbreviation.count <= 8 {
                    entities[index].abbreviations.append(org.abbreviation)
                }
            } else {
                entities.append(KBEntity(id: "org-" + (Slug.make(from: org.name)?.rawValue ?? org.abbreviation.lowercased()),
                                         type: .organization, name: org.name, abbreviations: [org.abbreviation],
                                         facts: EntityFacts(memberIDs: org.countries.sorted(), kind: "organisation")))
            }
        }
        return entities
    }

    private func readLeaders(countryIDByName: [String: String], countryQIDs: [String: String]) throws -> [KBEntity] {
        let path = "kb/world-leaders/everypolitician-2021/wikidata.csv"
        var byID: [String: KBEntity] = [:]
        var order: [String] = []
        for row in try CSVTable(text: readText(path), file: file(path).path).rows {
            guard let id = row["officeholder"], let name = row["officeholderLabel"], !id.isEmpty, !name.isEmpty, !name.hasPrefix("Q") else { continue }
            let country = row["country"] ?? ""
            let countryID = countryIDByName[NameNormalizer.key(country)] ?? row["countryid"]
            if byID[id] == nil {
                byID[id] = KBEntity(id: id, type: .person, name: name, facts: EntityFacts(countryID: countryID, kind: "leader"))
                order.append(id)
            }
            if let role = row["positionLabel"], !role.isEmpty, byID[id]?.facts.roles.contains(role) == false {
                byID[id]?.facts.roles.append(role)
            }
        }
        return order.compactMap { byID[$0] }
    }

    /// Adds the AIDA alias table: each Wikipedia title's surface forms become aliases of the matching
    /// entity, or of a new entity when none matches.
    private func mergeAliasTable(into entities: inout [KBEntity]) throws {
        let path = "aida/aida_alias_table.train_testa.tsv"
        let url = file(path)
        var index: [String: Int] = [:]
        for (i, entity) in entities.enumerated() {
            for name in [entity.name] + entity.aliases.keys + entity.abbreviations where index[NameNormalizer.key(name)] == nil {
                index[NameNormalizer.key(name)] = i
            }
        }
        struct Title { var forms: [String: Int] = [:]; var types: [EntityType: Int] = [:]; var typesByForm: [String: [EntityType: Int]] = [:] }
        var titles: [String: Title] = [:]
        var titleOrder: [String] = []
        for (number, line) in try readText(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if number == 0 || line.isEmpty { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 4, let type = EntityType(rawValue: String(columns[1])), let count = Int(columns[3]) else {
                throw KnowledgeBaseSourceError(file: url.path, line: number + 1, message: "expected 4 tab-separated columns: title, type, surface form, count")
            }
            let title = Self.unescape(String(columns[0]))
            if titles[title] == nil { titleOrder.append(title) }
            titles[title, default: Title()].forms[String(columns[2]), default: 0] += count
            titles[title, default: Title()].types[type, default: 0] += count
            titles[title, default: Title()].typesByForm[String(columns[2]), default: [:]][type, default: 0] += count
        }
        for title in titleOrder {
            guard let info = titles[title] else { continue }
            let name = title.replacingOccurrences(of: "_", with: " ")
            let plainTitle = name.replacingOccurrences(of: #" \([^)]*\)$"#, with: "", options: .regularExpression)
            // The type of the title's own name when it was seen ("Scotland" is LOC though "Scottish" is MISC), else the commonest.
            let votes = info.typesByForm[plainTitle] ?? info.types
            let type = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? .miscellaneous
            let plain = name.replacingOccurrences(of: #" \([^)]*\)$"#, with: "", options: .regularExpression)
            // "Georgia (country)" is the country; "Georgia (U.S. state)" is not.
            let matchKey = plain != name && name.hasSuffix("(country)") ? NameNormalizer.key(plain) : NameNormalizer.key(name)
            if let i = index[matchKey] {
                for (form, count) in info.forms { entities[i].aliases[form, default: 0] += count }
                continue
            }
            let id = "wp-" + (Slug.make(from: name)?.rawValue ?? "untitled")
            var aliases = info.forms
            if plain != name { aliases[plain, default: 0] += 0 }
            index[NameNormalizer.key(name)] = entities.count
            entities.append(KBEntity(id: id, type: type,
                                     name: plain, aliases: aliases, facts: EntityFacts(kind: "wikipedia")))
        }
    }

    // MARK: - Small parsers

    /// Organisation names compared across spellings ("Organisation"/"Organization").
    static func orgKey(_ name: String) -> String { NameNormalizer.phonetic(NameNormalizer.key(name)) }

    static func isLatin(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0.value < 0x250 || (0x1E00...0x1EFF).contains($0.value) }
    }

    static func plural(_ demonym: String) -> String? {
        for ending in ["ese", "sh", "ch", "ss", "s", "x", "z"] where demonym.hasSuffix(ending) { return nil }
        return demonym + "s"
    }

    /// `\u0028`-style escapes in AIDA titles.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\u") else { return s }
        var out = ""
        var scalars = Array(s.unicodeScalars)[...]
        while let first = scalars.first {
            if first == "\\", scalars.count >= 6, scalars.dropFirst().first == "u",
               let value = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar); scalars = scalars.dropFirst(6)
            } else {
                out.unicodeScalars.append(first); scalars = scalars.dropFirst()
            }
        }
        return out
    }
}

/// A knowledge-base source that could not be read, with its file and 1-based line (0 for the whole file).
public struct KnowledgeBaseSourceError: Error, CustomStringConvertible, Equatable {
    /// The file's path.
    public var file: String
    /// The 1-based line, 0 when the problem is the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String
    /// The error as one line: `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A CSV file with a header row (RFC 4180 quoting), as dictionaries from column name to value.
struct CSVTable {
    var rows: [[String: String]] = []

    init(text: String, file: String) throws {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var chars = text.makeIterator()
        var pending: Character?
        var line = 1
        while let ch = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if ch == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else { if ch == "\n" { line += 1 }; field.append(ch) }
                continue
            }
            switch ch {
            case "\"": inQuotes = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n":
                record.append(field); field = ""
                records.append(record); record = []
                line += 1
            case "\r": break
            default: field.append(ch)
            }
        }
        if inQuotes { throw KnowledgeBaseSourceError(file: file, line: line, message: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { throw KnowledgeBaseSourceError(file: file, line: 1, message: "no header row") }
        for (k, values) in records.dropFirst().enumerated() where !(values.count == 1 && values[0].isEmpty) {
            guard values.count == header.count else {
                throw KnowledgeBaseSourceError(file: file, line: k + 2, message: "expected \(header.count) fields, found \(values.count)")
            }
            rows.append(Dictionary(zip(header, values), uniquingKeysWith: { a, _ in a }))
        }
    }
}

/// The flat YAML of supraverden's `general_list.yaml`: top-level keys, each with `  Field: value` lines.
/// Lists and nested maps are skipped; only scalar fields are kept.
struct SimpleYAMLRecords {
    var records: [[String: String]] = []

    init(text: String, file: String) throws {
        var current: [String: String]?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            // Long names use YAML's explicit-key form: "? Name" then ": Field: value".
            if line.hasPrefix("? ") {
                if let current { records.append(current) }
                current = [:]
                continue
            }
            if line.hasPrefix(": ") { line = "  " + line.dropFirst(2) }
            if !line.hasPrefix(" ") && !line.hasPrefix("-") {
                guard line.hasSuffix(":") else {
                    throw KnowledgeBaseSourceError(file: file, line: number + 1, message: "expected a record name ending in ':'")
                }
                if let current { records.append(current) }
                current = [:]
                continue
            }
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let colon = line.firstIndex(of: ":") else { continue }
            let key = line[line.index(line.startIndex, offsetBy: 2)..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, (value.hasPrefix("'") && value.hasSuffix("'")) || (value.hasPrefix("\"") && value.hasSuffix("\"")) {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            }
            guard !value.isEmpty, value != "null", value != "~" else { continue }
            current?[key] = value
        }
        if let current { records.append(current) }
    }
}
