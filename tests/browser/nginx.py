"""Debian's nginx in front of Streamlit replicas, configured from deploy/nginx.conf.template
(the file the README tells a deployer to install), for the scale-out test."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from .harness import ROOT, free_port, stop, wait_healthy

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
PLACEHOLDERS = ("LISTEN", "SERVER_NAME", "UPSTREAM_SERVERS")
COOKIE = "observatoire_replica"
INSTALL_HINT = "nginx not found: install Debian's package (apt-get install nginx)"
# One line per request: the sticky key, the replica that answered, the status, the request.
LOG_FORMAT = "'$observatoire_sticky $upstream_addr $status \"$request\"'"
_PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")


def nginx_path() -> str | None:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def render_site(listen: str, server_name: str, upstreams: list[str]) -> str:
    """The template with its placeholders filled, as ``envsubst '${LISTEN} ...'`` does
    (nginx's own ``$variables`` are left alone)."""
    values = {
        "LISTEN": listen,
        "SERVER_NAME": server_name,
        "UPSTREAM_SERVERS": " ".join(f"server {address};" for address in upstreams),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    unknown = set(_PLACEHOLDER.findall(text)) - set(values)
    if unknown:
        raise ValueError(f"{TEMPLATE.name} has unknown placeholders: {sorted(unknown)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def main_conf(folder: Path, site: Path) -> str:
    """A whole nginx.conf whose pid, logs and temporary files all stay in ``folder``; the
    site file is included as Debian's nginx.conf includes conf.d/*.conf."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach tmp_path
    return f"""{user}worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    log_format scaleout {LOG_FORMAT};
    access_log {folder / "access.log"} scaleout;
    include {site};
}}
"""


@contextlib.contextmanager
def nginx_server(folder: Path, upstreams: list[str]):
    """nginx on a free loopback port in front of ``upstreams``; yields (url, access log)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    site = folder / "observatoire.conf"
    site.write_text(render_site(f"127.0.0.1:{port}", "localhost", upstreams), encoding="utf-8")
    conf = folder / "nginx.conf"
    conf.write_text(main_conf(folder, site), encoding="utf-8")
    command = [nginx_path(), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{check.stderr}")
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process, url, "nginx", 20)
        yield url, folder / "access.log"
    finally:
        stop(process)


def read_log(path: Path) -> list[tuple[str, str, str, str]]:
    """(sticky key, upstream address, status, request line) per logged request."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, upstream, status, request = line.split(" ", 3)
        entries.append((key, upstream, status, request.strip('"')))
    return entries
