import Foundation
import MDLCBOR
import MDLCOSE
import MDLKit
import SwiftASN1
import X509

/// The national trust-list operator of the sandbox: keeps the register of issuing authorities and publishes it as a
/// signed ISO/IEC 18013-5 VICAL (the format AAMVA publishes), each publication with a larger `vicalIssueID`.
///
/// ```swift
/// let trustOperator = try TrustListOperator(now: now)
/// try await trustOperator.add(IssuingAuthority(region: .shanghai, now: now))
/// let bytes = try await trustOperator.publish(now: now)           // COSE_Sign1 over the VICAL
/// try await trustOperator.serve { url in /* relying parties fetch url */ }
/// ```
public actor TrustListOperator {
    /// The provider name written in each list.
    public nonisolated let provider: String
    /// The operator's keys; relying parties pin ``TrustListSigner/root``.
    public nonisolated let signer: TrustListSigner
    /// How long after a publication the next one is due (`nextUpdate`).
    public let updateInterval: TimeInterval
    /// The last publication (COSE_Sign1 bytes), if any.
    public private(set) var latest: [UInt8]?
    /// The last published issue number (0 before the first publication).
    public private(set) var issueID: UInt64

    private var register: [Registration] = []

    /// An authority on the register.
    public struct Registration: Sendable {
        /// The authority (its IACA and current document signer).
        public var authority: IssuingAuthority
        /// When its IACA was retired, if it was.
        public var retiredAt: Date?
        /// Its status-service URL, if it runs one.
        public var statusServiceURL: String?
    }

    /// Creates an operator with fresh keys and an empty register.
    ///
    /// - Parameters:
    ///   - firstIssueID: the issue number before the first publication (the first one publishes `firstIssueID + 1`).
    ///   - updateInterval: seconds from a publication to its `nextUpdate` (default one day).
    public init(
        provider: String = "CN mDL Trust List Operator (sandbox)", now: Date,
        keyAlgorithm: SigningKey.Algorithm = .p256, firstIssueID: UInt64 = 0, updateInterval: TimeInterval = 86_400
    ) throws {
        self.provider = provider
        self.signer = try TrustListSigner(name: provider, now: now, keyAlgorithm: keyAlgorithm)
        self.issueID = firstIssueID
        self.updateInterval = updateInterval
    }

    /// Creates an operator that signs with an existing `signer` (a long-running operator's persistent keys, or
    /// ``WellKnownSandbox/trustListSigner(now:)``) and an empty register.
    public init(
        signer: TrustListSigner, provider: String = "CN mDL Trust List Operator (sandbox)", firstIssueID: UInt64 = 0,
        updateInterval: TimeInterval = 86_400
    ) {
        self.provider = provider
        self.signer = signer
        self.issueID = firstIssueID
        self.updateInterval = updateInterval
    }

    /// The register, in the order authorities were added.
    public var registrations: [Registration] { register }

    /// Adds an authority (or a new IACA of a region already listed; earlier IACAs stay listed).
    public func add(_ authority: IssuingAuthority, statusServiceURL: String? = nil) {
        register.append(Registration(authority: authority, retiredAt: nil, statusServiceURL: statusServiceURL))
    }

    /// The newest authority registered for `region`.
    public func authority(_ region: IssuingAuthority.Region) -> IssuingAuthority? {
        register.last { $0.authority.region == region }?.authority
    }

    /// Retires the newest IACA of `region` from `date` on: documents its signers signed before `date` still verify.
    public func retireIACA(of region: IssuingAuthority.Region, at date: Date) throws {
        guard let index = register.lastIndex(where: { $0.authority.region == region }) else {
            throw TrustListOperatorError("no authority registered for region \(region.code)")
        }
        register[index].retiredAt = date
    }

    /// Gives the newest authority of `region` a new document signer (same IACA) and returns it.
    @discardableResult
    public func rotateDocumentSigner(of region: IssuingAuthority.Region, now: Date) throws -> IssuingAuthority {
        guard let index = register.lastIndex(where: { $0.authority.region == region }) else {
            throw TrustListOperatorError("no authority registered for region \(region.code)")
        }
        let current = register[index].authority
        let generation = rotationCount(of: region) + 2
        let signer = try current.iaca.issueDocumentSigner(
            commonName: "\(region.nameEN) DS \(generation)", notBefore: now.addingTimeInterval(-86_400),
            notAfter: now.addingTimeInterval(2 * 365 * 86_400),
            keyAlgorithm: current.documentSigner.signingKey.algorithm)
        let rotated = IssuingAuthority(region: region, iaca: current.iaca, documentSigner: signer)
        register[index].authority = rotated
        rotations[region.code, default: 0] += 1
        return rotated
    }

    private var rotations: [String: Int] = [:]
    private func rotationCount(of region: IssuingAuthority.Region) -> Int { rotations[region.code] ?? 0 }

    /// Signs the register as the next VICAL (`vicalIssueID` one larger), keeps it as ``latest`` and returns it.
    @discardableResult
    public func publish(now: Date) throws -> [UInt8] {
        let vical = VICAL(
            provider: provider, date: now, issueID: issueID + 1, nextUpdate: now.addingTimeInterval(updateInterval),
            certificateInfos: try register.map(Self.certificateInfo))
        let bytes = try sign(vical)
        issueID += 1
        latest = bytes
        return bytes
    }

    /// Signs any VICAL content with the operator's signer (tests use it for lists the register would not make).
    public func sign(_ vical: VICAL) throws -> [UInt8] {
        let algorithm: COSEAlgorithm = signer.signingKey.algorithm == .ed25519 ? .edDSA : .es256
        let headers = COSEHeaders(
            protected: [.int(COSEHeaders.Label.algorithm): .int(algorithm.coseValue)],
            unprotected: [.int(COSEHeaders.Label.x5chain): .array(try signer.x5chain().map(CBOR.bytes))])
        let message = try COSESign1(signing: CBOREncoder.encode(vical.cbor), headers: headers) {
            try signer.signingKey.signature(for: $0)
        }
        return CBOREncoder.encode(message.cbor)
    }

    static func certificateInfo(_ registration: Registration) throws -> VICAL.CertificateInfo {
        let certificate = registration.authority.iaca.certificate
        let region = registration.authority.region
        let extensions = CBORMap(
            [.init(key: .text(VICAL.CertificateInfo.ExtensionKey.issuingAuthorityZH), value: .text(region.nameZH))]
                + (registration.retiredAt.map {
                    [.init(key: .text(VICAL.CertificateInfo.ExtensionKey.retiredAt), value: .tdate($0))]
                } ?? [])
                + (registration.statusServiceURL.map {
                    [.init(key: .text(VICAL.CertificateInfo.ExtensionKey.statusServiceURL), value: .text($0))]
                } ?? []))
        let ski = (try certificate.extensions.subjectKeyIdentifier).map { Array($0.keyIdentifier) } ?? []
        return VICAL.CertificateInfo(
            certificate: try certificate.derBytes(), serialNumber: Array(certificate.serialNumber.bytes),
            subjectKeyIdentifier: ski, docTypes: [MDLProfile.docType], issuingAuthority: region.nameEN,
            issuingCountry: registration.authority.iaca.country, stateOrProvinceName: region.code,
            issuer: try Self.der(certificate.issuer), subject: try Self.der(certificate.subject),
            notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, extensions: extensions)
    }

    private static func der(_ name: DistinguishedName) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(name)
        return serializer.serializedBytes
    }
}

/// A request the trust-list operator cannot carry out (e.g. retiring a region it does not list).
public struct TrustListOperatorError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
