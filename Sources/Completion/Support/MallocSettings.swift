import CLibcExtras
import Foundation

/// glibc's malloc tuned for a run's shape: a dozen threads that overlap for seconds (the transcript pass, the
/// secret scan's workers, the archive, child-pipe readers), each reading through buffers of a few hundred KB.
/// - Arenas: glibc gives a thread that allocates while the others hold theirs an arena of its own, up to eight
///   per core, and an arena's touched pages stay with the process. Two arenas serve two cores' worth of work.
/// - Large blocks: glibc raises its mmap threshold each time a large mmapped block is freed, after which blocks
///   of that size come from an arena and stay resident when freed. A fixed threshold returns every buffer of
///   128 KB or more to the system as soon as it is freed.
/// Together they keep the large completion's peak about a megabyte lower, at no measurable cost in time.
package enum MallocSettings {
    /// Call once at start, before any thread is made.
    package static func apply() {
        #if os(Linux)
        _ = mallopt(M_ARENA_MAX, 2)
        _ = mallopt(M_MMAP_THRESHOLD, 128 << 10)
        #endif
    }
}
