import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import BylineCore
import BylineWeb
@testable import BylineNewsroom

/// The sign-in throttle (issue 15): atomic reservations, per account / address / both with backoff, the cap on
/// password checks, and the client address behind trusted proxies.
@Suite struct LoginThrottleTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_400_000)

    @Test func parallelAttemptsCannotAllPassTheCheck() async {
        let throttle = LoginThrottle()
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    if case .allowed = throttle.reserve(account: "racer", address: "192.0.2.1", now: Self.t0) { return true }
                    return false
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 5)
    }

    @Test func waitsDoubleAfterFiveFailuresUpToFifteenMinutes() {
        let throttle = LoginThrottle()
        var now = Self.t0
        var waits: [Int] = []
        for _ in 0..<16 {
            switch throttle.reserve(account: "edna", address: "192.0.2.1", now: now) {
            case .allowed(let reservation): throttle.failed(reservation, now: now)
            case .refused(let wait):
                waits.append(Int(wait.rounded()))
                now = now.addingTimeInterval(wait)
                guard case .allowed(let reservation) = throttle.reserve(account: "edna", address: "192.0.2.1", now: now) else {
                    Issue.record("not allowed once the wait was over"); return
                }
                throttle.failed(reservation, now: now)
            }
        }
        // The account's own rule caps its wait at 30 s; the (account, address) rule goes on to 15 minutes.
        #expect(waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900])
    }

    @Test func aStrangersFailuresSlowTheOwnerButNeverLockThemOut() {
        let throttle = LoginThrottle()
        var now = Self.t0
        // A stranger on many addresses keeps failing for the admin account, as fast as the throttle lets them.
        for n in 0..<200 {
            if case .allowed(let reservation) = throttle.reserve(account: "admin", address: "203.0.113.\(n % 50)", now: now) {
                throttle.failed(reservation, now: now)
            }
            now = now.addingTimeInterval(0.5)
        }
        // The owner, from an address without failures, waits at most the account's longest wait.
        guard case .refused(let wait) = throttle.reserve(account: "admin", address: "198.51.100.7", now: now) else {
            Issue.record("the account is not slowed at all"); return
        }
        #expect(wait <= 30)
        guard case .allowed(let reservation) = throttle.reserve(account: "admin", address: "198.51.100.7", now: now.addingTimeInterval(wait))
        else { Issue.record("the owner is locked out"); return }
        throttle.succeeded(reservation)
        // The stranger's own address stays barred for longer than the owner waited.
        guard case .refused(let theirs) = throttle.reserve(account: "admin", address: "203.0.113.1", now: now.addingTimeInterval(wait)) else {
            Issue.record("the stranger is not held back"); return
        }
        #expect(theirs > 0)
    }

    @Test func onePasswordOverManyUsernamesMeetsTheAddressLimit() {
        let throttle = LoginThrottle()
        var refusedAt: Int?
        for n in 0..<30 {
            switch throttle.reserve(account: "nobody-\(n)", address: "192.0.2.4", now: Self.t0.addingTimeInterval(Double(n) * 0.1)) {
            case .allowed(let reservation): throttle.failed(reservation, now: Self.t0.addingTimeInterval(Double(n) * 0.1))
            case .refused: refusedAt = refusedAt ?? n
            }
        }
        #expect(refusedAt == 5)
    }

    @Test func checksThatDidNotHappenDoNotCountAndTheTableIsBounded() {
        let throttle = LoginThrottle(capacity: 100)
        for _ in 0..<50 {
            guard case .allowed(let reservation) = throttle.reserve(account: "arlo", address: "192.0.2.9", now: Self.t0) else {
                Issue.record("a released attempt still counted"); return
            }
            throttle.release(reservation)
        }
        for n in 0..<1_000 {
            if case .allowed(let reservation) = throttle.reserve(account: "user-\(n)", address: "2001:db8::\(n)", now: Self.t0) {
                throttle.failed(reservation, now: Self.t0)
            }
        }
        #expect(throttle.count <= 100)
    }

    @Test func atMostTwoPasswordChecksRunAndTheRestWaitBrieflyOrAreRefused() async {
        let gate = PasswordCheckGate(limit: 2, maxWaiting: 1, patience: .milliseconds(200))
        #expect(await gate.enter())
        #expect(await gate.enter())
        // A third waits; a fourth finds the waiting room full and is refused at once.
        async let third = gate.enter()
        try? await Task.sleep(for: .milliseconds(50))
        #expect(gate.load == (running: 2, waiting: 1))
        #expect(await gate.enter() == false)
        gate.leave()
        #expect(await third)
        #expect(gate.load == (running: 2, waiting: 0))
        // Nobody leaves: a waiter gives up after its patience.
        let start = ContinuousClock.now
        #expect(await gate.enter() == false)
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        gate.leave(); gate.leave()
        #expect(gate.load == (running: 0, waiting: 0))
    }

    @Test func theClientAddressTrustsForwardedForOnlyFromConfiguredProxies() throws {
        let none = TrustedProxies()
        #expect(none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        #expect(none.clientAddress(peer: nil, forwardedFor: ["203.0.113.9"]) == nil)
        let proxies = try TrustedProxies(["127.0.0.1", "10.0.0.0/8, fd00::/8"])
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        // Right to left past trusted hops; what a client wrote on the left is not believed.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.1.1.1, 198.51.100.7", "10.9.9.9"]) == "198.51.100.7")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: ["198.51.100.7:4711"]) == "198.51.100.7")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["not an address"]) == "127.0.0.1")
        // An IPv6 client is its /64.
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["[2001:db8:1:2:aaaa::1]:80"]) == "2001:db8:1:2:0:0:0:0/64")
        #expect(proxies.clientAddress(peer: "fd12::1", forwardedFor: ["2001:db8:1:2::9"]) == "2001:db8:1:2:0:0:0:0/64")
        #expect(throws: TrustedProxies.InvalidRange.self) { try TrustedProxies(["10.0.0.0/33"]) }
        #expect(throws: TrustedProxies.InvalidRange.self) { try TrustedProxies(["proxy.example"]) }
    }
}

/// The same through the real sign-in form.
@Suite struct SignInThrottleWebTests {
    func attempt(_ client: some TestClientProtocol, _ username: String, _ password: String,
                 forwardedFor: String? = nil) async throws -> TestResponse {
        let page = try await client.execute(uri: "/admin/login", method: .get)
        var (headers, body) = form([("csrf", csrfField(page.text) ?? ""), ("username", username), ("password", password)],
                                   cookie: setCookie(page, "byline_login_csrf"))
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        return try await client.execute(uri: "/admin/login", method: .post, headers: headers, body: body)
    }

    @Test func twentyParallelAttemptsCheckAtMostFive() async throws {
        let f = try await NewsroomFixture.make()
        try await f.app().test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for k in 0..<20 {
                    group.addTask { try await attempt(client, "edna", k == 19 ? NewsroomFixture.password : "wrong password \(k)").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            let checked = statuses.filter { $0 == .unauthorized || $0 == .seeOther }
            #expect(checked.count <= 5, "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .seeOther || $0 == .tooManyRequests })
        }
    }

    @Test func behindATrustedProxyAStrangerSlowsTheOwnerForASecondNotFifteenMinutes() async throws {
        let f = try await NewsroomFixture.make(trustedProxies: try TrustedProxies(["127.0.0.1", "::1"]))
        let clock = TestClock(NewsroomFixture.now)
        let app = Application(router: try buildRouter(services: f.services, clock: { clock.now }),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            for k in 0..<6 {
                let r = try await attempt(client, "edna", "stranger guess \(k)", forwardedFor: "203.0.113.9")
                #expect(r.status == (k < 5 ? .unauthorized : .tooManyRequests))
            }
            // The owner, from their own address: the account is slowed by a second, not locked.
            let first = try await attempt(client, "edna", NewsroomFixture.password, forwardedFor: "198.51.100.7")
            #expect(first.status == .tooManyRequests)
            #expect(first.headers[.retryAfter] == "1")
            clock.advance(1)
            #expect(try await attempt(client, "edna", NewsroomFixture.password, forwardedFor: "198.51.100.7").status == .seeOther)
            // The stranger's own address is still held back.
            #expect(try await attempt(client, "edna", "stranger guess 6", forwardedFor: "203.0.113.9").status == .tooManyRequests)
        }
    }

    @Test func withoutTrustedProxiesForwardedForIsIgnored() async throws {
        let f = try await NewsroomFixture.make()
        let app = Application(router: try buildRouter(services: f.services, clock: { NewsroomFixture.now }),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            // A different made-up address on every attempt: still one client, limited after five usernames.
            var statuses: [HTTPResponse.Status] = []
            for k in 0..<7 { statuses.append(try await attempt(client, "nobody-\(k)", "Summer2026!", forwardedFor: "203.0.113.\(k)").status) }
            #expect(statuses.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(2).allSatisfy { $0 == .tooManyRequests })
        }
    }
}
