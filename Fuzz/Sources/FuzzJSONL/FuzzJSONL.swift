import Foundation
import BylineImport

/// libFuzzer entry point: any bytes must yield items or issues, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    _ = JSONLReader(fileName: "fuzz.jsonl").read(data)
    return 0
}
