import HTTPTypes
import Hummingbird

/// Adds the browser security headers to every response: a Content-Security-Policy for a site without
/// JavaScript, no framing, no MIME sniffing, a referrer policy, and HSTS when the site is served over https.
///
/// The site and the admin run no script: the only `<script>` elements are `application/ld+json` data blocks,
/// which browsers never execute, so `script-src 'none'` costs nothing. Styles come from `/assets/site.css` and
/// `/admin/admin.css` (`style-src 'self'`); images may be the site's own, any https URL (lead images, a
/// publisher logo elsewhere) or `data:`; forms post only to the site.
///
/// A header a route set itself is kept; a Content-Security-Policy of its own is kept next to this one, and
/// browsers enforce both.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    /// Built once; a response gains these fields (one array growth at most) and nothing else is allocated.
    private let fields: [HTTPField]
    /// Whether each field is added even when the response has one of that name (the CSP: both are enforced).
    private let alwaysAdded: [Bool]

    /// - Parameter https: whether the site's public base URL is https (HSTS is only sent then).
    init(https: Bool) {
        var named: [(String, String)] = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Frame-Options", "DENY"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ]
        if https { named.append(("Strict-Transport-Security", "max-age=31536000")) }
        let fields = named.compactMap { name, value in HTTPField.Name(name).map { HTTPField(name: $0, value: value) } }
        self.fields = fields
        self.alwaysAdded = fields.map { $0.name == .contentSecurityPolicy }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers.reserveCapacity(response.headers.count + fields.count)
        // Index loops: `zip`, `for … in` over HTTPFields and `HTTPFields.contains` allocate per call in debug builds.
        var index = 0
        while index < fields.count {
            if alwaysAdded[index] || !Self.has(fields[index].name, in: response.headers) { response.headers.append(fields[index]) }
            index += 1
        }
        return response
    }

    private static func has(_ name: HTTPField.Name, in headers: HTTPFields) -> Bool {
        var index = headers.startIndex
        while index < headers.endIndex {
            if headers[index].name == name { return true }
            index += 1
        }
        return false
    }
}
