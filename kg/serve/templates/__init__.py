"""The query page of `kg serve` (HTML with its CSS and JavaScript inline); data only, no code."""
