import Foundation
import Testing

@testable import Completion

/// The digest reads user and assistant lines with the byte cursor and falls back to JSONSerialization; on any line
/// both can read, both readings must be the same, or the digest would show a different conversation.
@Suite("Digest line content")
struct DigestLineContentTests {
    static func both(_ line: String) -> (fast: DigestLineContent?, foundation: DigestLineContent?) {
        let data = Data(line.utf8)
        return data.withUnsafeBytes { (DigestLineContent.read($0), DigestLineContent.readWithFoundation($0)) }
    }

    @Test func everyLineOfASampleTranscriptReadsTheSameBothWays() throws {
        let sample = SampleTranscript(
            sessionID: "s",
            cwd: "/work/app",
            start: Date(timeIntervalSince1970: 1_764_000_000)
        )
        var lines = 0
        for turn in 0..<60 {
            for line in sample.turnLines(turn) {
                let (fast, foundation) = Self.both(line)
                #expect(fast != nil, "the cursor could not read: \(line.prefix(200))")
                #expect(fast == foundation, "\(line.prefix(300))")
                lines += 1
            }
        }
        #expect(lines > 300)
    }

    static let tricky: [String] = [
        #"{"type":"user","message":{"role":"user","content":"line one\nline \"two\" \\ back\/slash \u00e9 \ud83d\ude00 tab\there"}}"#,
        #"{"type":"user","isMeta":true,"message":{"content":"meta"}}"#,
        #"{"type":"user","isMeta":"true","message":{"content":"not meta: a string"}}"#,
        #"{"type":"user","isMeta":1,"message":{"content":"meta: JSONSerialization bridges 1 to true"}}"#,
        #"{"type":"user","isMeta":false,"message":{"content":"x"},"isMeta":true}"#,
        #"{"type":"user","message":"not an object"}"#,
        #"{"type":"user","message":{"content":42}}"#,
        #"{"type":"user","message":{"content":null}}"#,
        #"{"type":"user","message":{"content":[1,"two",null,[3],{"type":"text","text":"kept"}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"text"},{"type":"text","text":7},{"text":"no type"}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","input":{"command":"ls"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":"not an object"}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":5,"description":"d"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"path":"src","pattern":"TODO"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"path":"src","pattern":"a","pattern":"b"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Bash","input":{"command":"a","command":{"x":1}}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"mcp__memory__create_entities","input":{"z":[1,2,{"b":null}],"a":"x/y","m":true}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"TodoWrite","input":{"todos":[{"content":"a"},{"content":"b"}]}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"TodoWrite","input":{"todos":"none"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"TodoWrite","input":{"todos":[]}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Read","input":{"notebook_path":"n.ipynb","file_path":"f.py"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"thinking","thinking":"…"},{"type":"image","source":{}}]}}"#,
        #"  { "type" : "user" , "message" : { "content" : [ { "type" : "text" , "text" : "spaced" } ] } }  "#,
        #"{"type":"user","message":{"content":"first"},"message":{"content":"second"}}"#,
        #"{"type":"user","message":{"content":"first"},"message":"gone"}"#,
        #"{"type":"user","message":{"content":"","content":[]}}"#,
        #"{}"#,
    ]

    @Test(arguments: tricky)
    func awkwardButValidLinesReadTheSameBothWays(line: String) {
        let (fast, foundation) = Self.both(line)
        #expect(foundation != nil, "the test line must be valid JSON")
        if let fast { #expect(fast == foundation, "\(line)") }
    }

    @Test func theDigestShowsTheLineAsJSONSerializationReadsIt() {
        let (fast, _) = Self.both(
            #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"path":"src","pattern":"TODO"}},{"type":"text","text":"done"}]}}"#
        )
        #expect(fast?.content == .pieces([.toolUse(name: "Grep", summary: "TODO in src"), .text("done")]))
    }

    /// Damaged copies of real lines: whenever both readers accept one, they agree.
    @Test func damagedLinesNeverReadDifferently() {
        let sample = SampleTranscript(sessionID: "s", cwd: "/w", start: Date(timeIntervalSince1970: 1_764_000_000))
        let lines = (0..<12).flatMap { sample.turnLines($0) }.map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,\ntu0123"#.utf8)
        var agreed = 0
        for _ in 0..<4_000 {
            var bytes = lines.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: at)
                default: bytes = Array(bytes[..<at])
                }
                if bytes.isEmpty { bytes = [0x7B] }
            }
            let (fast, foundation) = Data(bytes).withUnsafeBytes {
                (DigestLineContent.read($0), DigestLineContent.readWithFoundation($0))
            }
            if let fast, let foundation {
                #expect(fast == foundation, "\(String(decoding: bytes, as: UTF8.self).prefix(300))")
                agreed += 1
            }
        }
        #expect(agreed > 100, "enough damaged lines were still readable to compare")
    }
}
