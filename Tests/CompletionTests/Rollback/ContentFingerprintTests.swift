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
}
