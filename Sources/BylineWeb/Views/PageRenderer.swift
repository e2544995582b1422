import Foundation
import BylineCore
import BylineNewsroom

/// Renders public pages to bytes without a server: used by the site controller's callers that need pages
/// outside a request (benchmarks, static export).
public struct PageRenderer: Sendable {
    let config: BylineConfig

    public init(config: BylineConfig) { self.config = config }

    /// The article page, with its related picks (summary and reason) and the navigation sections.
    public func articlePage(_ article: Article, related: [(summary: ArticleSummary, reason: String)], sections: [Section]) -> [UInt8] {
        let layout = Layout(config: config, sections: sections)
        return ArticlePage(article: article, related: related.map { PickedStory(summary: $0.summary, reason: $0.reason) })
            .render(layout: layout)
    }
}
