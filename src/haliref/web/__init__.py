"""``haliref serve``: a local web page to paste a list, see what haliref read, correct it and download it.

:mod:`haliref.web.api` holds what the page asks and is answered (pure functions),
:mod:`haliref.web.app` the Starlette application with its safety checks,
:mod:`haliref.web.serve` the server (uvicorn) the command starts; the page itself
(``page/index.html``, ``page.js``, ``page.css``) is data, shipped with the package.
"""

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> object:
    if name == "create_app":
        from haliref.web.app import create_app

        return create_app
    if name == "serve":
        from haliref.web.serve import serve

        return serve
    raise AttributeError(f"module 'haliref.web' has no attribute {name!r}")
