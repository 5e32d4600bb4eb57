import Completion
import Foundation

/// A front end that prints events as they arrive.
protocol EventRenderer {
    mutating func render(_ event: CompletionEvent)
}

/// Writes to standard output without dying on a closed pipe (`| head -1`): SIGPIPE is ignored at start-up and
/// failed writes are dropped.
enum StandardOutput {
    static func write(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1
            while offset < count {
                let n = Foundation.write(1, buffer.baseAddress! + offset, count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
