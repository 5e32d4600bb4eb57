import CZlib
import Foundation

/// gzip through zlib, streamed in fixed chunks: a file of any size is compressed with bounded memory.
public enum GzipStream {
    public struct Failure: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "gzip: \(reason)" }
    }

    /// Reads `source` in chunks and hands the gzip bytes to `emit`. Returns the number of bytes read.
    @discardableResult
    public static func compress(_ source: URL, level: Int32 = 6, emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let fd = open(source.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TranscriptReadError(path: source.path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var stream = z_stream()
        // windowBits 15 + 16: a gzip header and trailer instead of the raw zlib wrapper.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "cannot initialise zlib")
        }
        defer { deflateEnd(&stream) }
        let chunk = 256 << 10
        let input = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { input.deallocate() }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { output.deallocate() }
        var total = 0
        var finished = false
        while !finished {
            var n = read(fd, input, chunk)
            while n < 0 && errno == EINTR { n = read(fd, input, chunk) }
            guard n >= 0 else { throw TranscriptReadError(path: source.path, reason: String(cString: strerror(errno))) }
            total += n
            finished = n == 0
            stream.next_in = input
            stream.avail_in = uInt(n)
            repeat {
                stream.next_out = output
                stream.avail_out = uInt(chunk)
                let status = deflate(&stream, finished ? Z_FINISH : Z_NO_FLUSH)
                guard status != Z_STREAM_ERROR else { throw Failure(reason: "deflate failed") }
                let produced = chunk - Int(stream.avail_out)
                if produced > 0 { try emit(UnsafeRawBufferPointer(start: output, count: produced)) }
            } while stream.avail_out == 0
        }
        return total
    }

    /// Decompresses gzip data held in memory (for reading an archive back; archives are read in tests and tools).
    public static func decompress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var result = Data()
        let chunk = 256 << 10
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { output.deallocate() }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(raw.count)
            var status: Int32 = Z_OK
            repeat {
                stream.next_out = output
                stream.avail_out = uInt(chunk)
                status = inflate(&stream, Z_NO_FLUSH)
                guard status == Z_OK || status == Z_STREAM_END else { throw Failure(reason: "corrupt data (zlib status \(status))") }
                result.append(output, count: chunk - Int(stream.avail_out))
            } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
            guard status == Z_STREAM_END else { throw Failure(reason: "truncated data") }
        }
        return result
    }
}
