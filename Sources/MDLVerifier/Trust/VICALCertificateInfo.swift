import Foundation
import MDLCBOR

extension VICAL {
    /// One IACA on a VICAL (`CertificateInfo`): the certificate and what the operator says about it.
    ///
    /// The optional members copy facts that are also in the certificate (country, state, validity); MDLKit keeps
    /// the operator's statements as given and validates chains against the certificate itself.
    public struct CertificateInfo: Sendable, Hashable {
        /// The IACA certificate, DER.
        public var certificate: [UInt8]
        /// The certificate's serial number, big-endian bytes.
        public var serialNumber: [UInt8]
        /// The certificate's subject key identifier, as the operator gives it.
        public var subjectKeyIdentifier: [UInt8]
        /// The document types the IACA may issue, e.g. `["org.iso.18013.5.1.mDL"]`.
        public var docTypes: [String]
        /// Certificate profiles the IACA follows, if given.
        public var certificateProfiles: [String]?
        /// The issuing authority's name.
        public var issuingAuthority: String?
        /// ISO 3166-1 alpha-2 country, e.g. `"US"`, `"CN"`.
        public var issuingCountry: String?
        /// State or province, e.g. `"US-MD"`, `"SH"`.
        public var stateOrProvinceName: String?
        /// The certificate's issuer name, DER.
        public var issuer: [UInt8]?
        /// The certificate's subject name, DER.
        public var subject: [UInt8]?
        /// The start of the certificate's validity.
        public var notBefore: Date?
        /// The end of the certificate's validity.
        public var notAfter: Date?
        /// Further members (`extensions`; AAMVA spells it `Extensions`), as received.
        public var extensions: CBORMap

        /// Text keys MDLKit's trust-list operator writes in ``extensions``.
        public enum ExtensionKey {
            /// `tdate`: when the IACA stopped being trusted for new documents (documents signed earlier still verify).
            public static let retiredAt = "retiredAt"
            /// `tstr`: the issuing authority's name in Chinese.
            public static let issuingAuthorityZH = "issuingAuthorityZH"
            /// `tstr`: the URL of the authority's status service.
            public static let statusServiceURL = "statusServiceURL"
        }

        /// Creates an entry.
        package init(
            certificate: [UInt8], serialNumber: [UInt8], subjectKeyIdentifier: [UInt8], docTypes: [String],
            certificateProfiles: [String]? = nil, issuingAuthority: String? = nil, issuingCountry: String? = nil,
            stateOrProvinceName: String? = nil, issuer: [UInt8]? = nil, subject: [UInt8]? = nil,
            notBefore: Date? = nil, notAfter: Date? = nil, extensions: CBORMap = CBORMap()
        ) {
            self.certificate = certificate
            self.serialNumber = serialNumber
            self.subjectKeyIdentifier = subjectKeyIdentifier
            self.docTypes = docTypes
            self.certificateProfiles = certificateProfiles
            self.issuingAuthority = issuingAuthority
            self.issuingCountry = issuingCountry
            self.stateOrProvinceName = stateOrProvinceName
            self.issuer = issuer
            self.subject = subject
            self.notBefore = notBefore
            self.notAfter = notAfter
            self.extensions = extensions
        }

        /// Reads a `CertificateInfo` map found at `path`.
        public init(_ item: CBOR, path: String = "CertificateInfo") throws(MDLError) {
            let map = try item.requireMap(path)
            certificate = try VICALField.bytes(map.required("certificate", in: path), "\(path).certificate")
            serialNumber = try VICALField.unsignedBytes(
                map.required("serialNumber", in: path), "\(path).serialNumber")
            subjectKeyIdentifier = try VICALField.bytes(map.required("ski", in: path), "\(path).ski")
            docTypes = try VICALField.texts(map.required("docType", in: path), "\(path).docType")
            guard !docTypes.isEmpty else { throw MDLError.structure("\(path).docType must name a document type") }
            func optional<T>(_ key: String, _ read: (CBOR, String) throws(MDLError) -> T) throws(MDLError) -> T? {
                guard let value = map[key] else { return nil }
                return try read(value, "\(path).\(key)")
            }
            certificateProfiles = try optional("certificateProfile", VICALField.texts)
            issuingAuthority = try optional("issuingAuthority", VICALField.text)
            issuingCountry = try optional("issuingCountry", VICALField.text)
            stateOrProvinceName = try optional("stateOrProvinceName", VICALField.text)
            issuer = try optional("issuer", VICALField.bytes)
            subject = try optional("subject", VICALField.bytes)
            notBefore = try optional("notBefore", VICALField.date)
            notAfter = try optional("notAfter", VICALField.date)
            let extensionsItem = map["extensions"] ?? map["Extensions"]
            extensions = try extensionsItem.map { value throws(MDLError) in try value.requireMap("\(path).extensions") }
                ?? CBORMap()
            if let retired = extensions[ExtensionKey.retiredAt] {
                _ = try VICALField.date(retired, "\(path).extensions.\(ExtensionKey.retiredAt)")
            }
        }

        /// When the operator retired the IACA (MDLKit's `retiredAt` extension), if it did.
        public var retiredAt: Date? {
            extensions[ExtensionKey.retiredAt].flatMap { try? VICALField.date($0, "retiredAt") }
        }

        /// The issuing authority's Chinese name (MDLKit's `issuingAuthorityZH` extension), if given.
        public var issuingAuthorityZH: String? { extensions[ExtensionKey.issuingAuthorityZH]?.text }

        /// The authority's status-service URL (MDLKit's `statusServiceURL` extension), if given.
        public var statusServiceURL: String? { extensions[ExtensionKey.statusServiceURL]?.text }

        /// The entry as a CBOR map (ISO member names; `serialNumber` as a biguint), for signing.
        package var cbor: CBOR {
            var entries: [CBORMap.Entry] = [
                .init(key: "certificate", value: .bytes(certificate)),
                .init(key: "serialNumber", value: .tagged(2, .bytes(Self.minimal(serialNumber)))),
                .init(key: "ski", value: .bytes(subjectKeyIdentifier)),
                .init(key: "docType", value: .array(docTypes.map(CBOR.text))),
            ]
            func add(_ key: String, _ value: CBOR?) {
                if let value { entries.append(.init(key: .text(key), value: value)) }
            }
            add("certificateProfile", certificateProfiles.map { .array($0.map(CBOR.text)) })
            add("issuingAuthority", issuingAuthority.map(CBOR.text))
            add("issuingCountry", issuingCountry.map(CBOR.text))
            add("stateOrProvinceName", stateOrProvinceName.map(CBOR.text))
            add("issuer", issuer.map(CBOR.bytes))
            add("subject", subject.map(CBOR.bytes))
            add("notBefore", notBefore.map(CBOR.tdate))
            add("notAfter", notAfter.map(CBOR.tdate))
            add("extensions", extensions.count > 0 ? .map(extensions) : nil)
            return .map(CBORMap(entries))
        }

        /// `bytes` without leading zero bytes (a biguint has no sign byte).
        private static func minimal(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.drop { $0 == 0 }) }

        /// The entry as a relying party's trust anchor, carrying its retirement date.
        ///
        /// - Throws: ``MDLError`` `certificateUntrusted` when the certificate is not DER X.509, `weakKey` for a
        ///   malformed Ed25519 key.
        public func trustAnchor(notes: String? = nil) throws -> TrustAnchor {
            try TrustAnchor(derEncoded: certificate, retiredAt: retiredAt, notes: notes ?? issuingAuthority)
        }
    }
}
