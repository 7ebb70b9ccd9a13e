"""The Zensical stage: docs/ written out with everything the MkDocs hooks add.

Zensical reads mkdocs.yml but runs no MkDocs hooks and no
mkdocs-static-i18n. Before `zensical build`, this package writes a copy of
docs/ in which every page already has its data markers rendered, its
citations filled and its page data (review dates, last update, translation
status, sign-off, print details) in its front matter as ``kb_*`` settings,
which the templates in overrides/ read as ``page.meta.kb_*``. It uses the
hooks' pure functions and never imports MkDocs or Material.

    python -m kb.stage --out build/zensical          # the stage
    python -m kb.stage.postbuild --stage build/zensical --site site-zensical
"""
