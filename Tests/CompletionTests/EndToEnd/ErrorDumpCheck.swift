import Foundation
import Testing

@testable import Completion

/// Every run of the binary in the tests (plain, JSON, the fault and permission tests) goes through this check:
/// what a user reads is a sentence, never the `Error Domain=NSCocoaErrorDomain Code=… UserInfo={…}` dump that
/// interpolating a Foundation error prints.
func expectNoFoundationDump(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
    for (stream, text) in [("stdout", result.output), ("stderr", result.errorOutput)] {
        guard let found = text.range(of: "Error Domain=") else { continue }
        let line = text[text.lineRange(for: found)]
        #expect(Bool(false), "a Foundation error dump on \(stream): \(line)", sourceLocation: sourceLocation)
    }
}
