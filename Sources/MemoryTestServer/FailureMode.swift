import Foundation

/// Ways to misbehave, chosen with `MEMORY_TEST_FAILURE` (comma-separated) so tests can drive a real server
/// process into the failures a client must survive:
/// - `exit-at-start`: exits with status 3 before speaking MCP (a server that fails to start)
/// - `hang-at-start`: never answers `initialize`
/// - `crash-on:TOOL`: the process dies (SIGKILL to itself) in the middle of a call to TOOL
/// - `hang-on:TOOL`: a call to TOOL never returns, and the process outlives the end of its stdin
/// - `error-on:TOOL`: a call to TOOL returns an error result
/// - `without:TOOL`: TOOL is left out of `tools/list`
/// - `slow:MS`: every tool call waits MS milliseconds first
/// - `ignore-term`: SIGTERM is ignored (only SIGKILL ends the process)
/// - `noise`: before each tool reply, a line that is not JSON and a 64 KB line go to stdout
/// - `flood`: before the `create_entities` reply, a 24 MB line of `{` goes to stdout
/// - `invalid-as-result`: a call that does not fit the advertised schema gets an error result, not a JSON-RPC error
/// - `terse-replies`: write tools answer with the text "ok" and no structured content (as some servers do)
/// - `stderr:TEXT`: TEXT goes to stderr at start (`\n` in it is a line break), as a server's log line would
/// - `stderr-flood`: before each tool reply, 1 MB of log lines goes to stderr
/// `MEMORY_TEST_PID_FILE`, when set, receives the process id at start.
struct FailureMode: Sendable {
    var exitAtStart = false
    var hangAtStart = false
    var crashOn: Set<String> = []
    var hangOn: Set<String> = []
    var errorOn: Set<String> = []
    var without: Set<String> = []
    var delayMilliseconds = 0
    var ignoreTerm = false
    var noise = false
    var flood = false
    var terseReplies = false
    var invalidAsResult = false
    var stderrText: String?
    var stderrFlood = false

    init(_ text: String?) {
        for item in (text ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !item.isEmpty {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            let value = parts.count > 1 ? parts[1] : ""
            switch parts[0] {
            case "exit-at-start": exitAtStart = true
            case "hang-at-start": hangAtStart = true
            case "crash-on": crashOn.insert(value)
            case "hang-on": hangOn.insert(value)
            case "error-on": errorOn.insert(value)
            case "without": without.insert(value)
            case "slow": delayMilliseconds = Int(value) ?? 0
            case "ignore-term": ignoreTerm = true
            case "noise": noise = true
            case "flood": flood = true
            case "terse-replies": terseReplies = true
            case "invalid-as-result": invalidAsResult = true
            case "stderr": stderrText = value.replacingOccurrences(of: "\\n", with: "\n")
            case "stderr-flood": stderrFlood = true
            default: FileHandle.standardError.write(Data("memory-test-server: unknown failure mode \(item)\n".utf8))
            }
        }
    }
}
