import Foundation

/// A plain-text table for people: columns padded to their widest cell, counting CJK characters as two columns.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The widest line printed, in terminal columns: a last column that would pass it wraps onto continuation
    /// lines under itself.
    var maximumWidth = 100

    /// The table as lines; the header is bold on a terminal and underlined with dashes.
    func lines() -> [String] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var widths = [Int](repeating: 0, count: columns)
        for row in [header] + rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        let lead = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        if let last = widths.indices.last { widths[last] = min(widths[last], max(20, maximumWidth - lead)) }
        func render(_ row: [String]) -> [String] {
            var line = ""
            for (index, cell) in row.enumerated() {
                if index == row.count - 1 {
                    let pieces = index == columns - 1 ? Self.wrap(cell, width: widths[index]) : [cell]
                    return [line + (pieces.first ?? "")] + pieces.dropFirst().map { String(repeating: " ", count: lead) + $0 }
                }
                line += cell + String(repeating: " ", count: widths[index] - DisplayWidth.of(cell) + 2)
            }
            return [line]
        }
        var output = render(header).map(Terminal.bold)
        output.append(widths.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  "))
        output += rows.flatMap(render)
        return output
    }

    /// `text` in lines of at most `width` columns, broken at spaces (a longer word at any character).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard DisplayWidth.of(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if DisplayWidth.of(candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if DisplayWidth.of(line + String(character)) > width {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    func print() { for line in lines() { Swift.print(line) } }
}

/// The number of terminal columns a string takes (East Asian wide characters count two, combining marks none).
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if scalar.properties.generalCategory == .nonspacingMark || value == 0x200B { continue }
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            width += wide ? 2 : 1
        }
        return width
    }
}
