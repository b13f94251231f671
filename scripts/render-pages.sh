#!/usr/bin/env bash
# Renders the printed pages of a workbook as PNG images to look at (LibreOffice → PDF →
# pdftoppm): how a head sees «Нэгтгэл», «Товчоо» and «Авлага» on paper.
# Usage: scripts/render-pages.sh <workbook.xlsx> <out-dir>
set -euo pipefail
book="$1"
out="$2"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$book" >/dev/null
pdf="$out/$(basename "${book%.*}").pdf"
pdftoppm -r 60 -png "$pdf" "$out/page"
ls "$out"
