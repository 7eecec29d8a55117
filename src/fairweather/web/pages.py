"""The dashboard's pages and its fixed set of static assets.

Pages are small HTML shells rendered from the package's templates; their
script (``static/app.js``) fetches the JSON API and draws with plotly.js,
which is served from the installed ``plotly`` package (no CDN). A request can
name only an asset of :data:`ASSETS`; nothing in a URL reaches the file system.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

__all__ = ["router", "PAGES", "EVENT_PAGES", "ASSETS"]

router = APIRouter(include_in_schema=False)

#: path -> (template, page title, nav label)
PAGES: dict[str, tuple[str, str, str]] = {
    "/": ("scenario.html.j2", "Scenario builder", "Scenario"),
    "/cohesion": ("cohesion.html.j2", "Bloc cohesion", "Cohesion"),
    "/network": ("network.html.j2", "Network map", "Network"),
    "/data": ("data.html.j2", "Data and provenance", "Data"),
    "/saydo": ("saydo.html.j2", "Say versus do", "Say–do"),
}

#: Pages shown only when the app has event data.
EVENT_PAGES = frozenset({"/saydo"})

#: asset name -> media type; the only files the app serves.
ASSETS: dict[str, str] = {
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "plotly.min.js": "text/javascript; charset=utf-8",
}


@lru_cache(maxsize=None)
def _asset(name: str) -> bytes:
    if name == "plotly.min.js":
        import plotly.offline

        return plotly.offline.get_plotlyjs().encode("utf-8")
    return resources.files("fairweather.web").joinpath("static", name).read_bytes()


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("fairweather.web", "templates"),
                              autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _page(request: Request, path: str) -> HTMLResponse:
    has_events = request.app.state.fairweather.saydo_ready
    if path in EVENT_PAGES and not has_events:
        raise HTTPException(404, "The say–do page needs event data: start the dashboard with "
                                 "`fairweather serve --events FILE`.")
    template, title, _ = PAGES[path]
    nav = [(p, label, p == path) for p, (_, _, label) in PAGES.items() if has_events or p not in EVENT_PAGES]
    from fairweather.briefing import DEFAULT_FIRST_YEAR, last_data_year

    # the year fields start where the CLI's cohesion and the API start (fairweather.briefing's defaults)
    years = {"first_year": DEFAULT_FIRST_YEAR, "last_year": last_data_year(request.app.state.fairweather.store)}
    return HTMLResponse(_env().get_template(template).render(title=title, nav=nav, page=template.split(".")[0], **years))


@router.get("/", response_class=HTMLResponse)
def scenario_page(request: Request) -> HTMLResponse:
    """Build a scenario (target, attackers, date, partners, what-ifs); see the forecast and its reasons."""
    return _page(request, "/")


@router.get("/cohesion", response_class=HTMLResponse)
def cohesion_page(request: Request) -> HTMLResponse:
    """A bloc's cohesion profile over time, compared with other blocs."""
    return _page(request, "/cohesion")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    """The network map of a bloc's commitments and ties in one year."""
    return _page(request, "/network")


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request) -> HTMLResponse:
    """The data browser: a state's profile as of a date, crises and responses, each with its source."""
    return _page(request, "/data")


@router.get("/saydo", response_class=HTMLResponse)
def saydo_page(request: Request) -> HTMLResponse:
    """Say versus do in the event data the dashboard was started with (``--events``)."""
    return _page(request, "/saydo")


@router.get("/static/{name}")
def static_asset(name: Annotated[str, Path(max_length=40)]) -> Response:
    """One of the fixed assets in :data:`ASSETS`; any other name is a 404."""
    media = ASSETS.get(name)
    if media is None:
        raise HTTPException(404, f"No static asset {name!r}; assets: {', '.join(ASSETS)}.")
    return Response(_asset(name), media_type=media, headers={"Cache-Control": "public, max-age=3600"})
