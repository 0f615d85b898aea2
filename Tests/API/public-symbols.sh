#!/usr/bin/env bash
# Counts the public symbols of each SDK module from a debug build's modules (swift-symbolgraph-extract at
# -minimum-access-level public; every symbol of the module's own graph and of its extensions to other modules'
# types, members included; members synthesized from protocol extensions (a Sequence's map, …) and symbols
# re-exported from other modules not). Re-run after `swift build`:
#   Tests/API/public-symbols.sh [.build]
# Prints "module count" lines and a total. `package` declarations are not counted: they are not public API.
set -euo pipefail
BUILD=${1:-.build}
# Where the dependencies' modules and module maps are (another build directory, to count modules emitted elsewhere).
DEPS=${DEPS:-$BUILD}
MODULES=${MODULES:-"MDLCBOR MDLCOSE MDLVerifier MDLJOSE MDLHTTP MDLCurl MDLStatus MDLOpenID4VP MDLLicense MDLStorageSQLite MDLStoragePostgres MDLRelyingPartyServer MDLSandbox MDLKit"}
DEBUG=$(cd "$BUILD" && cd "$(readlink debug || echo debug)" && pwd)
TRIPLE=$(swiftc -print-target-info | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"]["triple"])')
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
DEPS_DEBUG=$(cd "$DEPS" && cd "$(readlink debug || echo debug)" && pwd)
INCLUDES=(-I "$DEBUG/Modules" -I "$DEPS_DEBUG/Modules")
for map in "$DEPS_DEBUG"/*.build/module.modulemap; do INCLUDES+=(-Xcc "-fmodule-map-file=$map"); done
for dir in Sources/CMDL*; do INCLUDES+=(-Xcc "-fmodule-map-file=$dir/module.modulemap"); done
# C modules of the dependencies (GRDB's SQLite, swift-atomics' shims, …).
while IFS= read -r map; do INCLUDES+=(-Xcc "-fmodule-map-file=$map"); done \
  < <(find "$DEPS/checkouts" -path '*/Tests/*' -prune -o -name module.modulemap -print 2>/dev/null)
total=0
for module in $MODULES; do
  mkdir -p "$OUT/$module"
  swift-symbolgraph-extract -module-name "$module" -target "$TRIPLE" "${INCLUDES[@]}" \
    -minimum-access-level public -skip-synthesized-members -output-dir "$OUT/$module" >/dev/null 2>"$OUT/$module.err" || {
      echo "$module: extraction failed: $(head -3 "$OUT/$module.err")" >&2; continue; }
  count=$(python3 - "$OUT/$module" <<'PY'
import glob, json, sys
# The module's own graph plus its extensions of other modules' types (Module@Other.symbols.json).
print(sum(1 for path in glob.glob(sys.argv[1] + "/*.symbols.json")
          for s in json.load(open(path))["symbols"] if s.get("accessLevel") in ("public", "open")))
PY
)
  printf '%-22s %5d\n' "$module" "$count"
  total=$((total + count))
done
printf '%-22s %5d\n' total "$total"
