import Crypto
import Foundation
import MDLKit

/// Reading PEM files named on the command line.
enum PEMFiles {
    /// Every certificate in a PEM file, as trust anchors.
    static func anchors(_ path: String) throws -> [TrustAnchor] {
        let text = try self.text(path)
        let blocks = certificateBlocks(text)
        guard !blocks.isEmpty else { throw InputError("\(path) holds no PEM certificate") }
        return try blocks.map { block in
            do { return try TrustAnchor(pemEncoded: block) } catch { throw InputError("\(path): not a usable certificate (\(error))") }
        }
    }

    /// The PEM blocks of certificates in `text`.
    static func certificateBlocks(_ text: String) -> [String] {
        let begin = "-----BEGIN CERTIFICATE-----"
        let end = "-----END CERTIFICATE-----"
        var blocks: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: begin), let stop = rest.range(of: end, range: start.upperBound..<rest.endIndex) {
            blocks.append(String(rest[start.lowerBound..<stop.upperBound]))
            rest = rest[stop.upperBound...]
        }
        return blocks
    }

    /// A P-256 private key (PKCS#8 or SEC1 PEM) for DeviceMac.
    static func readerKey(_ path: String) throws -> P256.KeyAgreement.PrivateKey {
        do { return try P256.KeyAgreement.PrivateKey(pemRepresentation: try text(path)) } catch let error as InputError {
            throw error
        } catch {
            throw InputError("\(path) is not a P-256 private key in PEM")
        }
    }

    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
