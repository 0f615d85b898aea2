import Foundation
import MDLVerifier

/// An append-only log of ``ConsentReceipt``s.
public protocol AuditLog: Sendable {
    /// Appends a receipt.
    func append(_ receipt: ConsentReceipt) async throws(MDLError)
    /// Every receipt, oldest first.
    func receipts() async throws(MDLError) -> [ConsentReceipt]
}

/// An ``AuditLog`` in memory.
public actor InMemoryAuditLog: AuditLog {
    private var entries: [ConsentReceipt] = []
    /// Creates an empty log.
    public init() {}
    /// Appends a receipt.
    public func append(_ receipt: ConsentReceipt) async throws(MDLError) { entries.append(receipt) }
    /// Every receipt, oldest first.
    public func receipts() async throws(MDLError) -> [ConsentReceipt] { entries }
}
