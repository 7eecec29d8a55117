"""One JSON shape for every error of the web layer, and the request size limit.

Every error the dashboard's API returns has the same body::

    {"error": {"type": "UnknownStateError", "message": "Unknown country 'Irn'. Did you mean: IRN?",
               "field": "target", "suggestions": ["IRN"]}}

``type`` names the error, ``message`` says what went wrong and what to do,
``field`` names the request field at fault (or is null). Library errors
(:class:`fairweather.errors.FairweatherError` and its subclasses) map to 4xx
codes in one table, :data:`STATUS`; request validation failures are 422,
unknown routes 404, oversized bodies 413. ``tests/web/test_web_error_shape.py``
pins this shape down.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fairweather import errors as fe

__all__ = ["STATUS", "MAX_BODY_BYTES", "ErrorBody", "ErrorOut", "error_response", "at_field", "install_error_handlers",
           "BodyLimitMiddleware"]

log = logging.getLogger("fairweather.web")

#: Largest request body accepted, in bytes; a scenario is a few hundred.
MAX_BODY_BYTES = 16 * 1024

#: HTTP status per library error class; the first class an error is an instance of wins.
STATUS: tuple[tuple[type[BaseException], int], ...] = (
    (fe.UnknownStateError, 422),
    (fe.DateError, 422),
    (fe.ScenarioError, 422),
    (fe.ModelError, 422),
    (fe.EventFormatError, 422),
    (fe.CoverageError, 404),
    (fe.NotFittedError, 409),
    (fe.FairweatherError, 400),
)

_HTTP_TYPES = {400: "BadRequest", 404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge",
               415: "UnsupportedMediaType", 422: "ValidationError"}


class ErrorBody(BaseModel):
    """What went wrong: the error's type, a message saying what to do, and the field at fault."""

    type: str
    message: str
    field: str | None = None
    suggestions: list[str] | None = None


class ErrorOut(BaseModel):
    """The body of every error response."""

    error: ErrorBody


def error_response(status: int, type_: str, message: str, field: str | None = None,
                   suggestions: list[str] | None = None) -> JSONResponse:
    """A JSON error response in the one shape of this module."""
    body: dict[str, Any] = {"type": type_, "message": message, "field": field}
    if suggestions is not None:
        body["suggestions"] = list(suggestions)
    return JSONResponse({"error": body}, status_code=status)


@contextlib.contextmanager
def at_field(name: str) -> Iterator[None]:
    """Tag library errors raised inside with the request ``field`` they came from."""
    try:
        yield
    except fe.FairweatherError as exc:
        if getattr(exc, "field", None) is None:
            exc.field = name  # type: ignore[attr-defined]
        raise


def _library_error(request: Request, exc: Exception) -> JSONResponse:
    status = next(code for cls, code in STATUS if isinstance(exc, cls))
    suggestions = list(exc.suggestions) if isinstance(exc, fe.UnknownStateError) else None
    return error_response(status, type(exc).__name__, str(exc), getattr(exc, "field", None), suggestions)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errs = exc.errors()
    first = errs[0] if errs else {"loc": (), "msg": "invalid request"}
    loc = [str(p) for p in first.get("loc", ())]
    if loc and loc[0] in ("query", "body", "path", "header", "cookie"):
        loc = loc[1:]  # where the field was sent, not its name
    field = ".".join(loc) or None
    if first.get("type") == "json_invalid":
        message = "The request body is not valid JSON; send a JSON object such as " \
                  '{"target": "IRN", "attackers": ["ISR", "USA"], "date": "2025-06-13"}.'
    else:
        message = f"{field or 'request'}: {first.get('msg', 'invalid value')}"
        if "input" in first and isinstance(first["input"], (str, int, float)) and len(str(first["input"])) <= 80:
            message += f"; got {first['input']!r}"
        message += "."
    if len(errs) > 1:
        message += f" ({len(errs) - 1} more problem{'s' if len(errs) > 2 else ''} in this request.)"
    return error_response(422, "ValidationError", message, field)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else "request refused"
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No page or API route at {request.url.path}; the API is described at /api/openapi.json."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}; the dashboard is read-only (use GET)."
    return error_response(exc.status_code, _HTTP_TYPES.get(exc.status_code, "HTTPError"), detail)


def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(500, "InternalError", f"Unexpected {type(exc).__name__}; this is a bug in fairweather, "
                                                "please report it with the request that caused it.")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error of ``app`` to the one JSON shape."""
    app.add_exception_handler(fe.FairweatherError, _library_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _server_error)


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, before any handler reads them.

    A declared ``Content-Length`` is checked first; a body sent without one
    (chunked) is read up to the limit and replayed to the app.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await self._refuse(scope, receive, send, 400, "BadRequest", "The Content-Length header is not a number.")
                return
            if too_big:
                await self._refuse(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int = 413,
                      type_: str = "PayloadTooLarge", message: str | None = None) -> None:
        response = error_response(status, type_, message or f"The request body is larger than {self.max_bytes} bytes; "
                                                            "a scenario needs only a few hundred.")
        await response(scope, receive, send)
