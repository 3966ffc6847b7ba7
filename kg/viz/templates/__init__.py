"""Template, CSS and JavaScript of the viewer page; data only, no code."""
