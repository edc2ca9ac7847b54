"""Katalog Inovasi Daerah: load, validate and publish regional-government innovations."""

__version__ = "0.1.0"
