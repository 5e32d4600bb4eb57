import Foundation

/// A pseudo-terminal pair, so a child process sees a terminal on stdin (`isatty(0)`) the way it does when a
/// person runs it; the test keeps the controlling side.
final class PseudoTerminal {
    let controller: Int32
    let device: Int32

    init() throws {
        guard let openpt = PTYFunctions.openpt, let grant = PTYFunctions.grant, let unlock = PTYFunctions.unlock,
            let name = PTYFunctions.name
        else { throw PseudoTerminalError(reason: "no posix_openpt in this C library") }
        controller = openpt(O_RDWR | O_NOCTTY)
        var path = [CChar](repeating: 0, count: 128)
        guard controller >= 0, grant(controller) == 0, unlock(controller) == 0, name(controller, &path, path.count) == 0
        else {
            throw PseudoTerminalError(reason: String(cString: strerror(errno)))
        }
        device = open(
            String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
            O_RDWR | O_NOCTTY
        )
        guard device >= 0 else { throw PseudoTerminalError(reason: String(cString: strerror(errno))) }
    }

    /// The terminal side, for a child's stdin.
    var deviceHandle: FileHandle { FileHandle(fileDescriptor: device, closeOnDealloc: false) }

    deinit {
        close(device)
        close(controller)
    }
}

/// Swift's Glibc module hides these behind `_XOPEN_SOURCE`; they are looked up at run time.
enum PTYFunctions {
    typealias OpenPT = @convention(c) (Int32) -> Int32
    typealias OnDescriptor = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

    static let openpt: OpenPT? = symbol("posix_openpt")
    static let grant: OnDescriptor? = symbol("grantpt")
    static let unlock: OnDescriptor? = symbol("unlockpt")
    static let name: Name? = symbol("ptsname_r")

    private static func symbol<T>(_ name: String) -> T? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name).map { unsafeBitCast($0, to: T.self) }
    }
}

struct PseudoTerminalError: Error {
    let reason: String
}

/// Collects what a child writes to a pipe, readable while the child runs.
final class OutputCapture: @unchecked Sendable {
    let pipe = Pipe()
    private let lock = NSLock()
    private var data = Data()

    init() {
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.lock(); self.data.append(chunk); self.lock.unlock()
        }
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func stop() { pipe.fileHandleForReading.readabilityHandler = nil }
}
