import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Downloads an import source (a feed, a WordPress export, a JSON Lines file) over HTTP or HTTPS, with a time
/// limit, a size cap and a limited number of redirects, all of which only go to `http` or `https` and never
/// from `https` down to `http`.
public struct RemoteSource: Sendable {
    /// What a download may cost.
    public struct Limits: Sendable, Hashable {
        /// Longest wait for the first byte or between two reads.
        public var idleTimeout: TimeInterval
        /// Longest time for the whole download.
        public var totalTimeout: TimeInterval
        /// Largest body accepted, in bytes.
        public var maxBytes: Int
        /// Most redirects followed.
        public var maxRedirects: Int

        public init(idleTimeout: TimeInterval = 30, totalTimeout: TimeInterval = 300, maxBytes: Int = 100 << 20,
                    maxRedirects: Int = 5) {
            self.idleTimeout = idleTimeout; self.totalTimeout = totalTimeout
            self.maxBytes = maxBytes; self.maxRedirects = maxRedirects
        }
    }

    /// A downloaded body with where it finally came from.
    public struct Download: Sendable {
        /// The URL after redirects.
        public var url: URL
        public var contentType: String?
        public var data: Data
    }

    /// Why a download failed; the description reads `fetching <url>: <what went wrong>`.
    public struct FetchError: Error, Sendable, CustomStringConvertible, Equatable {
        public var url: String
        public var reason: String
        public var description: String { "fetching \(url): \(reason)" }
    }

    public var limits: Limits
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Whether `text` names an HTTP(S) URL rather than a file.
    public static func isRemote(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Downloads `url`.
    /// - Throws: ``FetchError`` for a bad URL, a failed connection, an HTTP status other than 2xx, a redirect to
    ///   another scheme or past the limit, a body over the size cap, or a timeout.
    public func fetch(_ url: URL) async throws(FetchError) -> Download {
        let shown = url.absoluteString
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false else {
            throw FetchError(url: shown, reason: "only http:// and https:// URLs with a host can be imported")
        }
        let delegate = FetchDelegate(limits: limits)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = limits.idleTimeout
        configuration.timeoutIntervalForResource = limits.totalTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": "Byline-Import/1.0",
                                               "Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, application/x-ndjson, application/json;q=0.9, */*;q=0.5"]
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        let result: Result<Download, FetchError> = await withCheckedContinuation { continuation in
            delegate.start(session.dataTask(with: request), continuation: continuation)
        }
        return try result.get()
    }
}

/// Collects one download and enforces the limits; its state is guarded by a mutex because URLSession calls it
/// on its own queue.
private final class FetchDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<RemoteSource.Download, RemoteSource.FetchError>, Never>?
        var data = Data()
        var redirects = 0
        var failure: String?
        var response: HTTPURLResponse?
        var currentURL: URL?
        var originalURL: String = ""
    }
    private let limits: RemoteSource.Limits
    private let state = Mutex(State())

    init(limits: RemoteSource.Limits) { self.limits = limits }

    func start(_ task: URLSessionDataTask,
               continuation: CheckedContinuation<Result<RemoteSource.Download, RemoteSource.FetchError>, Never>) {
        state.withLock {
            $0.continuation = continuation
            $0.originalURL = task.originalRequest?.url?.absoluteString ?? ""
            $0.currentURL = task.originalRequest?.url
        }
        task.resume()
    }

    /// Stops the task with `reason` as the error the caller sees.
    private func fail(_ task: URLSessionTask, _ reason: String) {
        state.withLock { if $0.failure == nil { $0.failure = reason } }
        task.cancel()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        let target = request.url
        let verdict: String? = state.withLock { s in
            s.redirects += 1
            let from = s.currentURL?.scheme?.lowercased()
            let to = target?.scheme?.lowercased()
            if s.redirects > limits.maxRedirects {
                return "more than \(limits.maxRedirects) redirects (last to \(target?.absoluteString ?? "nowhere"))"
            }
            guard let to, ["http", "https"].contains(to) else {
                return "redirect to \(target?.absoluteString ?? "nowhere") refused: only http and https are followed"
            }
            if from == "https" && to == "http" {
                return "redirect from https to \(target?.absoluteString ?? "") refused: it would drop encryption"
            }
            s.currentURL = target
            return nil
        }
        if let verdict {
            state.withLock { if $0.failure == nil { $0.failure = verdict } }
            completionHandler(nil)
            task.cancel()
        } else {
            completionHandler(request)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            fail(dataTask, "the server did not answer with HTTP")
            return
        }
        state.withLock { $0.response = http; $0.currentURL = http.url ?? $0.currentURL }
        if !(200..<300).contains(http.statusCode) {
            completionHandler(.cancel)
            fail(dataTask, "HTTP \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))")
            return
        }
        if http.expectedContentLength > Int64(limits.maxBytes) {
            completionHandler(.cancel)
            fail(dataTask, "the body is \(http.expectedContentLength) bytes; the limit is \(limits.maxBytes) bytes")
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let tooBig = state.withLock { s -> Bool in
            guard s.failure == nil else { return false }
            s.data.append(data)
            return s.data.count > limits.maxBytes
        }
        if tooBig { fail(dataTask, "the body is larger than the limit of \(limits.maxBytes) bytes") }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, outcome): (CheckedContinuation<Result<RemoteSource.Download, RemoteSource.FetchError>, Never>?,
                                      Result<RemoteSource.Download, RemoteSource.FetchError>) = state.withLock { s in
            let url = s.originalURL
            let outcome: Result<RemoteSource.Download, RemoteSource.FetchError>
            if let failure = s.failure {
                outcome = .failure(.init(url: url, reason: failure))
            } else if let error {
                outcome = .failure(.init(url: url, reason: Self.describe(error, limits: limits)))
            } else if let response = s.response, let final = response.url ?? s.currentURL {
                outcome = .success(.init(url: final, contentType: response.value(forHTTPHeaderField: "Content-Type"), data: s.data))
            } else {
                outcome = .failure(.init(url: url, reason: "no response"))
            }
            let c = s.continuation
            s.continuation = nil
            return (c, outcome)
        }
        continuation?.resume(returning: outcome)
    }

    private static func describe(_ error: any Error, limits: RemoteSource.Limits) -> String {
        let ns = error as NSError
        if ns.domain == NSURLErrorDomain {
            switch ns.code {
            case NSURLErrorTimedOut: return "timed out (no data for \(Int(limits.idleTimeout)) s, or over \(Int(limits.totalTimeout)) s in all)"
            case NSURLErrorCannotFindHost: return "unknown host"
            case NSURLErrorCannotConnectToHost: return "could not connect (connection refused)"
            case NSURLErrorNetworkConnectionLost: return "the connection was lost"
            case NSURLErrorNotConnectedToInternet: return "no network"
            case NSURLErrorHTTPTooManyRedirects: return "more than \(limits.maxRedirects) redirects"
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
                 NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot:
                return "TLS failed (\(ns.localizedDescription))"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
