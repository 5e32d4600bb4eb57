/// The rows of `SecretPatterns.byPair` in one flat array, the pair `p`'s rows at `starts[p]..<starts[p + 1]`.
/// The scan loop reads it through unsafe buffers: every `=` and `:` of a file is a candidate, and taking a nested
/// array's rows one by one retained and released shared objects for each, which two scanning threads fought over
/// (a fifth of the scan's time).
struct PairTable: Sendable {
    let rows: [SecretPattern]
    let starts: [Int32]

    init(_ byPair: [[SecretPattern]]) {
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

    /// Calls `body` with the table's arrays as buffers, for a loop that must not copy rows.
    func withBuffers<Result>(
        _ body: (_ rows: UnsafeBufferPointer<SecretPattern>, _ starts: UnsafeBufferPointer<Int32>) -> Result
    ) -> Result {
        rows.withUnsafeBufferPointer { rows in starts.withUnsafeBufferPointer { starts in body(rows, starts) } }
    }
}
