import Foundation

/// Whether `git update-index` writes the blobs it hashes into one pack instead of one loose file each.
///
/// git's bulk check-in streams every blob larger than `core.bigFileThreshold` into a single pack, which it
/// finishes (and fsyncs, as it does every pack) when `update-index` ends. For a large session that spares git a
/// file, a link and a rename per blob, and the push then sends the pack's compressed objects as they are
/// instead of reading and compressing every loose object again. The price: the push does not look for deltas
/// between two blobs of that same pack (it still does against what the remote already has), so new files that
/// resemble each other are sent whole.
///
/// The setting goes on the command line of `update-index` alone: for `git diff` or `git log -p` it would make
/// every file binary, and the push scan would read no content.
enum BulkCheckin {
    /// git keeps a pushed pack when it brings at least this many objects (`receive.unpackLimit`) and stores fewer
    /// as loose objects; the same line is drawn here, so a small session adds no pack.
    static let minimumPaths = 100
    /// `update-index` wraps all its input in one object transaction only from git 2.37 on; an older git would
    /// write a pack for every blob.
    static let minimumVersion = GitVersion(major: 2, minor: 37)

    /// The options to put before `update-index` when it is about to hash `pathCount` paths.
    static func options(pathCount: Int, environment: [String: String]) -> [String] {
        guard pathCount >= minimumPaths, let version = GitVersion.installed(environment: environment),
            version >= minimumVersion
        else { return [] }
        return ["-c", "core.bigFileThreshold=1"]
    }
}
