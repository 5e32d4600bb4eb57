import Foundation

#if !JARVIS_LIBFUZZER
/// A plain build replays files through a parser: `JarvisFuzz TARGET FILE…`. Built by scripts/fuzz
/// (`swift build --sanitize=fuzzer -D JARVIS_LIBFUZZER`), libFuzzer supplies `main` instead and calls
/// `LLVMFuzzerTestOneInput` (LibFuzzerEntry.swift).
@main
struct ReplayCommand {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--list"] {
            print(FuzzTargets.all.keys.sorted().joined(separator: "\n"))
            return
        }
        guard let name = arguments.first, let target = FuzzTargets.all[name] else {
            print("usage: JarvisFuzz TARGET FILE…  (targets: \(FuzzTargets.all.keys.sorted().joined(separator: ", ")))")
            print("To fuzz, run scripts/fuzz, which builds this target with libFuzzer.")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(2) }
            target(data)
            print("ok \(path)")
        }
    }
}
#endif
