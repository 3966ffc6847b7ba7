"""Every `kg` command answers bad input the same way: one `error[E…]` line on stderr, a
non-zero exit, no traceback, and nothing changed (the store's quads, the folders around it).

The matrix crosses the commands with the kinds of bad input that apply to each: a missing
file, an empty one, a folder, a file that is not UTF-8, a binary file, malformed Turtle /
TriG / JSON-LD / JSONL, invalid SPARQL, an unknown option, an output that cannot be written,
a store path that is a file, a store folder that is not a store. Commands run in-process
(`kg_cli`: `kg.cli.main.main`, which is what turns errors into lines), against one small
store per module made with `kg load`. Every case fails before spaCy loads: the checks run
while the command line is parsed, and ingest opens the store before it extracts. Cases that
need a user without root's file permissions skip under root.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli.main import main
from kg.store import open_store

TRIG = """\
@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p ex:b . ex:a ex:q "un été" . }
ex:g2 { ex:b ex:p ex:c . }
"""
ARTICLE = "La France a annoncé des sanctions contre la Russie.\n"
LATIN1 = b'<http://e/a> <http://e/p> "caf\xe9" .\n'  # valid Turtle but for the encoding
BINARY = bytes(range(256)) * 4
SEED_TRIG = (
    "@prefix ex: <http://example.org/> .\n<http://example.org/curated> { ex:a ex:p ex:b . }\n"
)
SEED_ARTICLE = '{"id": "a-1", "lang": "fr", "date": "2024-01-03", "text": "Rien."}\n'


@dataclass
class World:
    """The paths the cases name, and a fingerprint of everything a failing case must not touch."""

    paths: dict[str, str]
    root: Path

    def fill(self, arg: str) -> str:
        """`arg` with each `{name}` replaced by that path (`{inputs}`: the inputs folder)."""
        paths = {**self.paths, "inputs": str(self.root / "inputs")}
        return re.sub(r"\{([\w.-]+)\}", lambda m: paths[m.group(1)], arg)

    def fingerprint(self) -> tuple[str, ...]:
        """Hashes of both stores' sorted quads, and a listing (with contents) of every other
        file and folder of the module's playground except the stores."""
        out = [_store_hash(Path(self.paths["store"]), "oxigraph")]
        out.append(_store_hash(Path(self.paths["memstore"]), "memory"))
        for path in sorted(self.root.rglob("*")):
            if path.relative_to(self.root).parts[0] in ("store", "mem-store"):
                continue
            if path.name == ".lock":  # the memory backend's lock file: a writer leaves it
                continue
            if path.is_dir():
                data = b"<dir>"
            else:
                data = path.read_bytes() if os.access(path, os.R_OK) else b"<unreadable>"
            out.append(f"{path.relative_to(self.root)} {hashlib.sha256(data).hexdigest()}")
        return tuple(out)


def _store_hash(path: Path, backend: str) -> str:
    store = open_store(path, backend=backend, read_only=True)
    try:
        return hashlib.sha256(repr(sorted(store.quads())).encode()).hexdigest()
    finally:
        store.close()


def _run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def _seeds(folder: Path, name: str, data: bytes, where: str = "curated") -> str:
    """A seeds folder like the project's, with one bad file `name` in `where`."""
    (folder / "curated").mkdir(parents=True)
    (folder / "articles").mkdir()
    (folder / "curated" / "tiny.trig").write_text(SEED_TRIG, encoding="utf-8")
    (folder / "articles" / "articles.jsonl").write_text(SEED_ARTICLE, encoding="utf-8")
    (folder / where / name).write_bytes(data)
    return str(folder)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("bad-input")
    d = root / "inputs"
    d.mkdir()
    files: dict[str, bytes] = {
        "good.trig": TRIG.encode(),
        "article.txt": ARTICLE.encode(),
        "empty.jsonld": b"",
        "empty.jsonl": b"",
        "empty.rq": b"",
        "latin1.ttl": LATIN1,
        "latin1.txt": "L'été à Genève.\n".encode("latin-1"),
        "latin1.jsonl": '{"id": "x", "text": "été"}\n'.encode("latin-1"),
        "latin1.rq": 'ASK { ?s ?p "été" }'.encode("latin-1"),
        "binary.ttl": BINARY,
        "binary.txt": BINARY,
        "binary.jsonl": BINARY,
        "binary.rq": BINARY,
        "bad.ttl": b"@prefix ex: <http://e/> .\nex:a ex:p .\n",
        "bad.trig": b"@prefix ex: <http://e/> .\nex:g { ex:a ex:p ex:b .\n",
        "bad.jsonld": b'{"@id": "http://e/a", "http://e/p": ',
        "bad.jsonl": b'{"id": "a", "text": "x"}\n{oops\n',
        "array.jsonl": b'["not", "an", "object"]\n',
        "notext.jsonl": b'{"id": "a", "lang": "fr"}\n',
        "bad.rq": b"SELECT * WHERE { ?s ?p\n",
        "data.txt": TRIG.encode(),  # RDF with a suffix that names no RDF format
        "afile": b"just a file\n",
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    for name in ("noread.trig", "noread.rq", "noread.txt", "noread.jsonl"):
        files[name] = b""
        (d / name).write_bytes(b"")
        (d / name).chmod(0)
    for folder in ("folder.ttl", "folder.txt", "folder.jsonl", "folder.rq", "empty-corpus"):
        (d / folder).mkdir()
    notstore = root / "notstore-folder"
    notstore.mkdir()
    (notstore / "notes.txt").write_text("not a store\n", encoding="utf-8")
    badmem = root / "badmem-store"
    badmem.mkdir()
    (badmem / "dataset.nq").write_bytes(b"this is not N-Quads\n")
    (root / "out").mkdir()
    readonly = root / "readonly"
    readonly.mkdir()
    paths = {name: str(d / name) for name in files}
    paths.update({f: str(d / f) for f in ("folder.ttl", "folder.txt", "folder.jsonl", "folder.rq")})
    paths.update(
        store=str(root / "store"),
        memstore=str(root / "mem-store"),
        nostore=str(root / "out" / "no-store-here"),
        notstore=str(notstore),
        badmem=str(badmem),
        corpus=paths["afile"],
        empty_corpus=str(d / "empty-corpus"),
        out=str(root / "out"),
        under_file=str(d / "afile" / "out.x"),
        readonly=str(readonly / "out.x"),
        seeds_missing=str(root / "out" / "no-seeds"),
        seeds_bad_ttl=_seeds(
            root / "seeds-bad-ttl", "broken.ttl", b"<http://e/a> <http://e/p> .\n"
        ),
        seeds_latin1=_seeds(root / "seeds-latin1", "latin1.ttl", LATIN1),
        seeds_binary=_seeds(root / "seeds-binary", "binary.trig", BINARY),
        seeds_bad_jsonl=_seeds(root / "seeds-bad-jsonl", "more.jsonl", b"{oops\n", "articles"),
    )
    for backend, key in (("oxigraph", "store"), ("memory", "memstore")):
        code = _run("--store", paths[key], "--backend", backend, "load", paths["good.trig"])
        assert code == 0
    readonly.chmod(0o555)
    yield World(paths, root)
    readonly.chmod(0o755)


S = ("--store", "{store}")
MEM = ("--store", "{memstore}", "--backend", "memory")
STORE_CASES = {
    "store-is-a-file": ("--store", "{afile}"),
    "store-folder-not-a-store": ("--store", "{notstore}"),
}
READ_STORE_CASES = {**STORE_CASES, "store-missing": ("--store", "{nostore}")}
MEM_STORE_CASES = {
    "memory-store-is-a-file": ("--store", "{afile}", "--backend", "memory"),
    "memory-store-folder-not-a-store": ("--store", "{notstore}", "--backend", "memory"),
    "memory-store-unreadable": ("--store", "{badmem}", "--backend", "memory"),
}
READERS = {
    "query": ("query", "ASK {}"),
    "export": ("export", "--format", "nq"),
    "stats": ("stats",),
    "explain-event": ("explain-event", "https://w3id.org/geopol-kg/resource/event/real/0"),
    "validate": ("validate",),
    "viz": ("viz", "--out", "{out}/v.html"),
    "report": ("report", "--out", "{out}/report"),
    "serve": ("serve", "--port", "0"),
    "push": ("push", "--to", "http://127.0.0.1:1"),
}
WRITERS = {
    "load": ("load", "{good.trig}"),
    "build": ("build", "--seeds", "{seeds_bad_ttl}", "--no-extract", "-q"),
    "ingest": ("ingest", "{article.txt}"),
}
UNWRITABLE = {
    "export": ("export", "--format", "nq", "--out"),
    "export-network": ("export", "--format", "graphml", "--out"),
    "extract": ("extract", "{article.txt}", "--out"),
    "viz": ("viz", "--out"),
    "report": ("report", "--out"),
    "train": ("train", "--corpus", "{empty_corpus}", "--out"),
}

CASES: dict[str, tuple[str, ...]] = {
    "main-unknown-command": ("nope",),
    "main-unknown-option": ("--nope", "stats"),
    "main-bad-backend": ("--backend", "nope", "stats"),
    # load
    "load-missing-file": (*S, "load", "{inputs}/nope.ttl"),
    "load-folder": (*S, "load", "{folder.ttl}"),
    "load-unreadable": (*S, "load", "{noread.trig}"),
    "load-empty-jsonld": (*S, "load", "{empty.jsonld}"),
    "load-not-utf8": (*S, "load", "{latin1.ttl}"),
    "load-binary": (*S, "load", "{binary.ttl}"),
    "load-malformed-turtle": (*S, "load", "{bad.ttl}"),
    "load-malformed-trig": (*S, "load", "{bad.trig}"),
    "load-malformed-jsonld": (*S, "load", "{bad.jsonld}"),
    "load-good-then-bad": (*S, "load", "{good.trig}", "{bad.ttl}"),
    "load-unknown-suffix": (*S, "load", "{data.txt}"),
    "load-unknown-format": (*S, "load", "{good.trig}", "--format", "xls"),
    "load-bad-graph-iri": (*S, "load", "{good.trig}", "--graph", "not an iri"),
    "load-no-file": (*S, "load"),
    "load-memory-malformed": (*MEM, "load", "{bad.trig}"),
    # validate FILE...
    "validate-missing-file": (*S, "validate", "{inputs}/nope.ttl"),
    "validate-folder": (*S, "validate", "{folder.ttl}"),
    "validate-unreadable": (*S, "validate", "{noread.trig}"),
    "validate-empty-jsonld": (*S, "validate", "{empty.jsonld}"),
    "validate-not-utf8": (*S, "validate", "{latin1.ttl}"),
    "validate-binary": (*S, "validate", "{binary.ttl}"),
    "validate-malformed-turtle": (*S, "validate", "{bad.ttl}"),
    "validate-malformed-trig": (*S, "validate", "{bad.trig}"),
    "validate-malformed-jsonld": (*S, "validate", "{bad.jsonld}"),
    "validate-unknown-suffix": (*S, "validate", "{data.txt}"),
    # query
    "query-invalid-sparql": (*S, "query", "SELECT * WHERE { ?s "),
    "query-invalid-sparql-memory": (*MEM, "query", "SELECT * WHERE { ?s "),
    "query-missing-rq": (*S, "query", "{inputs}/nope.rq"),
    "query-folder-rq": (*S, "query", "{folder.rq}"),
    "query-unreadable-rq": (*S, "query", "{noread.rq}"),
    "query-empty-rq": (*S, "query", "{empty.rq}"),
    "query-not-utf8-rq": (*S, "query", "{latin1.rq}"),
    "query-binary-rq": (*S, "query", "{binary.rq}"),
    "query-invalid-sparql-rq": (*S, "query", "{bad.rq}"),
    "query-empty-text": (*S, "query", ""),
    "query-none": (*S, "query"),
    "query-unknown-name": (*S, "query", "nosuchquery"),
    "query-bad-param": (*S, "query", "dyad", "--param", "oops"),
    "query-unknown-param": (*S, "query", "dyad", "--param", "zz=1"),
    "query-not-utf8-text": (*S, "query", "ASK { ?s ?p '\udcff' }"),
    "query-not-utf8-param": (*S, "query", "dyad", "--param", "a=\udcff"),
    "query-bad-format": (*S, "query", "ASK {}", "--format", "xls"),
    "query-update-refused": (*S, "query", "DELETE WHERE { ?s ?p ?o }"),
    # export
    "export-out-is-a-folder": (*S, "export", "--format", "nq", "--out", "{out}"),
    "export-bad-format": (*S, "export", "--format", "xls"),
    "export-no-format": (*S, "export"),
    # extract
    "extract-missing-file": ("extract", "{inputs}/nope.txt"),
    "extract-folder": ("extract", "{folder.txt}"),
    "extract-unreadable": ("extract", "{noread.txt}"),
    "extract-not-utf8-txt": ("extract", "{latin1.txt}"),
    "extract-not-utf8-jsonl": ("extract", "{latin1.jsonl}"),
    "extract-binary": ("extract", "{binary.txt}"),
    "extract-binary-jsonl": ("extract", "{binary.jsonl}"),
    "extract-malformed-jsonl": ("extract", "{bad.jsonl}"),
    "extract-jsonl-not-objects": ("extract", "{array.jsonl}"),
    "extract-jsonl-no-text": ("extract", "{notext.jsonl}"),
    "extract-date-word": ("extract", "{article.txt}", "--date", "tomorrow"),
    "extract-date-month": ("extract", "{article.txt}", "--date", "2024-06"),
    "extract-date-impossible": ("extract", "{article.txt}", "--date", "2024-02-30"),
    "extract-out-is-a-folder": ("extract", "{article.txt}", "--out", "{out}"),
    "extract-unknown-lang": ("extract", "{article.txt}", "--lang", "xx"),
    "extract-bad-confidence": ("extract", "{article.txt}", "--min-confidence", "2"),
    "extract-bad-method": ("extract", "{article.txt}", "--method", "magic"),
    "extract-bad-format": ("extract", "{article.txt}", "--format", "xls"),
    "extract-no-file": ("extract",),
    # ingest (option checks only: the body is someone else's)
    "ingest-missing-file": (*S, "ingest", "{inputs}/nope.txt"),
    "ingest-folder": (*S, "ingest", "{folder.txt}"),
    "ingest-unreadable": (*S, "ingest", "{noread.txt}"),
    "ingest-not-utf8": (*S, "ingest", "{latin1.txt}"),
    "ingest-binary": (*S, "ingest", "{binary.txt}"),
    "ingest-malformed-jsonl": (*S, "ingest", "{bad.jsonl}"),
    "ingest-date-word": (*S, "ingest", "{article.txt}", "--date", "tomorrow"),
    "ingest-date-impossible": (*S, "ingest", "{article.txt}", "--date", "2024-13-01"),
    "ingest-workers-zero": (*S, "ingest", "{article.txt}", "--workers", "0"),
    "ingest-workers-negative": (*S, "ingest", "{article.txt}", "--workers", "-2"),
    "ingest-batch-size-zero": (*S, "ingest", "{article.txt}", "--batch-size", "0"),
    "ingest-unknown-lang": (*S, "ingest", "{article.txt}", "--lang", "xx"),
    # eval
    "eval-missing-gold": ("eval", "{inputs}/nope.jsonl", "--pred", "{empty.jsonl}"),
    "eval-folder-gold": ("eval", "{folder.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-unreadable-gold": ("eval", "{noread.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-empty-gold": ("eval", "{empty.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-not-utf8-gold": ("eval", "{latin1.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-binary-gold": ("eval", "{binary.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-malformed-gold": ("eval", "{bad.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-gold-not-objects": ("eval", "{array.jsonl}", "--pred", "{empty.jsonl}"),
    "eval-missing-pred": ("eval", "{notext.jsonl}", "--pred", "{inputs}/nope.jsonl"),
    "eval-malformed-pred": ("eval", "{notext.jsonl}", "--pred", "{bad.jsonl}"),
    "eval-bad-limit": ("eval", "{notext.jsonl}", "--pred", "{notext.jsonl}", "--limit", "-1"),
    # explain
    "explain-not-utf8-text": ("explain", "\udcff\udcfe"),
    "explain-date-word": ("explain", "La France.", "--date", "tomorrow"),
    "explain-unknown-lang": ("explain", "La France.", "--lang", "xx"),
    "explain-no-text": ("explain",),
    "explain-event-no-such-event": (*S, "explain-event", "https://x.org/no-such-event"),
    "explain-event-no-iri": (*S, "explain-event"),
    # viz
    "viz-out-is-a-folder": (*S, "viz", "--out", "{out}"),
    "viz-bad-since": (*S, "viz", "--out", "{out}/v.html", "--since", "tomorrow"),
    "viz-bad-until": (*S, "viz", "--out", "{out}/v.html", "--until", "2024-13"),
    "viz-bad-modality": (*S, "viz", "--out", "{out}/v.html", "--modality", "sure"),
    "viz-bad-level": (*S, "viz", "--out", "{out}/v.html", "--level", "planet"),
    "viz-missing-query-file": (*S, "viz", "--out", "{out}/v.html", "--query", "{inputs}/no.rq"),
    "viz-invalid-query": (*S, "viz", "--out", "{out}/v.html", "--query", "{bad.rq}"),
    "viz-unreadable-query": (*S, "viz", "--out", "{out}/v.html", "--query", "{noread.rq}"),
    "viz-not-utf8-title": (*S, "viz", "--out", "{out}/v.html", "--title", "\udcff"),
    # report
    "report-out-is-a-file": (*S, "report", "--out", "{afile}"),
    "report-bad-since": (*S, "report", "--out", "{out}/report", "--since", "tomorrow"),
    "report-bad-until": (*S, "report", "--out", "{out}/report", "--until", "2024-13-45"),
    "report-bad-top": (*S, "report", "--out", "{out}/report", "--top", "0"),
    "report-bad-modality": (*S, "report", "--out", "{out}/report", "--modality", "sure"),
    # build
    "build-missing-seeds": (*S, "build", "--seeds", "{seeds_missing}", "--no-extract", "-q"),
    "build-seeds-is-a-file": (*S, "build", "--seeds", "{afile}", "--no-extract", "-q"),
    "build-malformed-turtle": (*S, "build", "--seeds", "{seeds_bad_ttl}", "--no-extract", "-q"),
    "build-not-utf8": (*S, "build", "--seeds", "{seeds_latin1}", "--no-extract", "-q"),
    "build-binary": (*S, "build", "--seeds", "{seeds_binary}", "--no-extract", "-q"),
    "build-malformed-jsonl": (*S, "build", "--seeds", "{seeds_bad_jsonl}", "--no-extract", "-q"),
    # serve: every case fails before the socket is bound (nothing is ever served)
    "serve-update-without-token": (*S, "serve", "--port", "0", "--allow-update"),
    "serve-token-without-update": (*S, "serve", "--port", "0", "--token", "abcdefgh"),
    "serve-token-with-a-space": (*S, "serve", "--allow-update", "--token", "a b"),
    "serve-bad-port": (*S, "serve", "--port", "70000"),
    "serve-bad-timeout": (*S, "serve", "--timeout", "-1"),
    "serve-bad-max-rows": (*S, "serve", "--max-rows", "many"),
    "serve-bad-cors": (*S, "serve", "--port", "0", "--cors", "localhost:8888"),
    "serve-host-not-of-this-machine": (*S, "serve", "--port", "0", "--host", "192.0.2.1"),
    # remote stores (loopback port 1: nothing listens there)
    "stats-no-server-at-the-url": ("--store", "http://127.0.0.1:1", "stats"),
    "query-unknown-engine": ("--store", "fuseki2+http://127.0.0.1:1", "query", "ASK {}"),
    "stats-url-with-a-folder-backend": (
        "--store",
        "http://127.0.0.1:1",
        "--backend",
        "memory",
        "stats",
    ),
    "stats-folder-with-the-remote-backend": (*S, "--backend", "remote", "stats"),
    "serve-a-url": ("--store", "http://127.0.0.1:1", "serve", "--port", "0"),
    "push-without-to": (*S, "push"),
    "push-to-a-folder": (*S, "push", "--to", "{out}"),
    "push-from-a-url": ("--store", "http://127.0.0.1:1", "push", "--to", "http://127.0.0.1:1"),
    "push-unknown-graph": (*S, "push", "--to", "http://127.0.0.1:1", "--graph", "http://e/none"),
    "bad-store-timeout": (*S, "--store-timeout", "-1", "stats"),
    # train: only what fails before the corpus is parsed
    "train-missing-corpus": ("train", "--corpus", "{inputs}/no-corpus"),
    "train-corpus-is-a-file": ("train", "--corpus", "{corpus}"),
    "train-empty-corpus": ("train", "--corpus", "{empty_corpus}", "--out", "{out}/m.pkl"),
    "train-out-is-a-folder": ("train", "--corpus", "{empty_corpus}", "--out", "{out}"),
    "train-bad-fraction": ("train", "--corpus", "{empty_corpus}", "--fraction", "0"),
    "train-bad-C": ("train", "--corpus", "{empty_corpus}", "-C", "0"),
    "train-unknown-lang": ("train", "--corpus", "{empty_corpus}", "--lang", "xx"),
}
for command, args in READERS.items():
    for case, store in READ_STORE_CASES.items():
        CASES[f"{command}-{case}"] = (*store, *args)
for command, args in WRITERS.items():
    for case, store in STORE_CASES.items():
        CASES[f"{command}-{case}"] = (*store, *args)
for case, store in MEM_STORE_CASES.items():
    CASES[f"load-{case}"] = (*store, "load", "{good.trig}")
for command, args in UNWRITABLE.items():
    CASES[f"{command}-out-under-a-file"] = (*S, *args, "{under_file}")
    CASES[f"{command}-out-in-read-only-folder"] = (*S, *args, "{readonly}")
for command in "build load query export stats validate extract ingest eval explain explain-event viz report train serve push".split():
    CASES[f"{command}-unknown-option"] = (*S, command, "--no-such-option")


@pytest.mark.parametrize("template", [pytest.param(a, id=name) for name, a in CASES.items()])
def test_bad_input_matrix(kg_cli, world: World, template: tuple[str, ...]) -> None:
    if "{readonly}" in template and os.access(Path(world.paths["readonly"]).parent, os.W_OK):
        pytest.skip("this user writes into read-only folders (root)")
    if any("{noread" in a for a in template) and os.access(world.paths["noread.rq"], os.R_OK):
        pytest.skip("this user reads files without read permission (root)")
    args = [world.fill(a) for a in template]
    before = world.fingerprint()
    result = kg_cli(*args)
    assert result.code != 0, (result.out, result.err)
    assert "Traceback" not in result.out + result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error[E"), result.err
    assert "error[" not in result.out
    assert world.fingerprint() == before


def test_bad_input_matrix_covers_every_command() -> None:
    from kg.cli.main import COMMANDS

    covered = {args[args.index(c)] for args in CASES.values() for c in COMMANDS if c in args}
    assert covered == set(COMMANDS)


def test_bad_input_not_utf8_argument_in_a_real_process(tmp_path: Path) -> None:
    """Regression: `kg explain $'\\xff\\xfe'` (argv bytes that are not UTF-8, which Python
    hands over as surrogate escapes) crashed in spaCy's tokenizer with a traceback."""
    proc = subprocess.run(
        [sys.executable, "-c", "from kg.cli.main import main; main()", "explain", b"\xff\xfe"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KG_STORE": str(tmp_path / "none")},
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error[E011]: TEXT: not UTF-8") and proc.stderr.count("\n") == 1


def test_bad_input_help_still_works(kg_cli) -> None:
    result = kg_cli("--help")
    assert result.code == 0 and "Commands:" in result.out and result.err == ""
    result = kg_cli("ingest", "--help")
    assert result.code == 0 and "--workers" in result.out
