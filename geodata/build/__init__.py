"""Build scripts for everything generated from ``geodata/sources/`` and the language packs.

``python -m geodata.build`` runs them in dependency order (see ``__main__``).
"""
