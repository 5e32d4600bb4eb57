import Foundation

/// A todo file's JSON array read in chunks of any size, keeping the first `keep` items of each status and counting
/// every item. Only the unread rest of one item is held between chunks, so a file of 90 MB costs a chunk and the
/// kept items, not its size. An item longer than `itemLimit` bytes makes the file refused rather than held: a real
/// item is one sentence.
///
/// ```
/// var reader = TodoArrayReader(keepingPerStatus: 200)
/// reader.feed(chunk)          // as often as there are chunks
/// switch reader.finish() { case .read(let items, let total): …; case .refused(let why): … }
/// ```
struct TodoArrayReader {
    enum Result: Equatable {
        case read(items: [TodoItem], total: Int)
        /// Why the bytes are not a todo list, as the end of a sentence that starts with the file's name.
        case refused(String)
    }

    static let notAnArray = "is not a JSON array of todos"

    let keep: Int
    let itemLimit: Int
    private var stage = Stage.open
    /// Bytes not parsed yet: the start of an item a chunk cut, or whitespace.
    private var pending: [UInt8] = []
    private var refusal: String?
    private var items: [TodoItem] = []
    private var kept: [TodoItem.Status: Int] = [:]
    private var total = 0

    private enum Stage {
        case open, first, next, separator, closed
    }

    init(keepingPerStatus keep: Int, itemLimit: Int = FileChunks.size) {
        self.keep = keep
        self.itemLimit = itemLimit
    }

    /// Parses what `chunk` completes; an item the chunk ends inside waits for the next one.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        guard refusal == nil else { return }
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        buffer.append(contentsOf: chunk)
        let consumed = buffer.withUnsafeBufferPointer { parse($0) }
        buffer.removeFirst(consumed)
        swap(&buffer, &pending)
    }

    /// The items, or why the file is refused, once every chunk has been fed.
    func finish() -> Result {
        if let refusal { return .refused(refusal) }
        guard stage == .closed, pending.allSatisfy(Self.isWhitespace) else { return .refused(Self.notAnArray) }
        return .read(items: items, total: total)
    }

    /// Parses from the start of `buffer` as far as it can; returns how many bytes it consumed.
    private mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var cursor = TranscriptByteCursor(base: base, end: buffer.count)
        while true {
            cursor.skipWhitespace()
            let start = cursor.i
            guard start < cursor.end else { return start }
            let byte = base[start]
            switch stage {
            case .open:
                guard byte == UInt8(ascii: "[") else { return refuse(Self.notAnArray) }
                cursor.i += 1
                stage = .first
            case .first where byte == UInt8(ascii: "]"):
                cursor.i += 1
                stage = .closed
            case .first, .next:
                do throws(TranscriptScanError) {
                    try element(&cursor)
                    stage = .separator
                } catch .truncated {
                    guard buffer.count - start <= itemLimit else {
                        return refuse("has an item over \(itemLimit >> 10) KiB")
                    }
                    return start
                } catch {
                    return refuse(Self.notAnArray)
                }
            case .separator:
                guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") else { return refuse(Self.notAnArray) }
                cursor.i += 1
                stage = byte == UInt8(ascii: ",") ? .next : .closed
            case .closed:
                return refuse(Self.notAnArray)
            }
        }
    }

    /// One element at the cursor: a todo object is kept or counted; any other JSON value is skipped.
    private mutating func element(_ cursor: inout TranscriptByteCursor) throws(TranscriptScanError) {
        guard try cursor.peek() == UInt8(ascii: "{") else {
            // A number the buffer ends in is `.truncated`: it may go on in the next chunk.
            try cursor.skipValue()
            return
        }
        let fields = try cursor.todoFields()
        guard let content = fields.content, let status = fields.status else { return }
        guard kept[status, default: 0] < keep else {
            // Only counted: its text is looked at only when its bytes cannot tell whether it has any.
            if cursor.surelyHasText(content) || cursor.todoText(content) != nil { total += 1 }
            return
        }
        guard let text = cursor.todoText(content) else { return }
        total += 1
        kept[status, default: 0] += 1
        items.append(TodoItem(content: text, status: status))
    }

    private mutating func refuse(_ reason: String) -> Int {
        refusal = reason
        return 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
