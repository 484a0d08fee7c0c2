"""Leaders' counts (the dashboard's metrics) and the data behind official documents."""
