/// Exact-span precision, recall and F1 per entity type and overall, as conlleval computes them.
public struct NEREvaluation: Sendable, Equatable {
    /// Counts for one type (or all types together).
    public struct Counts: Sendable, Equatable {
        /// Spans predicted with the right boundaries and type.
        public var correct = 0
        /// Spans predicted.
        public var predicted = 0
        /// Spans in the gold data.
        public var gold = 0

        /// correct / predicted (0 when nothing was predicted).
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        /// correct / gold (0 when there is no gold span).
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        /// Harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// Counts per type.
    public var byType: [EntityType: Counts] = [:]
    /// Counts over all types.
    public var overall = Counts()
    /// Tokens tagged.
    public var tokens = 0
    /// Wall-clock seconds spent tagging (feature extraction and decoding, not file reading).
    public var seconds = 0.0
    /// CPU seconds spent tagging: on a shared machine, the time the one core actually worked.
    public var cpuSeconds = 0.0

    /// An empty evaluation.
    public init() {}

    /// Tokens tagged per wall-clock second.
    public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
    /// Tokens tagged per CPU second (one core).
    public var tokensPerCPUSecond: Double { cpuSeconds > 0 ? Double(tokens) / cpuSeconds : 0 }

    /// Adds one sentence's gold and predicted spans.
    public mutating func add(gold: [TokenSpan], predicted: [TokenSpan]) {
        let goldSet = Set(gold)
        for span in predicted {
            byType[span.type, default: Counts()].predicted += 1
            overall.predicted += 1
            if goldSet.contains(span) { byType[span.type, default: Counts()].correct += 1; overall.correct += 1 }
        }
        for span in gold { byType[span.type, default: Counts()].gold += 1; overall.gold += 1 }
    }

    /// A conlleval-style table: one line per type and one overall, with the speed.
    public var report: String {
        func line(_ name: String, _ c: Counts) -> String {
            let p = String(format2: c.precision * 100), r = String(format2: c.recall * 100), f = String(format2: c.f1 * 100)
            return "\(name.padding(toLength: 8, withPad: " ", startingAt: 0)) precision \(p)%  recall \(r)%  F1 \(f)  (gold \(c.gold), predicted \(c.predicted), correct \(c.correct))"
        }
        var lines = EntityType.allCases.map { line($0.rawValue, byType[$0] ?? Counts()) }
        lines.append(line("overall", overall))
        lines.append("tokens \(tokens), \(Int(tokensPerSecond.rounded())) tokens/second (wall clock), \(Int(tokensPerCPUSecond.rounded())) tokens/second of CPU time (one core)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// A number with two decimals ("90.12"), without Foundation's formatter.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100, frac = abs(hundredths % 100)
        self = "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
