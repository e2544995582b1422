import Foundation

/// The two date formats feeds and sitemaps use, always in UTC.
enum FeedDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }

    /// RFC 822 (as updated by RFC 1123), for RSS: `Sat, 28 Nov 2026 09:30:00 +0000`.
    static func rfc822(_ date: Date) -> String {
        let c = components(date)
        let weekday = days[((c.weekday ?? 1) - 1 + 7) % 7]
        let month = months[((c.month ?? 1) - 1 + 12) % 12]
        return "\(weekday), \(two(c.day ?? 1)) \(month) \(four(c.year ?? 1970)) \(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0)) +0000"
    }

    /// RFC 3339, for Atom, JSON Feed, sitemaps and JSON-LD: `2026-11-28T09:30:00Z`.
    static func rfc3339(_ date: Date) -> String {
        let c = components(date)
        return "\(four(c.year ?? 1970))-\(two(c.month ?? 1))-\(two(c.day ?? 1))T\(two(c.hour ?? 0)):\(two(c.minute ?? 0)):\(two(c.second ?? 0))Z"
    }

    /// The UTC year and month of a date.
    static func yearMonth(_ date: Date) -> (year: Int, month: Int) {
        let c = components(date)
        return (c.year ?? 1970, c.month ?? 1)
    }
}
