"""Keep the build linear where upstream code is not.

mkdocs-static-i18n 1.3.1 removes search entries that a translated tree
duplicates from the default language (`reconfigure_search_duplicates`) by
comparing every default-language entry with every translated entry, and
removing each match from a list: quadratic in the number of pages. Measured
with `make bench`, it made 3,000 pages take about seven times as long as
1,000. `drop_duplicates` does the same in one pass, with the same result and
order, and `on_config` puts it in place of the plugin's method.
"""

from __future__ import annotations

import pathlib
import sys



def drop_duplicates(entries: list[dict], prefixes: tuple[str, ...]) -> None:
    """Remove, in place, each entry under one of *prefixes* (`pl/`, `ar/`)
    that has the same title and text as a default-language entry and whose
    location ends with that entry's location. Everything else keeps its order.
    """
    translated: dict[tuple, list[int]] = {}
    for i, entry in enumerate(entries):
        if entry["location"].startswith(prefixes):
            translated.setdefault((entry["title"], entry["text"]), []).append(i)
    if not translated:
        return
    drop: set[int] = set()
    for entry in entries:
        if entry["location"].startswith(prefixes):
            continue
        for i in translated.get((entry["title"], entry["text"]), ()):
            if i not in drop and entries[i]["location"].endswith(entry["location"]):
                drop.add(i)
    if drop:
        entries[:] = [e for i, e in enumerate(entries) if i not in drop]


# --- MkDocs events ---------------------------------------------------------

def on_config(config, **_):
    plugin = config.plugins.get("i18n")
    if plugin is None or not hasattr(plugin, "reconfigure_search_duplicates"):
        return config

    def linear(search_index_entries, _plugin=plugin):
        prefixes = tuple(f"{lang}/" for lang in _plugin.build_languages)
        drop_duplicates(search_index_entries, prefixes)

    plugin.reconfigure_search_duplicates = linear
    return config
