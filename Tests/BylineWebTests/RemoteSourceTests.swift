import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import BylineImport
import BylineWeb
import BylineNewsroom

/// `byline import URL`: downloads from a real local server with redirects, size cap and time limits.
@Suite struct RemoteSourceTests {
    static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Local</title><link>http://127.0.0.1/</link>
    <item><title>Harbour reopens</title><link>http://127.0.0.1/a</link><guid>a-1</guid><description>Boats are back.</description></item>
    </channel></rss>
    """

    /// A server with the cases a download meets in the wild.
    static func application() -> some ApplicationProtocol {
        let router = Router()
        let rss: HTTPFields = [.contentType: "application/rss+xml; charset=utf-8"]
        router.get("feed") { _, _ in Response(status: .ok, headers: rss, body: .init(byteBuffer: ByteBuffer(string: feed))) }
        router.get("loop") { _, _ in Response(status: .found, headers: [.location: "/loop"]) }
        router.get("chain/:n") { _, context in
            let n = context.parameters.get("n", as: Int.self) ?? 0
            return Response(status: .movedPermanently, headers: [.location: n > 0 ? "/chain/\(n - 1)" : "/feed"])
        }
        router.get("to-ftp") { _, _ in Response(status: .found, headers: [.location: "ftp://127.0.0.1/feed.xml"]) }
        router.get("big") { _, _ in
            Response(status: .ok, headers: rss, body: .init(byteBuffer: ByteBuffer(string: String(repeating: "x", count: 50_000))))
        }
        router.get("big-chunked") { _, _ in
            Response(status: .ok, headers: rss, body: ResponseBody { writer in
                for _ in 0..<50 { try await writer.write(ByteBuffer(string: String(repeating: "y", count: 1_000))) }
                try await writer.finish(nil)
            })
        }
        router.get("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(4))
            return Response(status: .ok, headers: rss, body: .init(byteBuffer: ByteBuffer(string: feed)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Generous times for the cases that must succeed or fail for another reason: a loaded CI machine is slow.
    static let limits = RemoteSource.Limits(idleTimeout: 20, totalTimeout: 30, maxBytes: 10_000, maxRedirects: 3)
    /// Short times, for the server that takes 4 s to answer.
    static let impatient = RemoteSource.Limits(idleTimeout: 1, totalTimeout: 3, maxBytes: 10_000, maxRedirects: 3)

    /// The error a download of `path` fails with.
    static func failure(_ path: String, port: Int, limits: RemoteSource.Limits = limits) async -> RemoteSource.FetchError? {
        do {
            _ = try await RemoteSource(limits: limits).fetch(URL(string: "http://127.0.0.1:\(port)\(path)")!)
            return nil
        } catch {
            return error
        }
    }

    @Test func downloadsAFeedThroughRedirectsAndRefusesWhatItShould() async throws {
        try await Self.application().test(.live) { client in
            let port = try #require(client.port)
            let base = "http://127.0.0.1:\(port)"

            let ok = try await RemoteSource(limits: Self.limits).fetch(URL(string: "\(base)/chain/2")!)
            #expect(ok.url.absoluteString == "\(base)/feed")
            #expect(ok.contentType?.hasPrefix("application/rss+xml") == true)
            let items = try FeedReader(fileName: ok.url.absoluteString).read(ok.data).map { try $0.get() }
            #expect(items.map(\.draft.headline) == ["Harbour reopens"])

            let loop = try #require(await Self.failure("/loop", port: port))
            #expect(loop.description.hasPrefix("fetching \(base)/loop: more than 3 redirects"))
            #expect(await Self.failure("/chain/4", port: port)?.reason.contains("more than 3 redirects") == true)
            #expect(await Self.failure("/to-ftp", port: port)?.reason.contains("only http and https") == true)

            let missing = try #require(await Self.failure("/missing", port: port))
            #expect(missing.description == "fetching \(base)/missing: HTTP 404 not found"
                    || missing.description.hasPrefix("fetching \(base)/missing: HTTP 404"))

            #expect(await Self.failure("/big", port: port)?.reason.contains("limit is 10000 bytes") == true)
            #expect(await Self.failure("/big-chunked", port: port)?.reason.contains("larger than the limit of 10000 bytes") == true)

            let started = Date()
            let slow = try #require(await Self.failure("/slow", port: port, limits: Self.impatient))
            #expect(slow.reason.contains("timed out"), "\(slow)")
            #expect(Date().timeIntervalSince(started) < 3.9, "gave up before the server answered")
        }
    }

    @Test func refusesURLsItCannotFetch() async {
        for text in ["ftp://example.com/feed.xml", "file:///etc/passwd", "http:///nohost"] {
            do {
                _ = try await RemoteSource().fetch(URL(string: text)!)
                Issue.record("\(text) was fetched")
            } catch {
                #expect(error.description.hasPrefix("fetching \(text): only http:// and https://"))
            }
        }
        // Nothing listens on port 9 of the loopback address.
        do {
            _ = try await RemoteSource(limits: .init(idleTimeout: 2)).fetch(URL(string: "http://127.0.0.1:9/feed")!)
            Issue.record("connected to port 9")
        } catch {
            #expect(error.description.hasPrefix("fetching http://127.0.0.1:9/feed: "))
        }
    }
}
