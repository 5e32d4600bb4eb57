import Foundation

/// Bytes gathered into pieces of about a chunk before they are emitted: a line at a time would be a system call
/// per line. Counts the line feeds that pass.
struct ChunkedOutput {
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private var buffer: [UInt8] = []
    private(set) var lineFeeds = 0

    init(_ emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.emit = emit
        buffer.reserveCapacity(FileChunks.size)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        if let base = bytes.baseAddress {
            var position = 0
            while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
                lineFeeds += 1
                position = UnsafeRawPointer(found) - base + 1
            }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= FileChunks.size { try flush() }
    }

    mutating func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try emit($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
