import Crypto
import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit

/// A simulated licensing office (车管所): an IACA root, a document signer, and issuance of mDLs to wallets.
///
/// ```swift
/// let authority = try IssuingAuthority(region: .shanghai, now: now)
/// let credential = try authority.issue(record, deviceKey: wallet.deviceKey, now: now)
/// ```
public struct IssuingAuthority: Sendable {
    /// The region the authority serves.
    public let region: Region
    /// The root certificate relying parties trust.
    public let iaca: IACA
    /// The current document signer.
    public let documentSigner: DocumentSignerCertificate

    /// A region with its codes and names.
    public struct Region: Sendable, Hashable {
        /// Province code used in certificates' ST, e.g. `"SH"`.
        public let code: String
        /// The first digits of the administrative-division code (GB/T 2260), for archive numbers.
        public let divisionCode: String
        /// Chinese name.
        public let nameZH: String
        /// English name.
        public let nameEN: String

        /// Creates a region.
        public init(code: String, divisionCode: String, nameZH: String, nameEN: String) {
            self.code = code
            self.divisionCode = divisionCode
            self.nameZH = nameZH
            self.nameEN = nameEN
        }

        /// Shanghai.
        public static let shanghai = Region(code: "SH", divisionCode: "3100", nameZH: "上海市公安局交通警察总队", nameEN: "Shanghai Traffic Police")
        /// Sichuan (Chengdu).
        public static let sichuan = Region(code: "SC", divisionCode: "5101", nameZH: "成都市公安局交通管理局", nameEN: "Chengdu Traffic Police")
        /// Jiangsu (Suzhou).
        public static let jiangsu = Region(code: "JS", divisionCode: "3205", nameZH: "苏州市公安局交通警察支队", nameEN: "Suzhou Traffic Police")
    }

    /// Creates an authority with a fresh IACA (valid ten years from a year ago) and document signer (two years).
    public init(region: Region, keyAlgorithm: SigningKey.Algorithm = .ed25519, now: Date) throws {
        let year: TimeInterval = 365 * 86_400
        let iaca = try IACA(
            stateOrProvince: region.code, organization: region.nameEN, commonName: "\(region.nameEN) IACA",
            notBefore: now.addingTimeInterval(-year), notAfter: now.addingTimeInterval(10 * year), keyAlgorithm: keyAlgorithm)
        let signer = try iaca.issueDocumentSigner(
            commonName: "\(region.nameEN) DS 1", notBefore: now.addingTimeInterval(-30 * 86_400),
            notAfter: now.addingTimeInterval(2 * year), keyAlgorithm: keyAlgorithm)
        self.init(region: region, iaca: iaca, documentSigner: signer)
    }

    /// Creates an authority from existing certificates (for tests that need a particular document signer).
    public init(region: Region, iaca: IACA, documentSigner: DocumentSignerCertificate) {
        self.region = region
        self.iaca = iaca
        self.documentSigner = documentSigner
    }

    /// Issues an mDL for `record`, bound to the holder's `deviceKey`.
    ///
    /// - Parameters:
    ///   - validFrom, validUntil: the MSO's validity (defaults: `now` to a year later).
    ///   - status: the Token Status List entry to reference.
    ///   - digestAlgorithm: SHA-256 (default), SHA-384 or SHA-512.
    public func issue(
        _ record: LicenseRecord, deviceKey: COSEKey, now: Date, validFrom: Date? = nil, validUntil: Date? = nil,
        status: MobileSecurityObject.StatusReference? = nil, digestAlgorithm: DigestAlgorithm = .sha256,
        docType: String = MDLProfile.docType
    ) throws -> IssuedCredential {
        var items: [String: [IssuerSignedItem]] = [:]
        var digests: [String: [UInt64: [UInt8]]] = [:]
        var nextID: UInt64 = 0
        for nameSpace in record.elements.keys.sorted() {
            for (identifier, value) in (record.elements[nameSpace] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let item = IssuerSignedItem(digestID: nextID, random: SecureRandom.bytes(count: 16), elementIdentifier: identifier, elementValue: value)
                items[nameSpace, default: []].append(item)
                digests[nameSpace, default: [:]][nextID] = digestAlgorithm.digest(item.itemBytes)
                nextID += 1
            }
        }
        let mso = MobileSecurityObject(
            digestAlgorithm: digestAlgorithm, valueDigests: digests, deviceKey: deviceKey, docType: docType,
            validity: .init(
                signed: TDate(now), validFrom: TDate(validFrom ?? now),
                validUntil: TDate(validUntil ?? now.addingTimeInterval(365 * 86_400))),
            status: status)
        return IssuedCredential(docType: docType, items: items, issuerAuth: try sign(mso), mso: mso)
    }

    /// Signs an MSO as IssuerAuth: protected `alg`, the DS certificate in the unprotected `x5chain`.
    public func sign(_ mso: MobileSecurityObject) throws -> COSESign1 {
        let payload = EmbeddedCBOR(mso.cbor).encoded
        let algorithm: COSEAlgorithm = documentSigner.signingKey.algorithm == .ed25519 ? .edDSA : .es256
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)],
            unprotected: [.int(COSEHeaders.Label.x5chain): .bytes(documentSigner.derEncoded)])
        return try COSESign1(signing: payload, headers: headers) { try documentSigner.signingKey.signature(for: $0) }
    }
}
