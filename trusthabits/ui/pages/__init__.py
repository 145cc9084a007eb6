"""One module per page: its route, its State and its layout, side by side."""
