"""Live reload: a curator edits YAML while the dashboard runs. A broken file keeps its last
valid version on screen under a banner; a fix or a new file shows at the next rerun.
The data is a SYNTHETIC copy in a temporary folder."""

from __future__ import annotations

import os
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from indicators.data.store import Store
from tests.conftest import APP_TIMEOUT, ROOT, SYNTHETIC_BASE

OBS = "observations/synthetic-base.yaml"


@pytest.fixture
def live_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SYNTHETIC_BASE, data)
    monkeypatch.setenv("INDICATORS_DATA_DIR", str(data))
    return data


def touch(path, text):
    """Write and make sure the modification time moves (coarse clocks)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def data_page(lang="en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("indicators/ui/pages/data.py")
    at.run()
    assert not at.exception
    return at


def banner(at) -> str:
    return "\n".join(w.value for w in at.warning)


def quotes(at) -> set[str]:
    table = at.dataframe[0].value  # the readers' table: "Quote" (en), "Citation" (fr)
    return set(table["Quote" if "Quote" in table else "Citation"])


def test_break_fix_and_add_while_running(live_dir):
    at = data_page()
    assert "Synthetic quote one: 300." in quotes(at) and banner(at) == ""
    path = live_dir / OBS
    good = path.read_text(encoding="utf-8")

    # Break it: a tab in the indentation. The last valid figures stay, under a banner.
    touch(path, good.replace("    geo: city:agadir", "\tgeo: city:agadir"))
    at.run()
    text = banner(at)
    assert "observations/synthetic-base.yaml" in text
    assert "last valid version" in text
    assert ":5:" in text and "indent with spaces" in text  # line, and the hint
    assert "Synthetic quote one: 300." in quotes(at)

    # Fix it with a new figure: the banner goes, the new figure shows.
    touch(path, good.replace("Synthetic quote one: 300.", "Synthetic quote one: 300, edited."))
    at.run()
    assert banner(at) == ""
    assert "Synthetic quote one: 300, edited." in quotes(at)
    assert "Synthetic quote one: 300." not in quotes(at)

    # Add a file: its records appear without a restart.
    new = live_dir / "observations" / "synthetic-bad.yaml"
    touch(new, good.replace("source: synthetic-base", "source: synthetic-bad")
          .replace("quote two: 1000.", "quote from a new file: 1000."))  # fmt: skip
    at.run()
    assert "Synthetic quote from a new file: 1000." in quotes(at)

    # Remove it: its records go.
    new.unlink()
    at.run()
    assert "Synthetic quote from a new file: 1000." not in quotes(at)


def test_a_file_broken_since_start_up_says_so(live_dir):
    path = live_dir / OBS
    touch(path, path.read_text(encoding="utf-8").replace("value: 300", 'value: "300 postes"'))
    at = data_page("fr")
    text = banner(at)
    assert "invalide depuis le démarrage" in text
    # The records of that file that are fine still show; the broken one does not.
    assert "Synthetic quote two: 1000." in quotes(at)
    assert "Synthetic quote one: 300." not in quotes(at)


def test_the_store_rereads_only_what_changed(live_dir):
    store = Store(live_dir)
    store.refresh()
    first = store.reads
    store.refresh()
    assert store.reads == first  # nothing changed: nothing parsed
    touch(live_dir / OBS, (live_dir / OBS).read_text(encoding="utf-8") + "\n")
    store.refresh()
    assert store.reads == first + 1


def test_the_app_never_writes_into_the_data_folder(live_dir):
    before = sorted((str(p), p.stat().st_mtime_ns) for p in live_dir.rglob("*"))
    at = data_page()
    for page in ("regions", "cities", "timeline", "outlook", "sources"):
        at.switch_page(f"indicators/ui/pages/{page}.py")
        at.run()
        assert not at.exception, page
    after = sorted((str(p), p.stat().st_mtime_ns) for p in live_dir.rglob("*"))
    assert after == before


def test_what_the_pages_share_follows_an_edit(live_dir):
    # The Cities page's table is computed once per data version for every session
    # (Dataset.derived): an edit must reach it at the next rerun, never a stale copy.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("indicators/ui/pages/cities.py")
    at.run()
    assert not at.exception

    def agadir_row() -> str:
        table = at.table[0].value
        return " ".join(str(v) for v in table.loc["Agadir"].values)

    assert "300" in agadir_row() and "450" not in agadir_row()
    at.run()  # a rerun with nothing changed: the same (shared) table
    assert "300" in agadir_row()
    path = live_dir / OBS
    text = path.read_text(encoding="utf-8")
    touch(path, text.replace("value: 300", "value: 450").replace("one: 300.", "one: 450."))
    at.run()
    assert "450" in agadir_row() and "300" not in agadir_row()
