"""Start the page's server: uvicorn on 127.0.0.1 unless told otherwise, and say where it is."""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Callable
from typing import Any

from haliref.files import InputError, write_atomic
from haliref.parse.tagger import Tagger

__all__ = ["is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _saver(path: str | None) -> Callable[[str], None] | None:
    if path is None:
        return None

    def save(xml: str) -> None:
        write_atomic(path, xml)

    return save


_WARM_UP = "1. Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994), 12.\n2. Ibid., 15.\n"


def _warm_up(tagger: Tagger | None) -> None:
    """Load the model, gazetteers and language data now, so the first paste is read at once."""
    from haliref.normalize.language import load_detector
    from haliref.pipeline import parse_text
    from haliref.report import summarize

    summarize(parse_text(_WARM_UP, tagger=tagger))
    load_detector()


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8765,
    tagger: Tagger | None = None,
    limit: int | None = None,
    examples: str | None = None,
    online: dict[str, Any] | None = None,
) -> None:
    """Serve the page until interrupted (Ctrl-C)."""
    import uvicorn

    from haliref.web.app import DEFAULT_LIMIT, create_app

    hosts: list[str] = []
    if not is_loopback(host):
        print(
            f"haliref: warning: serving on {host}, not only this computer: anyone who can reach it "
            "can read what you paste (the default, 127.0.0.1, is reachable from this computer only)",
            file=sys.stderr,
        )
        hosts.append("*" if host in ("0.0.0.0", "::") else host)
    if not 0 <= port <= 65535:
        raise InputError(f"--port {port}: not a port number (0 to 65535)")
    app = create_app(
        limit=limit or DEFAULT_LIMIT, tagger=tagger, hosts=hosts, examples=_saver(examples), online=online
    )
    shown = f"[{host}]" if ":" in host else host
    print(f"haliref: the page is at http://{shown}:{port}/ (Ctrl-C stops the server)", file=sys.stderr)
    threading.Thread(target=_warm_up, args=(tagger,), daemon=True).start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
    except OSError as error:
        raise InputError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    except SystemExit as stop:  # uvicorn exits when it cannot bind (and has said why)
        if stop.code:
            raise InputError(f"cannot serve on {host}:{port} (is the port in use? --port N takes another)") from None
