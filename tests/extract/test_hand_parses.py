"""The argument and modality readers on parses built by hand, the way spaCy tests its French
syntax iterators (`spacy/tests/lang/fr/test_noun_chunks.py`): each sentence is a table of
tokens (index, word, head index, dependency, part of speech, lemma, morphology) turned into
a `Doc`, with the actor mentions given by hand, so these tests do not depend on the
statistical parser or the gazetteer. Each asserts exactly what the reader returns."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.actors import ActorIndex, ActorMention
from kg.extract.arguments import conj_items, governor, is_passive, read_role, subjects
from kg.extract.modality import read_modality
from kg.extract.model import Actor
from kg.extract.syntax import case_of
from kg.extract.triggers import Trigger
from kg.nlp import cues

VOCAB = spacy.blank("fr").vocab
IGOS = {"EU", "UN", "NATO", "AU"}


def parse(table: str) -> Doc:
    """A Doc from rows `i word head dep pos lemma [morph]` (head: absolute token index)."""
    words, heads, deps, pos, lemmas, morphs = [], [], [], [], [], []
    for n, line in enumerate(table.strip().splitlines()):
        i, word, head, dep, tag, lemma, *morph = line.split()
        assert int(i) == n, f"row {n} is numbered {i}"
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        lemmas.append(lemma)
        morphs.append(morph[0] if morph else "")
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, morphs=morphs)


def index(**mentions: int | tuple[int, int]) -> ActorIndex:
    """Mentions by code: `FRA=1` (token 1) or `EU=(7, 9)` (tokens 7-8, head 7)."""
    out = ActorIndex("fr")
    for code, where in mentions.items():
        start, end = (where, where + 1) if isinstance(where, int) else where
        kind = "igo" if code in IGOS else "state"
        out.add(ActorMention(start, end, start, [Actor(code, code, kind)], "name"))
    return out


def codes(found: list[Actor]) -> list[str]:
    return [a.code for a in found]


def role(name: str, tok, trig: Trigger, idx: ActorIndex) -> tuple[list[str], float]:  # noqa: ANN001
    found, confidence = read_role(name, tok, trig, idx)
    return codes(found), confidence


def trigger(lemma: str, pos: str, kind: str, source: str, target: str) -> Trigger:
    return Trigger(
        id=f"test.{lemma}",
        lemma=lemma,
        pos=pos,
        kind=kind,
        source=tuple(source.split("|")),
        target=tuple(target.split("|")),
        needs=(),
    )


CONDEMN = trigger("condamner", "VERB", "condemn", "subj", "obj")
SANCTION_V = trigger("sanctionner", "VERB", "sanction", "subj", "obj")
SUPPLY = trigger("livrer", "VERB", "aid_military", "subj", "à|au|aux")
OPPOSE = trigger("opposer", "VERB", "reject", "subj", "à|au|aux")
WITHDRAW = trigger("retirer", "VERB", "withdraw", "subj", "de|du|des")
SANCTION_N = trigger("sanction", "NOUN", "sanction", "subj|de|poss", "contre|à|envers")
VISIT_N = trigger("visite", "NOUN", "visit", "subj|de|poss", "à|en|au|aux|dans|chez")
SUPPORT_N = trigger("soutien", "NOUN", "support", "subj|de|poss", "à|au|aux|envers")
WAR_N = trigger("guerre", "NOUN", "attack", "subj|de|poss", "contre|en|à")

# "La France a condamné l'Iran."
CONDEMNED = """
0 La        1 det       DET   le
1 France    3 nsubj     PROPN France
2 a         3 aux:tense AUX   avoir     Mood=Ind|Tense=Pres|VerbForm=Fin
3 condamné  3 ROOT      VERB  condamner Gender=Masc|Tense=Past|VerbForm=Part
4 l'        5 det       DET   le
5 Iran      3 obj       PROPN Iran
6 .         3 punct     PUNCT .
"""

# "La Syrie a été sanctionnée par l'Union européenne."
SANCTIONED = """
0 La          1 det        DET   le
1 Syrie       4 nsubj:pass PROPN Syrie
2 a           4 aux:tense  AUX   avoir       Mood=Ind|Tense=Pres|VerbForm=Fin
3 été         4 aux:pass   AUX   être        Tense=Past|VerbForm=Part
4 sanctionnée 4 ROOT       VERB  sanctionner Gender=Fem|Tense=Past|VerbForm=Part|Voice=Pass
5 par         7 case       ADP   par
6 l'          7 det        DET   le
7 Union       4 obl:agent  PROPN Union
8 européenne  7 amod       ADJ   européen
9 .           4 punct      PUNCT .
"""

# "Les autorités ukrainiennes ont accusé l'Iran de livrer des drones à la Russie."
ACCUSED_OF_SUPPLY = """
0  Les          1 det       DET   le
1  autorités    4 nsubj     NOUN  autorité
2  ukrainiennes 1 amod      ADJ   ukrainien
3  ont          4 aux:tense AUX   avoir     Mood=Ind|Tense=Pres|VerbForm=Fin
4  accusé       4 ROOT      VERB  accuser   Tense=Past|VerbForm=Part
5  l'           6 det       DET   le
6  Iran         4 obj       PROPN Iran
7  de           8 mark      ADP   de
8  livrer       4 xcomp     VERB  livrer    VerbForm=Inf
9  des         10 det       DET   un
10 drones       8 obj       NOUN  drone
11 à           13 case      ADP   à
12 la          13 det       DET   le
13 Russie       8 obl:arg   PROPN Russie
14 .            4 punct     PUNCT .
"""

# "Le ministre israélien a demandé que les bureaux de l'UNESCO soient fermés."
ASKED_CLOSED = """
0  Le        1 det        DET   le
1  ministre  4 nsubj      NOUN  ministre
2  israélien 1 amod       ADJ   israélien
3  a         4 aux:tense  AUX   avoir    Mood=Ind|Tense=Pres|VerbForm=Fin
4  demandé   4 ROOT       VERB  demander Tense=Past|VerbForm=Part
5  que      12 mark       SCONJ que
6  les       7 det        DET   le
7  bureaux  12 nsubj:pass NOUN  bureau
8  de       10 case       ADP   de
9  l'       10 det        DET   le
10 UNESCO    7 nmod       PROPN UNESCO
11 soient   12 aux:pass   AUX   être     Mood=Sub|Tense=Pres|VerbForm=Fin
12 fermés    4 ccomp      VERB  fermer   Tense=Past|VerbForm=Part
13 .         4 punct      PUNCT .
"""

# "Le Canada a annoncé de nouvelles sanctions contre l'Iran."
SANCTIONS_AGAINST = """
0  Le        1 det       DET   le
1  Canada    3 nsubj     PROPN Canada
2  a         3 aux:tense AUX   avoir    Mood=Ind|Tense=Pres|VerbForm=Fin
3  annoncé   3 ROOT      VERB  annoncer Tense=Past|VerbForm=Part
4  de        6 det       DET   de
5  nouvelles 6 amod      ADJ   nouveau
6  sanctions 3 obj       NOUN  sanction
7  contre    9 case      ADP   contre
8  l'        9 det       DET   le
9  Iran      6 nmod      PROPN Iran
10 .         3 punct     PUNCT .
"""

# "La Chine et le Brésil ont signé un accord."
SIGNED_TOGETHER = """
0 La     1 det       DET   le
1 Chine  6 nsubj     PROPN Chine
2 et     4 cc        CCONJ et
3 le     4 det       DET   le
4 Brésil 1 conj      PROPN Brésil
5 ont    6 aux:tense AUX   avoir  Mood=Ind|Tense=Pres|VerbForm=Fin
6 signé  6 ROOT      VERB  signer Tense=Past|VerbForm=Part
7 un     8 det       DET   un
8 accord 6 obj       NOUN  accord
9 .      6 punct     PUNCT .
"""


# -- syntax.case_of ------------------------------------------------------------------------


def test_hand_case_of_undoes_contractions():
    doc = parse("""
0 Le       1 det       DET   le
1 ministre 3 nsubj     NOUN  ministre
2 s'       3 expl:comp PRON  se
3 rend     3 ROOT      VERB  rendre Mood=Ind|Tense=Pres|VerbForm=Fin
4 au       5 case      ADP   à
5 Japon    3 obl:arg   PROPN Japon
""")
    assert [case_of(t) for t in doc] == ["", "", "", "", "", "à"]


def test_hand_case_of_elision_with_a_stray_space():
    doc = parse("""
0 la           1 det   DET   le
1 souveraineté 1 ROOT  NOUN  souveraineté
2 d            4 case  ADP   de
3 '            4 punct PUNCT '
4 Israël       1 nmod  PROPN Israël
""")
    assert case_of(doc[4]) == "de"


def test_hand_case_of_adverb_before_de_is_the_preposition():
    doc = parse("""
0 Le       1 det       DET   le
1 Japon    3 nsubj     PROPN Japon
2 a        3 aux:tense AUX   avoir
3 protesté 3 ROOT      VERB  protester
4 auprès   3 advmod    ADV   auprès
5 de       7 case      ADP   de
6 la       7 det       DET   le
7 Corée    4 obl       PROPN Corée
""")
    assert (case_of(doc[7]), case_of(doc[1])) == ("auprès", "")


# -- arguments.is_passive ------------------------------------------------------------------


def test_hand_is_passive_needs_its_auxiliary():
    assert is_passive(parse(SANCTIONED)[4]) is True
    assert is_passive(parse(CONDEMNED)[3]) is False


def test_hand_is_passive_pronominal_verb_is_not():
    doc = parse("""
0 La       1 det       DET   le
1 Russie   4 nsubj     PROPN Russie
2 s'       4 expl:comp PRON  se
3 est      4 aux:pass  AUX   être
4 opposée  4 ROOT      VERB  opposer Tense=Past|VerbForm=Part
5 à        7 case      ADP   à
6 l'       7 det       DET   le
7 ONU      4 obl:arg   PROPN ONU
""")
    assert is_passive(doc[4]) is False
    assert role("à", doc[4], OPPOSE, index(RUS=1, UN=7)) == (["UN"], 0.9)


def test_hand_is_passive_subject_mislabelled_passive_with_avoir():
    # the parser's nsubj:pass alone is no passive: "ont accusé" is active
    doc = parse("""
0 Les        1 det        DET   le
1 États-Unis 3 nsubj:pass PROPN États-Unis
2 ont        3 aux:tense  AUX   avoir   Mood=Ind|Tense=Pres|VerbForm=Fin
3 accusé     3 ROOT       VERB  accuser Tense=Past|VerbForm=Part
4 l'         5 det        DET   le
5 Iran       3 obj        PROPN Iran
""")
    idx = index(USA=1, IRN=5)
    assert is_passive(doc[3]) is False
    assert codes(subjects(doc[3], idx, patient_ok=False)) == ["USA"]


def test_hand_is_passive_etre_verb_is_not():
    doc = parse("""
0 La      1 det      DET   le
1 Grèce   3 nsubj    PROPN Grèce
2 est     3 aux:pass AUX   être
3 convenue 3 ROOT    VERB  convenir Tense=Past|VerbForm=Part
""")
    assert is_passive(doc[3]) is False


# -- arguments.subjects --------------------------------------------------------------------


def test_hand_subjects_active_and_passive():
    assert codes(subjects(parse(CONDEMNED)[3], index(FRA=1, IRN=5))) == ["FRA"]
    # the agent "par X" of a passive, not its grammatical subject
    assert codes(subjects(parse(SANCTIONED)[4], index(SYR=1, EU=(7, 9)))) == ["EU"]


def test_hand_subjects_object_control_gives_the_object():
    doc = parse(ACCUSED_OF_SUPPLY)
    idx = index(UKR=(1, 3), IRN=6, RUS=13)
    assert codes(subjects(doc[8], idx)) == ["IRN"]  # Iran supplies, not the accusers
    assert codes(subjects(doc[4], idx)) == ["UKR"]


def test_hand_subjects_passive_patient_is_no_doer():
    doc = parse(ASKED_CLOSED)
    idx = index(ISR=(1, 3), UN=10)
    # with patient_ok False the closing is the asker's, read through the clause
    assert codes(subjects(doc[12], idx, patient_ok=False)) == ["ISR"]
    assert codes(subjects(doc[12], idx, patient_ok=True)) == ["UN"]


def test_hand_subjects_speaker_is_not_the_doer_of_a_reported_passive():
    doc = parse("""
0  Le       1 det        DET   le
1  ministre 4 nsubj      NOUN  ministre
2  mexicain 1 amod       ADJ   mexicain
3  a        4 aux:tense  AUX   avoir   Mood=Ind|Tense=Pres|VerbForm=Fin
4  précisé  4 ROOT       VERB  préciser Tense=Past|VerbForm=Part
5  que      9 mark       SCONJ que
6  des      7 det        DET   un
7  accords  9 nsubj:pass NOUN  accord
8  seront   9 aux:pass   AUX   être    Mood=Ind|Tense=Fut|VerbForm=Fin
9  signés   4 ccomp      VERB  signer  Tense=Past|VerbForm=Part
10 .        4 punct      PUNCT .
""")
    assert subjects(doc[9], index(MEX=(1, 3)), patient_ok=False) == []
    assert read_modality(doc[9], cues("fr")) == ("planned", ["future:signés"])


def test_hand_subjects_coordinated_subject_gives_both():
    doc = parse(SIGNED_TOGETHER)
    assert codes(subjects(doc[6], index(CHN=1, BRA=4))) == ["CHN", "BRA"]


# -- arguments.conj_items ------------------------------------------------------------------


def test_hand_conj_items_one_list_per_member():
    doc = parse(SIGNED_TOGETHER)
    idx = index(CHN=1, BRA=4)
    assert [codes(item) for item in conj_items(doc[6], idx)] == [["CHN"], ["BRA"]]
    assert [codes(item) for item in conj_items(doc[8], idx)] == [["CHN"], ["BRA"]]  # the noun


def test_hand_conj_items_group_in_parentheses_is_one_member():
    doc = parse("""
0  L'         1 det       DET   le
1  Iran      11 nsubj     PROPN Iran
2  et         4 cc        CCONJ et
3  les        4 det       DET   le
4  pays       1 conj      NOUN  pays
5  (          6 punct     PUNCT (
6  États-Unis 4 appos     PROPN États-Unis
7  ,          8 punct     PUNCT ,
8  Russie     6 conj      PROPN Russie
9  )          6 punct     PUNCT )
10 ont       11 aux:tense AUX   avoir     Mood=Ind|Tense=Pres|VerbForm=Fin
11 conclu    11 ROOT      VERB  conclure  Tense=Past|VerbForm=Part
12 un        13 det       DET   un
13 accord    11 obj       NOUN  accord
14 .         11 punct     PUNCT .
""")
    idx = index(IRN=1, USA=6, RUS=8)
    assert [codes(item) for item in conj_items(doc[11], idx)] == [["IRN"], ["USA", "RUS"]]


def test_hand_conj_items_without_subject_is_empty():
    doc = parse("""
0 Signer 0 ROOT VERB  signer VerbForm=Inf
1 un     2 det  DET   un
2 accord 0 obj  NOUN  accord
""")
    assert conj_items(doc[0], index()) == []


# -- arguments.governor --------------------------------------------------------------------


def test_hand_governor_of_a_noun_is_its_verb():
    doc = parse(SANCTIONS_AGAINST)
    assert [governor(t).text for t in (doc[6], doc[9], doc[3])] == [
        "annoncé",
        "annoncé",  # "l'Iran" hangs on "sanctions", itself on the verb
        "annoncé",
    ]


def test_hand_governor_through_lors():
    doc = parse("""
0 Xi        3 nsubj     PROPN Xi
1 Jinping   0 flat:name PROPN Jinping
2 a         3 aux:tense AUX   avoir
3 averti    3 ROOT      VERB  avertir Tense=Past|VerbForm=Part
4 lors      3 advmod    ADV   lors
5 d'        7 case      ADP   de
6 un        7 det       DET   un
7 entretien 4 nmod      NOUN  entretien
8 .         3 punct     PUNCT .
""")
    assert governor(doc[7]).text == "averti"
    assert case_of(doc[7]) == "lors"


def test_hand_governor_of_a_subject_noun_is_itself():
    doc = parse("""
0 La     1 det   DET  le
1 guerre 3 nsubj NOUN guerre
2 a      3 aux:tense AUX avoir
3 cessé  3 ROOT  VERB cesser Tense=Past|VerbForm=Part
""")
    assert governor(doc[1]).i == 1


# -- arguments.read_role -------------------------------------------------------------------


def test_hand_read_role_subject_and_object_of_a_verb():
    doc = parse(CONDEMNED)
    idx = index(FRA=1, IRN=5)
    assert role("subj", doc[3], CONDEMN, idx) == (["FRA"], 0.9)
    assert role("obj", doc[3], CONDEMN, idx) == (["IRN"], 0.9)


def test_hand_read_role_object_of_a_passive_is_its_subject():
    doc = parse(SANCTIONED)
    idx = index(SYR=1, EU=(7, 9))
    assert role("subj", doc[4], SANCTION_V, idx) == (["EU"], 0.9)
    assert role("obj", doc[4], SANCTION_V, idx) == (["SYR"], 0.9)


def test_hand_read_role_object_misread_as_nmod():
    doc = parse("""
0 Le           1 det   DET   le
1 Royaume-Uni  2 nsubj PROPN Royaume-Uni
2 sanctionnera 2 ROOT  VERB  sanctionner Mood=Ind|Tense=Fut|VerbForm=Fin
3 la           4 det   DET   le
4 Biélorussie  2 nmod  PROPN Biélorussie
5 .            2 punct PUNCT .
""")
    assert role("obj", doc[2], SANCTION_V, index(GBR=1, BLR=4)) == (["BLR"], 0.7)
    assert read_modality(doc[2], cues("fr")) == ("planned", ["future:sanctionnera"])


def test_hand_read_role_a_preposition_of_the_infinitive():
    doc = parse(ACCUSED_OF_SUPPLY)
    idx = index(UKR=(1, 3), IRN=6, RUS=13)
    assert role("subj", doc[8], SUPPLY, idx) == (["IRN"], 0.9)
    assert role("à", doc[8], SUPPLY, idx) == (["RUS"], 0.9)
    assert role("contre", doc[8], SUPPLY, idx) == (
        [],
        0.6,
    )  # none: the linear fallback's confidence


def test_hand_read_role_de_of_a_verb():
    doc = parse("""
0 La      1 det       DET   le
1 France  4 nsubj     PROPN France
2 s'      4 expl:comp PRON  se
3 est     4 aux:tense AUX   être
4 retirée 4 ROOT      VERB  retirer Tense=Past|VerbForm=Part
5 du      6 case      ADP   de
6 Mali    4 obl:arg   PROPN Mali
7 .       4 punct     PUNCT .
""")
    assert role("de", doc[4], WITHDRAW, index(FRA=1, MLI=6)) == (["MLI"], 0.85)


def test_hand_read_role_noun_subject_through_a_light_verb_and_contre():
    doc = parse(SANCTIONS_AGAINST)
    idx = index(CAN=1, IRN=9)
    assert role("subj", doc[6], SANCTION_N, idx) == (["CAN"], 0.8)
    assert role("contre", doc[6], SANCTION_N, idx) == (["IRN"], 0.9)
    assert role("de", doc[6], SANCTION_N, idx) == ([], 0.0)


def test_hand_read_role_protester_is_not_the_visitor():
    doc = parse("""
0  La         1 det       DET   le
1  Chine      3 nsubj     PROPN Chine
2  a          3 aux:tense AUX   avoir
3  protesté   3 ROOT      VERB  protester Tense=Past|VerbForm=Part
4  contre     6 case      ADP   contre
5  la         6 det       DET   le
6  visite     3 obl:arg   NOUN  visite
7  de         9 case      ADP   de
8  la         9 det       DET   le
9  présidente 6 nmod      NOUN  président
10 taïwanaise 9 amod      ADJ   taïwanais
11 .          3 punct     PUNCT .
""")
    idx = index(CHN=1, TWN=(9, 11))
    assert role("subj", doc[6], VISIT_N, idx) == ([], 0.0)
    assert role("de", doc[6], VISIT_N, idx) == (["TWN"], 0.85)


def test_hand_read_role_topic_verb_gives_no_doer_light_verb_does():
    table = """
0 Le         1 det       DET   le
1 chancelier 4 nsubj     NOUN  chancelier
2 autrichien 1 amod      ADJ   autrichien
3 a          4 aux:tense AUX   avoir
4 {verb}     4 ROOT      VERB  {lemma}    Tense=Past|VerbForm=Part
5 la         6 det       DET   le
6 guerre     4 obj       NOUN  guerre
7 .          4 punct     PUNCT .
"""
    idx = index(AUT=(1, 3))
    talked = parse(table.format(verb="évoqué", lemma="évoquer"))
    waged = parse(table.format(verb="mené", lemma="mener"))
    assert role("subj", talked[6], WAR_N, idx) == ([], 0.0)
    assert role("subj", waged[6], WAR_N, idx) == (["AUT"], 0.8)


def test_hand_read_role_beneficiary_is_not_the_supporter():
    doc = parse("""
0 Le      1 det     DET   le
1 Mali    2 nsubj   PROPN Mali
2 peut    2 ROOT    VERB  pouvoir Mood=Ind|Tense=Pres|VerbForm=Fin
3 compter 2 xcomp   VERB  compter VerbForm=Inf
4 sur     6 case    ADP   sur
5 le      6 det     DET   le
6 soutien 3 obl:arg NOUN  soutien
7 de      9 case    ADP   de
8 l'      9 det     DET   le
9 Algérie 6 nmod    PROPN Algérie
""")
    idx = index(MLI=1, DZA=9)
    assert governor(doc[6]).text == "compter"
    assert role("subj", doc[6], SUPPORT_N, idx) == ([], 0.0)
    assert role("de", doc[6], SUPPORT_N, idx) == (["DZA"], 0.85)
    # "peut compter sur" is no "pourrait soutenir": the support is there
    assert read_modality(doc[6], cues("fr")) == ("asserted", [])


# -- modality.read_modality ----------------------------------------------------------------


def _verb(word: str, lemma: str, morph: str) -> Doc:
    """The sentence 'La Norvège WORD l'Ukraine.', with the verb's morphology as given."""
    return parse(f"""
0 La      1 det   DET   le
1 Norvège 2 nsubj PROPN Norvège
2 {word}  2 ROOT  VERB  {lemma} {morph}
3 l'      4 det   DET   le
4 Ukraine 2 obj   PROPN Ukraine
""")


def test_hand_modality_conditional_from_the_morphology():
    doc = _verb("soutiendrait", "soutenir", "Mood=Cnd|Tense=Pres|VerbForm=Fin")
    assert read_modality(doc[2], cues("fr")) == ("possible", ["conditional:soutiendrait"])


def test_hand_modality_conditional_from_the_word_when_the_tagger_misses_it():
    doc = _verb("soutiendrait", "soutenir", "Mood=Ind|Tense=Imp|VerbForm=Fin")
    assert read_modality(doc[2], cues("fr")) == ("possible", ["conditional:soutiendrait"])


def test_hand_modality_imperfect_and_future():
    lex = cues("fr")
    assert read_modality(
        _verb("soutenait", "soutenir", "Mood=Ind|Tense=Imp|VerbForm=Fin")[2], lex
    ) == (
        "asserted",
        [],
    )
    assert read_modality(
        _verb("soutiendra", "soutenir", "Mood=Ind|Tense=Pres|VerbForm=Fin")[2], lex
    ) == (
        "planned",
        ["future:soutiendra"],
    )


def test_hand_modality_past_conditional_is_alleged():
    doc = parse("""
0 Le     1 det       DET   le
1 Rwanda 3 nsubj     PROPN Rwanda
2 aurait 3 aux:tense AUX   avoir   Mood=Cnd|Tense=Pres|VerbForm=Fin
3 fourni 3 ROOT      VERB  fournir Tense=Past|VerbForm=Part
4 des    5 det       DET   un
5 armes  3 obj       NOUN  arme
""")
    assert read_modality(doc[3], cues("fr")) == ("alleged", ["conditional-past:fourni"])


def test_hand_modality_negation():
    doc = parse("""
0 Le         1 det       DET   le
1 chancelier 6 nsubj     NOUN  chancelier
2 allemand   1 amod      ADJ   allemand
3 ne         6 advmod    ADV   ne
4 s'         6 expl:comp PRON  se
5 est        6 aux:tense AUX   être    Mood=Ind|Tense=Pres|VerbForm=Fin
6 rendu      6 ROOT      VERB  rendre  Tense=Past|VerbForm=Part
7 pas        6 advmod    ADV   pas
8 en         9 case      ADP   en
9 Chine      6 obl:arg   PROPN Chine
""")
    assert read_modality(doc[6], cues("fr")) == ("negated", ["negation:pas@rendu"])


def test_hand_modality_plus_negates_only_with_ne():
    negated = parse("""
0 L'        1 det    DET   le
1 Allemagne 3 nsubj  PROPN Allemagne
2 ne        3 advmod ADV   ne
3 vend      3 ROOT   VERB  vendre Mood=Ind|Tense=Pres|VerbForm=Fin
4 plus      3 advmod ADV   plus
5 d'        6 det    DET   de
6 armes     3 obj    NOUN  arme
""")
    more = parse("""
0 L'        1 det    DET   le
1 Allemagne 2 nsubj  PROPN Allemagne
2 vend      2 ROOT   VERB  vendre Mood=Ind|Tense=Pres|VerbForm=Fin
3 plus      2 advmod ADV   plus
4 d'        5 det    DET   de
5 armes     2 obj    NOUN  arme
""")
    assert read_modality(negated[3], cues("fr")) == ("negated", ["negation:plus@vend"])
    assert read_modality(more[2], cues("fr")) == ("asserted", [])


def test_hand_modality_negated_stance_leaves_its_object_asserted():
    doc = parse("""
0 Le       1 det       DET   le
1 Brésil   4 nsubj     PROPN Brésil
2 n'       4 advmod    ADV   ne
3 a        4 aux:tense AUX   avoir     Mood=Ind|Tense=Pres|VerbForm=Fin
4 condamné 4 ROOT      VERB  condamner Tense=Past|VerbForm=Part
5 pas      4 advmod    ADV   pas
6 l'       7 det       DET   le
7 invasion 4 obj       NOUN  invasion
""")
    assert read_modality(doc[4], cues("fr")) == ("negated", ["negation:pas@condamné"])
    assert read_modality(doc[7], cues("fr")) == ("asserted", [])


def test_hand_modality_negated_light_verb_negates_its_noun():
    doc = parse("""
0 Le        1 det       DET   le
1 président 5 nsubj     NOUN  président
2 chilien   1 amod      ADJ   chilien
3 n'        5 advmod    ADV   ne
4 a         5 aux:tense AUX   avoir    Mood=Ind|Tense=Pres|VerbForm=Fin
5 effectué  5 ROOT      VERB  effectuer Tense=Past|VerbForm=Part
6 pas       5 advmod    ADV   pas
7 de        8 det       DET   de
8 visite    5 obj       NOUN  visite
""")
    assert read_modality(doc[8], cues("fr")) == ("negated", ["negation:pas@effectué"])


def test_hand_modality_governor_verbs():
    lex = cues("fr")
    must = parse("""
0 Le       1 det       DET   le
1 ministre 3 nsubj     NOUN  ministre
2 indien   1 amod      ADJ   indien
3 doit     3 ROOT      VERB  devoir Mood=Ind|Tense=Pres|VerbForm=Fin
4 se       5 expl:comp PRON  se
5 rendre   3 xcomp     VERB  rendre VerbForm=Inf
6 au       7 case      ADP   à
7 Japon    5 obl:arg   PROPN Japon
""")
    assert read_modality(must[5], lex) == ("planned", ["governor:devoir"])
    accused = parse(ACCUSED_OF_SUPPLY)
    assert read_modality(accused[8], lex) == ("alleged", ["governor:accuser"])
    asked = parse(ASKED_CLOSED)  # subjunctive under "demander que": the governor decides
    assert read_modality(asked[12], lex) == ("possible", ["governor:demander"])


def test_hand_modality_ruling_out_and_not_ruling_out():
    ruled_out = parse("""
0 Le           1 det    DET   le
1 Kenya        2 nsubj  PROPN Kenya
2 exclut       2 ROOT   VERB  exclure      Mood=Ind|Tense=Pres|VerbForm=Fin
3 une          4 det    DET   un
4 intervention 2 obj    NOUN  intervention
""")
    not_ruled_out = parse("""
0 Le           1 det    DET   le
1 Kenya        3 nsubj  PROPN Kenya
2 n'           3 advmod ADV   ne
3 exclut       3 ROOT   VERB  exclure      Mood=Ind|Tense=Pres|VerbForm=Fin
4 pas          3 advmod ADV   pas
5 une          6 det    DET   un
6 intervention 3 obj    NOUN  intervention
""")
    assert read_modality(ruled_out[4], cues("fr")) == ("negated", ["governor:exclure"])
    assert read_modality(not_ruled_out[6], cues("fr")) == ("possible", ["governor:ne-exclure-pas"])


def test_hand_modality_claim_verb_over_a_clause_is_alleged():
    doc = parse("""
0 Kiev      1 nsubj     PROPN Kiev
1 affirme   1 ROOT      VERB  affirmer    Mood=Ind|Tense=Pres|VerbForm=Fin
2 que       5 mark      SCONJ que
3 Moscou    5 nsubj     PROPN Moscou
4 a         5 aux:tense AUX   avoir       Mood=Ind|Tense=Pres|VerbForm=Fin
5 bombardé  1 ccomp     VERB  bombarder   Tense=Past|VerbForm=Part
6 Marioupol 5 obj       PROPN Marioupol
""")
    assert read_modality(doc[5], cues("fr")) == ("alleged", ["governor:affirmer"])
