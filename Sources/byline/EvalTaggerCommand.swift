import ArgumentParser
import BylineText
import Foundation

/// `byline eval tagger FILE`: times the automatic tagger over a JSONL corpus of articles.
struct EvalTaggerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagger",
        abstract: "Tag every article of a JSONL file ({title, body} per line) and print the time taken."
    )

    @Argument(help: "A JSONL file with a title and a body per line (e.g. the BBC News corpus).")
    var file: String

    private struct Article: Decodable { var title: String; var body: String }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(file): cannot read file as UTF-8 text")
        }
        var articles: [Article] = []
        var seen: Set<String> = []
        let decoder = JSONDecoder()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let article: Article
            do { article = try decoder.decode(Article.self, from: Data(line.utf8)) } catch {
                throw ValidationError("\(file):\(number + 1): not a JSON object with string fields title and body")
            }
            if seen.insert(article.body).inserted { articles.append(article) } // the corpus has duplicate bodies
        }
        let clock = ContinuousClock()
        let loadStart = clock.now
        let tagger = try EntityTagger.bundled()
        let loadTime = clock.now - loadStart
        var tagCount = 0, mentionCount = 0
        var counts: [String: Int] = [:]
        let cpuStart = CPUTime.now()
        let elapsed = clock.measure {
            for article in articles {
                let tags = tagger.tag(headline: article.title, body: article.body)
                tagCount += tags.count
                mentionCount += tags.reduce(0) { $0 + $1.mentionCount }
                for tag in tags { counts[tag.name, default: 0] += 1 }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpuSeconds = CPUTime.now() - cpuStart
        let tokens = articles.reduce(0) { $0 + NewsTokenizer().tokenize($1.title + "\n" + $1.body).count }
        print("tagged \(articles.count) distinct articles (\(tokens) tokens) in \(String(format: "%.2f", seconds)) s wall clock, "
              + "\(String(format: "%.2f", cpuSeconds)) s CPU: \(Int(Double(articles.count) / cpuSeconds)) articles and "
              + "\(Int(Double(tokens) / cpuSeconds)) tokens per CPU second end to end; model and KB load \(loadTime)")
        print("\(tagCount) tags (\(String(format: "%.1f", Double(tagCount) / Double(max(1, articles.count)))) per article), \(mentionCount) tagged mentions")
        let top = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(15).map { "\($0.key) \($0.value)" }
        print("most frequent tags: " + top.joined(separator: ", "))
    }
}
