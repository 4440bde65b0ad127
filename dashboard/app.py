"""The app factory: load the data once, build the page, wire the callbacks."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from dash import Dash
from flask import send_from_directory

from dashboard.answers import ResponseCache
from dashboard.callbacks import register_callbacks
from dashboard.data import load_reviewed, prepare
from dashboard.export import SHAPES_DIR
from dashboard.figures import type_colors
from dashboard.filters import Filters
from dashboard.layout import build_layout
from dashboard.views import CachedViews

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
TOPOJSON_ROUTE = "/_dala/topojson/"


def create_app(data: pd.DataFrame | Path | str, *, answers: ResponseCache | None = None) -> Dash:
    """A Dash app over `data`: a records DataFrame, or a records file / folder path. `answers` keeps
    recent views answers (default: this process's own ResponseCache; the server shares one).

    Raises ValueError naming the file when a path is missing, corrupt or not Dala records.
    """
    if isinstance(data, pd.DataFrame):
        dataset = prepare(data, source="in-memory records")
    else:
        dataset = prepare(load_reviewed(Path(data)), source=Path(data).name)
    app = Dash(__name__, title="Dala", update_title=None, assets_folder=str(ASSETS_DIR))
    _serve_shapes(app)
    topojson_url = app.get_relative_path(TOPOJSON_ROUTE)
    colors = type_colors(dataset.events["event_type"])
    views_for = CachedViews(dataset, colors=colors)
    initial = views_for(Filters(), lanes="actor", selected=None, shade_window=False)
    app.layout = build_layout(dataset, initial, topojson_url=topojson_url)
    register_callbacks(app, dataset, views_for=views_for, colors=colors, topojson_url=topojson_url,
                       answers=answers or ResponseCache())
    return app


def _serve_shapes(app: Dash) -> None:
    """Natural Earth outlines from geodata/shapes, so plotly's geo never asks its CDN."""

    @app.server.route(TOPOJSON_ROUTE + "<path:name>")
    def topojson(name: str):
        return send_from_directory(SHAPES_DIR, name, max_age=86_400)

