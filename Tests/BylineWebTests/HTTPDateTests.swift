import Foundation
import Testing
@testable import BylineWeb

/// The hand-written IMF-fixdate formatter agrees with Foundation's, and parses back to the same second.
@Suite struct HTTPDateTests {
    private func reference(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(
            format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
            locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
    }

    @Test func knownDates() {
        #expect(ConditionalGET.httpDate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(ConditionalGET.httpDate(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(ConditionalGET.httpDate(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(ConditionalGET.httpDate(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 GMT")
    }

    @Test func agreesWithFoundationOverTwoCenturies() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            // 1900 to 2100, whole and fractional seconds.
            let date = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator))
            #expect(ConditionalGET.httpDate(date) == reference(date))
        }
        let text = ConditionalGET.httpDate(Date(timeIntervalSince1970: 1_764_000_123))
        #expect(ConditionalGET.parseHTTPDate(text) == Date(timeIntervalSince1970: 1_764_000_123))
    }
}
