import Foundation
import BylineImport

/// libFuzzer entry point: any bytes must yield items, issues or an ``ImportSourceError``, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWXR(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    _ = try? WXRReader(fileName: "fuzz.xml").read(data)
    return 0
}
