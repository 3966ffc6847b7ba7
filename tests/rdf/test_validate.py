"""SHACL validation (kg.rdf.validate) and the `kg validate` command."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal

from kg import vocab
from kg.cli.main import main
from kg.rdf.mapping import events_graph, reference_graph
from kg.rdf.validate import union_graph, validate
from kg.vocab import KGO, OWL


def run(argv: list[str]) -> int:
    """Run the `kg` entry point; its exit code (0 when it returns normally)."""
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.fixture
def good_graph(seed_doc, seed_events, fake_gazetteer):
    return events_graph(seed_doc, seed_events) + reference_graph(fake_gazetteer)


def test_validate_well_formed_mapped_events_conform(good_graph) -> None:
    report = validate(good_graph)
    assert report.conforms, "\n".join(map(str, report.violations))
    assert report.violations == []
    assert report.nodes_checked >= 5 + 4 + 1  # events, states, document...


def test_validate_event_without_actor_names_the_node(good_graph) -> None:
    ev = next(good_graph.subjects(KGO.eventKind, Literal("visit")))
    good_graph.remove((ev, KGO.actor, None))
    # break a mention, a state and an asserted event's denials as well
    good_graph.add((vocab.state_iri("RUS"), OWL.sameAs, vocab.WD.Q1))
    sanction = next(good_graph.subjects(KGO.eventKind, Literal("sanction")))
    good_graph.add((sanction, KGO.deniedBy, vocab.state_iri("RUS")))
    report = validate(good_graph)
    assert not report.conforms
    by_path = {(v.focus_node, v.path) for v in report.violations}
    short = vocab.KGR.__str__()
    assert (str(ev).replace(short, "kgr:"), "kgo:actor") in by_path
    assert ("kgr:state/RUS", "owl:sameAs") in by_path
    assert (str(sanction).replace(short, "kgr:"), "kgo:modality") in by_path
    actor_msgs = [v.message for v in report.violations if v.path == "kgo:actor"]
    assert "exactly one kgo:actor" in actor_msgs[0]


def test_validate_dataset_union_of_named_graphs(seed_doc, seed_events, fake_gazetteer) -> None:
    ds = Dataset()
    doc_graph = ds.graph(vocab.document_graph(seed_doc.id))
    for t in events_graph(seed_doc, seed_events):
        doc_graph.add(t)
    # without the reference graph, states lack owl:sameAs: not conforming
    assert not validate(ds).conforms
    ref = ds.graph(vocab.KGR["graph/reference"])
    for t in reference_graph(fake_gazetteer):
        ref.add(t)
    assert len(union_graph(ds)) == len(set(union_graph(ds)))
    assert validate(ds).conforms


def test_validate_cli_files_conform_and_fail(tmp_path, good_graph, capsys) -> None:
    ok = tmp_path / "ok.ttl"
    good_graph.serialize(ok, format="turtle")
    assert run(["--backend", "memory", "validate", str(ok)]) == 0
    assert capsys.readouterr().out.startswith("conforms: ")
    ev = next(good_graph.subjects(KGO.eventKind, Literal("visit")))
    good_graph.remove((ev, KGO.actor, None))
    bad = tmp_path / "bad.ttl"
    good_graph.serialize(bad, format="turtle")
    assert run(["--backend", "memory", "validate", str(bad)]) == 2
    out = capsys.readouterr()
    assert f"kgr:event/{str(ev).rsplit('/', 1)[-1]} kgo:actor:" in out.out
    assert "error[E050]" in out.err


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_validate_cli_store(tmp_path, good_graph, capsys, backend) -> None:
    from kg.store import open_store

    folder = tmp_path / "store"
    store = open_store(folder, backend=backend, create=True)
    store.replace_graph(vocab.KGR["graph/test"], good_graph)
    store.close()
    assert run(["--store", str(folder), "--backend", backend, "validate"]) == 0
    assert "conforms: " in capsys.readouterr().out


def test_validate_event_of_a_person_coded_to_no_state_conforms(seed_doc, fake_gazetteer) -> None:
    from kg.extract.model import Actor, Event

    singer = Actor("OTHER", "Yannick Noah", kind="person")
    g = events_graph(seed_doc, [Event("praise", singer, Actor("RUS", "Russie"))])
    report = validate(g + reference_graph(fake_gazetteer))
    assert report.conforms, "\n".join(map(str, report.violations))
