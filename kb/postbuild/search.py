"""Search tuning on top of Material's own search (lunr.js in a web worker).

What Material does (read from material/plugins/search/plugin.py and the
bundled worker, material/templates/assets/javascripts/workers/search.*.js):

* The build writes ``search/search_index.json``: ``{"config": {lang,
  separator, pipeline, fields}, "docs": [{location, title, text, tags?,
  boost?}, ...]}``, one doc per page section. The first doc of a page is the
  page itself; docs whose location has a ``#`` are its sections.
* The worker indexes *every* field named in ``config.fields`` with its boost,
  so a field we add to each doc and to ``fields`` is searched.
* Every query word gets a trailing ``*`` (prefix search). In lunr a wildcard
  term skips the query pipeline, so a stemmed index would only match when the
  typed word is a prefix of the *stem*: "exploited*" never matches the stem
  "exploit". Material's English default therefore does not stem at all.

What this module adds (the ``search`` plugin options in mkdocs.yml set the
separator, the pipeline and the boosts of the two extra fields):

* ``keywords``: front matter ``keywords`` (synonyms, slang, abbreviations)
  plus the term and expansion of each glossary entry whose ``page`` is this
  page, added to the page's first doc. It lives only in the index, never on
  the page.
* ``forms``: stemming done at build time. For each doc we add the other word
  forms that share a Porter stem (lunr's stemmer) with a word in the doc, so
  "exploited*" and "exploiting*" match a section that says "exploitation".
  A form is left out when a word of the doc already starts with it (the
  prefix search finds it anyway), which keeps the index small.

The same module reproduces Material's tokeniser, pipeline, field boosts and
result ranking with lunr.py, for the evaluation test and scripts/search_eval.py.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import pathlib
from typing import Any, Iterable


from kb.core.errors import ContentError

INDEX_PATH = "search/search_index.json"
KEYWORD_FIELD = "keywords"
FORMS_FIELD = "forms"

# Inflections tried on every stem; a candidate is kept only if lunr's Porter
# stemmer maps it back to the same stem. Forms the site itself uses are always
# kept, so these only need to cover what staff may type.
SUFFIXES = ("", "e", "s", "es", "ed", "d", "ing", "er", "ers")
VOWELS = set("aeiou")
MIN_WORD = 3

# lunr.js English stop words (the same list lunr.py ships).
try:  # pragma: no cover - lunr is pinned in requirements.txt
    from lunr.stop_word_filter import WORDS as STOP_WORDS  # type: ignore
except ImportError:  # pragma: no cover
    STOP_WORDS = set()


# --- Material's tokeniser and pipeline, in Python ---------------------------

def _extract_text(value: str) -> Iterable[str]:
    """Port of Material's ``extract()``: yield the text sections between tags.

    A character scanner over the index strings (which hold a little markup
    such as <p> and <code>), mirroring the worker exactly so that the
    evaluation tokenises as the browser does. It is not used to read pages.
    """
    start = 0
    end = 0
    length = len(value)
    while end < length:
        char = value[end]
        if char == "<" and end > start:
            yield value[start:end]
            start = end
        elif char == ">":
            start = end + 1
        end += 1
    if end > start:
        yield value[start:end]


def material_tokens(value: Any, separator: re.Pattern) -> list[str]:
    """Tokens as Material's worker makes them: text outside tags, split on the
    separator, lower-cased. Lists (tags) are tokenised item by item."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    tokens: list[str] = []
    for item in items:
        for section in _extract_text(str(item)):
            tokens.extend(part.lower() for part in separator.split(section) if part)
    return tokens


_LEAD = re.compile(r"^\W+", re.ASCII)
_TRAIL = re.compile(r"\W+$", re.ASCII)


def js_trim(token: str) -> str:
    """lunr.js trimmer: strip non-word characters (ASCII \\W, as in JS) at both ends."""
    return _TRAIL.sub("", _LEAD.sub("", token))


def run_pipeline(tokens: Iterable[str], pipeline: Iterable[str]) -> list[str]:
    """Apply Material's index pipeline (lunr order: trimmer, stopWordFilter, stemmer)."""
    steps = set(pipeline)
    out = []
    for token in tokens:
        if "trimmer" in steps:
            token = js_trim(token)
        if "stopWordFilter" in steps and token in STOP_WORDS:
            continue
        if "stemmer" in steps:
            token = stem(token)
        if token:
            out.append(token)
    return out


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """lunr's Porter stemmer (lunr.py is a port of lunr.js)."""
    from lunr.stemmer import porter_stemmer
    return porter_stemmer.stem(word)


# --- Index enrichment ---------------------------------------------------------

def _is_word(token: str) -> bool:
    return len(token) >= MIN_WORD and token.isalpha()


def candidate_forms(word_stem: str) -> set[str]:
    """Words that lunr's stemmer maps to *word_stem*, built from common inflections."""
    bases = {word_stem}
    if word_stem.endswith("i"):
        bases.add(word_stem[:-1] + "y")
    stems = [word_stem[:-1] + "ies", word_stem[:-1] + "ied"] if word_stem.endswith("i") else []
    for base in bases:
        if base.endswith("e"):  # home -> homed, homing (not "homeed")
            stems.extend(base[:-1] + s if s[:1] in ("e", "i", "a") else base + s for s in SUFFIXES)
            continue
        stems.extend(base + suffix for suffix in SUFFIXES)
        # run -> running, commit -> committed: double a final consonant after one vowel.
        if (len(base) >= 3 and base[-1] in "bdgmnprt" and base[-2] in VOWELS
                and base[-3] not in VOWELS):
            stems.extend(base + base[-1] + suffix for suffix in ("ed", "ing", "er", "ers"))
    return {c for c in stems if c.isalpha() and stem(c) == word_stem}


def forms_by_stem(vocabulary: Iterable[str]) -> dict[str, set[str]]:
    """stem -> every known surface form (the site's words plus generated forms)."""
    table: dict[str, set[str]] = {}
    for word in vocabulary:
        if _is_word(word):
            table.setdefault(stem(word), set()).add(word)
    for word_stem, words in table.items():
        words |= candidate_forms(word_stem)
    return table


def missing_forms(tokens: Iterable[str], table: dict[str, set[str]],
                  present: Iterable[str] | None = None) -> list[str]:
    """Forms sharing a stem with *tokens* that a prefix search over *present*
    (default: *tokens*) would not find yet."""
    tokens = set(tokens)
    present = sorted(set(present) if present is not None else tokens)
    stems = {stem(t) for t in tokens if _is_word(t)}
    out = set()
    for word_stem in stems:
        for form in table.get(word_stem, ()):
            i = bisect.bisect_left(present, form)
            if i < len(present) and present[i].startswith(form):
                continue  # an existing word already starts with this form
            out.add(form)
    return sorted(out)


def page_keywords(meta_keywords: Any, glossary_terms: Iterable[tuple[str, str]] = ()) -> list[str]:
    """Front matter keywords plus glossary (term, expansion) pairs, deduplicated."""
    words: list[str] = []
    if isinstance(meta_keywords, str):
        meta_keywords = [meta_keywords]
    for item in list(meta_keywords or []):
        if isinstance(item, (str, int, float)) and str(item).strip():
            words.append(" ".join(str(item).split()))
    for term, expansion in glossary_terms:
        words.extend([term, expansion])
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word, None)
    return list(seen)


def check_keywords(meta_keywords: Any, file: str, line: int | None = None) -> list[ContentError]:
    """Each front matter keyword is a short word or phrase. (That ``keywords``
    is a list of strings is checked by kb/core/frontmatter.py.)"""
    if not isinstance(meta_keywords, list):
        return []
    bad = [k for k in meta_keywords if isinstance(k, str) and (not k.strip() or len(k) > 60)]
    if not bad:
        return []
    return [ContentError(
        file, line, f"the search keyword {bad[0]!r} is empty or longer than 60 characters",
        "Give search keywords as short words or phrases people type, for example "
        "`keywords: [cuckooing, trap house, NRM]`.", code="search-keywords")]


def keywords_line(source: str) -> int | None:
    """1-based line of ``keywords:`` in a page's front matter."""
    for number, text in enumerate(source.split("\n")[:60], start=1):
        if text.startswith("keywords:"):
            return number
    return None


def enrich_index(index: dict, keywords: dict[str, list[str]],
                 no_forms: tuple[str, ...] = ()) -> dict:
    """Add the ``keywords`` and ``forms`` fields to the docs of a Material index.

    *keywords* maps page URLs (doc locations without ``#``) to keyword
    phrases; they go to the page's first doc. Word forms of the words in a
    doc's title and keywords also go to ``keywords`` (so they weigh like the
    title); word forms of the words in its text go to ``forms`` (weighing like
    the text). Docs whose location starts with one of *no_forms* (other
    languages' folders, such as ``pl/``) get no English word forms. Returns a
    new index dict.
    """
    config = index["config"]
    separator = re.compile(config["separator"])
    pipeline = config.get("pipeline") or []
    docs = [dict(doc) for doc in index["docs"]]

    def tokens_of(value: Any) -> list[str]:
        return run_pipeline(material_tokens(value, separator), pipeline)

    seen_pages: set[str] = set()
    parts = []
    for doc in docs:
        path = doc["location"].split("#")[0]
        words: list[str] = []
        if path not in seen_pages:
            seen_pages.add(path)
            words = list(keywords.get(path) or [])
        head = tokens_of(doc.get("title")) + tokens_of(words)
        body = tokens_of(doc.get("text")) + tokens_of(doc.get("tags"))
        parts.append((words, head, body))

    english = [not doc["location"].startswith(no_forms) if no_forms else True for doc in docs]
    table = forms_by_stem(t for (_, head, body), en in zip(parts, english) if en
                          for t in head + body)
    for doc, (words, head, body), en in zip(docs, parts, english):
        present = head + body
        head_forms = missing_forms(head, table, present) if en else []
        body_forms = sorted(set(missing_forms(body, table, present)) - set(head_forms)) if en else []
        if words or head_forms:
            doc[KEYWORD_FIELD] = " · ".join(words + ([" ".join(head_forms)] if head_forms else []))
        if body_forms:
            doc[FORMS_FIELD] = " ".join(body_forms)
    return {**index, "docs": docs}


def check_fields(config: dict) -> list[ContentError]:
    """The search plugin must declare the fields this module fills."""
    fields = config.get("fields") or {}
    missing = [f for f in (KEYWORD_FIELD, FORMS_FIELD) if f not in fields]
    if missing:
        return [ContentError(
            "mkdocs.yml", None,
            f"the search plugin does not declare the field(s) {', '.join(missing)}",
            "Under `plugins: - search: fields:` add `keywords: {boost: ...}` and "
            "`forms: {boost: ...}`; without them the browser never searches these fields.",
            code="search-config")]
    return []


# --- Reproducing Material's ranking with lunr.py (evaluation only) ----------

@functools.lru_cache(maxsize=None)
def _lunr_pipeline_function(pipeline: tuple[str, ...]):
    """One registered lunr.py pipeline function that applies run_pipeline()."""
    from lunr.pipeline import Pipeline

    def material_pipeline(token, i=None, tokens=None):
        kept = run_pipeline([str(token)], pipeline)
        return token.update(lambda s, metadata=None: kept[0]) if kept else None

    Pipeline.register_function(material_pipeline, "material-" + "-".join(pipeline))
    return material_pipeline


class MaterialSearch:
    """Material's worker, reproduced: same tokeniser, pipeline, field boosts,
    document boosts, query transform and post-query boost."""

    def __init__(self, index: dict):
        from lunr.builder import Builder

        config = index["config"]
        self.separator = re.compile(config["separator"])
        self.pipeline = config.get("pipeline") or []
        self.docs = index["docs"]
        self.parents: dict[str, str | None] = {}
        seen: set[str] = set()
        for doc in self.docs:
            path = doc["location"].split("#")[0]
            self.parents[doc["location"]] = path if path in seen else None
            seen.add(path)

        builder = Builder()
        builder.pipeline.add(_lunr_pipeline_function(tuple(self.pipeline)))
        builder.ref("location")
        builder.b(0)
        for name, spec in config["fields"].items():
            builder.field(name, boost=(spec or {}).get("boost", 1),
                          extractor=lambda doc, name=name: self._field(doc, name))
        for doc in self.docs:
            attributes = {"boost": doc["boost"]} if "boost" in doc else None
            builder.add(doc, attributes)
        self.index = builder.build()

    def _field(self, doc: dict, name: str) -> list[str] | None:
        value = doc.get(name)
        return None if value is None else material_tokens(value, self.separator)

    def transform(self, query: str) -> str:
        """Material's transform(): quoted parts become required (+) terms, each
        word is split on the separator, and unmarked terms get a trailing *."""
        parts = re.split(r'"([^"]+)"', query.strip())
        query = "".join(re.sub(r"^\b|^(?![^\x00-\x7F]|$)|\s+", " +", p) if i & 1 else p
                        for i, p in enumerate(parts))
        query = re.sub(r'"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)', "", query)
        terms: list[str] = []
        for part in re.split(r"\s+", query):
            if not part:
                continue
            prefix = re.match(r"^[+-]?", part).group(0)
            body = part[len(prefix):]
            body = body.replace(":", " ")  # Material drops unknown field syntax
            for piece in self.separator.split(body):
                if piece:
                    terms.append(prefix + piece)
        terms = [t + "1" if re.search(r"[~^]$", t) else t for t in terms]
        return " ".join(t if re.search(r"(^[+-]|[~^]\d+$)", t) else t + "*" for t in terms)

    def search(self, query: str) -> list[tuple[str, float]]:
        """Ranked (page location, score) pairs, grouped by page as Material shows them."""
        from lunr.query import QueryPresence

        transformed = self.transform(query)
        if not transformed:
            return []
        parsed = self.index.create_query()
        from lunr.query_parser import QueryParser
        QueryParser(transformed, parsed).parse()
        clauses = [c.term.strip("*") for c in parsed.clauses
                   if c.presence != QueryPresence.PROHIBITED]

        results = []
        for match in self.index.search(transformed):
            terms: dict[str, bool] = {}
            pending = list(dict.fromkeys(clauses))
            for matched in match["match_data"].metadata.keys():
                for clause in list(pending):
                    if matched.startswith(clause):
                        terms[clause] = True
                        pending.remove(clause)
            for clause in pending:
                if clause not in STOP_WORDS:
                    terms[clause] = False
            parent = self.parents.get(match["ref"])
            share = (sum(terms.values()) / len(terms)) if terms else 0.0
            boost = (0 if parent else 1) + share
            results.append((match["ref"], match["score"] * (1 + boost ** 2)))
        results.sort(key=lambda r: -r[1])

        pages: dict[str, float] = {}
        for location, score in results:
            page = self.parents.get(location) or location.split("#")[0]
            pages.setdefault(page, score)
        return list(pages.items())


def escape_index(index: dict, titles: dict[str, str]) -> dict:
    """Escape the front matter text in a Material search index.

    Material shows a result's title, text and tags as HTML. Its search plugin
    escapes the text and the headings it reads from the page, but copies the
    front matter title (for the part of a page before its first heading) and
    the tags as written, so `<img onerror=…>` in a tag would run in the
    results. *titles* maps page URLs to their front matter titles as
    written; a doc whose title is exactly that title gets it escaped, and
    every tag is escaped. Returns a new index dict.
    """
    from html import escape

    docs = []
    for doc in index.get("docs", []):
        doc = dict(doc)
        title = titles.get(doc.get("location", "").split("#")[0])
        if title is not None and doc.get("title") == title:
            doc["title"] = escape(title, quote=False)
        if isinstance(doc.get("tags"), list):
            doc["tags"] = [escape(str(tag), quote=False) for tag in doc["tags"]]
        docs.append(doc)
    return {**index, "docs": docs}


def load_index(site_dir: pathlib.Path) -> dict:
    return json.loads((site_dir / INDEX_PATH).read_text(encoding="utf-8"))


def evaluate(index: dict, queries: Iterable[tuple[str, str]], k: int = 3) -> dict:
    """hit@k, MRR and the misses for (query, expected page location) pairs."""
    engine = MaterialSearch(index)
    rows = []
    for query, expected in queries:
        ranked = [page for page, _ in engine.search(query)]
        rank = ranked.index(expected) + 1 if expected in ranked else None
        rows.append({"query": query, "expected": expected, "rank": rank, "top": ranked[:k]})
    total = len(rows) or 1
    hits = sum(1 for r in rows if r["rank"] is not None and r["rank"] <= k)
    mrr = sum(1 / r["rank"] for r in rows if r["rank"]) / total
    return {"hit_at_k": hits / total, "k": k, "mrr": mrr, "total": len(rows),
            "hits": hits, "misses": [r for r in rows if not (r["rank"] and r["rank"] <= k)],
            "rows": rows}
