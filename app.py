"""Observatoire de l'offshoring: `streamlit run app.py` (or `make run`).

Config -> dataset -> navigation over the pages; everything else lives in indicators/.
"""

from indicators.ui.shell import main

main()
