import Foundation

/// This process's peak resident memory so far (`VmHWM` in /proc/self/status), for the completion log: the
/// benchmark reads it there, since the rusage of a waited child also counts the git processes it ran.
package enum PeakMemory {
    package static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }
}
