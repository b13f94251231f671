#!/usr/bin/env bash
# Reads a workbook with LibreOffice and prints every sheet as CSV (UTF-8, comma, all sheets):
# whether another reader takes a target ND Plan wrote (its «Нэгтгэл» compressed in blocks, its
# state part) cell for cell. Not part of npm test or CI: LibreOffice is not there.
# Usage: scripts/libreoffice-roundtrip.sh <workbook.xlsx>
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 <workbook.xlsx>" >&2
  exit 2
fi
book="$(realpath "$1")"
out="$(mktemp -d)"
profile="$(mktemp -d)"
trap 'rm -rf "$out" "$profile"' EXIT
# Filter tokens: comma, double quote, UTF-8 (76), from line 1, no column formats, default
# language, text cells unquoted, special numbers detected, raw values (not as shown), values
# rather than formulas, spaces kept, sheet -1: every sheet into a file of its own.
log="$(soffice -env:UserInstallation="file://$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$out" "$book" 2>&1)" || {
  echo "$log" >&2
  exit 1
}
# LibreOffice names each sheet's file as it writes it, in the workbook's order.
mapfile -t sheets < <(sed -n 's/^Writing sheet \(.*\) -> \(.*\.csv\)$/\1\t\2/p' <<<"$log")
if [ ${#sheets[@]} -eq 0 ]; then
  echo "$log" >&2
  echo "$1: LibreOffice wrote no sheet" >&2
  exit 1
fi
for entry in "${sheets[@]}"; do
  echo "=== ${entry%%$'\t'*}"
  cat "${entry#*$'\t'}"
  echo
done
