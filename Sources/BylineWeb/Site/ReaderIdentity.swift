import Foundation
import Hummingbird
import BylineRank
import BylineNewsroom

/// Who is reading, as far as Byline lets itself know: a random anonymous id from a first-party cookie,
/// and whether reads may be recorded. Parsed at the edge from the request's cookies and privacy headers.
struct ReaderIdentity: Sendable, Equatable {
    /// The reader id: from the cookie, or freshly made when recording is allowed and there was none.
    var id: ReaderID?
    /// The id is new: the response must set the cookie.
    var isNew: Bool
    /// `DNT: 1` or `Sec-GPC: 1`: nothing is recorded and no cookie is set.
    var doNotTrack: Bool
    /// The reader turned recording off on the reading-history page.
    var optedOut: Bool
    /// A crawler by its User-Agent: it would make a new reader on every request, so it gets none.
    var automated = false

    /// Reads may be recorded and used.
    var recording: Bool { !doNotTrack && !optedOut && !automated }
}

/// The reader cookies and the privacy rules around them.
struct ReaderCookies: Sendable {
    /// The anonymous reader id (HttpOnly, SameSite=Lax, Secure behind TLS).
    static let readerCookie = "byline_reader"
    /// `off` when the reader turned recording off.
    static let recordingCookie = "byline_recording"
    /// Secure cookies: the same rule as the admin session cookie (the public base URL is https).
    let secure: Bool
    /// How long the reader cookie lives: the retention window.
    let maxAge: TimeInterval

    /// The reader behind a request; makes a new id only when recording is allowed.
    ///
    /// On every article request, so it reads the headers once, byte by byte: Hummingbird's `request.cookies`
    /// splits the whole header into strings on each lookup.
    func identify(_ request: Request) -> ReaderIdentity {
        var doNotTrack = false
        var cookies = RequestCookies()
        var userAgent: String?
        for field in request.headers {
            if field.name == .cookie {
                cookies.scan(field.value)
            } else if field.name == .userAgent {
                userAgent = userAgent ?? field.value
            } else if field.name == Self.doNotTrackHeader || field.name == Self.globalPrivacyControlHeader, Self.isOne(field.value) {
                doNotTrack = true
            }
        }
        let optedOut = cookies.recording == "off"
        let existing = cookies.reader.flatMap { Self.validID(String($0)) }
        var identity = ReaderIdentity(id: existing, isNew: false, doNotTrack: doNotTrack, optedOut: optedOut,
                                      automated: Self.isCrawler(userAgent))
        if identity.recording && existing == nil {
            identity.id = ReaderID(Secrets.token())
            identity.isNew = true
        }
        return identity
    }

    /// `DNT` and `Sec-GPC`; HTTP field names compare without regard to case.
    static let doNotTrackHeader = HTTPFields.Element.Name("DNT")
    static let globalPrivacyControlHeader = HTTPFields.Element.Name("Sec-GPC")

    /// The value is `1`, allowing surrounding whitespace.
    static func isOne(_ value: String) -> Bool {
        var ones = 0
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "1"): ones += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"): continue
            default: return false
            }
        }
        return ones == 1
    }

    /// Crawlers name themselves in the User-Agent (Googlebot, bingbot, Yahoo Slurp, link previewers).
    static func isCrawler(_ userAgent: String?) -> Bool {
        guard let agent = userAgent?.lowercased() else { return false }
        return ["bot", "crawl", "spider", "slurp", "facebookexternalhit", "preview"].contains { agent.contains($0) }
    }

    /// The trimmed value of a header that Hummingbird has no name for (`canonical` is lowercase).
    static func header(_ request: Request, _ canonical: String) -> String? {
        request.headers.first { $0.name.canonicalName == canonical }?.value.trimmingCharacters(in: .whitespaces)
    }

    /// A cookie value is a reader id only when it looks like one Byline made (base64url, 16-64 characters).
    static func validID(_ value: String) -> ReaderID? {
        guard (16...64).contains(value.utf8.count),
              value.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F })
        else { return nil }
        return ReaderID(value)
    }

    /// The cookie that gives a browser its reader id.
    func readerCookie(_ id: ReaderID) -> Cookie {
        Cookie(name: Self.readerCookie, value: id.rawValue, maxAge: Int(maxAge), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that removes the reader id (after clearing the history).
    func expiredReaderCookie() -> Cookie {
        Cookie(name: Self.readerCookie, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The cookie that turns recording off (`on: false`) or removes that choice.
    func recordingCookie(on: Bool) -> Cookie {
        Cookie(name: Self.recordingCookie, value: on ? "" : "off", maxAge: on ? 0 : 10 * 365 * 86_400, path: "/",
               secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// The two cookies Byline reads, found in `Cookie` header values without splitting them into strings.
struct RequestCookies {
    /// The `byline_reader` value, if sent.
    var reader: Substring?
    /// The `byline_recording` value, if sent.
    var recording: Substring?

    /// Reads one `Cookie` header value (`name=value; name=value`, RFC 6265 §4.2.1); the first of a name wins.
    mutating func scan(_ header: String) {
        let utf8 = header.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: ";")) ?? utf8.endIndex
            var pair = utf8[start..<end]
            while let first = pair.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { pair = pair.dropFirst() }
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                let name = pair[..<equals]
                let value = Substring(pair[pair.index(after: equals)...])
                if reader == nil, name.elementsEqual(ReaderCookies.readerCookie.utf8) { reader = value }
                else if recording == nil, name.elementsEqual(ReaderCookies.recordingCookie.utf8) { recording = value }
            }
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
    }
}
