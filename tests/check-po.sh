#!/usr/bin/env bash
# check-po.sh SRCDIR: the Dutch translation is complete.
# 1. every source or UI file with translatable strings is listed in po/POTFILES.in;
# 2. po/nl.po translates every message of a fresh template, with nothing fuzzy.
set -euo pipefail
src=$1
cd "$src"
status=0

while read -r f; do
  if ! grep -qxF "$f" po/POTFILES.in; then
    echo "po/POTFILES.in misses $f"
    status=1
  fi
done < <( { grep -lE '\b(N|C|NC)?_\(|g_dngettext' src/*/*.c; grep -l 'translatable="yes"' resources/*/*.ui; } | sort -u)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=g_strdup_printf:1:c-format --flag=g_dngettext:2:pass-c-format \
  -f "$tmp/files" -o "$tmp/wijkmix.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; exit 1; }
msgmerge -q --no-fuzzy-matching -o "$tmp/nl.po" po/nl.po "$tmp/wijkmix.pot"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/nl.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete po/nl.po | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything is listed.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/nl.po: $untranslated untranslated and $fuzzy fuzzy messages:"
  msgattrib --untranslated --no-obsolete "$tmp/nl.po" | grep '^msgid ' | head -20
  status=1
fi
msgfmt -c -o /dev/null po/nl.po || status=1
exit $status
