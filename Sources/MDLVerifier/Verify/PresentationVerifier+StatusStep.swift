import Foundation
import X509

extension PresentationVerifier {
    /// The most distinct status references one presentation may make the verifier look up: a relying party asks for
    /// one licence, and each lookup may go to the network.
    static let maxStatusLookups = 8

    /// Pipeline step 7 for every document of a presentation. Documents naming the same entry (list, index and
    /// the anchor that validated their signer) are looked up once, and distinct entries concurrently, so a response
    /// that repeats one document costs one lookup and the whole step takes at most one check's deadline.
    ///
    /// - Throws: the first document's failure (in document order), with its index.
    func checkStatuses(of documents: [VerifiedDocument], at time: Date) async throws(MDLError) -> [DocumentStatus] {
        guard case .check = configuration.status.mode else {
            // Nothing to look up: each document's status follows from the policy alone.
            var statuses: [DocumentStatus] = []
            statuses.reserveCapacity(documents.count)
            for (index, document) in documents.enumerated() {
                do { statuses.append(try await checkStatus(of: document, at: time)) } catch { throw error.inDocument(index) }
            }
            return statuses
        }
        var entryOf: [Int?] = []
        var entries: [StatusEntryKey: Int] = [:]
        var representatives: [Int] = []
        for (index, document) in documents.enumerated() {
            guard let reference = document.statusReference else {
                entryOf.append(nil)
                continue
            }
            let key = StatusEntryKey(uri: reference.uri, index: reference.index, anchor: document.issuerAnchor.certificate)
            if let entry = entries[key] {
                entryOf.append(entry)
            } else {
                guard representatives.count < Self.maxStatusLookups else {
                    throw MDLError(
                        code: .statusUnavailable,
                        message: "the presentation names more than \(Self.maxStatusLookups) distinct status entries").inDocument(index)
                }
                entries[key] = representatives.count
                entryOf.append(representatives.count)
                representatives.append(index)
            }
        }
        let looked: [Result<DocumentStatus, MDLError>]
        if representatives.count <= 1 {
            looked = await representatives.asyncMap { index in await self.statusResult(of: documents[index], at: time) }
        } else {
            looked = await withTaskGroup(of: (Int, Result<DocumentStatus, MDLError>).self) { group in
                for (entry, index) in representatives.enumerated() {
                    let document = documents[index]
                    group.addTask { (entry, await self.statusResult(of: document, at: time)) }
                }
                var results = [Result<DocumentStatus, MDLError>?](repeating: nil, count: representatives.count)
                for await (entry, result) in group { results[entry] = result }
                return results.map { $0 ?? .failure(MDLError(code: .statusUnavailable, message: "the status check did not finish")) }
            }
        }
        var statuses: [DocumentStatus] = []
        for (index, entry) in entryOf.enumerated() {
            guard let entry else {
                statuses.append(.noReference)
                continue
            }
            switch looked[entry] {
            case .success(let status): statuses.append(status)
            case .failure(let error): throw error.inDocument(index)
            }
        }
        return statuses
    }

    private func statusResult(of document: VerifiedDocument, at time: Date) async -> Result<DocumentStatus, MDLError> {
        do throws(MDLError) { return .success(try await checkStatus(of: document, at: time)) } catch { return .failure(error) }
    }
}

/// One entry of one status list as trusted under one anchor.
struct StatusEntryKey: Hashable {
    let uri: String
    let index: UInt64
    let anchor: Certificate

    /// The list and index only (hashing a certificate goes through it byte by byte); equality compares the anchor.
    func hash(into hasher: inout Hasher) {
        hasher.combine(uri)
        hasher.combine(index)
    }
}

extension Array {
    /// `transform` applied to each element in order, awaiting each.
    fileprivate func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(await transform(element)) }
        return results
    }
}
