import ArgumentParser
import BylineText
import Foundation

/// `byline build-kb`: compiles the knowledge base from the open data sets.
struct BuildKBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-kb",
        abstract: "Compile the entity knowledge base (countries, organisations, leaders, AIDA aliases) into one compact file."
    )

    @Option(help: "The data directory holding kb/ and aida/.")
    var data = "../shared/data"

    @Option(help: "Where to write the knowledge base.")
    var out = "Sources/BylineText/Resources/knowledge-base.json"

    func run() async throws {
        let knowledgeBase = try KnowledgeBaseBuilder(dataDirectory: URL(fileURLWithPath: data)).build()
        let blob = try knowledgeBase.serialized()
        try blob.write(to: URL(fileURLWithPath: out))
        var counts: [EntityType: Int] = [:]
        for entity in knowledgeBase.entities { counts[entity.type, default: 0] += 1 }
        let summary = EntityType.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        print("wrote \(out): \(knowledgeBase.entities.count) entities (\(summary)), \(blob.count) bytes")
    }
}
