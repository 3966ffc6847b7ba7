"""Execute every notebook of notebooks/ top to bottom against a freshly built store.

The store is built once per session with the `kg build` CLI into a temporary folder, and the
kernels see it through `$KG_STORE`, so the developer's `.kg-store` is never read or written.
Run with `pytest -m notebook`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds; the first extraction loads the spaCy model


def _kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli.main"]


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo graph, built by `kg build` into a temporary folder once per session."""
    store = tmp_path_factory.mktemp("notebook-store") / "store"
    result = subprocess.run(
        [*_kg_command(), "--store", str(store), "build", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    if result.returncode != 0:
        pytest.fail(f"kg build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return store


@pytest.fixture
def kernel_env(built_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Kernels inherit this process's environment: point `$KG_STORE` at the built store."""
    monkeypatch.setenv("KG_STORE", str(built_store))
    return built_store


def test_notebooks_exist() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert "03_network_analysis.ipynb" in names


@pytest.mark.notebook
def test_notebooks_stored_without_outputs() -> None:
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs, f"{path.name}: stored with outputs"
                assert cell.execution_count is None, f"{path.name}: stored with execution counts"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, kernel_env: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{path.name} raised:\n{exc}")
