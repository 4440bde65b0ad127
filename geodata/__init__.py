"""Gazetteer, sites, actor dictionary and map outlines: the data the extractor and the map read (see README.md)."""
