"""``python -m geodata.build``: rebuild every generated file, in dependency order.

1. ``geodata/generated/gazetteer.tsv.gz`` from ``geodata/sources/`` and the packs' place aliases;
2. per language pack, ``events/lang/<lang>/generated/places_homographs.yaml`` from the gazetteer and a
   Debian word list (``geodata/build/homographs.py``);
3. per language pack, ``geodata/generated/place_index.<lang>.pickle`` from both and ``places.yaml``.
"""
from __future__ import annotations

import argparse

from events.lang import available_languages
from geodata.build.gazetteer import build_entries, write_gazetteer
from geodata.build.homographs import homographs_path, homographs_text
from geodata.build.place_index import write_index
from geodata.gazetteer import GAZETTEER_PATH, load_gazetteer

STEPS = ("gazetteer", "homographs", "index")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="rebuild the gazetteer, the homograph lists and the place indexes")
    parser.add_argument("--only", choices=STEPS, action="append",
                        help="run only this step (repeatable); later steps read the committed earlier files")
    steps = parser.parse_args(argv).only or STEPS
    if "gazetteer" in steps:
        entries = build_entries()
        write_gazetteer(entries, GAZETTEER_PATH)
        counts = {kind: sum(entry.kind == kind for entry in entries) for kind in ("country", "region", "site", "city")}
        print(f"wrote {GAZETTEER_PATH} ({GAZETTEER_PATH.stat().st_size:,} bytes): {counts}")
        load_gazetteer.cache_clear()
    gazetteer = load_gazetteer()
    for lang in available_languages():
        if "homographs" in steps:
            homographs_path(lang).write_text(homographs_text(lang, gazetteer), encoding="utf-8")
            print(f"wrote {homographs_path(lang)}")
        if "index" in steps:
            write_index(lang, gazetteer)
            print(f"wrote the {lang} place index")


if __name__ == "__main__":
    main()
