import Foundation

/// Reads a descriptor to its end or to a limit, whichever comes first: input that never ends (`/dev/zero`,
/// `yes`) costs at most `limit` bytes of memory and stops there.
package enum BoundedRead {
    /// At most `limit` bytes; a result of exactly `limit` bytes may have been cut.
    package static func read(_ fd: Int32, limit: Int) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while data.count < limit {
            let count = buffer.withUnsafeMutableBytes {
                Foundation.read(fd, $0.baseAddress, min($0.count, limit - data.count))
            }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return data
    }
}
