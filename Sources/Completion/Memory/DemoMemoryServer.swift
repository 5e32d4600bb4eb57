import Foundation

/// The memory server the demo configures when one is available: the reference server's `mcp-server-memory` on
/// PATH, else the `memory-test-server` built next to the running executable. Its store lives in the demo folder,
/// outside the sample project.
package enum DemoMemoryServer {
    package static func configuration(
        storeIn folder: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        guard let command = locate(environment: environment) else { return nil }
        let server: [String: Any] = [
            "type": "stdio",
            "command": command,
            "args": [String](),
            "env": ["MEMORY_FILE_PATH": folder.appendingPathComponent("memory.jsonl").path],
        ]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: ["mcpServers": ["memory": server]],
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )
        else { return nil }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The server's path, or nil when neither is there.
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let real = ExecutableLocator.find("mcp-server-memory", path: environment["PATH"]) { return real }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let sibling = executable.deletingLastPathComponent().appendingPathComponent("memory-test-server").path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : nil
    }
}
