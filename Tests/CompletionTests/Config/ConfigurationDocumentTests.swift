import Foundation
import Testing

@testable import Completion

/// The configuration reference a user reads must show the very file `jarvis-tui init` writes, key for key.
@Suite("Configuration reference")
struct ConfigurationDocumentTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")

    @Test func theReferenceShowsEveryLineInitWrites() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let missing = Templates.config.split(separator: "\n").filter { !text.contains($0) }
        #expect(missing.isEmpty, "docs/configuration.md lacks lines of the template: \(missing)")
    }
}
