"""The local web application: one page and its three POSTs (Starlette, served by uvicorn).

Safety, as issue 18 asks:

* the server binds to 127.0.0.1 unless told otherwise (:mod:`haliref.web.serve`);
* requests must name this server in their Host header (a DNS-rebinding page
  cannot read the page, nor its token);
* every POST carries the server's token (made at start, written into the page
  only) in a header, is JSON, and, when the browser says where it comes from
  (Origin), comes from this server: another site's page can neither read the
  token nor send the header without a CORS preflight, which is never granted;
* bodies are read up to a limit and refused past it, in one line;
* the page is static text that builds itself with ``textContent``: no text of
  the input is ever parsed as HTML; a strict Content-Security-Policy forbids
  inline scripts and every resource from elsewhere;
* the server reads the files of its own page and nothing else.
"""

from __future__ import annotations

import asyncio
import hmac
import importlib.resources
import json
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request as HttpRequest
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from haliref import progress
from haliref.collector import young_collections_spaced
from haliref.files import InputError
from haliref.parse.tagger import Tagger
from haliref.web import api

__all__ = ["DEFAULT_LIMIT", "create_app"]

DEFAULT_LIMIT = 8_000_000  # bytes of input text; a 2,000-note list is well under 1 MB
_TOKEN_HEADER = "x-haliref-token"
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
_HEADERS = {
    "Content-Security-Policy": _CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_ASSETS = {"/page.js": "text/javascript; charset=utf-8", "/page.css": "text/css; charset=utf-8"}


def _asset(name: str) -> str:
    return (importlib.resources.files("haliref.web") / "page" / name).read_text(encoding="utf-8")


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=_HEADERS)


def create_app(
    *,
    limit: int = DEFAULT_LIMIT,
    tagger: Tagger | None = None,
    hosts: Iterable[str] = (),
    examples: Callable[[str], None] | None = None,
    token: str | None = None,
    online: dict[str, Any] | None = None,
) -> Starlette:
    """The application. ``hosts``: names it answers to besides the loopback ones (``*``: any);
    ``tagger``: the model to label with (``--model``); ``examples``: called with the AnyStyle
    XML of the user's relabelled citations each time they change (``--examples FILE``); ``online``: the
    options of the online check the page may ask for (:func:`haliref.check.online.check_online`'s: mailto,
    cache_path, crossref_url, openlibrary_url; tests: transport). The page asks for it, never by default."""
    secret = token or secrets.token_urlsafe(32)
    allowed = ["127.0.0.1", "localhost", "[::1]", "::1", *hosts]
    body_limit = limit * 4 // 3 + 1_000_000  # the input in base64 inside JSON, and the labels
    lock = threading.Lock()  # one pipeline run at a time: one user, and the memory stays flat
    page = _asset("index.html").replace("{{token}}", secret).replace("{{limit}}", str(limit))
    assets = {path: _asset(path.lstrip("/")) for path in _ASSETS}

    async def index(request: HttpRequest) -> Response:
        return Response(page, media_type="text/html; charset=utf-8", headers=_HEADERS)

    async def asset(request: HttpRequest) -> Response:
        return Response(assets[request.url.path], media_type=_ASSETS[request.url.path], headers=_HEADERS)

    def _cross_site(request: HttpRequest) -> str | None:
        """Why this POST is refused as a possible cross-site request, or None."""
        if not hmac.compare_digest(request.headers.get(_TOKEN_HEADER, ""), secret):
            return "this request did not come from the page this server served (reload the page)"
        if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return "requests from other sites are refused"
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
            return "requests from other sites are refused"
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return "the request must be JSON"
        return None

    async def _payload(request: HttpRequest) -> tuple[Any, Response | None]:
        refused = _cross_site(request)
        if refused:
            return None, _error(refused, 403)
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > body_limit:
            return None, _error(api.too_big(int(declared) * 3 // 4, limit), 413)
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > body_limit:
                return None, _error(api.too_big(len(body) * 3 // 4, limit), 413)
        try:
            return json.loads(body), None
        except (ValueError, UnicodeDecodeError):
            return None, _error("the request is not valid JSON")

    def _run(work: Callable[[], Response]) -> Response:
        try:
            with lock, young_collections_spaced():
                return work()
        except InputError as error:
            return _error(str(error))
        except RecursionError:
            return _error("the input is nested too deeply to read")

    async def read(request: HttpRequest) -> Response:
        payload, refused = await _payload(request)
        if refused:
            return refused

        def work() -> dict[str, Any]:
            asked = api.read_request(payload, limit=limit)
            labeller = asked.tagger(tagger)
            document = api.read_document(asked, tagger)
            if payload.get("online"):
                document = api.check_online(document, dict(online or {}))
            if examples is not None and asked.labels:
                from haliref.parse.relabel import examples_xml

                examples(examples_xml(asked.labels))
            return api.view(document, asked, labeller)

        if isinstance(payload, dict) and payload.get("stream"):
            return StreamingResponse(_streamed(work), media_type="application/x-ndjson", headers=_HEADERS)
        return await _threaded(lambda: JSONResponse(work(), headers=_HEADERS))

    async def _streamed(work: Callable[[], dict[str, Any]]) -> AsyncIterator[bytes]:
        """The answer as lines of JSON: {"progress": {stage, done, total}} as the work goes (at most ten a
        second), then {"view": …} or {"error": …}. The last line is the same for the same request."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        last: dict[str, Any] = {"at": 0.0, "stage": ""}

        def listener(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage == last["stage"] and 0 < done < total and now - last["at"] < 0.1:
                return
            last.update(at=now, stage=stage)
            loop.call_soon_threadsafe(queue.put_nowait, {"progress": {"stage": stage, "done": done, "total": total}})

        def job() -> None:
            result: dict[str, Any]
            with progress.reporting(listener):
                try:
                    with lock, young_collections_spaced():
                        result = {"view": work()}
                except InputError as error:
                    result = {"error": str(error)}
                except RecursionError:
                    result = {"error": "the input is nested too deeply to read"}
            loop.call_soon_threadsafe(queue.put_nowait, result)

        from starlette.concurrency import run_in_threadpool

        running = asyncio.ensure_future(run_in_threadpool(job))
        while True:
            item = await queue.get()
            yield json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
            if "progress" not in item:
                break
        await running

    async def export(request: HttpRequest) -> Response:
        payload, refused = await _payload(request)
        if refused:
            return refused

        def work() -> Response:
            asked = api.read_request(payload, limit=limit)
            what = payload.get("download") if isinstance(payload.get("download"), dict) else {}
            name, media, content = api.export(asked, what, tagger)
            headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
            return Response(content.encode("utf-8"), media_type=media, headers=headers)

        return await _threaded(work)

    async def _threaded(work: Callable[[], Response]) -> Response:
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_run, work)

    routes = [
        Route("/", index, methods=["GET"]),
        *(Route(path, asset, methods=["GET"]) for path in _ASSETS),
        Route("/api/read", read, methods=["POST"]),
        Route("/api/export", export, methods=["POST"]),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed)]
    return Starlette(routes=routes, middleware=middleware)
