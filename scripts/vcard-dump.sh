#!/bin/bash
# Dumps what `relink import` makes of every vCard of the shared corpus (../shared/corpus) and of the
# files given, one case each: the import's --json answer, the case's contacts.json (every record as
# stored, with its locator) and `relink contacts --json` (persons, from record keys and link tokens).
# Run it with a CLI bundle of the code before a change and of the code after it, then `diff -r` the
# two folders: a change meant to be invisible (speed) must leave no difference.
#   scripts/vcard-dump.sh dist/cli.js OUT_DIR [FILE.vcf…]   (FILTER=grep-pattern picks corpus files)
set -u
CLI=$(realpath "$1"); OUT=$2; shift 2
REPO=$(cd "$(dirname "$0")/.." && pwd)
NODE="$REPO/node_modules/.bin/node"
mkdir -p "$OUT"; rm -f "$OUT"/*
WORK=$(mktemp -d)
mapfile -t FILES < <(find "$REPO/../shared/corpus" -iname '*.vcf' | sort | grep -e "${FILTER:-.}")
i=0
for f in "${FILES[@]}" "$@"; do
  i=$((i + 1)); tag=$(printf %03d $i)
  "$NODE" "$CLI" import --case "$WORK/c$tag" "$f" --json > "$OUT/$tag.import" 2>&1; echo "rc=$?" >> "$OUT/$tag.import"
  cp "$WORK/c$tag/contacts.json" "$OUT/$tag.book" 2>/dev/null
  "$NODE" "$CLI" contacts --case "$WORK/c$tag" --json > "$OUT/$tag.persons" 2>&1
  echo "$tag ${f#"$REPO/"}" >> "$OUT/index"
done
rm -rf "$WORK"
