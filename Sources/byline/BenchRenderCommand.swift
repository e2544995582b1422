import ArgumentParser
import Foundation
import BylineCore
import BylineWeb
import BylineNewsroom

/// `byline bench-render` (hidden): times the article page renderer on a synthetic ~26 KB page with 40 list items.
struct BenchRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render", abstract: "Time article-page rendering (build with -c release).", shouldDisplay: false)

    @Option(help: "Renders per round.")
    var iterations = 20_000

    @Option(help: "Rounds; the median is reported.")
    var rounds = 5

    func run() throws {
        let section = Section(id: SectionID(1), slug: Slug.make(from: "world") ?? .fallback, name: "World", position: 1)
        let sections = (1...8).map { Section(id: SectionID(Int64($0)), slug: Slug.make(from: "section \($0)") ?? .fallback,
                                             name: "Section \($0)", position: $0) }
        let paragraph = "<p>Officials said on Tuesday that the convoy had crossed the border at dawn &amp; that talks would resume, "
            + "although neither side would say where or when the next round would take place.</p>"
        let article = Article(
            id: ArticleID(1), slug: Slug.make(from: "benchmark article") ?? .fallback,
            headline: "Ministers agree \"shared\" customs corridor <after> talks",
            dek: "A single inspection at the first border could cut days from the journey.",
            bodyMarkdown: "", bodyHTML: String(repeating: paragraph, count: 110), section: section,
            contributors: [Contributor(author: Author(id: AuthorID(1), slug: Slug.make(from: "Ana Souza") ?? .fallback, name: "Ana Souza")),
                           Contributor(author: Author(id: AuthorID(2), slug: Slug.make(from: "Li Wei") ?? .fallback, name: "Li Wei"),
                                       role: "Additional reporting by")],
            tags: (1...22).map { ArticleTag(tag: Tag(id: TagID(Int64($0)), slug: Slug.make(from: "tag \($0)") ?? .fallback,
                                                     name: "Tag & topic \($0)"), origin: .editor) },
            status: .published, publishedAt: Date(timeIntervalSince1970: 1_795_858_200),
            createdAt: Date(timeIntervalSince1970: 1_795_858_200), updatedAt: Date(timeIntervalSince1970: 1_795_858_200),
            leadImage: nil, externalID: nil)
        let related = (1...10).map { i in
            (summary: ArticleSummary(id: ArticleID(Int64(100 + i)), slug: Slug.make(from: "related \(i)") ?? .fallback,
                                     headline: "Related story number \(i) <with> markup", dek: "", section: section, contributors: [],
                                     publishedAt: nil, updatedAt: Date(), leadImage: nil, tagIDs: []),
             reason: "Also about Tag & topic \(i)")
        }
        let renderer = PageRenderer(config: BylineConfig(storage: .memory, baseURL: "https://news.example"))
        var bytes = 0
        var wall: [Double] = []
        var cpu: [Double] = []
        // CPU time is what one core spent; wall time also counts waiting for a core on a busy machine.
        func cpuNanoseconds() -> Double {
            var ts = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
        }
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = cpuNanoseconds()
            for _ in 0..<iterations { bytes &+= renderer.articlePage(article, related: related, sections: sections).count }
            cpu.append((cpuNanoseconds() - cpuStart) / Double(iterations) / 1_000)
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations) / 1_000)
        }
        let page = renderer.articlePage(article, related: related, sections: sections)
        wall.sort(); cpu.sort()
        print(String(format: "article page: %d bytes, 40 list items, %d rounds of %d renders: median %.1f µs CPU per render "
                     + "(min %.1f), median %.1f µs wall", page.count, rounds, iterations, cpu[cpu.count / 2], cpu.first ?? 0,
                     wall[wall.count / 2]))
        if bytes == 0 { print("") }
    }
}
