// The COSE layer: see COSESign1.swift and friends.
