import Foundation
import Testing

@testable import Completion

/// Step 4's compressed copy of the transcript: one zstd frame with a checksum, read back byte for byte by our reader
/// and by the `zstd` command a user would reach for; a copy cut short or changed is refused, never read as whole.
@Suite struct ZstdStreamTests {
    @Test func aTranscriptRoundTripsByteForByteAndShrinks() throws {
        let folder = try TranscriptFixtures.temporaryFolder("zstd")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TranscriptFixtures.bulkyTranscript(in: folder)
        var compressed = Data()
        let read = try ZstdStream.compress(source, level: TranscriptArchiveJob.compressionLevel) {
            compressed.append(contentsOf: $0)
        }
        let original = try Data(contentsOf: source)
        #expect(read == original.count)
        #expect(compressed.count < original.count / 5)
        #expect(compressed.prefix(4) == Data([0x28, 0xB5, 0x2F, 0xFD]), "not a zstd frame")
        #expect(try ZstdStream.decompress(compressed) == original)
        try expectTheZstdCommandReads(compressed, as: original, in: folder)
    }

    /// Files of no bytes, of exactly one chunk, of a chunk and one byte and of several chunks (mostly
    /// incompressible bytes) all read back whole.
    @Test(arguments: [0, 1, ZstdStream.chunkBytes, ZstdStream.chunkBytes + 1, 3 * ZstdStream.chunkBytes + 17])
    func filesRoundTripAtChunkBoundaries(size: Int) throws {
        let folder = try TranscriptFixtures.temporaryFolder("zstd-chunks")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("t.jsonl")
        let original = TranscriptFixtures.mixedBytes(size, randomEvery: 3)
        try original.write(to: source)
        var compressed = Data()
        #expect(try ZstdStream.compress(source, level: 1) { compressed.append(contentsOf: $0) } == size)
        #expect(try ZstdStream.decompress(compressed) == original)
        try expectTheZstdCommandReads(compressed, as: original, in: folder)
    }

    @Test func aCopyCutShortOrChangedIsRefused() throws {
        let folder = try TranscriptFixtures.temporaryFolder("zstd-damaged")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("t.jsonl")
        try Data(String(repeating: "{\"type\":\"user\",\"message\":\"hello\"}\n", count: 20_000).utf8).write(to: source)
        var compressed = Data()
        try ZstdStream.compress(source, level: 1) { compressed.append(contentsOf: $0) }
        for cut in [compressed.count - 1, compressed.count / 2, 5, 1] {
            #expect(throws: ZstdStream.Failure.self, "cut at \(cut)") {
                try ZstdStream.decompress(compressed.prefix(cut))
            }
        }
        #expect(throws: ZstdStream.Failure.self) { try ZstdStream.decompress(Data()) }
        #expect(throws: ZstdStream.Failure.self) { try ZstdStream.decompress(Data("not zstd at all".utf8)) }
        var flipped = compressed
        flipped[flipped.count - 2] ^= 0xFF  // inside the checksum that ends the frame
        #expect(throws: ZstdStream.Failure.self) { try ZstdStream.decompress(flipped) }
    }

    @Test func aSourceThatIsNotAFileIsRefusedWithItsPath() throws {
        let folder = try TranscriptFixtures.temporaryFolder("zstd-source")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: TranscriptReadError.self) { try ZstdStream.compress(folder) { _ in } }
        #expect(throws: TranscriptReadError.self) {
            try ZstdStream.compress(folder.appendingPathComponent("missing.jsonl")) { _ in }
        }
    }

    /// `zstd -dc`, an independent reader, agrees (scripts/setup installs it).
    private func expectTheZstdCommandReads(_ compressed: Data, as original: Data, in folder: URL) throws {
        let copy = folder.appendingPathComponent("t.jsonl.zst")
        try compressed.write(to: copy)
        let command = try ProcessRunner.run(["zstd", "-dc", copy.path])
        #expect(command.succeeded && command.stdout == original, "\(command.errorOutput)")
    }
}
