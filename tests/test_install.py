"""The package as a deployer installs it: non-editable, run from another folder, with the
data folder passed explicitly. Its boundaries and locales must come with it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import DATA, ROOT


def test_a_non_editable_install_validates_and_exports_the_bundled_data(tmp_path):
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target"]
    build = subprocess.run(
        [*install, str(target), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("INDICATORS_DATA_DIR", None)
    elsewhere = tmp_path / "elsewhere"  # no config.yaml, no source tree here
    elsewhere.mkdir()

    def run(*argv):
        return subprocess.run(
            [sys.executable, "-m", "indicators", *argv],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import indicators; print(indicators.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    validate = run("validate", str(DATA))
    assert validate.returncode == 0, validate.stdout[-2000:] + validate.stderr[-2000:]
    assert ": valid (" in validate.stdout
    # The package data a page needs at run time: the region boundaries and the locales.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from indicators.render import i18n, maps; "
            "print(len(maps.regions_geojson()['features']), i18n.t('page.data', 'en'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.split() == ["12", "Data"], probe.stdout + probe.stderr
