import Foundation

/// Named points where a test can stop a real run to kill it (`JARVIS_TEST_PAUSE_AT=name`): the process writes the
/// name to `JARVIS_TEST_PAUSE_FILE` and sleeps until it is killed. Without the variable this costs one comparison.
package enum PausePoint {
    private static let target: String? = ProcessInfo.processInfo.environment["JARVIS_TEST_PAUSE_AT"]

    package static func reach(_ name: @autoclosure () -> String) {
        guard let target else { return }
        let here = name()
        guard here == target else { return }
        if let file = ProcessInfo.processInfo.environment["JARVIS_TEST_PAUSE_FILE"] {
            FileManager.default.createFile(atPath: file, contents: Data(here.utf8))
        }
        while true { sleep(60) }
    }
}
