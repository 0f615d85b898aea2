#!/usr/bin/env bash
# Builds a fuzzer that links MDLKit (Fuzz/HARNESS/main.swift plus Fuzz/Shared/*.swift; default PipelineFuzz) into
# OUTPUT.
#   Fuzz/build-pipeline.sh OUTPUT [HARNESS]
#
# How: the package's ordinary debug build (`swift build --build-tests`, which CI does anyway) provides the compiled
# dependencies (swift-crypto with BoringSSL, swift-certificates, swift-asn1, swift-log) and their module files.
# MDLCBOR, MDLCOSE, the SDK modules (MDLVerifier … MDLKit), MDLRelyingPartyServer and MDLSandbox (the harnesses make real keys, documents and
# requests with the sandbox) are then compiled again from Sources/ with swiftc -O -sanitize=fuzzer,address, one
# module each (so their `import`s stay as they are), and linked with the harness and those dependency objects.
# SwiftPM cannot do this itself: `-Xswiftc -sanitize=fuzzer` on a whole build instruments every dependency too and
# adds libFuzzer's main to every executable and test bundle.
set -euo pipefail
output="${1:?usage: Fuzz/build-pipeline.sh OUTPUT [HARNESS]}"
harness="${2:-PipelineFuzz}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

(cd "$root" && swift build --build-tests 2>&1 | grep -E "error|Compiling MDL|Build complete" >&2 || true)
debug="$(cd "$root" && swift build --show-bin-path)"
[[ -d "$debug/Modules" ]] || { echo "build-pipeline.sh: no debug build at $debug" >&2; exit 1; }
linklist="$debug/mdl-rp.product/Objects.LinkFileList"
[[ -f "$linklist" ]] || { echo "build-pipeline.sh: $linklist missing (swift build did not link mdl-rp)" >&2; exit 1; }

work="$here/.build/pipeline"
mkdir -p "$work"
# Several run.sh may build at once (one per core): they share the instrumented modules, so one builds at a time.
exec 9>"$work/.lock"
flock 9

# Every C module map of the debug build (swift-crypto's BoringSSL, the system-library shims are in Sources/).
cflags=()
for map in "$debug"/*.build/module.modulemap; do cflags+=(-Xcc "-fmodule-map-file=$map"); done
for shim in CMDLSodium CMDLCurl CMDLZlib; do cflags+=(-I "$root/Sources/$shim"); done
# C modules that packages ship with their own module map (swift-system's CSystem, which Hummingbird's NIO needs,
# BoringSSL, the atomics and numerics shims), as SwiftPM finds them in the checkouts.
for map in "$root"/.build/checkouts/*/Sources/*/include/module.modulemap; do
    [[ "$map" == */GRDBSQLCipher/* ]] || cflags+=(-Xcc "-fmodule-map-file=$map")
done
# GRDB's system-library module (MDLKit's SQLite stores import GRDB, which imports it).
cflags+=(-Xcc "-fmodule-map-file=$root/.build/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap")
swiftflags=(-O -parse-as-library -swift-version 6 -sanitize=fuzzer,address -enable-upcoming-feature ExistentialAny
    -enable-upcoming-feature MemberImportVisibility -package-name mdlkit -I "$work" -I "$debug/Modules" "${cflags[@]}")

module() {  # module NAME SOURCES...: one instrumented object and its .swiftmodule in $work (kept while current)
    local name="$1"; shift
    if [[ -f "$work/$name.o" && -z "$(find "$@" "$debug/Modules" -newer "$work/$name.o" -print -quit)" ]]; then return; fi
    swiftc "${swiftflags[@]}" -module-name "$name" -whole-module-optimization -num-threads 0 \
        -emit-module -emit-module-path "$work/$name.swiftmodule" -emit-object -o "$work/$name.o" "$@" \
        2> >(grep -v "Cannot export local symbol" >&2)
}
module MDLCBOR "$root"/Sources/MDLCBOR/*.swift
module MDLCOSE $(find "$root/Sources/MDLCOSE" -name '*.swift' | sort)
module MDLVerifier $(find "$root/Sources/MDLVerifier" -name '*.swift' | sort)
module MDLJOSE $(find "$root/Sources/MDLJOSE" -name '*.swift' | sort)
module MDLHTTP $(find "$root/Sources/MDLHTTP" -name '*.swift' | sort)
module MDLCurl $(find "$root/Sources/MDLCurl" -name '*.swift' | sort)
module MDLStatus $(find "$root/Sources/MDLStatus" -name '*.swift' | sort)
module MDLOpenID4VP $(find "$root/Sources/MDLOpenID4VP" -name '*.swift' | sort)
module MDLLicense $(find "$root/Sources/MDLLicense" -name '*.swift' | sort)
module MDLStorageSQLite $(find "$root/Sources/MDLStorageSQLite" -name '*.swift' | sort)
module MDLKit $(find "$root/Sources/MDLKit" -name '*.swift' | sort)
module MDLRelyingPartyServer $(find "$root/Sources/MDLRelyingPartyServer" -name '*.swift' | sort)
module MDLSandbox $(find "$root/Sources/MDLSandbox" -name '*.swift' | sort)

# The dependencies' objects, as SwiftPM linked them into mdl-rp, minus our own modules and the CLI's entry point
# (the linker keeps what the instrumented modules reference; the rest is dead weight, not a conflict).
grep -vE '/(MDLCBOR|MDLCOSE|MDLVerifier|MDLJOSE|MDLHTTP|MDLCurl|MDLStatus|MDLOpenID4VP|MDLLicense|MDLStorageSQLite|MDLKit|MDLRelyingPartyServer|MDLSandbox|mdl_rp)\.build/' "$linklist" > "$work/dependencies.txt"

# Link-file-list entries may be single-quoted (file names with spaces).
dependencies=()
while IFS= read -r line; do line="${line#\'}"; dependencies+=("${line%\'}"); done < "$work/dependencies.txt"
sources=("$here/$harness/main.swift" "$here"/Shared/*.swift)
swiftc "${swiftflags[@]}" -module-name "$harness" "${sources[@]}" \
    "$work/MDLCBOR.o" "$work/MDLCOSE.o" "$work/MDLVerifier.o" "$work/MDLJOSE.o" "$work/MDLHTTP.o" "$work/MDLCurl.o" "$work/MDLStatus.o" "$work/MDLOpenID4VP.o" "$work/MDLLicense.o" "$work/MDLStorageSQLite.o" "$work/MDLKit.o" "$work/MDLRelyingPartyServer.o" "$work/MDLSandbox.o" \
    "${dependencies[@]}" \
    -lsodium -lcurl -lz -lsqlite3 -lstdc++ -o "$output" 2> >(grep -v "Cannot export local symbol" >&2)
echo "built $output"
