import Foundation

/// Parses the dates feeds carry: RFC 822/1123 (`Sat, 28 Nov 2026 09:30:00 GMT`, with the usual
/// variations), ISO 8601/RFC 3339, and WordPress's `2026-11-28 09:30:00` (read as UTC).
enum FeedDateParser {
    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    private static let zones = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
                                "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2]

    static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        if let date = JSONLReader.parseDate(text) { return date }
        if let date = wordPress(text) { return date }
        return rfc822(text)
    }

    private static func utcDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), (1...9999).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetMinutes * 60))
    }

    /// `2026-11-28 09:30:00`
    private static func wordPress(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == ":" || $0 == "T" }).map { Int($0) }
        guard parts.count == 6, parts.allSatisfy({ $0 != nil }) else { return nil }
        let p = parts.compactMap { $0 }
        if p[0] == 0 { return nil }  // 0000-00-00 00:00:00: WordPress's "no date"
        return utcDate(year: p[0], month: p[1], day: p[2], hour: p[3], minute: p[4], second: p[5], offsetMinutes: 0)
    }

    /// `[Sat,] 28 Nov 2026 09:30[:00] (GMT|+0100|EST)`; two-digit years are read as 19xx/20xx.
    private static func rfc822(_ text: String) -> Date? {
        var tokens = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = tokens.first, Int(first) == nil { tokens.removeFirst() }  // weekday
        guard tokens.count >= 4, let day = Int(tokens[0]), let month = months[String(tokens[1].lowercased().prefix(3))],
              var year = Int(tokens[2]) else { return nil }
        guard year >= 0 else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, time.allSatisfy({ $0 != nil }) else { return nil }
        let t = time.compactMap { $0 }
        var offset = 0
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offset = (value / 100 * 60 + value % 100) * (sign == "-" ? -1 : 1)
            } else if let hours = zones[zone.lowercased()] {
                offset = hours * 60
            }
        }
        return utcDate(year: year, month: month, day: day, hour: t[0], minute: t[1], second: t.count > 2 ? t[2] : 0, offsetMinutes: offset)
    }
}
