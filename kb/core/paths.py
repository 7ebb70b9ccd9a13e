"""Where things are: the one translation-suffix rule and the project's folders.

Translations sit beside their English page with the language before the
extension (mkdocs-static-i18n's suffix structure): `signs.pl.md` is the
Polish `signs.md`. Every module asks this one rule.
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass

#: page.xx.md or page.xx_YY.md (any extension MkDocs reads as a page).
TRANSLATION_RE = re.compile(
    r"^(?P<stem>.+)\.(?P<lang>[a-z]{2}(?:_[A-Z]{2})?)\.(?P<ext>md|markdown|mdown|mkdn|mkd)$")


def split_suffix(path: str) -> tuple[str, str | None]:
    """('signs.md', 'pl') for 'signs.pl.md'; ('signs.md', None) for 'signs.md'."""
    m = TRANSLATION_RE.match(path)
    if not m:
        return path, None
    return f"{m['stem']}.{m['ext']}", m["lang"]


def translation_language(path: str) -> str | None:
    """'pl' for 'worried/index.pl.md'; None for an English page."""
    return split_suffix(path)[1]


def is_translation(path: str) -> bool:
    return translation_language(path) is not None


def english_path(path: str) -> str:
    """worried/index.pl.md -> worried/index.md (unchanged for an English page)."""
    return split_suffix(path)[0]


def translation_path(english: str, lang: str, default: str = "en") -> str:
    """signs.md, 'pl' -> signs.pl.md (the English page for the default language)."""
    if lang == default:
        return english
    stem, dot, ext = english.rpartition(".")
    return f"{stem}.{lang}.{ext}" if dot else f"{english}.{lang}"


#: The docs folder and its data folder, as editors see them in messages
#: (relative to the project root). Every data file's name is written once, here.
DOCS = "docs"
DATA = f"{DOCS}/_data"


def page_label(src: str) -> str:
    """docs/<src>: a page (its path under the docs folder) as messages name it."""
    return f"{DOCS}/{src}"


def data_label(name: str) -> str:
    """docs/_data/<name>: a data file as messages name it."""
    return f"{DATA}/{name}"


SOURCES_FILE = data_label("sources.yml")
CONTACTS_FILE = data_label("contacts.yml")
INDICATORS_FILE = data_label("indicators.yml")
GLOSSARY_FILE = data_label("glossary.yml")
FLOWCHART_FILE = data_label("flowchart.yml")
PRINT_FILE = data_label("print.yml")
REDIRECTS_FILE = data_label("redirects.yml")
UI_TEXT_FILE = data_label("ui-text.yml")
CATALOG_DIR = data_label("translations")
TERMS_FILE = data_label("translations/terms.yml")


@dataclass(frozen=True)
class Project:
    """The project's folders, from its root (the folder of mkdocs.yml)."""

    root: pathlib.Path
    docs_name: str = DOCS

    @property
    def docs_dir(self) -> pathlib.Path:
        return self.root / self.docs_name

    @property
    def data_dir(self) -> pathlib.Path:
        return self.docs_dir / "_data"

    def data_file(self, name: str) -> pathlib.Path:
        """docs/_data/<name>."""
        return self.data_dir / name

    def label(self, path: pathlib.Path | str) -> str:
        """The path editors see in messages: relative to the root (docs/_data/sources.yml)."""
        path = pathlib.Path(path)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


#: The repository this code is in (the default project).
ROOT = pathlib.Path(__file__).resolve().parents[2]
PROJECT = Project(ROOT)
