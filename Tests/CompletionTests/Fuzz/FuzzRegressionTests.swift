import Foundation
import Testing

@testable import JarvisFuzz

/// Every input libFuzzer ever crashed a parser with (kept by scripts/fuzz under Regressions/), and the seeds,
/// replayed through the same targets. A target fails by trapping, so a regression crashes this test run.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func inputs(_ kind: String) -> [(target: String, file: URL)] {
        let root = folder.appendingPathComponent(kind)
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return targets.sorted().flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
                .map { (target, root.appendingPathComponent(target).appendingPathComponent($0)) }
        }
    }

    @Test func everyKeptInputStillPasses() throws {
        let all = Self.inputs("Regressions") + Self.inputs("Seeds")
        #expect(!all.isEmpty)
        for (target, file) in all {
            let run = try #require(FuzzTargets.all[target], "no fuzz target named \(target)")
            run(try Data(contentsOf: file))
        }
    }

    @Test func everyTargetHasSeeds() {
        let seeded = Set(Self.inputs("Seeds").map(\.target))
        for target in FuzzTargets.all.keys {
            #expect(seeded.contains(target), "fuzz target \(target) has no seeds")
        }
    }
}
