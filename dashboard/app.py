"""The app factory: load the data once, build the page, wire the callbacks."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from dash import Dash, html
from flask import send_from_directory

from dashboard.answers import ResponseCache
from dashboard.callbacks import register_callbacks
from dashboard.live import LiveData
from dashboard.export import SHAPES_DIR
from dashboard.filters import Filters
from dashboard.layout import build_layout

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
TOPOJSON_ROUTE = "/_dala/topojson/"


def create_app(data: pd.DataFrame | Path | str, *, answers: ResponseCache | None = None) -> Dash:
    """A Dash app over `data`: a records DataFrame, or a records file / folder path. `answers` keeps
    recent views answers (default: this process's own ResponseCache; the server shares one).

    Raises ValueError naming the file when a path is missing, corrupt or not Dala records.
    """
    live = LiveData.open(data)  # loads the data now, so a bad file fails before anything listens
    app = Dash(__name__, title="Dala", update_title=None, assets_folder=str(ASSETS_DIR))
    _serve_shapes(app)
    topojson_url = app.get_relative_path(TOPOJSON_ROUTE)

    def page() -> html.Div:
        """The page as the data is now: a reload shows the decisions made since the app started."""
        current = live.current()
        initial = current.views(Filters(), lanes="actor", selected=None, shade_window=False)
        return build_layout(current.data, initial, topojson_url=topojson_url)

    app.layout = page
    register_callbacks(app, live, colors=live.colors, topojson_url=topojson_url, answers=answers or ResponseCache())
    return app


def _serve_shapes(app: Dash) -> None:
    """Natural Earth outlines from geodata/shapes, so plotly's geo never asks its CDN."""

    @app.server.route(TOPOJSON_ROUTE + "<path:name>")
    def topojson(name: str):
        return send_from_directory(SHAPES_DIR, name, max_age=86_400)

