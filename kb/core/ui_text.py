"""Interface text: the site's own words in every language, from docs/_data/ui-text.yml.

`ui_text(key, lang)` gives one string, falling back to English, then to the
key. Every layer may use it (errors, data renderers, page notices), so it
lives in core and imports nothing above it.
"""

from __future__ import annotations

from kb.core.paths import UI_TEXT_FILE  # noqa: F401 (written once, in kb/core/paths.py)
import pathlib
from functools import lru_cache

from kb.core import yamltext
from kb.core.errors import ContentError

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})


def parse_ui_text(text: str, file: str = UI_TEXT_FILE,
                  languages: tuple[str, ...] | None = None
                  ) -> tuple[dict[str, dict[str, str]], list[ContentError]]:
    """Parse ui-text.yml: {key: {lang: text}}; every key needs `en`."""
    data, locate, errors = yamltext.load(text, file)
    if errors:
        return {}, errors
    if not isinstance(data, dict):
        return {}, [ContentError(file, 1, "the file should be a list of keys, each with "
                                 "`en:` and its translations",
                                 "See the comment at the top of the file.", code="ui-text")]
    out: dict[str, dict[str, str]] = {}
    for key, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get(DEFAULT_LANGUAGE), str):
            errors.append(ContentError(
                file, locate([key]), f"'{key}' has no English text",
                f"Add `en: ...` under `{key}:` (English is the fallback for every language).",
                code="ui-text"))
            continue
        for lang, txt in value.items():
            if not isinstance(txt, str) or not txt.strip():
                errors.append(ContentError(
                    file, locate([key, lang]), f"'{key}.{lang}' is empty",
                    "Write the text, or delete the line to fall back to English.",
                    code="ui-text"))
        out[str(key)] = {str(k): " ".join(str(v).split()) for k, v in value.items()
                         if isinstance(v, str)}
    return out, errors


@lru_cache(maxsize=4)
def _load_ui_text(path: str, mtime_ns: int, size: int) -> dict[str, dict[str, str]]:
    text = pathlib.Path(path).read_bytes().decode("utf-8", "replace")  # on_config reports
    return parse_ui_text(text)[0]


def ui_strings(docs_dir: pathlib.Path | str | None = None) -> dict[str, dict[str, str]]:
    """All interface text from `<docs_dir>/_data/ui-text.yml`.

    Cached while the file's modification time and size stay the same, so an
    edit shows in the next `mkdocs serve` rebuild.
    """
    path = pathlib.Path(docs_dir or ROOT / "docs") / "_data" / "ui-text.yml"
    try:
        stat = path.stat()
        return _load_ui_text(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return {}


def ui_text(key: str, lang: str | None, strings: dict[str, dict[str, str]] | None = None,
            docs_dir: pathlib.Path | str | None = None) -> str:
    """Interface text *key* in *lang*, falling back to English, then to the key."""
    strings = ui_strings(docs_dir) if strings is None else strings
    entry = strings.get(key, {})
    return entry.get(lang or DEFAULT_LANGUAGE) or entry.get(DEFAULT_LANGUAGE) or key


def text_direction(lang: str | None) -> str:
    return "rtl" if (lang or "").split("_")[0].split("-")[0] in RTL_LANGUAGES else "ltr"
