import Foundation
import Testing

@testable import Completion

/// The transcript review reads its lines with the byte cursor and falls back to JSONSerialization: wherever both
/// can read a line, both readings must be the same, or the lessons would differ with the reader.
@Suite("Review line content")
struct ReviewLineContentTests {
    static func both(_ bytes: [UInt8]) -> (fast: ReviewLineContent?, foundation: ReviewLineContent?) {
        bytes.withUnsafeBytes { (ReviewLineContent.read($0), ReviewLineContent.readWithFoundation($0)) }
    }

    static var sampleLines: [[UInt8]] {
        let sample = SampleTranscript(sessionID: "s", cwd: "/w", start: Date(timeIntervalSince1970: 1_764_000_000))
        return (0..<60).flatMap { sample.turnLines($0) }.map { Array($0.utf8) }
    }

    @Test func everyLineOfASampleTranscriptReadsTheSameBothWays() {
        for line in Self.sampleLines {
            let (fast, foundation) = Self.both(line)
            #expect(fast != nil, "the cursor could not read: \(String(decoding: line.prefix(200), as: UTF8.self))")
            #expect(fast == foundation, "\(String(decoding: line.prefix(300), as: UTF8.self))")
        }
    }

    static let tricky: [String] = [
        #"{"type":"user","message":{"role":"user","content":"No, \"quoted\" \\ back\/slash \u00e9 \ud83d\ude00"}}"#,
        #"{"type":"user","isMeta":true,"message":{"content":"meta"}}"#,
        #"{"type":"user","isCompactSummary":true,"message":{"content":"summary"}}"#,
        #"{"type":"user","isCompactSummary":"true","isMeta":0,"message":{"content":"neither"}}"#,
        #"{"type":"user","isMeta":1,"message":{"content":"meta: JSONSerialization bridges 1 to true"}}"#,
        #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t","is_error":1,"content":"x"}]}}"#,
        #"{"type":"user","isMeta":false,"message":{"content":"x"},"isMeta":true}"#,
        #"{"type":"user","message":"not an object"}"#,
        #"{"type":"user","message":{"content":42}}"#,
        #"{"type":"user","message":{"content":[1,"two",null,{"type":"text","text":"kept"},{"type":"text","text":"too"}]}}"#,
        #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"<tool_use_error>Exit code 1\nboom</tool_use_error>"}]}}"#,
        #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":[{"type":"text","text":"a"},{"text":"b"},{"type":"image"},"c",{"text":5}]}]}}"#,
        #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":7,"is_error":"true","content":null}]}}"#,
        #"{"type":"user","message":{"content":[{"type":"tool_result","is_error":false,"is_error":true,"content":{"text":"object"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"pytest -q"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","input":{"command":"ls"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","id":3,"name":"Bash","input":"not an object"}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Grep","input":{"path":"src","pattern":"a","pattern":"b"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"mcp__x__y","input":{"z":[1,{"b":null}],"a":"x/y"}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"tool_use","name":"TodoWrite","input":{"todos":[{"content":"a"}]}}]}}"#,
        #"{"type":"assistant","message":{"content":[{"type":"thinking","thinking":"…"},{"type":"text","text":"done"}]}}"#,
        #"  { "type" : "user" , "message" : { "content" : [ { "type" : "text" , "text" : "spaced" } ] } }  "#,
        #"{"type":"user","message":{"content":"first"},"message":{"content":"second"}}"#,
        #"{"type":"user","message":{"content":"","content":[]}}"#,
        #"{}"#,
    ]

    @Test(arguments: tricky)
    func awkwardButValidLinesReadTheSameBothWays(line: String) {
        let (fast, foundation) = Self.both(Array(line.utf8))
        #expect(foundation != nil, "the test line must be valid JSON")
        if let fast { #expect(fast == foundation, "\(line)") }
        // What the review uses: the cursor, or JSONSerialization where the cursor declines (a number for a flag).
        let used = Array(line.utf8).withUnsafeBytes { ReviewLineContent.of($0) }
        #expect(used == foundation, "\(line)")
    }

    @Test func aFailedCallIsReadWithItsIdAndErrorText() {
        let line =
            #"{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":[{"type":"text","text":"Exit code 2"},{"type":"text","text":"no such file"}]}]}}"#
        let block = Self.both(Array(line.utf8)).fast?.blocks.first
        #expect(block?.toolUseID == "t1" && block?.isError == true)
        #expect(block?.resultText == "Exit code 2\nno such file")
    }

    /// Damaged copies of real and awkward lines: whenever both readers accept one, they agree.
    @Test func damagedLinesNeverReadDifferently() {
        let lines = Self.sampleLines.prefix(80) + Self.tricky.map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,\ntu0123"#.utf8)
        var agreed = 0
        for _ in 0..<4_000 {
            var bytes = lines.randomElement(using: &generator)!
            for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: at)
                default: bytes = Array(bytes[..<at])
                }
            }
            let (fast, foundation) = Self.both(bytes)
            if let fast, let foundation {
                #expect(fast == foundation, "\(String(decoding: bytes, as: UTF8.self).prefix(300))")
                agreed += 1
            }
        }
        #expect(agreed > 100, "enough damaged lines were still readable to compare")
    }
}
