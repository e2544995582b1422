/// 64-bit hashing for model features: FNV-1a over bytes and a SplitMix finaliser to combine values.
///
/// The values are stable across runs and platforms (unlike `Hasher`), so a trained model stays valid.
enum FeatureHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a of `bytes`.
    @inline(__always)
    static func fnv<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h = fnvOffset
        for b in bytes { h = (h ^ UInt64(b)) &* fnvPrime }
        return h
    }

    /// FNV-1a of a string's UTF-8 bytes.
    static func of(_ text: String) -> UInt64 { fnv(text.utf8) }

    /// Combines two values into one well-mixed hash.
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ 0x632B_E59B_D9B4_E019
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines three values.
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { mix(mix(a, b), c) }
}
