import Foundation

/// The trained weights of the recogniser and the gazetteer it was trained with.
///
/// Features are hashed into `2^bucketBits` rows of ``NERLabel/count`` weights each. On disk the model is
/// compact: a bitmap of the rows that are not all zero, then those rows as 16-bit integers with one scale.
struct NERModel: Sendable {
    /// Bumped whenever feature templates or the file layout change.
    static let formatVersion: UInt32 = 3
    static let magic: [UInt8] = Array("BYLNNER\0".utf8)

    let bucketBits: Int
    var weights: [Float]
    var gazetteer: Gazetteer

    init(bucketBits: Int, weights: [Float], gazetteer: Gazetteer) {
        self.bucketBits = bucketBits
        self.weights = weights
        self.gazetteer = gazetteer
    }

    var bucketCount: Int { 1 << bucketBits }

    /// The model in its file format.
    func serialized() -> Data {
        var out = Data()
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        out.append(contentsOf: Self.magic)
        put32(Self.formatVersion)
        put32(UInt32(bucketBits))
        put32(UInt32(NERLabel.count))
        let maxAbs = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        put32(scale.bitPattern)
        let entries = gazetteer.entries.sorted { $0.key < $1.key }
        put32(UInt32(entries.count))
        for (key, value) in entries { put64(key); put16(value) }
        let labels = NERLabel.count
        var bitmap = [UInt8](repeating: 0, count: (bucketCount + 7) / 8)
        var rows: [Int16] = []
        for b in 0..<bucketCount {
            var q = [Int16](repeating: 0, count: labels)
            var any = false
            for l in 0..<labels {
                let v = Int16(clamping: Int((weights[b * labels + l] / scale).rounded()))
                q[l] = v
                if v != 0 { any = true }
            }
            if any { bitmap[b >> 3] |= 1 << UInt8(b & 7); rows.append(contentsOf: q) }
        }
        out.append(contentsOf: bitmap)
        for v in rows { put16(UInt16(bitPattern: v)) }
        return out
    }

    /// Reads a model written by ``serialized()``.
    /// - Throws: ``NERModelError`` when the data is not a model of this version or is cut short.
    init(data: Data) throws {
        let bytes = [UInt8](data)
        var pos = 0
        func need(_ n: Int) throws { if pos + n > bytes.count { throw NERModelError.truncated } }
        func get32() throws -> UInt32 {
            try need(4)
            let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
            pos += 4; return v
        }
        func get16() throws -> UInt16 {
            try need(2)
            let v = UInt16(bytes[pos]) | UInt16(bytes[pos + 1]) << 8
            pos += 2; return v
        }
        func get64() throws -> UInt64 { let lo = UInt64(try get32()); return lo | UInt64(try get32()) << 32 }
        try need(Self.magic.count)
        guard Array(bytes[0..<Self.magic.count]) == Self.magic else { throw NERModelError.notAModel }
        pos = Self.magic.count
        let version = try get32()
        guard version == Self.formatVersion else { throw NERModelError.unsupportedVersion(version) }
        let bits = Int(try get32())
        let labels = Int(try get32())
        guard (8...26).contains(bits), labels == NERLabel.count else { throw NERModelError.notAModel }
        let scale = Float(bitPattern: try get32())
        let entryCount = Int(try get32())
        var entries: [UInt64: UInt16] = [:]
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount { let k = try get64(); entries[k] = try get16() }
        let buckets = 1 << bits
        try need((buckets + 7) / 8)
        let bitmapStart = pos
        pos += (buckets + 7) / 8
        var weights = [Float](repeating: 0, count: buckets * labels)
        for b in 0..<buckets where bytes[bitmapStart + (b >> 3)] & (1 << UInt8(b & 7)) != 0 {
            for l in 0..<labels { weights[b * labels + l] = Float(Int16(bitPattern: try get16())) * scale }
        }
        self.init(bucketBits: bits, weights: weights, gazetteer: Gazetteer(entries: entries))
    }
}

/// Why a recogniser model could not be read.
public enum NERModelError: Error, CustomStringConvertible, Equatable {
    /// The data does not start like a Byline NER model.
    case notAModel
    /// The model was written by another version of Byline; retrain it with `byline train-ner`.
    case unsupportedVersion(UInt32)
    /// The data ends before the model does.
    case truncated
    /// The bundled model file is missing from the package resources.
    case missingResource(String)

    /// What went wrong, in one line.
    public var description: String {
        switch self {
        case .notAModel: "not a Byline NER model"
        case .unsupportedVersion(let v): "NER model format version \(v) is not supported (expected \(NERModel.formatVersion)); retrain with `byline train-ner`"
        case .truncated: "NER model file is truncated"
        case .missingResource(let name): "bundled resource \(name) is missing"
        }
    }
}

/// The features of one sentence as weight-row indices, and the Viterbi search over its labels.
struct SentenceDecoder {
    static let labels = NERLabel.count
    static let previousSlots = NERLabel.count + 1 // the labels, then "sentence start"

    var featureRows: [Int32] = []
    var featureOffsets: [Int] = []
    var dynamicRows: [Int32] = []
    private var hashes = [UInt64](repeating: 0, count: NERFeatures.maxPerToken)
    private var delta: [Float] = []
    private var back: [Int8] = []
    private var emission: [Float] = []
    private var transition: [Float] = []

    /// Fills the feature rows of sentence `s` of `doc`.
    mutating func load(_ doc: NERDocument, sentence s: Int, bucketBits: Int) {
        let range = doc.sentenceRanges[s]
        let shift = UInt64(64 - bucketBits)
        featureRows.removeAll(keepingCapacity: true)
        featureOffsets.removeAll(keepingCapacity: true)
        dynamicRows.removeAll(keepingCapacity: true)
        featureOffsets.append(0)
        hashes.withUnsafeMutableBufferPointer { buffer in
            guard let out = buffer.baseAddress else { return }
            for i in range {
                let c = NERFeatures.extract(doc, token: i, sentence: s, into: out)
                for k in 0..<c { featureRows.append(Int32(truncatingIfNeeded: out[k] >> shift)) }
                featureOffsets.append(featureRows.count)
                let (a, b, d) = NERFeatures.dynamicBases(doc.signatures[i])
                for p in 0..<Self.previousSlots {
                    let prev = p == NERLabel.count ? NERFeatures.startLabel : UInt64(p)
                    dynamicRows.append(Int32(truncatingIfNeeded: NERFeatures.dynamic(a, previous: prev) >> shift))
                    dynamicRows.append(Int32(truncatingIfNeeded: NERFeatures.dynamic(b, previous: prev) >> shift))
                    dynamicRows.append(Int32(truncatingIfNeeded: NERFeatures.dynamic(d, previous: prev) >> shift))
                }
            }
        }
    }

    var tokenCount: Int { featureOffsets.count - 1 }

    /// The best label sequence under `weights` (BIO constraints enforced), as raw label values.
    mutating func decode(weights: UnsafeBufferPointer<Float>, into result: inout [Int]) {
        let n = tokenCount
        let L = Self.labels
        let P = Self.previousSlots
        result.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        if delta.count < n * L {
            delta = [Float](repeating: 0, count: n * L)
            back = [Int8](repeating: 0, count: n * L)
        }
        if emission.count < 16 { emission = [Float](repeating: 0, count: 16) }
        if transition.count < P * L + 8 { transition = [Float](repeating: 0, count: P * L + 8) }
        let negInf = -Float.greatestFiniteMagnitude
        featureRows.withUnsafeBufferPointer { rows in
        dynamicRows.withUnsafeBufferPointer { dyn in
        emission.withUnsafeMutableBufferPointer { em in
        transition.withUnsafeMutableBufferPointer { tr in
        delta.withUnsafeMutableBufferPointer { dl in
        back.withUnsafeMutableBufferPointer { bk in
            guard let w = weights.baseAddress, let e = em.baseAddress, let t = tr.baseAddress else { return }
            // Rows are 9 floats: add them as 8 lanes plus one, which the compiler keeps in registers.
            @inline(__always) func lanes(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
                UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
            }
            @inline(__always) func store(_ v: SIMD8<Float>, _ last: Float, _ to: UnsafeMutablePointer<Float>) {
                UnsafeMutableRawPointer(to).storeBytes(of: v, as: SIMD8<Float>.self)
                to[8] = last
            }
            for k in 0..<n {
                var acc = SIMD8<Float>()
                var accLast: Float = 0
                for f in featureOffsets[k]..<featureOffsets[k + 1] {
                    let row = w + Int(rows[f]) &* 9
                    acc += lanes(row)
                    accLast += row[8]
                }
                store(acc, accLast, e)
                let dynBase = k * P * 3
                let firstPrev = k == 0 ? P - 1 : 0
                let lastPrev = k == 0 ? P - 1 : L - 1
                for p in firstPrev...lastPrev {
                    let r0 = w + Int(dyn[dynBase + p * 3]) &* 9
                    let r1 = w + Int(dyn[dynBase + p * 3 + 1]) &* 9
                    let r2 = w + Int(dyn[dynBase + p * 3 + 2]) &* 9
                    store(lanes(r0) + lanes(r1) + lanes(r2), r0[8] + r1[8] + r2[8], t + p * L)
                }
                for l in 0..<L {
                    let isInside = l != 0 && (l - 1) % 2 == 1
                    var best = negInf
                    var arg = 0
                    if k == 0 {
                        if !isInside { best = t[(P - 1) * L + l]; arg = P - 1 }
                    } else {
                        let prevRow = (k - 1) * L
                        for p in 0..<L {
                            if isInside && p != l && p != l - 1 { continue }
                            let prevScore = dl[prevRow + p]
                            if prevScore == negInf { continue }
                            let score = prevScore + t[p * L + l]
                            if score > best { best = score; arg = p }
                        }
                    }
                    dl[k * L + l] = best == negInf ? negInf : best + e[l]
                    bk[k * L + l] = Int8(arg)
                }
            }
            var bestLabel = 0
            var bestScore = negInf
            for l in 0..<L where dl[(n - 1) * L + l] > bestScore { bestScore = dl[(n - 1) * L + l]; bestLabel = l }
            result = [Int](repeating: 0, count: n)
            var label = bestLabel
            for k in stride(from: n - 1, through: 0, by: -1) {
                result[k] = label
                label = Int(bk[k * L + label])
            }
        }}}}}}
    }
}
