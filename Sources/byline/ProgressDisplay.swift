import Foundation
import Synchronization

/// A progress bar with rate and ETA on a terminal; plain lines when output is not a terminal.
final class ProgressDisplay: Sendable {
    private let total: Int
    private let label: String
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lastPlainLine = Mutex<Date>(.distantPast)

    init(total: Int, label: String) { self.total = total; self.label = label }

    func update(_ done: Int) {
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %@ %d/%d %3.0f%% %.0f/s ETA %@ ", label, bar, done, total, fraction * 100, rate,
                              Self.duration(remaining))
            FileHandle.standardError.write(Data(line.utf8))
        } else {
            let now = Date()
            let due = lastPlainLine.withLock { last -> Bool in
                guard now.timeIntervalSince(last) >= 2 || done == total else { return false }
                last = now
                return true
            }
            if due {
                let line = String(format: "%@: %d/%d (%.0f%%), %.0f records/s, ETA %@\n", label, done, total, fraction * 100, rate,
                                  Self.duration(remaining))
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
