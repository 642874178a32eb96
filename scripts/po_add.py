"""Append translations to a fragment: `python scripts/po_add.py casebook/i18n/zh/AREA.po < pairs.tsv`.

Each input line is `English message<TAB>中文译文`. Existing entries of the fragment are kept; a message
already present is updated. The fragment is written sorted, so parallel edits merge cleanly.
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def main() -> None:
    path = Path(sys.argv[1])
    catalog = Catalog(locale="zh")
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale="zh")
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        english, _tab, chinese = line.partition("\t")
        if not chinese:
            sys.exit(f"no tab-separated translation on line: {line!r}")
        catalog.add(english, chinese)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, sort_output=True, omit_header=True, width=0)


if __name__ == "__main__":
    main()
