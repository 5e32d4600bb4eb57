import Foundation

/// `.claude/context/memory-queue.jsonl`: session writes that could not reach the memory server, one JSON batch a
/// line, flushed first by the next run. Lines it cannot read are kept as they are and reported, never dropped.
package struct MemoryQueue: Sendable {
    /// A queue larger than this is not parsed (and left alone): no real queue gets near it.
    package static let maximumFileSize = 64 << 20
    /// A single batch is a few kilobytes; a longer line is not one of ours.
    package static let maximumLineLength = 4 << 20

    package struct Entry: Sendable {
        /// 1-based line in the file.
        package let line: Int
        package let raw: String
        /// nil when the line could not be read as a batch.
        package let batch: MemoryBatch?
    }

    package let url: URL
    package let displayPath: String
    let files: ProjectFiles

    package init(project: Project) {
        self.url = project.memoryQueueFile
        self.files = ProjectFiles(project)
        self.displayPath = project.relativePath(of: project.memoryQueueFile)
    }

    /// The entries and one warning per unreadable line (or for an unreadable file).
    package func read() -> (entries: [Entry], warnings: [String]) {
        let info: stat?
        do { info = try files.entryInfo(url) } catch {
            return ([], ["\(ErrorSentence.describe(error)); its writes stay queued"])
        }
        guard let info else { return ([], []) }
        let size = Int(info.st_size)
        if size > Self.maximumFileSize {
            return (
                [],
                [
                    "\(displayPath) is \(size / (1 << 20)) MB, too large to be a memory queue: left untouched; inspect it by hand"
                ]
            )
        }
        let found: Data?
        do { found = try files.read(url) } catch is RefusedPath { return ([], []) } catch {
            return ([], ["cannot read \(displayPath): check its permissions; its writes stay queued"])
        }
        guard let data = found else { return ([], []) }
        var entries: [Entry] = []
        var bad: [Int] = []
        let decoder = JSONDecoder()
        var number = 0
        for slice in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let raw = String(decoding: slice, as: UTF8.self)
            if raw.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            var batch: MemoryBatch? = nil
            if slice.count <= Self.maximumLineLength,
                let decoded = try? decoder.decode(MemoryBatch.self, from: Data(slice)),
                decoded.version <= MemoryBatch.currentVersion, !decoded.session.isEmpty
            {
                batch = decoded
            }
            if batch == nil { bad.append(number) }
            entries.append(Entry(line: number, raw: raw, batch: batch))
        }
        var warnings: [String] = []
        if !bad.isEmpty {
            let lines = bad.prefix(10).map(String.init).joined(separator: ", ") + (bad.count > 10 ? " …" : "")
            warnings.append(
                "\(displayPath) line\(bad.count == 1 ? "" : "s") \(lines) \(bad.count == 1 ? "is not a queued memory write" : "are not queued memory writes"): kept as they are; fix or delete \(bad.count == 1 ? "it" : "them") by hand"
            )
        }
        return (entries, warnings)
    }

    /// One JSON line for a batch.
    package static func line(for batch: MemoryBatch) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(batch), as: UTF8.self)
    }

    /// Rewrites the queue with `lines` (atomically, through the run's writer so a rollback can restore it).
    package func store(_ lines: [String], writer: ProjectWriter) throws {
        try writer.write(lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n", to: url)
    }
}
