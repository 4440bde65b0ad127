"""Per-language rule and lexicon files.

Language knowledge lives in data, not code: ``events/lang/<code>/<name>.yaml``.
Adding a language (Russian next) means adding a folder of files, not touching the
extractor. Files are read once per process and shared read-only.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
# libyaml's parser, about ten times faster than PyYAML's pure-Python one; same safe subset of YAML.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def available_languages() -> list[str]:
    """Languages that ship rule files; order is stable so 'auto' detection is deterministic."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=None)
def load(lang: str, name: str) -> Any:
    """Return the parsed ``<lang>/<name>.yaml``; a missing file is an error naming both."""
    path = LANG_DIR / lang / f"{name}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no {name!r} rules for language {lang!r} (expected {path})")
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=YAML_LOADER)
