"""Long texts: cut into pieces (`split_text`), parsed one after the other, read as one
document. A text of independent paragraphs gives the same events whole and in pieces, a
later paragraph still reads what an earlier piece named, and a text with no line break is
cut at sentence ends."""

from __future__ import annotations

import random

import pytest

import kg.extract.pipeline as pipeline
from kg.extract.model import Event
from kg.extract.pipeline import _pieces, extract_text, split_text

# paragraphs that each name their own actors: cut between any two, none needs another
_PARAGRAPHS = [
    "Le Canada a annoncé de nouvelles sanctions contre l'Iran.",
    "La Russie a condamné les frappes israéliennes en Syrie.",
    "Le président français Emmanuel Macron s'est rendu au Maroc mardi.",
    "L'Allemagne a signé un accord de coopération militaire avec l'Inde.",
    "Le Japon a protesté auprès de la Chine après l'incident.",
    "Le Brésil a accusé le Venezuela de violer sa frontière.",
    "La Turquie a expulsé deux diplomates suédois.",
    "L'Australie a félicité la Nouvelle-Zélande pour son élection.",
]

# a later paragraph that needs an earlier one: "le pays" is the article's main state
# (Burundi), "Valdemarín" alone keeps the code the first mention of his name took (Chile)
_REFERRING = [
    "Jorge Valdemarín, porte-parole du gouvernement chilien, est arrivé hier.",
    "Le Burundi est sous pression. Le gouvernement burundais a expulsé trois experts de "
    "l'ONU, dont l'Algérienne Maya Fadel.",
    "La réunion s'est tenue dans la capitale pendant plusieurs heures.",
    "Les discussions ont porté sur le budget et sur les élections à venir.",
    "Aucune décision n'a été rendue publique à l'issue de la rencontre.",
    "Le pays souhaite aussi quitter l'Union africaine.",
    "Valdemarín a ensuite condamné le Pérou.",
]


def _read(events: list[Event]) -> list[tuple]:
    """Everything an event says, its mentions' offsets and sentences included."""
    return sorted(
        (
            e.kind,
            e.source.code,
            e.target.code,
            e.modality,
            e.date,
            e.confidence,
            tuple(d.code for d in e.denied_by),
            tuple((m.start, m.end, m.trigger, m.sentence, m.rule) for m in e.mentions),
        )
        for e in events
    )


def _check_offsets(text: str, events: list[Event]) -> None:
    for e in events:
        for m in e.mentions:
            assert text[m.start : m.end] == m.trigger
            at = text.rfind(m.sentence, 0, m.start + len(m.sentence))
            assert at != -1 and m.end <= at + len(m.sentence), m


# -- the cutting -------------------------------------------------------------------------


def test_long_texts_pieces_cover_the_text_within_the_limit():
    rng = random.Random(7)
    words = ["mot", "La", "fin.", "Oui !", "«", "»", "\n", "\n\n", "  ", "x" * 30, "été,"]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 120)))
        limit = rng.randint(2, 90)
        pieces = list(split_text(text, limit))
        assert "".join(p for _, p in pieces) == text
        assert all(0 < len(p) <= limit for _, p in pieces) or text == ""
        assert [o for o, _ in pieces] == [
            sum(len(p) for _, p in pieces[:k]) for k in range(len(pieces))
        ]


def test_long_texts_short_text_is_one_piece():
    assert list(split_text("Une phrase.", 100)) == [(0, "Une phrase.")]
    assert list(split_text("", 100)) == [(0, "")]


def test_long_texts_cut_after_the_last_paragraph_of_the_second_half():
    first = "Premier paragraphe, assez long pour la moitié.\n\n"
    text = first + "Une ligne.\nEt une phrase. Puis la suite du texte qui déborde largement."
    limit = len(first) + 30  # the line break and the sentence end come later, in the limit
    (_, piece), *_ = split_text(text, limit)
    assert piece == first


def test_long_texts_cut_at_a_line_then_a_sentence_then_a_space():
    head = "a" * 40
    assert next(split_text(head + " x.\nLa suite. Et encore du texte", 60))[1] == head + " x.\n"
    no_line = head + " fin. La suite, et encore du texte sans fin"
    assert next(split_text(no_line, 60))[1] == head + " fin. "
    no_stop = head + " sans point et encore du texte sans fin"
    assert next(split_text(no_stop, 60))[1] == head + " sans point et "


def test_long_texts_a_closing_quote_stays_with_its_sentence():
    text = "a" * 40 + " « Nous partirons. » Le ministre a ajouté quelque chose"
    assert next(split_text(text, 70))[1].endswith("partirons. » ")


def test_long_texts_a_title_initial_is_no_sentence_end():
    text = "a" * 40 + " la suite. Selon M. Dupont, la chose continue sans arrêt"
    assert next(split_text(text, 75))[1].endswith("la suite. ")


def test_long_texts_a_text_with_no_space_is_cut_at_the_limit():
    assert [p for _, p in split_text("x" * 25, 10)] == ["x" * 10, "x" * 10, "x" * 5]


def test_long_texts_a_sentence_end_in_the_first_half_beats_a_space_in_the_second():
    text = "Une phrase. " + "mot " * 20
    assert next(split_text(text, 60))[1] == "Une phrase. "


def test_long_texts_pieces_carry_context_from_a_clean_start():
    text = "\n\n".join(_PARAGRAPHS)
    pieces = list(_pieces(text, 240))
    assert len(pieces) > 2
    own_parts = [p.text[p.own :] for p in pieces]
    assert "".join(own_parts) == text
    assert all(len(p.text) <= 240 for p in pieces)
    for p, nxt in zip(pieces, pieces[1:], strict=False):
        assert p.until is not None and p.start + p.until == nxt.start  # where the next starts
    assert pieces[-1].until is None
    for p in pieces[1:]:
        assert p.start == 0 or text[p.start - 2 : p.start] in ("\n\n", ". ")  # a clean start


# -- reading in pieces -------------------------------------------------------------------

slow = pytest.mark.slow  # these load the spaCy model


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch):
    """Read texts in pieces of at most `size` characters."""

    def _set(size: int) -> None:
        monkeypatch.setattr(pipeline, "PIECE_CHARS", size)

    return _set


@slow
def test_long_texts_independent_paragraphs_give_the_same_events_in_pieces(tiny_pieces):
    text = "\n\n".join(_PARAGRAPHS)
    whole = extract_text(text, date="2024-06-17")
    assert len(whole) == len(_PARAGRAPHS) + 1  # the Russian paragraph names two events
    _check_offsets(text, whole)
    for size in (240, 300):
        cuts = [p.start + p.own for p in _pieces(text, size)][1:]
        assert len(cuts) > 1 and all(text[cut - 2 : cut] == "\n\n" for cut in cuts)
        tiny_pieces(size)
        pieces = extract_text(text, date="2024-06-17")
        assert _read(pieces) == _read(whole)
        _check_offsets(text, pieces)


@slow
@pytest.mark.parametrize(
    ("size", "overlap", "method"),
    [(240, None, None), (300, None, None), (150, 0, "rules"), (200, 0, "rules")],
)
def test_long_texts_a_later_piece_reads_what_earlier_ones_named(
    tiny_pieces, monkeypatch, size, overlap, method
):
    # with no overlap, what the pieces before named comes from the carried context alone
    # (the learned step, which reads the sentences before, is left out then)
    text = "\n\n".join(_REFERRING)
    whole = extract_text(text, date="2024-06-17", method=method)
    assert {("BDI", "AU"), ("CHL", "PER")} <= {(e.source.code, e.target.code) for e in whole}
    if overlap is not None:
        monkeypatch.setattr(pipeline, "OVERLAP_CHARS", overlap)
    tiny_pieces(size)
    pieces = list(_pieces(text, size))
    assert len(pieces) > 2 and "Burundi" not in pieces[-1].text  # "le pays" is far
    assert _read(extract_text(text, date="2024-06-17", method=method)) == _read(whole)


@slow
def test_long_texts_a_text_with_no_line_break_is_cut_at_sentences(tiny_pieces):
    sentence = "Le Canada a annoncé des sanctions contre l'Iran. "
    text = sentence * 60  # 3,000 characters, no newline
    tiny_pieces(400)
    pieces = list(_pieces(text, 400))
    assert len(pieces) > 5
    assert all(p.text.endswith(". ") for p in pieces)
    events = extract_text(text, date="2024-06-17")
    assert len(events) == 1 and len(events[0].mentions) == 60
    _check_offsets(text, events)
    assert sorted(m.start for m in events[0].mentions) == [
        k * len(sentence) + sentence.index("sanctions") for k in range(60)
    ]


@slow
def test_long_texts_pieces_are_read_as_they_are_cut(tiny_pieces, monkeypatch):
    # a stream: the first piece is read before the last one is cut, so that a long text's
    # parses are never all in memory at once
    log: list[str] = []
    cut, read = pipeline._pieces, pipeline._read_spacy_doc

    def pieces(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        for piece in cut(*args, **kwargs):
            log.append("cut")
            yield piece

    def reading(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        log.append("read")
        return read(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_pieces", pieces)
    monkeypatch.setattr(pipeline, "_read_spacy_doc", reading)
    tiny_pieces(200)
    extract_text("\n\n".join(_PARAGRAPHS * 3), date="2024-06-17")
    assert log.count("cut") == log.count("read") > 10
    assert log.index("read") <= 3  # a piece ahead at most, whatever the batch size
