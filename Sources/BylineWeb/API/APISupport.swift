import Foundation
import Hummingbird
import BylineCore
import BylineStore
import BylineNewsroom

/// JSON in and out for the APIs.
enum APIJSON {
    /// The largest request body the APIs read.
    static let maxBodyBytes = 1 << 20

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A JSON response that no cache keeps (API answers depend on credentials).
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, cacheable: Bool = false) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status,
                        headers: [.contentType: "application/json; charset=utf-8",
                                  .cacheControl: cacheable ? "public, max-age=30" : "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response { Response(status: .noContent, headers: [.cacheControl: "no-store"]) }

    /// Reads and decodes a JSON body: at most ``maxBodyBytes`` (413), `application/json` (415), no unknown
    /// fields and well-typed values (422).
    static func decode<T: StrictInput>(_ type: T.Type, from request: Request) async throws -> T {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw BylineError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as application/json.")
        }
        let buffer = try await RequestBodyReader.collect(request, upTo: maxBodyBytes, tooLarge: "The body is larger than \(maxBodyBytes) bytes.")
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
            throw BylineError(status: .unprocessableContent, code: "invalid_json", message: "The body must be a JSON object.",
                             issues: [FieldIssue(field: "body", message: "must be a JSON object")])
        }
        var issues: [FieldIssue] = []
        for key in object.keys.sorted() where !T.fields.contains(key) {
            issues.append(FieldIssue(field: key, message: "is not a known field"))
        }
        for (key, allowed) in T.nested {
            let children: [(String, [String: Any])]
            if let dict = object[key] as? [String: Any] { children = [(key, dict)] }
            else if let list = object[key] as? [Any] {
                children = list.enumerated().compactMap { i, v in (v as? [String: Any]).map { ("\(key)[\(i)]", $0) } }
            } else { children = [] }
            for (path, dict) in children {
                for child in dict.keys.sorted() where !allowed.contains(child) {
                    issues.append(FieldIssue(field: "\(path).\(child)", message: "is not a known field"))
                }
            }
        }
        guard issues.isEmpty else { throw BylineError(status: .unprocessableContent, code: "unknown_fields", message: "The body has unknown fields.", issues: issues) }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw BylineError(status: .unprocessableContent, code: "validation_failed", message: "The request has invalid fields.",
                             issues: [issue(for: error)])
        }
    }

    private static func issue(for error: DecodingError) -> FieldIssue {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let index = key.intValue { out += "[\(index)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return out.isEmpty ? "body" : out
        }
        switch error {
        case .keyNotFound(let key, let context): return FieldIssue(field: path(context.codingPath + [key]), message: "is required")
        case .valueNotFound(_, let context): return FieldIssue(field: path(context.codingPath), message: "must not be null")
        case .typeMismatch(let type, let context): return FieldIssue(field: path(context.codingPath), message: "must be \(describe(type))")
        case .dataCorrupted(let context):
            let message = context.codingPath.last?.stringValue.hasSuffix("_at") == true
                ? "must be an ISO 8601 date-time such as 2026-01-31T09:30:00Z"
                : (context.debugDescription.hasPrefix("invalid slug") ? "must be lowercase letters, digits and single hyphens" : "is not valid")
            return FieldIssue(field: path(context.codingPath), message: message)
        @unknown default: return FieldIssue(field: "body", message: "is not valid")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Slug.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Date.Type: return "an ISO 8601 date-time"
        default: return "an array or object of the documented shape"
        }
    }
}

/// Finds who is calling: a bearer token, or a session cookie (whose writes must echo the CSRF token in `X-CSRF-Token`).
struct APIAuthenticator: Sendable {
    let accounts: AccountService
    let clock: @Sendable () -> Date

    static let sessionCookie = "byline_session"

    /// The caller, or `nil` when the request carries no credentials.
    /// - Throws: ``PublishingError/unauthenticated`` for credentials that do not check out.
    func principal(_ request: Request) async throws -> Principal? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                  let principal = try await accounts.principal(bearer: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
                throw PublishingError.unauthenticated
            }
            return principal
        }
        if let cookie = request.cookies[Self.sessionCookie]?.value {
            guard let principal = try await accounts.principal(sessionCookie: cookie, now: clock()) else { throw PublishingError.unauthenticated }
            if request.method != .get && request.method != .head, case .session(let csrf, _) = principal.credential {
                guard let sent = request.headers.first(where: { $0.name.canonicalName == "x-csrf-token" })?.value,
                      Secrets.constantTimeEqual(sent, csrf) else {
                    throw PublishingError.forbidden("Session writes need the X-CSRF-Token header.")
                }
            }
            return principal
        }
        return nil
    }

    /// An Admin API caller whose role may manage the taxonomy and related stories (editors and admins);
    /// 403 with "Only editors and admins <what>." for authors.
    func editorialPrincipal(_ request: Request, _ what: String) async throws -> Principal {
        let principal = try await adminPrincipal(request)
        guard principal.role.canManageTaxonomy else { throw PublishingError.forbidden("Only editors and admins \(what).") }
        return principal
    }

    /// A caller allowed on the Admin API: 401 without credentials, 403 for content-only tokens.
    func adminPrincipal(_ request: Request) async throws -> Principal {
        guard let principal = try await principal(request) else { throw PublishingError.unauthenticated }
        if case .token(let scope) = principal.credential, scope != .admin {
            throw PublishingError.forbidden("This token's scope is content; the Admin API needs an admin token.")
        }
        return principal
    }
}
