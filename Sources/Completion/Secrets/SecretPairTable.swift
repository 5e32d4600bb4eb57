/// The secret table's rows grouped by the pair of bytes (first × 256 + second) a candidate starts with, in one flat
/// array: the pair `p`'s rows are at `starts[p]..<starts[p + 1]`. The scan loop reads it through unsafe buffers:
/// every `=` and `:` of a file is a candidate, and taking a nested array's rows one by one retained and released
/// shared objects for each, which two scanning threads fought over (a fifth of the scan's time).
struct PairTable: Sendable {
    let rows: [SecretPattern]
    let starts: [Int32]

    /// A one-byte lead stands for every pair it begins.
    init(_ table: [SecretPattern]) {
        var byPair = [[SecretPattern]](repeating: [], count: 65_536)
        for pattern in table {
            for lead in pattern.leads {
                let bytes = Array(lead.utf8)
                if bytes.count == 1 {
                    for second in 0..<256 { byPair[Int(bytes[0]) << 8 | second].append(pattern) }
                } else {
                    byPair[Int(bytes[0]) << 8 | Int(bytes[1])].append(pattern)
                }
            }
        }
        var rows: [SecretPattern] = []
        var starts: [Int32] = [0]
        starts.reserveCapacity(byPair.count + 1)
        for pairRows in byPair {
            rows += pairRows
            starts.append(Int32(rows.count))
        }
        self.rows = rows
        self.starts = starts
    }

    /// The rows a candidate starting with `pair` may match.
    func rows(forPair pair: Int) -> ArraySlice<SecretPattern> { rows[Int(starts[pair])..<Int(starts[pair + 1])] }

    /// Calls `body` with the table's arrays as buffers, for a loop that must not copy rows.
    func withBuffers<Result>(
        _ body: (_ rows: UnsafeBufferPointer<SecretPattern>, _ starts: UnsafeBufferPointer<Int32>) -> Result
    ) -> Result {
        rows.withUnsafeBufferPointer { rows in starts.withUnsafeBufferPointer { starts in body(rows, starts) } }
    }
}
