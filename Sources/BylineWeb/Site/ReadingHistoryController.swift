import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineRank
import BylineNewsroom
import BylineRoutes

/// `/reading-history`: the reader sees what this browser read, clears it, and turns recording off or on.
/// Plain POST forms, no script; answers are never cached.
struct ReadingHistoryController<Context: RequestContext>: Sendable {
    let stores: Stores
    let config: BylineConfig
    let related: RelatedService
    let reading: ReadingService
    let readers: ReaderCookies

    func register(on router: Router<Context>) {
        router.on(.readingHistory) { request, _, notice in try await page(request, notice: notice) }
        router.on(.readingHistoryClear) { request, _, _ in
            try Self.requireSameOrigin(request)
            var response = Self.seeOther(SiteRoute.readingHistory(notice: .cleared).path)
            if let id = request.cookies[ReaderCookies.readerCookie].flatMap({ ReaderCookies.validID($0.value) }) {
                try await reading.forget(id)
                // A fresh id next time: the cleared one is never used again.
                response.setCookie(readers.expiredReaderCookie())
            }
            return response
        }
        router.on(.readingHistoryRecording) { request, _, _ in
            try Self.requireSameOrigin(request)
            let form = try await AdminForm.read(request)
            let on: Bool
            switch form["recording"] {
            case "on": on = true
            case "off": on = false
            default: throw BylineError.badRequest("Say whether recording should be “on” or “off”.")
            }
            var response = Self.seeOther(SiteRoute.readingHistory(notice: on ? .recordingOn : .recordingOff).path)
            response.setCookie(readers.recordingCookie(on: on))
            return response
        }
    }

    private func page(_ request: Request, notice shown: ReadingHistoryNotice?) async throws -> Response {
        let reader = readers.identify(request)
        let status: ReadingHistoryPage.Status = reader.doNotTrack ? .doNotTrack : (reader.optedOut ? .off : .recording)
        // Only an id the browser already has: visiting this page never creates one.
        let id = reader.isNew ? nil : reader.id
        let summaries = related.snapshot().summaries
        var reads: [(summary: ArticleSummary, at: Date)] = []
        // Stories since unpublished or deleted are left out: their headlines are no longer public.
        for read in try await id.asyncMap({ try await reading.storedHistory(of: $0) }) ?? [] {
            if let summary = summaries[read.article] { reads.append((summary, read.at)) }
        }
        let notice: String?
        switch shown {
        case .cleared: notice = "Your reading history was cleared."
        case .recordingOn: notice = "Recording is on."
        case .recordingOff: notice = "Recording is off."
        default: notice = nil
        }
        let sections = try await stores.sections.sections()
        let layout = Layout(config: config, sections: sections)
        let body = ReadingHistoryPage(status: status, reads: reads, retentionDays: Int(reading.retention / 86_400), notice: notice)
            .render(layout: layout)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Another site must not clear a reader's history or switch recording: browsers say where a form came from.
    static func requireSameOrigin(_ request: Request) throws {
        if ReaderCookies.header(request, "sec-fetch-site") == "cross-site" {
            throw BylineError.forbidden("This form can only be sent from this site.")
        }
        if let origin = request.headers[.origin], origin != "null", let authority = request.head.authority,
           let originHost = URL(string: origin)?.host(), !authority.hasPrefix(originHost) {
            throw BylineError.forbidden("This form can only be sent from this site.")
        }
    }
}
