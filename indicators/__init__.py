"""Observatoire de l'offshoring: curated indicators of Morocco's offshoring sector.

The core (everything but ``indicators.ui``) imports and runs without Streamlit.
"""

__version__ = "0.1.0"
