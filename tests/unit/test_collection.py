"""Every test folder is collected by a plain `pytest` run (make test)."""

import configparser

from tests.conftest import ROOT


def test_no_test_folder_is_skipped_by_norecursedirs():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "pytest.ini")
    skipped = cfg.get("pytest", "norecursedirs", fallback=None)
    # Without an explicit list, pytest's default skips folders named "build".
    assert skipped is not None, "pytest.ini must set norecursedirs explicitly"
    names = set(skipped.split())
    folders = [p.name for p in (ROOT / "tests").iterdir()
               if p.is_dir() and any(p.glob("test_*.py"))]
    assert folders, "no test folders found"
    assert not names & set(folders), f"test folders skipped: {names & set(folders)}"
