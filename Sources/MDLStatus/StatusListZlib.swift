import CMDLZlib
import MDLVerifier

/// ZLIB (RFC 1950) for status lists, bounded so a small hostile input cannot inflate into gigabytes.
enum StatusListZlib {
    private static let chunkSize = 64 * 1024

    /// Inflates a complete zlib stream (header, deflate data, Adler-32) of exactly `input.count` bytes.
    static func inflate(_ input: [UInt8], maxOutputBytes: Int) throws(MDLError) -> [UInt8] {
        guard !input.isEmpty else { throw invalid("the compressed list is empty") }
        var stream = z_stream()
        guard cmdl_inflate_init(&stream) == Z_OK else { throw invalid("zlib inflateInit failed") }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(min(maxOutputBytes, max(chunkSize, input.count * 4)))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var input = input
        var result = Z_OK
        var exceeded = false
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                repeat {
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = UInt32(chunkBuffer.count)
                    result = CMDLZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkBuffer.count - Int(stream.avail_out)
                    guard produced <= maxOutputBytes - output.count else {
                        exceeded = true
                        return
                    }
                    output.append(contentsOf: chunkBuffer.prefix(produced))
                } while result == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            }
        }
        if exceeded {
            throw MDLError(code: .limitExceeded, message: "the status list inflates past \(maxOutputBytes) bytes")
        }
        guard result == Z_STREAM_END else {
            throw invalid(
                result == Z_OK || result == Z_BUF_ERROR ? "the zlib stream is truncated" : "the zlib stream is damaged"
            )
        }
        guard stream.avail_in == 0 else { throw invalid("bytes follow the zlib stream") }
        return output
    }

    /// Deflates `input` into one zlib stream.
    static func deflate(_ input: [UInt8], level: Int) throws(MDLError) -> [UInt8] {
        guard (0...9).contains(level) else { throw invalid("zlib level must be 0…9, not \(level)") }
        var stream = z_stream()
        guard cmdl_deflate_init(&stream, Int32(level)) == Z_OK else { throw invalid("zlib deflateInit failed") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        var result = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = UInt32(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = UInt32(outputBuffer.count)
                result = CMDLZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw invalid("zlib deflate failed (\(result))") }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    private static func invalid(_ message: String) -> MDLError {
        MDLError(code: .statusListInvalid, message: message)
    }
}
