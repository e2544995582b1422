import ArgumentParser
import BylineText
import Foundation

/// `byline tag FILE`: prints the entities and automatic tags of a plain-text article.
struct TagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Print the entities and tags of a text file (optional section line, headline line, then body)."
    )

    @Argument(help: "A UTF-8 text file: [section line,] headline line, body paragraphs.")
    var file: String

    @Flag(help: "List every entity found, not only the tags.")
    var all = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read file") }
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file): not UTF-8 text") }
        let article = PlainTextArticle(parsing: text)
        guard !article.headline.isEmpty else { throw ValidationError("\(file): no headline (the file has no text)") }
        let tagger = try EntityTagger.bundled()
        let entities = tagger.analyze(headline: article.headline, body: article.body)
        let tags = tagger.tag(headline: article.headline, body: article.body)
        let tagIDs = Set(tags.map(\.id))
        print("headline: \(article.headline)")
        print("entities:")
        for entity in entities where all || tagIDs.contains(entity.id) {
            let salience = (entity.salience * 100).rounded() / 100
            let mentions = entity.mentions.map { "\($0.text) [\($0.rule.rawValue)]" }.joined(separator: "; ")
            print("  \(tagIDs.contains(entity.id) ? "*" : " ") \(entity.name) (\(entity.type.rawValue), \(entity.id)) salience \(salience), \(entity.mentionCount) mentions: \(mentions)")
        }
        print("tags: " + tags.map(\.name).joined(separator: ", "))
    }
}
