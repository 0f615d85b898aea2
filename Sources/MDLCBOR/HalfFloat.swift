extension Double {
    /// The value of an IEEE 754 half-precision number (RFC 8949 Appendix D).
    init(halfBits: UInt16) {
        let exponent = Int(halfBits >> 10) & 0x1f
        let mantissa = Double(halfBits & 0x3ff)
        let magnitude: Double
        switch exponent {
        case 0: magnitude = mantissa * 0x1p-24
        case 31: magnitude = mantissa == 0 ? .infinity : .nan
        default: magnitude = (mantissa + 1024) * Double(sign: .plus, exponent: exponent - 25, significand: 1)
        }
        self = halfBits & 0x8000 != 0 ? -magnitude : magnitude
    }

    /// The half-precision bits of this value when it converts exactly, else `nil`.
    var exactHalfBits: UInt16? {
        if isNaN { return 0x7e00 }
        let sign: UInt16 = self.sign == .minus ? 0x8000 : 0
        if isInfinite { return sign | 0x7c00 }
        if self == 0 { return sign }
        let magnitude = abs(self)
        // Normal halves: exponent -14...15 with 10 mantissa bits; subnormals: multiples of 2^-24 below 2^-14.
        if magnitude < 0x1p-14 {
            let scaled = magnitude * 0x1p24
            guard scaled == scaled.rounded(), scaled < 1024 else { return nil }
            return sign | UInt16(scaled)
        }
        let exponent = Int(magnitude.exponent)
        guard exponent <= 15 else { return nil }
        let significand = magnitude.significand * 1024
        guard significand == significand.rounded() else { return nil }
        return sign | UInt16(exponent + 15) << 10 | (UInt16(significand) - 1024)
    }
}
