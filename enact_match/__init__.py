"""ENACT Match: connects companies' R&D needs with the research teams that can answer them."""

__version__ = "0.1.0"
