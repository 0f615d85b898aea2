import Foundation
import MDLVerifier
import SwiftASN1
import X509

/// What a registrar certified about a relying party: its names and, per purpose, the elements it may request.
///
/// It travels inside the relying party's X.509 certificate as a non-critical extension
/// (`ASN1ObjectIdentifier.mdlRelyingPartyRegistration`, OID 1.3.6.1.4.1.58017.18013.1) whose value is a DER
/// UTF8String holding this value as JSON, so the registrar's certificate signature covers it and the wallet reads it
/// from the request's `x5c`.
public struct RelyingPartyRegistration: Sendable, Hashable, Codable {
    /// The relying party's name in Chinese.
    public var nameZH: String
    /// The relying party's name in English.
    public var nameEN: String
    /// The purposes allowed, each with the elements it may request.
    public var permissions: [Permission]

    /// One allowed purpose.
    public struct Permission: Sendable, Hashable, Codable {
        /// The purpose.
        public var purpose: PresentationPurpose
        /// The elements that purpose may request.
        public var elements: [ElementReference]
        /// Creates a permission.
        public init(purpose: PresentationPurpose, elements: [ElementReference]) {
            self.purpose = purpose
            self.elements = elements
        }
    }

    /// Creates a registration.
    public init(nameZH: String, nameEN: String, permissions: [Permission]) {
        self.nameZH = nameZH
        self.nameEN = nameEN
        self.permissions = permissions
    }

    /// The elements `purpose` may request; `nil` when the purpose is not registered.
    public func allowedElements(for purpose: PresentationPurpose) -> Set<ElementReference>? {
        permissions.first { $0.purpose == purpose }.map { Set($0.elements) }
    }

    /// The extension value: a DER UTF8String of the JSON.
    public func extensionValue() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(self), as: UTF8.self)
        var serializer = DER.Serializer()
        try serializer.serialize(ASN1UTF8String(json))
        return serializer.serializedBytes
    }

    /// The registration in `certificate`.
    ///
    /// - Throws: `relyingPartyUntrusted` when the extension is missing or unreadable.
    public init(certificate: Certificate) throws(MDLError) {
        guard let found = certificate.extensions[oid: .mdlRelyingPartyRegistration] else {
            throw MDLError(code: .relyingPartyUntrusted, message: "the relying-party certificate carries no registration")
        }
        do {
            let text = try ASN1UTF8String(derEncoded: Array(found.value))
            self = try JSONDecoder().decode(RelyingPartyRegistration.self, from: Data(String(text).utf8))
        } catch {
            throw MDLError(code: .relyingPartyUntrusted, message: "the relying-party registration is unreadable")
        }
    }
}

extension ASN1ObjectIdentifier {
    /// The sandbox arc of MDLKit's relying-party registration extension (`1.3.6.1.4.1.58017.18013.1`).
    ///
    /// A placeholder private-enterprise arc for the sandbox registrar; a production registrar names its own.
    public static let mdlRelyingPartyRegistration: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 58017, 18013, 1]
}
