"""The local web dashboard: FastAPI, thin over the library.

``create_app(store)`` builds the app; ``fairweather serve`` runs it on
127.0.0.1. Pages fetch the JSON API under ``/api`` (schema at
``/api/openapi.json``) and draw with the plotly.js of the installed plotly
package; nothing loads from a CDN.
"""

from __future__ import annotations

from fairweather.web.app import create_app, run_request

__all__ = ["create_app", "run_request"]
