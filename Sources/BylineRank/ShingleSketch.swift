/// A one-permutation MinHash sketch of a text's word shingles, for spotting near-duplicates
/// (versions of one wire story) cheaply: 32 bins of 32 bits each.
///
/// ``estimatedJaccard(_:)`` estimates the Jaccard similarity of the two texts' shingle sets;
/// rewrites of one story score well above 0.5, separate stories on one topic near 0.
public struct ShingleSketch: Hashable, Sendable, Codable {
    /// The number of bins.
    public static let binCount = 32
    /// Words per shingle.
    public static let shingleLength = 3
    private static let empty = UInt32.max

    /// The smallest hash seen in each bin; `UInt32.max` marks an empty bin.
    public private(set) var bins: [UInt32]

    /// A sketch of a text given as per-word hashes (``TermVocabulary/analyze(_:)`` makes them).
    public init(wordHashes: [UInt64]) {
        var bins = [UInt32](repeating: Self.empty, count: Self.binCount)
        let n = wordHashes.count
        if n > 0 {
            let width = min(Self.shingleLength, n)
            for start in 0...(n - width) {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for i in start..<(start + width) { h = Self.mix(h ^ wordHashes[i]) }
                let bin = Int(h >> 59) // top 5 bits: 32 bins
                let value = UInt32(truncatingIfNeeded: h)
                if value < bins[bin] { bins[bin] = value }
            }
        }
        self.bins = bins
    }

    /// The estimated Jaccard similarity of the shingle sets (0 when either text is empty).
    public func estimatedJaccard(_ other: ShingleSketch) -> Double {
        var both = 0
        var same = 0
        for i in 0..<Self.binCount {
            let a = bins[i], b = other.bins[i]
            if a == Self.empty && b == Self.empty { continue }
            both += 1
            if a == b { same += 1 }
        }
        return both == 0 ? 0 : Double(same) / Double(both)
    }

    /// A 64-bit finaliser (splitmix64) so neighbouring inputs land in unrelated bins.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
