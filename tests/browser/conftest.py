"""Browser tests load the viewer's sample store from tests/viz/sample_store.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "viz"))
