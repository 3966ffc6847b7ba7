"""Third-party assets inlined into the viewer page (see NOTICE.md); data only, no code."""
