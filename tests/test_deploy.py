"""The nginx template of the README's "Deploying for many readers": its placeholders are
the ones the README fills, it renders to a configuration nginx accepts, and it keeps the
directives the scale-out depends on. (tests/browser/test_scaleout.py runs it for real.)"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from .browser.nginx import (
    INSTALL_HINT,
    PLACEHOLDERS,
    TEMPLATE,
    main_conf,
    nginx_path,
    render_site,
)
from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_fills_exactly_the_templates_placeholders():
    in_template = set(re.findall(r"\$\{([A-Z_]+)\}", TEMPLATE.read_text(encoding="utf-8")))
    assert in_template == set(PLACEHOLDERS)
    (command,) = re.findall(r"envsubst '([^']*)'", README)
    assert set(re.findall(r"\$\{([A-Z_]+)\}", command)) == in_template
    for name in PLACEHOLDERS:
        assert f"{name}=" in README
    assert "## Deploying for many readers" in README and "## Licence" in README


def test_the_rendered_site_keeps_what_scale_out_needs():
    site = render_site("127.0.0.1:8080", "localhost", ["127.0.0.1:8501", "127.0.0.1:8502"])
    assert "${" not in site
    assert "server 127.0.0.1:8501; server 127.0.0.1:8502;" in site
    for directive in (
        "hash $observatoire_sticky consistent;",
        "proxy_http_version 1.1;",
        "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $observatoire_connection;",
        "proxy_read_timeout 86400s;",
        "add_header Set-Cookie $observatoire_set_cookie;",
    ):
        assert directive in site
    assert "ip_hash" not in site.split("upstream observatoire")[1]


def test_an_unknown_placeholder_is_refused(tmp_path, monkeypatch):
    from .browser import nginx

    template = tmp_path / "nginx.conf.template"
    template.write_text("listen ${LISTEN}; server_name ${SERVRE_NAME};\n")
    monkeypatch.setattr(nginx, "TEMPLATE", template)
    with pytest.raises(ValueError, match=r"unknown placeholders: \['SERVRE_NAME'\]"):
        nginx.render_site("127.0.0.1:8080", "localhost", [])


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    nginx = nginx_path()
    if nginx is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(INSTALL_HINT + " (REQUIRE_BROWSER=1 forbids skipping)")
        pytest.skip(INSTALL_HINT)
    site = tmp_path / "observatoire.conf"
    site.write_text(render_site("127.0.0.1:8080", "localhost", ["127.0.0.1:8501"]))
    conf = tmp_path / "nginx.conf"
    conf.write_text(main_conf(tmp_path, site))
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
