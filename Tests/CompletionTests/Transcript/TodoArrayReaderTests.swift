import Foundation
import Testing

@testable import Completion

@Suite struct TodoArrayReaderTests {
    /// Feeds `text` in chunks of `size` bytes, as `FileChunks` would hand a file over.
    static func read(
        _ text: String,
        chunk size: Int,
        keep: Int = 200,
        itemLimit: Int = 1 << 20
    )
        -> TodoArrayReader.Result
    {
        var reader = TodoArrayReader(keepingPerStatus: keep, itemLimit: itemLimit)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + size)
            bytes[start..<end].withUnsafeBytes { reader.feed($0) }
            start = end
        }
        return reader.finish()
    }

    static let mixed = """
         [ {"id":"1","content":"  Old shape \\"quoted\\" \\u00e9  ","status":"pending","priority":"high"},
          {"content":"New shape","status":"in_progress","activeForm":"Working","extra":[1,{"a":"]"}]},
          12.5e3, "a string with a ] and a , inside", null, true, [],
          {"content":"","status":"pending"}, {"content":"Unknown status","status":"later"},
          {"status":"completed","content":"Done, with a } brace"}, -7 ]\t

        """

    @Test func everyChunkSizeReadsWhatJSONSerializationReads() throws {
        let expected = try #require(
            TodoItem.list(from: try JSONSerialization.jsonObject(with: Data(Self.mixed.utf8)))
        )
        #expect(expected.map(\.content) == ["Old shape \"quoted\" é", "New shape", "Done, with a } brace"])
        for size in [1, 2, 3, 7, 64, 1 << 20] {
            #expect(Self.read(Self.mixed, chunk: size) == .read(items: expected, total: 3), "chunks of \(size)")
        }
    }

    @Test func keepsTheFirstItemsOfEachStatusAndCountsThemAll() {
        let items = (0..<50).map { #"{"content":"Item \#($0)","status":"\#($0 % 2 == 0 ? "pending" : "completed")"}"# }
        let result = Self.read("[" + items.joined(separator: ",") + "]", chunk: 5, keep: 3)
        let kept = ["Item 0", "Item 1", "Item 2", "Item 3", "Item 4", "Item 5"]
        #expect(
            result
                == .read(
                    items: kept.enumerated().map { TodoItem(content: $1, status: $0 % 2 == 0 ? .pending : .completed) },
                    total: 50
                )
        )
    }

    /// Items past the kept ones are only counted, and counted as `TodoItem.list` would keep them: content that is
    /// only whitespace, escaped or not, is no item; an escaped letter is one.
    @Test func itemsPastTheKeptOnesAreCountedAsDecodingWouldCountThem() throws {
        let contents = ["a", #"\n \t"#, "\u{a0}\u{3000}", #" \u0041 "#, "b", "   ", #"\u0020"#, "é", ""]
        let text = "[" + contents.map { #"{"content":"\#($0)","status":"pending"}"# }.joined(separator: ",") + "]"
        let decoded = try #require(TodoItem.list(from: try JSONSerialization.jsonObject(with: Data(text.utf8))))
        #expect(decoded.map(\.content) == ["a", "A", "b", "é"])
        #expect(
            Self.read(text, chunk: 4, keep: 1) == .read(items: [TodoItem(content: "a", status: .pending)], total: 4)
        )
    }

    @Test func refusesWhatIsNotOneJSONArray() {
        for text in [
            "", "  ", "{}", "[", "[1,]", "[,1]", "[1 2]", "[] []", "[]x", #"[{"content":"a","status":"pending"}"#,
            "[tru]", "[\"open]", "[1]]",
        ] {
            #expect(Self.read(text, chunk: 3) == .refused(TodoArrayReader.notAnArray), "\(text.debugDescription)")
        }
        #expect(Self.read(" [ ] \n", chunk: 1) == .read(items: [], total: 0))
        #expect(Self.read("[7]", chunk: 1) == .read(items: [], total: 0))
    }

    /// A runaway item is refused once it outgrows the limit, instead of being gathered in memory to its end.
    @Test func refusesAnItemOverTheLimit() {
        let long = String(repeating: "x", count: 5000)
        let text = #"[{"content":"short","status":"pending"},{"content":"\#(long)","status":"pending"}]"#
        #expect(Self.read(text, chunk: 512, itemLimit: 4096) == .refused("has an item over 4 KiB"))
        let fits = Self.read(text, chunk: 512, itemLimit: 8192)
        #expect(
            fits
                == .read(
                    items: [TodoItem(content: "short", status: .pending), TodoItem(content: long, status: .pending)],
                    total: 2
                )
        )
    }

    /// The file on disk, read in `FileChunks` of 1 MiB: items that straddle chunk boundaries survive, and a FIFO in
    /// the file's place is refused with a sentence instead of blocking the run.
    @Test func readsALargeFileAcrossChunksAndRefusesAFIFO() throws {
        let folder = try TranscriptFixtures.temporaryFolder("todo-chunks")
        defer { try? FileManager.default.removeItem(at: folder) }
        let todos = folder.appendingPathComponent("todos")
        try FileManager.default.createDirectory(at: todos, withIntermediateDirectories: true)
        var json = "["
        var count = 0
        while json.utf8.count < 3 << 20 {
            let status = ["pending", "in_progress", "completed"][count % 3]
            json +=
                (count == 0 ? "" : ",")
                + #"{"content":"Todo \#(count) \#(String(repeating: "é", count: count % 37))","status":"\#(status)"}"#
            count += 1
        }
        json += "]"
        try Data(json.utf8).write(to: todos.appendingPathComponent("big-agent-big.json"))
        let expected = try #require(TodoItem.list(from: try JSONSerialization.jsonObject(with: Data(json.utf8))))
        #expect(
            SessionTodos.read(todos.appendingPathComponent("big-agent-big.json"))
                == .read(items: Array(expected.prefix(600)), total: count)
        )

        var warnings: [String] = []
        let found = try #require(
            SessionTodos.fromTodoFiles(sessionID: "big", configRoots: [folder], warnings: &warnings)
        )
        #expect(found.items.count == 3 * SessionTodos.keptPerStatus)
        #expect(
            warnings == [
                "todo file \(todos.path)/big-agent-big.json lists \(count) todos; the first 200 of each status are kept"
            ]
        )

        #expect(mkfifo(todos.appendingPathComponent("pipe-agent-pipe.json").path, 0o600) == 0)
        warnings = []
        #expect(SessionTodos.fromTodoFiles(sessionID: "pipe", configRoots: [folder], warnings: &warnings) == nil)
        #expect(warnings.count == 1 && warnings[0].contains("pipe-agent-pipe.json is a FIFO, not a file; ignored"))
    }
}
