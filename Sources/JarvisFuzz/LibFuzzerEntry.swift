import Foundation

/// libFuzzer calls this for every input when the target is built with `-sanitize=fuzzer` (see `scripts/fuzz`);
/// `JARVIS_FUZZ_TARGET` names the parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, let target = FuzzTargets.all[FuzzTarget.name] else { return 0 }
    target(Data(bytes: bytes, count: count))
    return 0
}

enum FuzzTarget {
    static let name: String = ProcessInfo.processInfo.environment["JARVIS_FUZZ_TARGET"] ?? ""
}
