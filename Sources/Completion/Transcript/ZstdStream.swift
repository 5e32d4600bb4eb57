import CZstd
import Foundation

/// zstd, streamed in fixed chunks: a file of any size becomes one zstd frame with a content checksum (`zstd -d`,
/// `zstdcat` and `decompress` below read it, and refuse it when cut short or changed), in bounded memory. At its
/// fastest levels zstd compresses a transcript about three times as fast as libdeflate's fastest gzip level, to a
/// file about a third the size.
package enum ZstdStream {
    package struct Failure: Error, CustomStringConvertible {
        package let reason: String
        package var description: String { "zstd: \(reason)" }
    }

    /// Input handed to the compressor at a time: one read, one call; under a megabyte with the output buffer.
    package static let chunkBytes = 256 << 10

    /// Reads `source` in chunks and hands the compressed bytes to `emit`. Returns the number of bytes read.
    @discardableResult
    package static func compress(
        _ source: URL,
        level: Int32 = 3,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        guard let context = ZSTD_createCCtx() else { throw Failure(reason: "cannot create a compression context") }
        defer { ZSTD_freeCCtx(context) }
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        let outputBytes = ZSTD_CStreamOutSize()
        let output = UnsafeMutableRawPointer.allocate(byteCount: outputBytes, alignment: 16)
        defer { output.deallocate() }
        return try FileChunks.readWholeFile(source, chunkBytes: chunkBytes) { chunk, last in
            var pending = ZSTD_inBuffer(src: chunk.baseAddress, size: chunk.count, pos: 0)
            var done = false
            repeat {
                var out = ZSTD_outBuffer(dst: output, size: outputBytes, pos: 0)
                let remaining = try check(
                    ZSTD_compressStream2(context, &out, &pending, last ? ZSTD_e_end : ZSTD_e_continue)
                )
                if out.pos > 0 { try emit(UnsafeRawBufferPointer(start: output, count: out.pos)) }
                // The end is flushed when nothing remains; a middle chunk is done once the compressor took it all.
                done = last ? remaining == 0 : pending.pos == pending.size
            } while !done
        }
    }

    /// Decompresses zstd data held in memory, every frame (for reading an archive back: tests and tools). Data cut
    /// short, or not zstd at all, is refused.
    package static func decompress(_ data: Data) throws -> Data {
        guard let context = ZSTD_createDCtx() else { throw Failure(reason: "cannot create a decompression context") }
        defer { ZSTD_freeDCtx(context) }
        let chunk = ZSTD_DStreamOutSize()
        let output = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { output.deallocate() }
        var result = Data()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var input = ZSTD_inBuffer(src: raw.baseAddress, size: raw.count, pos: 0)
            // 0 after a frame's last byte; anything else means the frame is not complete yet.
            var frameOpen = raw.isEmpty ? 1 : 0
            while input.pos < input.size || frameOpen != 0 {
                var out = ZSTD_outBuffer(dst: output, size: chunk, pos: 0)
                let before = input.pos
                frameOpen = try check(ZSTD_decompressStream(context, &out, &input))
                result.append(output.assumingMemoryBound(to: UInt8.self), count: out.pos)
                // No input taken and no output made: the data ended inside a frame.
                if out.pos == 0 && input.pos == before && frameOpen != 0 { throw Failure(reason: "truncated data") }
            }
        }
        return result
    }

    /// The value of a zstd call, or its error as a `Failure`.
    @discardableResult
    private static func check(_ code: Int) throws -> Int {
        guard ZSTD_isError(code) == 0 else { throw Failure(reason: String(cString: ZSTD_getErrorName(code))) }
        return code
    }
}
