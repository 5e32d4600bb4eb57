import CDeflate
import CZlib
import Foundation

/// gzip, streamed in fixed chunks: a file of any size is compressed with bounded memory. Each chunk is compressed
/// by libdeflate into a gzip member of its own; a file of concatenated members is one gzip file (RFC 1952 §2.2:
/// `gzip -d`, `zcat`, Python's `gzip` and `decompress` below read it whole). libdeflate compresses whole buffers
/// only, about three times as fast as zlib's streaming deflate at the same level, to a slightly smaller file.
package enum GzipStream {
    package struct Failure: Error, CustomStringConvertible {
        package let reason: String
        package var description: String { "gzip: \(reason)" }
    }

    /// Input per gzip member: large enough that the members' headers and fresh starts cost nothing measurable
    /// (about 0.5 % of the size), small enough to keep the two buffers under a megabyte.
    package static let memberBytes = 256 << 10

    /// Reads `source` in chunks and hands the gzip bytes to `emit`. Returns the number of bytes read.
    @discardableResult
    package static func compress(
        _ source: URL,
        level: Int32 = 6,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw Failure(reason: "cannot initialise libdeflate at level \(level)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let capacity = libdeflate_gzip_compress_bound(compressor, memberBytes)
        let output = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { output.deallocate() }
        var members = 0
        return try FileChunks.readWholeFile(source, chunkBytes: memberBytes) { chunk, _ in
            // An empty file still gets one (empty) member: a zero-byte file is not valid gzip.
            if chunk.isEmpty && members > 0 { return }
            let produced = libdeflate_gzip_compress(compressor, chunk.baseAddress, chunk.count, output, capacity)
            guard produced > 0 else { throw Failure(reason: "libdeflate could not compress a chunk") }
            members += 1
            try emit(UnsafeRawBufferPointer(start: output, count: produced))
        }
    }

    /// Decompresses gzip data held in memory, every member (for reading an archive back; archives are read in tests and tools).
    package static func decompress(_ data: Data) throws -> Data {
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
            while true {
                repeat {
                    stream.next_out = output
                    stream.avail_out = uInt(chunk)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw Failure(reason: "corrupt data (zlib status \(status))")
                    }
                    result.append(output, count: chunk - Int(stream.avail_out))
                } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
                guard status == Z_STREAM_END else { throw Failure(reason: "truncated data") }
                // The next member, if any (compress writes one per chunk).
                guard stream.avail_in > 0 else { break }
                guard inflateReset(&stream) == Z_OK else { throw Failure(reason: "cannot read the next gzip member") }
            }
        }
        return result
    }
}
