"""The print list, docs/_data/print.yml: which pages are posters and handouts."""

from __future__ import annotations

from kb.core.paths import PRINT_FILE  # noqa: F401 (written once, in kb/core/paths.py)

from kb.core.errors import ContentError
from kb.data.datafile import load_yaml, repeated, validate
from kb.model.print_list import PrintItem, PrintList  # noqa: F401 (the schemas live in kb/model)




def load_print_items(text: str, file: str = PRINT_FILE) -> tuple[list[PrintItem], list[ContentError]]:
    """Parse and validate ``print.yml``."""
    data, locate, errors = load_yaml(text, file)
    if errors:
        return [], errors
    model, errors = validate(
        PrintList, data, locate, file,
        "Each item needs 'page' (e.g. print/spot-the-signs.md) and 'online' (e.g. signs.md); "
        "optional 'sizes' ([A4] or [A4, A3]), 'orientation' (portrait or landscape) and "
        "'one_page' (true or false).", code="print")
    if model is None:
        return [], errors
    for i, _ in repeated(item.page for item in model.items):
        errors.append(ContentError(file, locate(("items", i, "page")),
                                   f"'{model.items[i].page}' is listed twice.",
                                   "List each poster or handout page once.", code="print"))
    return model.items, errors
