import Foundation
import Hummingbird
import BylineRank

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

    /// Reads may be recorded and used.
    var recording: Bool { !doNotTrack && !optedOut }
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
    func identify(_ request: Request) -> ReaderIdentity {
        let doNotTrack = Self.header(request, "dnt") == "1" || Self.header(request, "sec-gpc") == "1"
        let optedOut = request.cookies[Self.recordingCookie]?.value == "off"
        let existing = request.cookies[Self.readerCookie].flatMap { Self.validID($0.value) }
        var identity = ReaderIdentity(id: existing, isNew: false, doNotTrack: doNotTrack, optedOut: optedOut)
        if identity.recording && existing == nil {
            identity.id = ReaderID(Secrets.token())
            identity.isNew = true
        }
        return identity
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
