import ArgumentParser
import CMDLQREncode
import Foundation

/// QR codes (libqrencode) drawn in a terminal with half-block characters, two module rows per text line.
enum QRCode {
    /// Why a QR code could not be made.
    struct EncodingError: Error, CustomStringConvertible {
        let description: String
    }

    /// The modules of the QR code for `text` (byte mode, error correction M, smallest version that fits):
    /// `true` is dark. Rows of equal length, without the quiet zone.
    static func modules(for text: String) throws -> [[Bool]] {
        guard !text.isEmpty else { throw EncodingError(description: "nothing to encode") }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw EncodingError(description: "the text does not fit in a QR code (\(text.utf8.count) bytes)")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else {
            throw EncodingError(description: "libqrencode returned no modules")
        }
        return (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    /// The QR code for `uri` as terminal text, with a quiet zone of `quietZone` modules.
    ///
    /// Light modules are drawn as blocks and dark ones as spaces, as `qrencode -t UTF8` does, which scans on the
    /// usual dark terminal background; `lightBackground` swaps them for terminals with a light background.
    static func terminalText(for uri: String, quietZone: Int = 2, lightBackground: Bool = false) throws -> String {
        let code = try modules(for: uri)
        let size = code.count + 2 * quietZone
        func dark(_ row: Int, _ column: Int) -> Bool {
            let r = row - quietZone
            let c = column - quietZone
            guard r >= 0, c >= 0, r < code.count, c < code.count else { return false }
            return code[r][c]
        }
        var lines: [String] = []
        for row in stride(from: 0, to: size, by: 2) {
            var line = ""
            for column in 0..<size {
                var top = dark(row, column)
                var bottom = row + 1 < size ? dark(row + 1, column) : false
                if !lightBackground {
                    top.toggle()
                    bottom.toggle()
                    if row + 1 >= size { bottom = false }
                }
                switch (top, bottom) {
                case (true, true): line += "█"
                case (true, false): line += "▀"
                case (false, true): line += "▄"
                case (false, false): line += " "
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// `mdl-rp qr TEXT` (hidden): prints a QR code, to check the terminal rendering that `request` uses.
struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr", abstract: "Print TEXT as a terminal QR code.", shouldDisplay: false)

    @Argument(help: "The text (usually a URI).") var text: String
    @Flag(help: "Draw for a terminal with a light background.") var lightBackground = false
    @Flag(help: "Print JSON: {\"size\": N, \"modules\": [\"0101…\", …]}.") var json = false

    func run() throws {
        do {
            if json {
                let rows = try QRCode.modules(for: text)
                JSONOutput.print(
                    .object([
                        "size": .integer(Int64(rows.count)),
                        "modules": .array(rows.map { .string(String($0.map { $0 ? "1" : "0" })) }),
                    ]))
            } else {
                print(try QRCode.terminalText(for: text, lightBackground: lightBackground))
            }
        } catch let error as QRCode.EncodingError {
            throw InputError(error.description)
        }
    }
}
