import Foundation
import Hummingbird

/// ETag / Last-Modified validation and the response headers of cacheable pages.
enum ConditionalGET {
    static func response(for page: RenderedPage, request: Request, cacheControl: String) -> Response {
        var headers: HTTPFields = [
            .contentType: page.contentType,
            .eTag: page.etag,
            .cacheControl: cacheControl,
        ]
        if let lastModified = page.lastModified { headers[.lastModified] = httpDate(lastModified) }
        if isNotModified(page, request: request) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(page.body.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: page.body)))
    }

    /// RFC 9110: If-None-Match wins over If-Modified-Since.
    static func isNotModified(_ page: RenderedPage, request: Request) -> Bool {
        if let inm = request.headers[.ifNoneMatch] {
            if inm.trimmingCharacters(in: .whitespaces) == "*" { return true }
            return inm.split(separator: ",").contains { tag in
                var t = tag.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("W/") { t.removeFirst(2) }
                return t == page.etag
            }
        }
        if let ims = request.headers[.ifModifiedSince], let since = parseHTTPDate(ims), let lastModified = page.lastModified {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }

    static func httpDate(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
