"""Open data: the site's data files published as versioned JSON with JSON Schemas.

The build writes, under ``data/v3/`` of the built site:

| file | from |
| --- | --- |
| ``definitions.json`` | the ``quotes`` of every source in sources.yml that has them, with the citation, the quoted version and the pages that quote it |
| ``indicators.json`` | indicators.yml, grouped, each group with its source |
| ``glossary.json`` | glossary.yml, with the URL of each term's page |
| ``contacts.json`` | contacts.yml, each number with its source and how it was checked |
| ``flowchart.json`` | flowchart.yml (actors, routes, steps), with every cited source |
| ``index.json`` | the list of the files above |

Each ``X.json`` has a ``X.schema.json`` next to it. The pydantic models in this
module are the single source of both: the JSON is produced by validating the
data through the model, and the schema is ``model_json_schema()`` of the same
model. The files are added to MkDocs' file collection (``File.generated``),
so MkDocs writes them and validates links to them like any other file.

Version policy (``v3``): fields may be added; nothing is renamed, removed or
changes meaning without a new folder. v2 replaced v1's ``last_checked`` dates,
which were entry dates, by ``checked`` records; v3 renamed the contact status
``confirmed`` to ``published`` (it never meant a call to the service).
"""

from __future__ import annotations

from kb.core.paths import CONTACTS_FILE, FLOWCHART_FILE, GLOSSARY_FILE, INDICATORS_FILE, SOURCES_FILE, data_label
import datetime as dt
import json
import pathlib
from typing import Literal, Optional


from pydantic import BaseModel, ConfigDict, Field

from kb.core.errors import ContentError, ContentErrors

VERSION = "3"
FOLDER = f"data/v{VERSION}"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- Models: the single source of the JSON and of its schema ----------------------

class _Out(BaseModel):
    # Every field is always written, so the schema marks them all required.
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Checked(_Out):
    """How an entry was last checked (docs/_data: `checked:`), or that it was not."""
    method: Literal["not-checked", "original", "web-page", "stored-copy", "quoted-by",
                    "phone-call"] = Field(description="How it was checked; not-checked when nothing was compared.")
    compared: Optional[str] = Field(description="What was compared: a document and page, a web page, a stored copy.")
    copy_date: Optional[dt.date] = Field(description="Date of the stored copy, when one was compared.")
    by: Optional[str] = Field(description="The role of whoever compared it.")
    when: Optional[dt.date] = Field(description="When it was compared.")
    says: str = Field(description="The sentence the site shows for this record.")


def checked_record(check, subject) -> Checked:
    from kb.model.provenance import sentence
    from kb.core.ui_text import ui_text
    return Checked(method=check.method, compared=check.compared, copy_date=check.copy_date,
                   by=check.by, when=check.when,
                   says=sentence(check, subject, lambda key: ui_text(key, "en")))


class Citation(_Out):
    """A source from docs/_data/sources.yml."""
    key: str = Field(description="Key of the source in the site's source registry.")
    title: str
    publisher: str
    date: str = Field(description="Publication date: YYYY-MM-DD, YYYY-MM, YYYY, or \"undated\" for a web page with no date.")
    url: str
    checked: Checked = Field(description="How the details and link were last checked.")
    quote_checked: Optional[Checked] = Field(description="For a definition: what its wording was compared with.")
    note: Optional[str] = None


class PageRef(_Out):
    url: str = Field(description="Path of the page, relative to the site root.")
    title: str


class Definition(_Out):
    key: str = Field(description="Key of the cited source.")
    paragraphs: list[str] = Field(
        min_length=1, description=(
            "The definition as the site quotes it, one string per paragraph. "
            "The citation's quote_checked says what the wording was compared with."))
    quote_version: Optional[str] = Field(
        description="Which version or wording of the source is quoted.")
    citation: Citation
    quoted_on: list[PageRef] = Field(description="Site pages that quote this definition.")


class IndicatorGroup(_Out):
    id: str
    title: str
    intro: Optional[str] = None
    items: list[str] = Field(min_length=1)
    source: Citation


class GlossaryTerm(_Out):
    term: str
    expansion: str
    explanation: str
    page: PageRef = Field(description="The page where the term matters most.")


class ContactSource(_Out):
    key: Optional[str] = Field(description="Source registry key, or null for a direct link.")
    title: str
    url: Optional[str]


class Contact(_Out):
    id: str
    service: str
    number: Optional[str] = Field(
        description="As published, digits and spaces; null when not known or to be confirmed.")
    tel: Optional[str] = Field(description="tel: URI of the number, or null.")
    hours: Optional[str] = None
    audience: Optional[Literal["public", "professionals", "all"]] = None
    note: Optional[str] = None
    status: Literal["published", "to-be-confirmed"] = Field(
        description="published: the number is given as its source publishes it (how it was "
                    "checked is in `checked`); to-be-confirmed: number is null, see `note`. "
                    "Version 2 called `published` \"confirmed\".")
    source: ContactSource
    checked: Checked = Field(description="How the number was last checked.")


class ContactGroup(_Out):
    id: str
    title: str
    intro: Optional[str] = None
    contacts: list[Contact] = Field(min_length=1)


class _Envelope(_Out):
    version: Literal["3"] = VERSION
    schema_: str = Field(alias="schema", description="File name of this file's JSON Schema.")
    site: str = Field(description="Name of the site that publishes the data.")
    generated_from: list[str] = Field(description="The data files this file is built from.")
    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              json_schema_serialization_defaults_required=True)


class DefinitionsFile(_Envelope):
    dataset: Literal["definitions"] = "definitions"
    definitions: list[Definition]


class IndicatorsFile(_Envelope):
    dataset: Literal["indicators"] = "indicators"
    groups: list[IndicatorGroup]


class GlossaryFile(_Envelope):
    dataset: Literal["glossary"] = "glossary"
    terms: list[GlossaryTerm]


class ContactsFile(_Envelope):
    dataset: Literal["contacts"] = "contacts"
    emergency: str
    groups: list[ContactGroup]


def _flowchart_file_model():
    """FlowchartFile reuses kb.data.flowchart's models (its schema is the data's)."""
    from kb.model.approval import Approval
    from kb.data.flowchart import Actor, Route

    class FlowchartFile(_Envelope):
        dataset: Literal["flowchart"] = "flowchart"
        approval: Approval | None = Field(
            default=None,
            description="Sign-off by a procedure owner: state draft (not yet approved) or "
                        "approved, with the approving role (by) and date (on).")
        actors: list[Actor]
        routes: list[Route]
        citations: dict[str, Citation] = Field(
            description="Every source cited by a step, by key.")

    return FlowchartFile


class Dataset(_Out):
    name: str
    file: str
    schema_: str = Field(alias="schema")
    description: str
    model_config = ConfigDict(extra="forbid", populate_by_name=True,
                              json_schema_serialization_defaults_required=True)


class IndexFile(_Out):
    version: Literal["3"] = VERSION
    site: str
    datasets: list[Dataset]


DESCRIPTIONS = {
    "definitions": "Official definitions as the site quotes them, with citations, quoted versions and what each wording was compared with.",
    "indicators": "Signs and indicators of exploitation, in groups, each with its source.",
    "glossary": "Abbreviations and terms, with a plain explanation and a link to a page.",
    "contacts": "Phone numbers with their sources and how each was last checked.",
    "flowchart": "The police actions flowchart: actors, routes and steps with sources.",
}


# --- Building the datasets (pure) ---------------------------------------------------

def citation(src) -> Citation:
    return Citation(key=src.key, title=src.title, publisher=src.publisher, date=src.date,
                    url=src.url, checked=checked_record(src.checked, "source"),
                    quote_checked=(checked_record(src.quote_checked, "quote")
                                   if src.quote_checked else None), note=src.note)


def quoting_pages(pages: dict[str, tuple[str, str, str]]) -> dict[str, list[PageRef]]:
    """source key -> pages whose Markdown quotes it in a blockquote.

    *pages* maps src paths to (url, title, markdown). Blockquotes are read
    by kb.checks.quotes.find_blockquotes, as the quote checks read them."""
    from kb.checks.quotes import find_blockquotes

    out: dict[str, list[PageRef]] = {}
    for _, (url, title, markdown) in sorted(pages.items()):
        for key in dict.fromkeys(k for q in find_blockquotes(markdown) for k in q.keys):
            out.setdefault(key, []).append(PageRef(url=url, title=title))
    return out


def build_definitions(registry, quoted: dict[str, list[PageRef]], site: str) -> DefinitionsFile:
    items = [Definition(key=src.key, paragraphs=[" ".join(q.split()) for q in src.quotes],
                        quote_version=src.quote_version, citation=citation(src),
                        quoted_on=quoted.get(src.key, []))
             for src in registry.sources.values() if src.quotes]
    return DefinitionsFile(schema="definitions.schema.json", site=site,
                           generated_from=[SOURCES_FILE], definitions=items)


def build_indicators(data, registry, site: str) -> IndicatorsFile:
    return IndicatorsFile(
        schema="indicators.schema.json", site=site,
        generated_from=[INDICATORS_FILE, SOURCES_FILE],
        groups=[IndicatorGroup(id=g.id, title=g.title, intro=g.intro, items=list(g.items),
                               source=citation(registry.sources[g.source]))
                for g in data.groups])


def build_glossary(entries, page_refs: dict[str, PageRef], site: str) -> GlossaryFile:
    terms = []
    for e in sorted(entries, key=lambda e: e.term.casefold()):
        ref = page_refs[e.page]
        url = f"{ref.url}#{e.anchor}" if e.anchor else ref.url
        terms.append(GlossaryTerm(term=e.term, expansion=" ".join(e.expansion.split()),
                                  explanation=" ".join(e.explanation.split()),
                                  page=PageRef(url=url, title=ref.title)))
    return GlossaryFile(schema="glossary.schema.json", site=site,
                        generated_from=[GLOSSARY_FILE], terms=terms)


def build_contacts(data, registry, site: str) -> ContactsFile:
    from kb.data.contacts import SourceRef, tel_uri

    groups = []
    for g in data.groups:
        contacts = []
        for c in g.contacts:
            if isinstance(c.source, SourceRef):
                source = ContactSource(key=None, title=c.source.title, url=c.source.url)
            else:
                src = registry.sources[c.source]
                source = ContactSource(key=src.key, title=src.title, url=src.url)
            contacts.append(Contact(
                id=c.id, service=c.service, number=c.number,
                tel=tel_uri(c.number) if c.number else None, hours=c.hours,
                audience=c.audience, note=c.note, status=c.status, source=source,
                checked=checked_record(c.checked, "contact")))
        groups.append(ContactGroup(id=g.id, title=g.title, intro=g.intro, contacts=contacts))
    return ContactsFile(schema="contacts.schema.json", site=site,
                        generated_from=[CONTACTS_FILE, SOURCES_FILE],
                        emergency=data.emergency, groups=groups)


def build_flowchart(chart, registry, site: str):
    model = _flowchart_file_model()
    keys = sorted({k for r in chart.routes for n in r.nodes for k in n.sources})
    return model(schema="flowchart.schema.json", site=site,
                 generated_from=[FLOWCHART_FILE, SOURCES_FILE],
                 approval=chart.approval, actors=chart.actors, routes=chart.routes,
                 citations={k: citation(registry.sources[k]) for k in keys if k in registry})


def schema_of(model: type[BaseModel], name: str) -> dict:
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": SCHEMA_DIALECT, "$id": f"{name}.schema.json",
            "title": f"{name}.json (version {VERSION})",
            "description": DESCRIPTIONS.get(name, ""), **schema}


def dump(instance: BaseModel) -> str:
    data = instance.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_files(datasets: dict[str, BaseModel], site: str) -> dict[str, str]:
    """{path under the site root: text} for every dataset, its schema and the index."""
    files: dict[str, str] = {}
    for name, instance in datasets.items():
        files[f"{FOLDER}/{name}.json"] = dump(instance)
        files[f"{FOLDER}/{name}.schema.json"] = json.dumps(
            schema_of(type(instance), name), ensure_ascii=False, indent=2) + "\n"
    index = IndexFile(site=site, datasets=[
        Dataset(name=n, file=f"{n}.json", schema=f"{n}.schema.json", description=DESCRIPTIONS[n])
        for n in datasets])
    files[f"{FOLDER}/index.json"] = dump(index)
    return files


def generated_files() -> list[str]:
    """Site paths this module adds to the build (read by kb/checks/content.py so that
    links to them can be checked without MkDocs)."""
    names = [f"{FOLDER}/{n}{ext}" for n in DESCRIPTIONS for ext in (".json", ".schema.json")]
    return names + [f"{FOLDER}/index.json"]


def collect(root: pathlib.Path, pages: dict[str, tuple[str, str, str]], site: str
            ) -> tuple[dict[str, BaseModel], list[ContentError]]:
    """Load every data file under *root* and build the datasets.

    *pages* maps docs paths (``understanding/cse.md``) to (url, title, markdown).
    A data file that fails to load is left out; its own hook reports why.
    """
    from kb.data.sources import load_registry_file

    errors: list[ContentError] = []
    data_dir = root / "docs" / "_data"
    registry, reg_errors = load_registry_file(data_dir / "sources.yml")
    if reg_errors:
        return {}, [ContentError(SOURCES_FILE, None,
                                 "open data was not published: the source registry has errors",
                                 "Fix the errors reported for sources.yml.", code="opendata",
                                 severity="warning")]
    page_refs = {src: PageRef(url=url, title=title) for src, (url, title, _) in pages.items()}
    datasets: dict[str, BaseModel] = {}
    datasets["definitions"] = build_definitions(registry, quoting_pages(pages), site)

    def attempt(name: str, build):
        try:
            datasets[name] = build()
        except ContentErrors:
            errors.append(ContentError(data_label(f"{name}.yml"), None,
                                       f"open data: {name}.json was not published",
                                       f"Fix the errors reported for {name}.yml.",
                                       code="opendata", severity="warning"))
        except FileNotFoundError:
            pass  # that data file does not exist (yet)

    from kb.data.contacts import get_contacts
    from kb.data.glossary import load_glossary
    from kb.data.indicators import get_indicators

    attempt("indicators", lambda: build_indicators(get_indicators(root), registry, site))

    def glossary():
        entries, errs = load_glossary(data_dir / "glossary.yml", root)
        if errs:
            raise ContentErrors(errs)
        return build_glossary([e for e in entries if e.page in page_refs], page_refs, site)

    attempt("glossary", glossary)
    attempt("contacts", lambda: build_contacts(get_contacts(root), registry, site))

    def flowchart():
        from kb.data.flowchart import load_chart
        from kb.core.yamltext import read_text
        text, errs = read_text(data_dir / "flowchart.yml", FLOWCHART_FILE)
        chart = None
        if text is not None:
            chart, errs = load_chart(text, known_sources=set(registry.sources))
        if errs or chart is None:
            raise ContentErrors(errs)
        return build_flowchart(chart, registry, site)

    attempt("flowchart", flowchart)
    return datasets, errors


def unpublished(errors: list[ContentError]) -> list[str]:
    """The datasets that `collect` could not build because their data file
    (or the source registry, which all of them need) has errors."""
    failed = [e.file for e in errors if e.code == "opendata"]
    if any(f.endswith("/sources.yml") for f in failed):
        return list(DESCRIPTIONS)
    names = {f.rsplit("/", 1)[-1].removesuffix(".yml") for f in failed}
    return [n for n in DESCRIPTIONS if n in names]


def hook_generated_files(hook_paths, root: pathlib.Path) -> set[str]:
    """Site paths that the build adds without a file in docs/ (open data JSON),
    when *hook_paths* (mkdocs.yml `hooks:`, relative to *root*) include the
    project's hook file, kb_mkdocs/hooks.py. Links to them can then be
    checked without MkDocs."""
    for entry in hook_paths or []:
        path = (root / str(entry)).resolve()
        if path.name == "hooks.py" and path.parent.name == "kb_mkdocs":
            return {str(p).lstrip("/") for p in generated_files()}
    return set()
