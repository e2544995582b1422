import ArgumentParser
import BylineCore
import BylineRank
import Foundation

/// `byline eval recs FILE.csv[.gz]`: next-click evaluation of the recommender on a Globo.com-format click log.
struct EvalRecsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recs",
        abstract: "HR@10, MRR@10, nDCG@10 and coverage of the recommender and three baselines on a click log.",
        discussion: """
        Time-based split on session_start: sessions starting before the cut are training, the rest test.
        Every click is fed to every method in time order; each test click after a session's first is
        predicted from the session so far plus the user's earlier history, just before it is fed.
        """
    )

    @Argument(help: "Click log (CSV, optionally gzip-compressed) with the Globo.com columns.")
    var file: String

    @Option(help: "Cut time in milliseconds since 1970 (default: the 80% point of the session_start span).")
    var cut: Int64?

    @Option(help: "Cut-off of the ranking.")
    var k: Int = 10

    @Option(help: "Evaluate a deterministic 1-in-N sample of test sessions (by a fixed hash of session_id).")
    var sampleEvery: Int = 1

    @Option(parsing: .upToNextOption,
            help: "Windows of the 'most popular recently' baseline, in hours; each is a baseline and Byline is compared with the best.")
    var recentHours: [Double] = Self.recentWindows

    @Flag(help: "Instead of the test run, compare blends on a validation cut inside the training period.")
    var tune = false

    func run() throws {
        let started = Date()
        var clicks = try ClickLogReader.read(path: file)
        guard !clicks.isEmpty else { throw EvalInputError("\(file) has no clicks") }
        let loaded = Date()
        let testCut = cut ?? NextClickEvaluation.cut(for: clicks, fraction: 0.8)
        print("byline eval recs \(file)")
        print("clicks: \(clicks.count), read in \(EvalFormat.seconds(loaded.timeIntervalSince(started)))")
        print("cut T = \(testCut) ms (\(utc(testCut))), \(cut == nil ? "the 80% point of the session_start span" : "from --cut")")

        if tune {
            clicks.removeAll { $0.sessionStart >= testCut }
            let validationCut = NextClickEvaluation.cut(for: clicks, fraction: 0.8)
            print("tuning: test sessions dropped; validation cut = \(validationCut) (\(utc(validationCut))), the 80% point of the training sessions' span")
            var predictors: [any NextClickPredictor] = recentHours.map { RecentlyPopularPredictor(hours: $0) }
            predictors.append(SessionItemKNNPredictor())
            for (model, blends) in Self.tuningGrid() {
                predictors.append(BylinePredictor(model: model, blends: blends))
            }
            let result = NextClickEvaluation.run(clicks: clicks, cut: validationCut, predictors: &predictors, k: k,
                                                 sampleEvery: sampleEvery)
            printTable(result)
            print("time: \(EvalFormat.seconds(Date().timeIntervalSince(started)))")
            return
        }

        var predictors: [any NextClickPredictor] = [BylinePredictor(), MostPopularPredictor()]
        predictors += recentHours.map { RecentlyPopularPredictor(hours: $0) } as [any NextClickPredictor]
        predictors.append(SessionItemKNNPredictor())
        let result = NextClickEvaluation.run(clicks: clicks, cut: testCut, predictors: &predictors, k: k, sampleEvery: sampleEvery)
        printTable(result)
        let byline = result.metrics[0].metrics.hitRate
        if let best = result.metrics.dropFirst().max(by: { $0.metrics.hitRate < $1.metrics.hitRate }), best.metrics.hitRate > 0 {
            let gain = (byline / best.metrics.hitRate - 1) * 100
            print("Byline HR@\(k) vs best baseline (\(best.name)): \(gain >= 0 ? "+" : "")\(EvalFormat.fixed(gain, 1))% relative (goal: +10%)")
        }
        print("time: \(EvalFormat.seconds(Date().timeIntervalSince(started)))")
    }

    /// Windows of the "most popular recently" baseline run by default: 10 minutes was the best on
    /// validation (of 3, 6, 10, 15, 30 and 60 minutes); all of these run, and the best is reported.
    static let recentWindows: [Double] = [0.05, 0.1, 1.0 / 6, 0.25, 0.5, 1, 3, 12]

    /// Blends compared by `--tune`, grouped by reading-model settings (blends of one group share a
    /// model). Each is spelled out in full, so the grid means the same whatever the defaults are.
    /// The history of the search (1-in-20 validation samples) and this grid's figures
    /// (`--tune --sample-every 20`) are in docs/RECOMMENDATIONS.md: the previous defaults, the fast
    /// co-reading memory alone, and fast plus slow memory (the defaults since) with its neighbours.
    static func tuningGrid() -> [(ReadingModelConfiguration, [(String, RecommenderConfiguration)])] {
        // The defaults before the validation search: 48 h co-reading with reverse pairs, 30 min trending.
        var previousModel = ReadingModelConfiguration()
        previousModel.coReadWindow = 30 * 60
        previousModel.coReadDepth = 4
        previousModel.reverseWeight = 0.5
        previousModel.coReadHalfLife = 48 * 3_600
        previousModel.slowCoReadHalfLife = 0
        previousModel.popularityHalfLife = 30 * 60
        var previous = RecommenderConfiguration()
        previous.coReadWeight = 1
        previous.slowCoReadWeight = 0
        previous.coReadPrior = 0
        previous.coReadTrendExponent = 0
        previous.trendingWeight = 0.1
        previous.contextDepth = 5
        previous.contextPositionDecay = 0.5
        previous.contextHalfLife = 2 * 3_600
        previous.freshnessHalfLife = 48 * 3_600
        previous.freshnessFloor = 0.5
        previous.diversity = 0.1

        // Fast co-reading: next two reads only, forward only, 30 min half-life; trending 5 min half-life.
        var fastModel = previousModel
        fastModel.coReadDepth = 2
        fastModel.reverseWeight = 0
        fastModel.coReadHalfLife = 30 * 60
        fastModel.popularityHalfLife = 5 * 60
        var fast = previous
        fast.contextPositionDecay = 0.25
        fast.freshnessHalfLife = 6 * 3_600
        fast.trendingWeight = 0.05

        var slowModel = fastModel
        slowModel.slowCoReadHalfLife = 24 * 3_600
        func variant(_ change: (inout RecommenderConfiguration) -> Void) -> RecommenderConfiguration {
            var r = fast
            r.slowCoReadWeight = 0.25
            r.trendingWeight = 0.08
            change(&r)
            return r
        }
        return [
            (previousModel, [("previous defaults (co-read 48 h, reverse 0.5, depth 4; trending 30 min)", previous)]),
            (fastModel, [("fast co-read 30 min, depth 2, no reverse; trending 5 min, weight 0.05", fast)]),
            (slowModel, [
                ("fast + slow co-read 24 h weight 0.25, trending 0.08 (chosen)", variant { _ in }),
                ("  ... trending 0.05", variant { $0.trendingWeight = 0.05 }),
                ("  ... slow weight 0.5", variant { $0.slowCoReadWeight = 0.5 }),
                ("  ... co-read prior 0.3 reads", variant { $0.coReadPrior = 0.3 }),
                ("  ... no diversity", variant { $0.diversity = 0 }),
                ("  ... freshness half-life 12 h", variant { $0.freshnessHalfLife = 12 * 3_600 }),
                ("  ... context position decay 0.5", variant { $0.contextPositionDecay = 0.5 }),
            ]),
        ]
    }

    private func printTable(_ result: NextClickResult) {
        let sample = sampleEvery > 1 ? "1 in \(sampleEvery) sample: " : "all "
        let predictions = result.metrics.first?.metrics.count ?? 0
        print("test sessions: \(sample)\(result.sessions) of \(result.sessionsBeforeSampling); predictions (clicks after a session's first): \(predictions)")
        print("candidate pool / catalogue: \(result.catalogueSize) articles (seen in training or earlier in the test stream)")
        print("")
        let header = ["method", "HR@\(k)", "MRR@\(k)", "nDCG@\(k)", "coverage"]
        var rows = [header]
        for (name, m) in result.metrics {
            rows.append([name, EvalFormat.fixed(m.hitRate, 4), EvalFormat.fixed(m.meanReciprocalRank, 4), EvalFormat.fixed(m.ndcg, 4),
                         EvalFormat.fixed(m.coverage(catalogueSize: result.catalogueSize), 4)])
        }
        let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (i, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[c] - cell.count) + cell
            }
            print(cells.joined(separator: "  "))
            if i == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        print("")
    }

    private func utc(_ millis: Int64) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}

/// Number formatting shared by the eval commands.
enum EvalFormat {
    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    /// A duration in seconds with one decimal.
    static func seconds(_ value: TimeInterval) -> String { String(format: "%.1f s", value) }
}

/// Reads a Globo.com click log (`user_id, session_id, session_start, session_size, click_article_id,
/// click_timestamp, …`), plain or gzip-compressed; gzip goes through `gzip -dc` as Foundation on
/// Linux cannot inflate.
enum ClickLogReader {
    /// The clicks of the file at `path`, in file order.
    /// - Throws: when the file cannot be read or a line is malformed.
    static func read(path: String) throws -> [Click] {
        var parser = Parser()
        if path.hasSuffix(".gz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let handle = pipe.fileHandleForReading
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try parser.feed(chunk)
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw EvalInputError("gzip -dc \(path) failed") }
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw EvalInputError("cannot open \(path)") }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try parser.feed(chunk)
            }
        }
        try parser.finish()
        return parser.clicks
    }

    /// A byte-level CSV parser for the six leading integer columns; the header line is skipped.
    struct Parser {
        var clicks: [Click] = []
        private var carry: [UInt8] = []
        private var line = 0

        mutating func feed(_ data: Data) throws {
            var bytes = carry
            bytes.append(contentsOf: data)
            var start = 0
            var i = 0
            let n = bytes.count
            while i < n {
                if bytes[i] == UInt8(ascii: "\n") {
                    try parseLine(bytes[start..<i])
                    start = i + 1
                }
                i += 1
            }
            carry = Array(bytes[start..<n])
        }

        mutating func finish() throws {
            if !carry.isEmpty { try parseLine(carry[...]) }
            carry = []
        }

        private mutating func parseLine(_ bytes: ArraySlice<UInt8>) throws {
            line += 1
            if line == 1 || bytes.isEmpty { return }
            var fields = [Int64](repeating: 0, count: 6)
            var field = 0
            var value: Int64 = 0
            var digits = 0
            for b in bytes {
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "\r") {
                    if field < 6 { fields[field] = value }
                    field += 1; value = 0; digits = 0
                    if field >= 6 { break }
                } else if b >= 0x30 && b <= 0x39 {
                    value = value * 10 + Int64(b - 0x30); digits += 1
                } else {
                    throw EvalInputError("line \(line): unexpected character in an integer column")
                }
            }
            if field < 6 && digits > 0 { fields[field] = value; field += 1 }
            guard field >= 6 else { throw EvalInputError("line \(line): expected at least 6 columns") }
            // session_start is in milliseconds in the public log; accept seconds too.
            let sessionStart = fields[2] < 100_000_000_000 ? fields[2] * 1000 : fields[2]
            clicks.append(Click(user: fields[0], session: fields[1], sessionStart: sessionStart,
                                article: ArticleID(rawValue: fields[4]), timestamp: fields[5]))
        }
    }
}

/// A data file an eval command cannot use.
struct EvalInputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
