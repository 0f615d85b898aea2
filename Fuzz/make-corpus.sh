#!/usr/bin/env bash
# Writes a small seed corpus of CBOR encodings (hex below) into DIRECTORY, one file per seed.
#   Fuzz/make-corpus.sh DIRECTORY
set -euo pipefail
dir="${1:?usage: Fuzz/make-corpus.sh DIRECTORY}"
mkdir -p "$dir"

seeds=(
    # RFC 8949 Appendix A samples: integers, floats, strings, containers, tags, indefinite lengths.
    1bffffffffffffffff 3bffffffffffffffff f97bff fa47c35000 fb7e37e43c8800759c f90001 f8ff
    c074323031332d30332d32315432303a30343a30305a c1fb41d452d9ec200000 d818456449455446
    64f0908591 8301820203820405 a26161016162820203 5f42010243030405ff 7f657374726561646d696e67ff
    9f018202039f0405ffff bf61610161629f0203ffff bf6346756ef563416d7421ff
    # Non-preferred heads as real issuers write them (cbor-x: b9 0003), tag 24 with a long head, full-date.
    b90003616101616202616303 d81859000201f6 d903ec6a323032342d30332d3031
    # An IssuerSignedItem-like structure wrapped in tag 24.
    d818584fa4686469676573744944016672616e646f6d440102030471656c656d656e744964656e7469666965726a62697274685f646174656c656c656d656e7456616c7565d903ec6a313939302d30312d3031
)
for hex in "${seeds[@]}"; do
    printf '%s' "$hex" | xxd -r -p > "$dir/seed-$hex"
done
