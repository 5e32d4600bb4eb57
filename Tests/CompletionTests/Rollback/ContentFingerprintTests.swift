import Foundation
import Testing

@testable import Completion

/// The manifest fingerprints what a run wrote by streaming the file; rollback compares it with the fingerprint
/// of the bytes it reads back. The two must agree, across the 1 MB read boundary too.
@Suite("Content fingerprint")
struct ContentFingerprintTests {
    @Test(arguments: [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12_345])
    func streamingAFileGivesTheFingerprintOfItsBytes(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let streamed = try #require(ContentFingerprint.ofFile(url.path))
        #expect(streamed.size == size)
        #expect(streamed.hash == ContentFingerprint.of(data))
        var changed = data
        if !changed.isEmpty {
            changed[changed.count - 1] ^= 0x01
            #expect(ContentFingerprint.of(changed) != streamed.hash, "one flipped bit in the last byte is noticed")
        }
    }

    @Test func aMissingFileHasNoFingerprint() {
        #expect(ContentFingerprint.ofFile("/nonexistent/\(UUID().uuidString)") == nil)
    }

    @Test("the fingerprint worked out piece by piece while writing equals the fingerprint of all the bytes")
    func runningFingerprintMatchesTheWhole() {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var running = ContentFingerprint.Running()
        var offset = 0
        for piece in [0, 1, 7, 4096, 65_536, 30_360] {
            data[offset..<(offset + piece)].withUnsafeBytes { running.add($0) }
            offset += piece
        }
        #expect(offset == data.count)
        #expect(running.size == data.count)
        #expect(running.hash == ContentFingerprint.of(data))
    }

    /// A project folder with a file published through the run's writer, as step 4 publishes the archive.
    private func published(
        _ text: String,
        fingerprint: (size: Int, hash: String)? = nil
    ) throws -> (
        ProjectWriter, URL, GitTestFolder
    ) {
        let folder = try GitTestFolder()
        let writer = ProjectWriter(project: Project(root: folder.url), dryRun: false)
        let target = folder.url.appendingPathComponent(".claude/archives/sessions/a.jsonl.zst")
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        let temp = try AtomicFile.prepareStreaming(for: target) { emit in
            try Data(text.utf8).withUnsafeBytes { try emit($0) }
        }
        let written = Data(text.utf8)
        try writer.publish(
            temp,
            as: target,
            fingerprint: fingerprint ?? (written.count, ContentFingerprint.of(written))
        )
        return (writer, target, folder)
    }

    private func manifestHash(_ writer: ProjectWriter, _ project: URL) throws -> String? {
        let manifest = try RunManifestStore(project: Project(root: project)).record(
            runID: "run-1",
            sessionID: "s",
            createdAt: Date(),
            commits: [],
            written: writer.files
        )
        return manifest.files.first?.writtenHash
    }

    @Test("the manifest takes the fingerprint worked out while the archive was written, without reading it again")
    func manifestUsesTheKnownFingerprint() throws {
        // A stand-in value: the manifest can only hold it if it did not read the file.
        let (writer, _, folder) = try published("archive bytes", fingerprint: (13, "00000000000000aa"))
        #expect(try manifestHash(writer, folder.url) == "00000000000000aa")
    }

    @Test("a published file written again later in the run is fingerprinted from what it holds at the end")
    func aFileWrittenAgainIsReadAgain() throws {
        let (writer, target, folder) = try published("first bytes")
        try writer.write("the run's second write", to: target)
        #expect(try manifestHash(writer, folder.url) == ContentFingerprint.of(Data("the run's second write".utf8)))
    }

    @Test("a fingerprint that does not match the published file's size is not trusted")
    func aMismatchedFingerprintIsNotTrusted() throws {
        let (writer, _, folder) = try published("archive bytes", fingerprint: (99, "00000000000000aa"))
        #expect(try manifestHash(writer, folder.url) == ContentFingerprint.of(Data("archive bytes".utf8)))
    }
}
