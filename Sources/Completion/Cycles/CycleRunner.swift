import Foundation

/// Runs a Tier 2 cycle's configured command: argv (no shell), in the project folder, with a time limit, its
/// output streamed line by line as `cycleOutput` events.
struct CycleRunner {
    let project: Project
    let configuration: Configuration
    let environment: [String: String]
    let emit: @Sendable (CompletionEvent) -> Void

    func run(_ cycle: CycleID) async -> Outcome {
        let availability = CycleAvailability.check(cycle, configuration: configuration, environment: environment)
        guard availability.available, let command = configuration.cycles[cycle] else {
            return .skipped(availability.reason ?? "unavailable")
        }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: runBlocking(cycle, command))
            }
        }
    }

    private func runBlocking(_ cycle: CycleID, _ command: CycleCommand) -> Outcome {
        guard let executable = ExecutableLocator.find(command.argv[0], path: environment["PATH"]) else {
            return .failed("`\(command.argv[0])` not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.argv.dropFirst())
        process.currentDirectoryURL = project.root
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return .failed("could not start `\(command.argv[0])`: \(error.localizedDescription)") }

        let reader = DispatchGroup()
        reader.enter()
        DispatchQueue.global().async {
            var buffer = Data()
            let handle = pipe.fileHandleForReading
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    emit(.cycleOutput(cycle, TerminalText.inert(line)))
                }
            }
            if !buffer.isEmpty { emit(.cycleOutput(cycle, TerminalText.inert(String(decoding: buffer, as: UTF8.self)))) }
            reader.leave()
        }
        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { process.waitUntilExit(); exited.signal() }
        if exited.wait(timeout: .now() + .milliseconds(command.timeout.milliseconds)) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 3) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
            _ = reader.wait(timeout: .now() + 2)
            return .failed("timed out after \(command.timeout.shortDescription)")
        }
        _ = reader.wait(timeout: .now() + 5)
        let status = process.terminationStatus
        return status == 0 ? .done : .failed("exited with status \(status)")
    }
}
