"""Dala's dashboard: ``create_app(data) -> Dash`` and the ``dala serve`` / ``dala export`` commands."""
