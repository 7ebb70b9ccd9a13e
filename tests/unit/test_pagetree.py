"""kb/core/pagetree.py: the Python-Markdown extension that runs the project's
tree passes (glossary, language marks). pymdown-style: Markdown in, the
expected HTML out, no site build."""

import xml.etree.ElementTree as etree

import markdown

from kb.core import pagetree


def render(text: str, config: dict) -> str:
    return markdown.markdown(text, extensions=config["markdown_extensions"],
                             extension_configs=config.get("mdx_configs", {}))


def mark_words(word: str):
    def func(root: etree.Element, md) -> None:
        for el, _ in pagetree.walk(root, skip={"code"}):
            if el.text and word in el.text:
                el.set("data-found", word)
    return func


def test_an_installed_tree_pass_changes_the_html():
    config = {"markdown_extensions": ["attr_list"]}
    pagetree.install(config, "finder", mark_words("NRM"))
    assert render("The NRM.\n\n`NRM` in code.", config) == (
        '<p data-found="NRM">The NRM.</p>\n<p><code>NRM</code> in code.</p>')


def test_installing_again_under_the_same_key_replaces_the_pass():
    config = {"markdown_extensions": []}
    pagetree.install(config, "finder", mark_words("NRM"))
    pagetree.install(config, "finder", mark_words("CSE"))
    assert len(config["markdown_extensions"]) == 1
    assert render("NRM and CSE", config) == '<p data-found="CSE">NRM and CSE</p>'


def test_two_keys_both_run():
    config = {"markdown_extensions": []}
    pagetree.install(config, "a", mark_words("NRM"))
    pagetree.install(config, "b", lambda root, md: root[0].set("class", "seen"))
    assert render("NRM", config) == '<p class="seen" data-found="NRM">NRM</p>'


def test_walk_skips_elements_and_gives_ancestors():
    root = etree.fromstring("<div><p>a<b>b</b></p><pre><code>c</code></pre></div>")
    seen = [(el.tag, [a.tag for a in ancestors]) for el, ancestors in pagetree.walk(root, {"pre"})]
    assert seen == [("div", []), ("p", ["div"]), ("b", ["div", "p"])]
    assert list(pagetree.texts(root, {"pre"})) == ["a", "b"]


def test_raw_html_blocks_are_seen_and_can_be_rewritten():
    config = {"markdown_extensions": ["md_in_html"]}

    def upper(root, md):
        def edit(el):
            changed = False
            for sub, _ in pagetree.walk(el):
                if sub.tag == "span":
                    sub.set("lang", "en")
                    changed = True
            return changed
        pagetree.rewrite_raw_html(md, edit)

    pagetree.install(config, "raw", upper)
    out = render('<div markdown="0"><span>Hi</span></div>\n\nText.', config)
    assert '<span lang="en">Hi</span>' in out and "<p>Text.</p>" in out
