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
        if let lastModified = page.lastModifiedHeader { headers[.lastModified] = lastModified }
        if isNotModified(page, request: request) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(page.body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: page.body))
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

    /// The IMF-fixdate of RFC 9110 ("Sun, 06 Nov 1994 08:49:37 GMT"), computed with integer arithmetic: it is
    /// on every page response, and Foundation's formatter took 12% of a personalised article request's CPU.
    static func httpDate(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4, counting from Sunday)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(Self.weekdays[weekday]), \(two(day)) \(Self.months[Int(month) - 1]) \(year) "
            + "\(two(secondOfDay / 3_600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
