import Foundation
import Testing

@testable import Completion

/// The memory server's stderr log, `.claude/logs/memory-server.log`, written by a real server process: secrets
/// it prints are redacted there as in the completion log, the rest of each line is kept, and a server that
/// logs a lot is never held up by it.
@Suite("Memory server log")
struct MemoryServerLogTests {
    static let githubToken = "ghp_A1b2C3d4E5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    static let awsKey = "AKIAQ3EGRPT2ZXVJ7K4M"

    var logFile: (MemoryTestProject) -> URL { { $0.project.logsFolder.appendingPathComponent("memory-server.log") } }

    @Test func secretsTheServerPrintsAreRedactedInTheLog() async throws {
        let folder = try MemoryTestProject(sessionState: "# Session State\n\n**Next Step**: Ship it\n")
        let lines = [
            "memory-test-server: using token \(Self.githubToken) for sync",
            "memory-test-server: aws key \(Self.awsKey) from the environment",
            "memory-test-server: ready",
        ]
        try folder.configureServer(failure: "stderr:" + lines.joined(separator: "\\n"))
        let (outcome, _, _) = await folder.runStep(folder.record())
        #expect(outcome == .done, "\(outcome)")
        let log = try String(contentsOf: logFile(folder), encoding: .utf8)
        #expect(!log.contains(Self.githubToken) && !log.contains(Self.awsKey), "\(log)")
        #expect(log.contains("memory-test-server: using token [REDACTED:github-token] for sync\n"), "\(log)")
        #expect(log.contains("memory-test-server: aws key [REDACTED:aws-access-key] from the environment\n"), "\(log)")
        #expect(log.contains("memory-test-server: ready\n"), "\(log)")
    }

    @Test func aPrivateKeyBlockIsDroppedWhole() async throws {
        let folder = try MemoryTestProject(sessionState: "# Session State\n\n**Next Step**: Ship it\n")
        let body = [
            "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
            "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
        ]
        let lines =
            ["memory-test-server: loaded key:", "-----BEGIN RSA PRIVATE KEY-----"] + body + [
                "-----END RSA PRIVATE KEY-----", "memory-test-server: after the key",
            ]
        try folder.configureServer(failure: "stderr:" + lines.joined(separator: "\\n"))
        let (outcome, _, _) = await folder.runStep(folder.record())
        #expect(outcome == .done, "\(outcome)")
        let log = try String(contentsOf: logFile(folder), encoding: .utf8)
        for line in body { #expect(!log.contains(line), "\(log)") }
        #expect(log.contains("[REDACTED:private-key]"), "\(log)")
        #expect(
            log.contains("memory-test-server: loaded key:\n") && log.contains("memory-test-server: after the key\n"),
            "\(log)"
        )
    }

    @Test func aServerThatLogsALotIsNotHeldUp() async throws {
        let folder = try MemoryTestProject(sessionState: "# Session State\n\n**Next Step**: Ship it\n")
        try folder.configureServer(failure: "stderr-flood")
        let (outcome, _, _) = await folder.runStep(folder.record())
        #expect(outcome == .done, "\(outcome)")
        let size = try #require(
            try FileManager.default.attributesOfItem(atPath: logFile(folder).path)[.size] as? NSNumber
        ).intValue
        #expect(size >= 3 << 20, "every call's megabyte reached the log: \(size) bytes")
    }
}
