import Foundation
import BylineCore

/// Formats dates and credit lines the same way on every page.
enum Formatting {
    private static let utc = TimeZone(identifier: "UTC") ?? .gmt

    /// `2026-11-28T09:30:00Z`, for `<time datetime>`.
    static func machineDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: utc))
    }

    /// `28 November 2026`.
    static func humanDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let month = monthNames[max(0, min(11, (c.month ?? 1) - 1))]
        return "\(c.day ?? 1) \(month) \(c.year ?? 1970)"
    }

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// "A", "A and B", "A, B and C".
    static func joinedNames(_ names: [String]) -> String {
        switch names.count {
        case 0: return ""
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }
    }
}

/// One line of an article's credits: a role ("By", "Additional reporting by") and its authors, in order.
struct CreditLine: Equatable {
    var label: String
    var authors: [Author]

    /// Groups contributors by role, keeping first-appearance order; authors without a role are credited "By".
    static func lines(for contributors: [Contributor]) -> [CreditLine] {
        var lines: [CreditLine] = []
        for contributor in contributors {
            let label = contributor.role.map(normalise) ?? "By"
            if let i = lines.firstIndex(where: { $0.label == label }) {
                lines[i].authors.append(contributor.author)
            } else {
                lines.append(CreditLine(label: label, authors: [contributor.author]))
            }
        }
        // The plain "By" line leads.
        if let i = lines.firstIndex(where: { $0.label == "By" }), i != 0 { lines.insert(lines.remove(at: i), at: 0) }
        return lines
    }

    /// "reporting by" → "Reporting by"; "Photographs" → "Photographs by".
    private static func normalise(_ role: String) -> String {
        var r = role.trimmingCharacters(in: .whitespaces)
        if r.isEmpty { return "By" }
        if !r.lowercased().hasSuffix(" by") && r.lowercased() != "by" { r += " by" }
        return r.prefix(1).uppercased() + r.dropFirst()
    }
}
