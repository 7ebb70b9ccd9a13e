"""Every content error message, in one list.

Checks build their errors through `error()`, and the editors' table in
README.md is generated from `MESSAGES` by `readme_table()` (a test keeps the
two in step), so the documentation cannot drift from the code.

Each template has a code, the message and the fix as `str.format` templates,
and example values used to render the README table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.core.errors import ContentError


@dataclass(frozen=True)
class Message:
    code: str
    message: str
    fix: str
    example: dict = field(default_factory=dict)
    severity: str = "error"


MESSAGES: tuple[Message, ...] = (
    # --- front matter -----------------------------------------------------
    Message(
        "frontmatter-none",
        "The page has no front matter block at the top.",
        "Start the file with a line of three dashes (---), the settings "
        "(title, description, owner, last_reviewed, review_interval_months), "
        "and another line of three dashes.",
    ),
    Message(
        "frontmatter-unclosed",
        "The front matter block is never closed.",
        "Add a line with only three dashes (---) after the last setting.",
    ),
    Message(
        "frontmatter-yaml",
        "The front matter is not valid YAML: {problem}.",
        "Each setting goes on its own line as `name: value`. Put a value in "
        "double quotes if it contains a colon, a # or starts with a symbol.",
        {"problem": "a colon is in the wrong place, on this line or the line before"},
    ),
    Message(
        "frontmatter-not-mapping",
        "The front matter must be a list of `name: value` settings.",
        "Write each setting on its own line as `name: value`.",
    ),
    Message(
        "frontmatter-missing",
        "The front matter has no `{key}`, which every page needs.",
        "Add the line `{key}: {sample}` between the --- lines at the top.",
        {"key": "owner", "sample": "Knowledge base editors"},
    ),
    Message(
        "frontmatter-invalid",
        "The front matter setting `{key}` is not valid: {problem}.",
        "{hint}",
        {"key": "last_reviewed", "problem": "must be a date written as YYYY-MM-DD",
         "hint": "Write the date as YYYY-MM-DD, for example 2026-11-21."},
    ),
    Message(
        "frontmatter-unknown",
        "`{key}` is not a front matter setting.{suggestion}",
        "Correct the spelling or remove the line. Allowed settings: {allowed}.",
        {"key": "last_reveiwed", "suggestion": " Did you mean `last_reviewed`?",
         "allowed": "title, description, owner, last_reviewed and others"},
    ),
    # --- sign-off of procedure content (kb/pagemeta/approval.py) ------------------
    Message(
        "approval-missing",
        "{what} tells staff what to do, but does not say whether the procedure "
        "owners have approved it: there is no `approval`.",
        "Add `approval:` with `state: draft` indented below it{where}. Change it "
        "to `state: approved` only when a procedure owner has approved it (see "
        "\"How a procedure owner approves a page\" in CONTRIBUTING.md).",
        {"what": "This page", "where": " between the --- lines at the top"},
    ),
    Message(
        "approval-no-role",
        "The approval says `state: approved` but not who approved it: `by` is missing.",
        "Add `by:` under `approval:` with the role that approved it, such as "
        "HIPS Procedures Group (a role, never a person's name). If nobody has "
        "approved it yet, write `state: draft`.",
    ),
    Message(
        "approval-no-date",
        "The approval says `state: approved` but not when: `when` is missing.",
        "Add `when:` under `approval:` with the date it was approved, written as "
        "YYYY-MM-DD, for example 2026-11-21.",
    ),
    Message(
        "approval-future",
        "The approval date {on} is in the future.",
        "Write the date the procedure owner approved it, as YYYY-MM-DD. It "
        "cannot be later than today ({today}).",
        {"on": "2027-01-05", "today": "2026-12-01"},
    ),
    Message(
        "approval-draft-details",
        "The approval says `state: draft` but also has `{key}`, which only an "
        "approved page has.",
        "Remove the `{key}:` line. If a procedure owner has approved it, change "
        "`state: draft` to `state: approved` and give both `by:` and `when:`.",
        {"key": "by"},
    ),
    Message(
        "approval-translation",
        "A translation does not have its own `approval`: it always shows the "
        "approval state of its English page.",
        "Remove the `approval:` lines from this file. Approve the English page "
        "({english}) instead.",
        {"english": "docs/worried/index.md"},
    ),
    Message(
        "frontmatter-template",
        "The page template `{template}` does not exist.",
        "Use one of: {allowed}. Or remove the `template:` line for the normal page layout.",
        {"template": "postr.html", "allowed": "main.html, poster.html, handout.html"},
    ),
    # --- every YAML text: front matter and data files ------------------------
    Message(
        "data-yaml",
        "The YAML is not valid: {problem}.",
        "Check the indentation and the colons on this line and the one above. "
        "Put text that contains a colon in quotes.",
        {"problem": "the indentation is uneven"},
    ),
    Message(
        "text-encoding",
        "The file is not saved as UTF-8: the byte {byte} (character {column} of this line) "
        "cannot be read.",
        "Save the file with the UTF-8 encoding (in most editors: Save with encoding, UTF-8), "
        "or type the character on this line again.",
        {"byte": "0xE9", "column": 12},
    ),
    Message(
        "yaml-empty",
        "The file is empty.",
        "Restore its content (for example from the last version in git), following the "
        "format in DEVELOPING.md, or delete the file if nothing uses it.",
    ),
    Message(
        "yaml-tab",
        "This line is indented with a tab.",
        "YAML indents with spaces only: replace the tab at the start of the line with spaces.",
    ),
    Message(
        "yaml-duplicate-key",
        "`{key}` is given twice (first on line {first}): YAML would silently keep only the last one.",
        "Keep one `{key}:` and delete the other, or merge the two.",
        {"key": "last_reviewed", "first": 4},
    ),
    Message(
        "yaml-key",
        "The name `{key}` before the colon is read by YAML as {kind}, not as text.",
        "Check the name is right (a misplaced colon can cause this). If it is, put it in "
        "double quotes, for example `\"no\": ...`.",
        {"key": "no", "kind": "true or false"},
    ),
    Message(
        "yaml-alias",
        "`{name}` is a YAML anchor, alias or merge key, which these files do not use.",
        "Write the value out in full wherever it is needed and remove `{name}`. If it is "
        "meant as text, put the whole value in quotes.",
        {"name": "*default"},
    ),
    Message(
        "yaml-tag",
        "`{tag}` is a YAML tag, which these files do not use.",
        "Remove `{tag}`. If the value is text that starts with !, put it in quotes.",
        {"tag": "!!python/object"},
    ),
    # --- source registry --------------------------------------------------
    Message(
        "registry-missing",
        "The source registry file is missing.",
        "Create docs/_data/sources.yml with one entry per source.",
    ),
    Message(
        "registry-yaml",
        "The source registry is not valid YAML: {problem}.",
        "Check the indentation and the `name: value` layout on this line. "
        "Each source starts with `- key: ...`.",
        {"problem": "a line has no colon after its name"},
    ),
    Message(
        "registry-not-list",
        "The source registry must be a list of sources.",
        "Start each source with a dash: `- key: my-source`.",
    ),
    Message(
        "registry-missing-field",
        "Source `{key}` has no `{field}`, which every source needs.",
        "Add `{field}:` to this source. Every source needs key, title, "
        "publisher, date, url and checked.",
        {"key": "dfe-cse-2017", "field": "url"},
    ),
    Message(
        "registry-invalid-field",
        "Source `{key}` has an invalid `{field}`: {problem}.",
        "{hint}",
        {"key": "dfe-cse-2017", "field": "date",
         "problem": "must be written as YYYY-MM-DD, YYYY-MM, YYYY or undated",
         "hint": "Write the publication date as YYYY-MM-DD, or YYYY-MM if only the month is known."},
    ),
    Message(
        "registry-unknown-field",
        "Source `{key}` has a field `{field}` that the registry does not use.{suggestion}",
        "Correct the spelling or remove the field. Allowed fields: {allowed}.",
        {"key": "dfe-cse-2017", "field": "titel", "suggestion": " Did you mean `title`?",
         "allowed": "key, title, publisher and others"},
    ),
    Message(
        "check-date-without-method",
        "`{key}` has `last_checked`, a date without a method: it does not say what was "
        "compared, by whom, or whether anything was compared at all.",
        "Replace `last_checked:` with a `checked:` mapping. If nothing was compared yet, "
        "write `method: not-checked`. Otherwise write `method:` (original, web-page, "
        "stored-copy or phone-call), `compared:`, `by:` (a role) and `when:` (the date).",
        {"key": "dfe-cse-2017"},
    ),
    Message(
        "registry-quote-unchecked",
        "Source `{key}` has `quotes` but no `quote_checked`: nothing says what the wording "
        "was compared with.",
        "Add `quote_checked:` with `method: original` (and `compared:` naming the document "
        "and page, `by:` and `when:`), or `method: quoted-by` with `compared:` naming whose "
        "transcription it is, or `method: not-checked`.",
        {"key": "hmg-svs-2018"},
    ),
    Message(
        "registry-duplicate",
        "Source key `{key}` is used by more than one source (first on line {first}).",
        "Give each source its own key, or merge the two entries.",
        {"key": "dfe-cse-2017", "first": 3},
    ),
    Message(
        "registry-unused",
        "Source `{key}` is not cited on any page.",
        "Cite it where it supports a fact, or remove it from the registry. "
        "This is a warning: the build still succeeds.",
        {"key": "old-report"},
        severity="warning",
    ),
    # --- citations --------------------------------------------------------
    Message(
        "citation-unknown",
        "The citation `[^{key}]` does not match any source in docs/_data/sources.yml.{suggestion}",
        "Correct the key, or add a source with this key to docs/_data/sources.yml.",
        {"key": "dfe-cse-2071", "suggestion": " Did you mean `dfe-cse-2017`?"},
    ),
    Message(
        "citation-handwritten",
        "The footnote `[^{key}]` is written out by hand, but `{key}` is a registered source.",
        "Delete the line starting `[^{key}]:`. The build writes the source "
        "details from docs/_data/sources.yml.",
        {"key": "dfe-cse-2017"},
    ),
    Message(
        "citation-generated-unknown",
        "Content generated by a marker on this page cites `[^{key}]`, which is not in docs/_data/sources.yml.",
        "Correct the `source` key in the data file that the marker renders, "
        "or add the source to docs/_data/sources.yml.",
        {"key": "nspcc"},
    ),
    # --- quotes -----------------------------------------------------------
    Message(
        "quote-uncited",
        "This blockquote has no citation.",
        "End the quote with the source key as a footnote, for example "
        "`[^dfe-cse-2017]`. Use a blockquote (>) only for quoted text.",
    ),
    Message(
        "quote-mismatch",
        "This quote differs from the registered wording of `{key}` "
        "([-words on the page-] {{+words in the registry+}}): {diff}",
        "Copy the wording exactly from `quotes` under `{key}` in "
        "docs/_data/sources.yml. If the source itself has changed, update "
        "the registry's quote and its quote_version instead.",
        {"key": "dfe-cse-2017",
         "diff": "... through the use of [-technology-] {+technology.+}"},
    ),
    Message(
        "quote-hidden-character",
        "This quote of `{key}` has characters that look like ordinary text but are not "
        "({chars}): {diff}",
        "Delete the quote and copy it again from `quotes` under `{key}` in "
        "docs/_data/sources.yml, typing any changed words by hand. Invisible characters "
        "and letters from another alphabet often come from copying text out of a PDF or a "
        "chat message.",
        {"key": "dfe-cse-2017", "chars": "U+200B (zero width space)",
         "diff": "... a form of child [-sex<U+200B ZERO WIDTH SPACE>ual-] {+sexual+} abuse."},
    ),
    Message(
        "quote-translation-unmarked",
        "This quote cites `{key}` but is not its registered English wording, and it is "
        "not marked as a translation.",
        "Quote the definition in English, exactly as in `quotes` under `{key}` in "
        "docs/_data/sources.yml. To give a translation as well, put it in a "
        "`!!! translation` block after the English quote, citing `[^{key}]`.",
        {"key": "dfe-cse-2017"},
    ),
    Message(
        "quote-translation-uncited",
        "This translated quote does not cite the registered definition it translates.",
        "End the quote with the key of the source whose `quotes` it translates, for "
        "example `[^dfe-cse-2017]`. Only translations of registered definitions go in a "
        "`!!! translation` block.",
    ),
    # --- headings ---------------------------------------------------------
    Message(
        "heading-id-duplicate",
        "The id `#{id}` is used twice on this page: on line {first} and on this line.",
        "Give each heading its own id, for example `{{ #{id}-2 }}`, or remove one of "
        "them. Links to `#{id}` can only go to one place.",
        {"id": "what-to-do", "first": 12},
    ),
    Message(
        "heading-id-automatic",
        "The id `#{id}` on this line is also the id the heading \u201c{heading}\u201d on line "
        "{first} gets by itself. That heading would lose it, and links to `#{id}` would "
        "come here instead.",
        "Give this heading another id, for example `{{ #{id}-2 }}`, or remove the id "
        "from this line.",
        {"id": "general-signs", "first": 12, "heading": "General signs"},
    ),
    # --- files and redirects ----------------------------------------------
    Message(
        "symlink-outside",
        "`{link}` is a symbolic link to `{target}`, outside docs/. It is not published.",
        "Replace the link with a copy of the file, or delete it. Files the site "
        "publishes must be inside docs/.",
        {"link": "docs/notes.md", "target": "/etc/passwd"},
    ),
    Message(
        "symlink-inside",
        "`{link}` is a symbolic link to `{target}`. The site does not follow links in "
        "docs/, so nothing is published from it.",
        "Delete the link and copy or move the file (or folder) to this place instead. To "
        "send readers to another page, link to it in the text.",
        {"link": "docs/worried/signs-link.md", "target": "../signs.md"},
    ),
    Message(
        "symlink-folder-stop",
        "The build stopped before reading the pages: `{link}` is a symbolic link to a folder, "
        "which MkDocs would follow (a link to a folder above it makes endless copies).",
        "Delete the link (see its error above), then build again.",
        {"link": "docs/understanding/up"},
    ),
    Message(
        "redirect-replaces-page",
        "The redirect from `{from_}` would replace {page}.",
        "Remove this entry. A redirect's `from` is the English file name of a page that "
        "no longer exists in any language, such as `old-name.md`.",
        {"from_": "signs.pl.md", "page": "the Polish page `docs/signs.pl.md`"},
    ),
    # --- phone numbers ----------------------------------------------------
    Message(
        "contact-premium",
        "Contact `{id}` has the number {number}, a {kind} number, which costs callers "
        "more or does not reach a public service directly.",
        "Use the service's ordinary number (01, 02, 03 or 0800/0808). If this number "
        "is right, add `premium_reason:` to the contact saying why the site gives it.",
        {"id": "advice-line", "number": "0906 123 4567", "kind": "premium-rate (09)"},
    ),
    Message(
        "contact-number-shared",
        "The number {number} is given to `{id}` and to `{other}` (line {other_line}).",
        "If one line really serves both, add `shared_with: [{other}]` to `{id}` and "
        "`shared_with: [{id}]` to `{other}`. Otherwise correct the wrong number. "
        "This is a warning: the build still succeeds.",
        {"number": "0300 555 1373", "id": "hampshire-out-of-hours",
         "other": "portsmouth-eds", "other_line": 153},
        severity="warning",
    ),
    Message(
        "contact-status-renamed",
        "Contact `{id}` has `status: confirmed`. That value was renamed to `published`, "
        "because \"confirmed\" read as if the service had confirmed the number, which "
        "only a phone call can do.",
        "Write `status: published` if the number is given as the source publishes it. "
        "If it is not known, write `number: null`, `status: to-be-confirmed` and a "
        "`note`. Say how the number was checked in `checked` (see CONTRIBUTING.md, "
        "\"Say how you checked a fact\").",
        {"id": "portsmouth-mash"},
    ),
    Message(
        "contact-shared-unknown",
        "Contact `{id}` says it shares its number with `{other}`, {problem}.",
        "List in `shared_with` only the ids of contacts with the same number.",
        {"id": "hampshire-out-of-hours", "other": "portsmouth-edt",
         "problem": "but there is no contact with that id"},
    ),
    Message(
        "phone-in-page",
        "The phone number {number} is typed into the page. It is contact `{id}` in "
        "docs/_data/contacts.yml.",
        "Delete the number here and show it from contacts.yml, with the "
        "`<!-- kb:contacts -->` marker (or `<!-- kb:poster-contacts -->` on a printed "
        "sheet), or name the service and link to the contacts page. Then a change to "
        "the number is made once, in contacts.yml.",
        {"number": "0300 555 1373", "id": "hampshire-out-of-hours"},
    ),
    Message(
        "phone-unknown",
        "The phone number {number} is typed into the page, and it is not in "
        "docs/_data/contacts.yml.",
        "Add the service and its number to docs/_data/contacts.yml with its source, "
        "then show it with the `<!-- kb:contacts -->` marker instead of typing it here. "
        "If it is not a phone number, put it in `backticks`.",
        {"number": "01234 567890"},
    ),
    # --- raw HTML ---------------------------------------------------------
    Message(
        "html-tag",
        "Raw HTML `<{tag}>` is not allowed in pages: it can run code, load "
        "content from another site or change the page around it.",
        "Remove the `<{tag}>` element and write the text in Markdown instead. To "
        "show a < sign as text, write `&lt;`. The elements pages may use are "
        "listed in DEVELOPING.md (Raw HTML in pages).",
        {"tag": "script"},
    ),
    Message(
        "html-handler",
        "The HTML attribute `{attr}` on `<{tag}>` runs JavaScript, which is not allowed.",
        "Remove `{attr}=...` from the tag.",
        {"attr": "onclick", "tag": "a"},
    ),
    Message(
        "html-attribute",
        "The HTML attribute `{attr}` on `<{tag}>` is not one that pages may use.",
        "Remove `{attr}=...` from the tag. Pages may use class, id, lang, dir, "
        "title, role and aria-* on any element, plus the usual ones such as href "
        "on <a> and src and alt on <img>.",
        {"attr": "formaction", "tag": "a"},
    ),
    Message(
        "html-style",
        "The `style` attribute on `<{tag}>` is not allowed: inline styles can load "
        "content from another site, and the site's security policy blocks them.",
        "Remove `style=...` and use a class from the site's stylesheet "
        "(overrides/assets/kb.css), or ask a developer to add one.",
        {"tag": "div"},
    ),
    Message(
        "html-javascript-url",
        "The address `{url}` is a JavaScript address, which is not allowed.",
        "Use a normal web address starting with https://, or a page in this "
        "site such as signs.md.",
        {"url": "javascript:alert(1)"},
    ),
    Message(
        "html-data-url",
        "The address `{url}` is a data: address, which can hide a whole page or script.",
        "Put the file in docs/ (for example docs/images/) and link to it, or use a "
        "normal web address starting with https://.",
        {"url": "data:text/html;base64,PHNjcmlwdD4="},
    ),
    Message(
        "html-external-resource",
        "The image, media or stylesheet `{url}` is loaded from another site. "
        "Nothing on this site may load from another host: readers would be tracked.",
        "Download the file (if its licence allows), put it in docs/ (for example "
        "docs/images/) and link to it with a relative address, or link to the "
        "other site with a normal link instead.",
        {"url": "https://example.org/logo.png"},
    ),
    Message(
        "svg-script",
        "This SVG file holds {what}, which can run code when the picture is opened.",
        "Remove it from the SVG file, or export the picture again as a plain "
        "drawing without scripts or links.",
        {"what": "a <script> element"},
    ),
    Message(
        "svg-external",
        "This SVG file refers to `{url}` outside the file, which the site may not load.",
        "Remove the reference, or embed what it points to in the drawing itself. "
        "Only references inside the file (starting with #) are allowed.",
        {"url": "https://example.org/font.css"},
    ),
    Message(
        "svg-doctype",
        "This SVG file has a <!{what} ...> declaration. Declarations can make the picture "
        "grow until the reader's computer runs out of memory, or read other files.",
        "Delete the <!DOCTYPE ...> and any <!ENTITY ...> lines: an SVG picture does not "
        "need them. Export the picture again as plain SVG if it keeps coming back.",
        {"what": "ENTITY"},
    ),
    Message(
        "config-url",
        "`{key}` in mkdocs.yml is `{url}`, which is not a web address starting with https:// or http://.",
        "Set `{key}` (or the environment variable {env}) to a full web address "
        "such as https://www.bbc.co.uk/weather.",
        {"key": "extra.quick_exit_url", "url": "javascript:alert(1)", "env": "QUICK_EXIT_URL"},
    ),
    Message(
        "csp-unknown-inline",
        "The built page has an inline {kind} that the site's templates did not write"
        "{origin}: `{snippet}`. The security policy would have to allow it, so it is refused.",
        "Remove the code from the page or data file. Behaviour belongs in a script "
        "file under overrides/assets/. Only inline code written in a template "
        "(overrides/ or Material's) and the style attributes in STYLE_ATTRS in "
        "kb/postbuild/csp.py are allowed.",
        {"kind": "script", "origin": " (it comes from docs/_data/contacts.yml)",
         "snippet": "alert(1)"},
    ),
    # --- markers ----------------------------------------------------------
    Message(
        "marker-unknown",
        "`<!-- kb:{name} -->` is not a known marker.{suggestion}",
        "Use one of: {known}. Check the spelling, or remove the line.",
        {"name": "contact", "suggestion": " Did you mean `kb:contacts`?",
         "known": "contacts, emergency and others"},
    ),
    Message(
        "marker-inline",
        "The marker `<!-- kb:{name} -->` must be on a line of its own.",
        "Put the marker on its own line, with a blank line before and after it.",
        {"name": "contacts"},
    ),
    # --- links and nav (MkDocs validation, reworded) ----------------------
    Message(
        "link-not-found",
        "The link `{url}` points to a page or file that does not exist.{suggestion}",
        "Correct the address: links between pages use the file name, for "
        "example `../signs.md`. Check the folder and the spelling.",
        {"url": "sings.md", "suggestion": " Did you mean `signs.md`?"},
    ),
    Message(
        "link-anchor",
        "The link `{url}` points to a section `#{anchor}` that does not exist on {target}.",
        "Use the section's heading in lower case with hyphens for spaces, for "
        "example `#who-may-be-vulnerable`, or link to the page without `#...`.",
        {"url": "signs.md#general", "anchor": "general", "target": "docs/signs.md"},
    ),
    Message(
        "link-image",
        "The image `{url}` does not exist.",
        "Put the image file in docs/ (for example docs/images/) and check "
        "the file name and folder in the link.",
        {"url": "images/poster.png"},
    ),
    Message(
        "link-unrecognized",
        "The link `{url}` is not a page address the site understands.",
        "Link to the Markdown file itself, for example `signs.md` or "
        "`worried/index.md`.",
        {"url": "signs"},
    ),
    Message(
        "link-absolute",
        "The link `{url}` starts with /, which breaks when the site is not at the top of the server.",
        "Use a relative link to the Markdown file, for example `../signs.md`.",
        {"url": "/signs.md"},
    ),
    Message(
        "nav-omitted",
        "This page is not in the site's menu (the `nav:` list in mkdocs.yml).",
        "Add the page to `nav:` in mkdocs.yml, or delete it if it is not needed.",
    ),
)

BY_CODE: dict[str, Message] = {m.code: m for m in MESSAGES}


def error(code: str, file: str, line: int | None, **values) -> ContentError:
    """Build the ContentError for *code*, filling its templates from *values*."""
    tmpl = BY_CODE[code]
    values.setdefault("suggestion", "")
    return ContentError(
        file=file,
        line=line,
        message=tmpl.message.format(**values),
        fix=tmpl.fix.format(**values),
        code=code,
        severity=tmpl.severity,  # type: ignore[arg-type]
    )


YAML_PROBLEMS = {
    "mapping values are not allowed here":
        "a colon is in the wrong place, on this line or the line before",
    "could not find expected ':'": "a line has no colon after its name",
    "found character '\\t' that cannot start any token": "there is a tab; use spaces",
    "found undefined alias": "a value starts with *, which YAML reads as a reference",
    "found unexpected end of stream": "a quotation mark or bracket is never closed",
    "found unexpected ':'": "there is a colon where YAML does not expect one",
    "found character '@' that cannot start any token":
        "a value starts with @, which must be in quotes",
    "found character '`' that cannot start any token":
        "a value starts with `, which must be in quotes",
    "found character '%' that cannot start any token":
        "a value starts with %, which must be in quotes",
    "could not determine a constructor for the tag 'tag:yaml.org,2002:value'":
        "a value that is only = must be in quotes",
    "found unhashable key": "a list or a group of settings is used as a name",
    "expected a single document": "it holds more than one YAML document (a line with only ---)",
    "but found another document": "it holds more than one YAML document (a line with only ---)",
}


def describe_value(value) -> str:
    """What YAML made of a value, in words, for "… where text is expected"."""
    import datetime as _dt

    if value is None:
        return "it is empty"
    if isinstance(value, bool):
        return (f"YAML reads it as {str(value).lower()} (an unquoted yes, no, on, off, true or "
                "false becomes true or false)")
    if isinstance(value, (int, float)):
        return "YAML reads it as a number"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "YAML reads it as a date"
    if isinstance(value, list):
        return "it is a list"
    if isinstance(value, dict):
        return "it is a group of `name: value` settings"
    return "it is text"


#: pydantic error type -> what the value should be, in words.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number", "float_parsing": "a number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list (one `- ` line per entry)",
    "dict_type": "a group of `name: value` settings indented below it",
    "model_type": "a group of `name: value` settings indented below it",
    "model_attributes_type": "a group of `name: value` settings indented below it",
    "date_type": "a date written as YYYY-MM-DD", "date_parsing": "a date written as YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written as YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written as YYYY-MM-DD, without a time",
    "none_required": "empty",
}
_QUOTE_HINT = {"string_type"}


def plain_validation_problem(err) -> str:
    """A pydantic validation error in plain words, starting lower case.

    *err* is one item of ``ValidationError.errors()`` (or only its message).
    Type errors say what YAML read the value as and what is expected, so an
    unquoted phone number or `no` gets a message an editor can act on;
    pydantic's own wording (and its patterns) never reaches them.
    """
    if isinstance(err, str):
        err = {"msg": err, "type": "", "ctx": {}}
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    has_input = "input" in err
    value = err.get("input")
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        if not has_input:
            return f"it should be {expected}"
        problem = f"it should be {expected}, but {describe_value(value)}"
        if kind in _QUOTE_HINT and not isinstance(value, (str, list, dict, type(None))):
            problem += ": put the text in double quotes"
        return problem
    if kind == "string_too_short":
        return "it must not be empty"
    if kind == "string_pattern_mismatch":
        return "it is not written in the expected form"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"it needs at least {n} entr{'y' if n == 1 else 'ies'}"
    if kind == "too_long":
        return f"it may have at most {ctx.get('max_length')} entries"
    if kind in ("greater_than_equal", "greater_than"):
        return f"it should be {'at least' if kind.endswith('equal') else 'more than'} {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"it should be {'at most' if kind.endswith('equal') else 'less than'} {ctx.get('le', ctx.get('lt'))}"
    if kind == "literal_error":
        return f"it should be {ctx.get('expected', 'one of the allowed values')}"
    if kind == "enum":
        return f"it should be {ctx.get('expected', 'one of the allowed values')}"
    if kind == "url_parsing" or kind == "url_scheme":
        return "it should be a full web address starting with https://"
    msg = str(err.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if msg.startswith("Input should be a valid dictionary"):
        msg = "it should be settings on the lines below it, each indented by two spaces"
    elif msg == "Extra inputs are not permitted":
        msg = "it is not one of the settings allowed here"
    msg = msg.replace("Input should be", "it should be").replace("String should", "it should")
    return msg[:1].lower() + msg[1:]


def plain_yaml_problem(problem: str) -> str:
    """PyYAML's problem text in plainer words, where we know them."""
    problem = (problem or "").strip()
    for known, plain in YAML_PROBLEMS.items():
        if problem.startswith(known):
            return plain
    if problem.startswith("expected <block end>"):
        return "the indentation is uneven"
    if problem.startswith(("expected ',' or ']'", "expected ',' or '}'")):
        return "a list or a set of braces is never closed"
    return problem or "the text cannot be read"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


README_BEGIN = "<!-- messages-table:begin (generated from kb/core/messages.py; do not edit by hand) -->"
README_END = "<!-- messages-table:end -->"


def readme_table() -> str:
    """The editors' table of every message, as Markdown, with its markers."""
    rows = [README_BEGIN, "",
            "| code | what the build says (example) | how to fix it |",
            "| --- | --- | --- |"]
    for m in MESSAGES:
        values = {"suggestion": "", **m.example}
        label = " (warning)" if m.severity == "warning" else ""
        rows.append(
            f"| `{m.code}`{label} | {_cell(m.message.format(**values))} "
            f"| {_cell(m.fix.format(**values))} |"
        )
    rows += ["", README_END]
    return "\n".join(rows)


# --- pydantic's errors, once -------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One place a pydantic model refused, in the project's terms.

    *kind* is "unknown" (a key the model does not have), "missing" (a
    required key), "date-without-method" (a bare `last_checked:` date where a
    `checked:` record belongs) or "invalid" (a wrong value: *message* says
    how, in plain words). *loc* is pydantic's location without the names of
    union branches; *key* is the key at that place.
    """

    kind: str
    loc: tuple
    key: str
    message: str = ""


def _clean_loc(loc) -> tuple:
    return tuple(p for p in loc if isinstance(p, int) or not (
        isinstance(p, str) and (p[:1].isupper() or p in ("str", "function-after")
                                or p.startswith(("list[", "dict[", "function-")))))


def _value_at(data, loc):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _either(errs: list[dict]) -> str:
    """One message for the branches of a union that all failed."""
    wanted = []
    for e in errs:
        what = _EXPECTED.get(e["type"])
        if what is None:
            return plain_validation_problem(e)
        if what not in wanted:
            wanted.append(what)
    return f"it should be {' or '.join(wanted)}, but {describe_value(errs[0].get('input'))}"


def validation_problems(exc, data=None) -> list[Problem]:
    """The problems in a pydantic ValidationError *exc* for the *data* it
    validated: one per place, in pydantic's order. The one converter from
    pydantic's errors; callers choose their own message for each kind."""
    by_place: dict[tuple, list[dict]] = {}
    for err in exc.errors():
        by_place.setdefault(_clean_loc(err["loc"]), []).append(err)
    out = []
    for loc, errs in by_place.items():
        err = errs[0]
        # The key itself is always the last part of pydantic's location,
        # even when it looks like a union branch name (e.g. a key "A").
        key = str(err["loc"][-1]) if err["loc"] else ""
        if err["type"] == "missing" and key == "checked":
            parent = _value_at(data, err["loc"][:-1])
            if isinstance(parent, dict) and "last_checked" in parent:
                continue  # reported as a date without a method
        if err["type"] == "extra_forbidden" and key == "last_checked":
            out.append(Problem("date-without-method", loc, key))
        elif err["type"] == "extra_forbidden":
            out.append(Problem("unknown", loc, key))
        elif err["type"] == "missing":
            out.append(Problem("missing", loc, key))
        else:
            out.append(Problem("invalid", loc, key,
                               _either(errs) if len(errs) > 1 else plain_validation_problem(err)))
    return out
