/// A CSV or TSV document (an export, a report, a spreadsheet's download) read for
/// what redaction needs: its first row names the columns, so a column headed by a
/// credential's name (`password`, `tijdelijk_wachtwoord`, `api_token`,
/// `wachtwoord_hash`) has its cell replaced in every row, quoted or not.
/// The delimiter is the header's: a comma, a semicolon, a tab or a bar.
enum DelimitedTable {
    /// The cells of each column that `isSecret(header)` picks, with their column's
    /// name, in order; `nil` when `text` does not read as a table (a header of two
    /// names or more, and a row of as many cells) or no column is picked.
    static func secretCells(in text: String, isSecret: (String) -> Bool) -> [(range: Range<Int>, column: String, cell: String)]? {
        var text = text
        return text.withUTF8 { bytes in
            guard let delimiter = delimiter(of: bytes) else { return nil }
            var rows = Rows(bytes: bytes, delimiter: delimiter)
            guard let header = rows.next(), header.count >= 2,
                header.allSatisfy({ isName(UnsafeBufferPointer(rebasing: bytes[$0])) })
            else { return nil }
            let names = header.map { String(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self).trimmingSpaces) }
            let secret = names.indices.filter { isSecret(names[$0]) }
            guard !secret.isEmpty else { return nil }
            var cells: [(range: Range<Int>, column: String, cell: String)] = []
            var matchedRows = 0
            while let row = rows.next() {
                guard row.count == header.count else { continue }
                matchedRows += 1
                for column in secret where !row[column].isEmpty {
                    cells.append((row[column], names[column], String(decoding: UnsafeBufferPointer(rebasing: bytes[row[column]]), as: UTF8.self)))
                }
            }
            return matchedRows > 0 ? cells : nil
        }
    }

    /// Whether a header cell reads as a column's name: 1 to 48 bytes of a name's characters, 4 words at most.
    private static func isName(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        (1...48).contains(cell.count) && cell.allSatisfy { $0 >= 0x80 || nameBytes.contains($0) } && cell.count { $0 == UInt8(ascii: " ") } <= 3
    }

    /// The header line's delimiter: the one of `, ; \t |` it holds most of, outside quotes.
    private static func delimiter(of bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, delimiters.contains(byte) { counts[byte, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value }?.key
    }

    /// The cells of each row in turn, as the byte ranges of their contents (inside any quotes).
    private struct Rows {
        let bytes: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        var position = 0

        mutating func next() -> [Range<Int>]? {
            guard position < bytes.count else { return nil }
            var cells: [Range<Int>] = []
            while true {
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    // A quoted cell: `""` is a quote inside it, and it may hold delimiters and line breaks.
                    let start = position + 1
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") || end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "\"") {
                        end += bytes[end] == UInt8(ascii: "\"") ? 2 : 1
                    }
                    cells.append(start..<min(end, bytes.count))
                    position = min(end + 1, bytes.count)
                    skipToDelimiter()
                } else {
                    let start = position
                    skipToDelimiter()
                    var end = position
                    while end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    cells.append(start..<end)
                }
                guard position < bytes.count, bytes[position] == delimiter else { break }
                position += 1
            }
            position += 1
            return cells
        }

        private mutating func skipToDelimiter() {
            while position < bytes.count, bytes[position] != delimiter, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        }
    }

    private static let delimiters = ByteSet(",;\t|")
    /// What a column's name is made of: letters, digits, spaces and a name's punctuation (anything beyond ASCII too).
    private static let nameBytes = ByteSet("A-Za-z0-9 _.()#/-")
}
