import CMDLQREncode

/// QR codes (libqrencode) as SVG for the page: byte mode, error correction M, a four-module quiet zone.
enum QRCodeSVG {
    /// The SVG of the QR code for `text`, or `nil` when it does not fit.
    static func svg(for text: String, quietZone: Int = 4) -> String? {
        guard !text.isEmpty, let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        var path = ""
        for row in 0..<width {
            for column in 0..<width where data[row * width + column] & 1 == 1 {
                path += "M\(column + quietZone) \(row + quietZone)h1v1h-1z"
            }
        }
        let size = width + 2 * quietZone
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(size) \(size)" shape-rendering="crispEdges" \
            role="img" aria-label="QR code"><rect width="\(size)" height="\(size)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}
