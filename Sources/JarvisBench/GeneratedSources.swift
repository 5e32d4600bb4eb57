import Foundation

/// The generated source files of the large fixtures: where file `index` lives, and its text at a revision.
func generatedSourcePath(_ index: Int) -> String { "src/module\(index / 100)/file\(index).swift" }

/// Source-like text: identifiers, numbers, strings and comments, including near-misses of the secret rules.
func sourceFile(_ index: Int, revision: Int, lines: Int) -> Data {
    var text = "// File \(index), revision \(revision)\nimport Foundation\n\n"
    for line in 0..<lines {
        switch line % 6 {
        case 0:
            text +=
                "let value\(line) = compute(\(index), \(line), \"label-\(index)-\(line)\") // keeps the cache warm for the next call\n"
        case 1:
            text +=
                "    if token == expected\(line) { return cache[key\(line)] ?? defaultValue }  // token compared, not assigned\n"
        case 2: text += "let apiKey\(line) = ProcessInfo.processInfo.environment[\"API_KEY_\(line)\"] ?? \"\"\n"
        case 3:
            text +=
                "    /// Documentation for item \(line): see https://example.com/docs/\(index)/\(line) for the details of it.\n"
        case 4:
            text +=
                "struct Model\(line) { var id = \(index * 31 + line); var name = \"model-\(line)\"; var password: String? = nil }\n"
        default:
            text +=
                "    print(\"row \\(\(line)) of \(index)\", separator: \", \", terminator: \"\\n\")   // progress line\n"
        }
    }
    if revision > 0 && index % 97 == 7 {
        text += "let leaked = \"" + "ghp_" + "R7d2Kq9ZxW4mLp0Tn5Vb8Hc3Jf6Gs1Ya2Qe\(index % 10)\"\n"
    }
    return Data(text.utf8)
}

extension URL {
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
