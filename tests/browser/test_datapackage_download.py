"""The Data page's data package button, clicked in Chromium: one zip, named after the
data's date, that frictionless finds valid."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indicators.analysis import datapackage

from .harness import WAIT_MS, open_page

frictionless = pytest.importorskip("frictionless")


def test_the_data_package_zip_downloads_and_validates(server, page, real_dataset, tmp_path):
    open_page(page, server, "data", "lang=en")
    button = page.get_by_role(
        "button", name="Download all the data (Frictionless data package, ZIP)"
    )
    with page.expect_download(timeout=WAIT_MS) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == datapackage.zip_name(real_dataset)
    assert download.suggested_filename.startswith("observatoire-offshoring-datapackage-")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(Path(download.path())) as archive:
        archive.extractall(folder)
    assert (folder / "datapackage.json").is_file()
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.guard.errors == [] and page.guard.outside == []
