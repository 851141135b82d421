"""Run the app on uvicorn: bind the socket first, so that a port in use is one clear error.

The socket is bound here and handed to uvicorn (``Server.run(sockets=...)``) instead of
letting uvicorn bind it: uvicorn logs a bind failure and exits 1, while kg reports
``cannot listen on HOST:PORT: address already in use`` and exits 2. Binding first also
gives the real port for ``--port 0`` before the URL is printed.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Callable

from ..config import Config
from .data import ServeError


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv4 or IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        raise ServeError(f"cannot listen on {host}:{port}: unknown host ({err.strerror})") from err
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {(err.strerror or str(err)).lower()}") from err
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(out_dir: Path, config: Config, *, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          max_results: int = 10000, workers: int = 2, announce: Callable[[str], None] = print, access_log: bool = True) -> None:
    """Load the build, bind, print the URL, and serve until interrupted."""
    import uvicorn

    from .app import create_app

    if not Path(out_dir).is_dir():
        raise ServeError(f"no build in {out_dir}: the directory does not exist (run `kg build -o {out_dir}` first)")
    app = create_app(out_dir, config, timeout=timeout, max_results=max_results, workers=workers)
    sock = bind(host, port)
    url = url_of(sock)
    announce(f"kg: serving {out_dir} at {url} (pages /id/…, /doc/…, /def/, /data/; SPARQL {url}sparql); Ctrl-C stops")
    server = uvicorn.Server(uvicorn.Config(app, log_level="info" if access_log else "warning", access_log=access_log,
                                           lifespan="on", timeout_graceful_shutdown=5))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
