"""One script a page (run by st.navigation); each also exposes its drawing function."""
