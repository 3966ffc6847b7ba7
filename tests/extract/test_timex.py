"""Tests of kg.extract.timex: French and English temporal expressions."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.extract.timex import TimeExpr, find_times, normalise

PUB = "2024-06-17"  # a Monday


def norm(expr: str, pub: str | None = PUB, **kw: str | None) -> tuple[str, str, bool]:
    found = normalise(expr, pub, **kw)  # type: ignore[arg-type]
    assert found is not None, expr
    return found.value, found.precision, found.approximate


def test_timex_weekday_with_day_and_month() -> None:
    assert norm("mardi 18 juin") == ("2024-06-18", "day", False)


def test_timex_past_weekday_same_day_is_publication_day() -> None:
    assert norm("lundi", tense="past") == ("2024-06-17", "day", False)


def test_timex_past_weekday_goes_back() -> None:
    assert norm("vendredi", "2016-12-18", tense="past") == ("2016-12-16", "day", False)


def test_timex_future_weekday_goes_forward() -> None:
    assert norm("vendredi", tense="future") == ("2024-06-21", "day", False)
    assert norm("lundi", tense="future") == ("2024-06-17", "day", False)


def test_timex_weekday_without_tense_is_nearest() -> None:
    assert norm("samedi") == ("2024-06-15", "day", False)  # 2 days back, 5 ahead
    assert norm("mercredi") == ("2024-06-19", "day", False)  # 2 ahead, 5 back


def test_timex_weekday_dernier_prochain_are_strict() -> None:
    assert norm("lundi dernier") == ("2024-06-10", "day", False)
    assert norm("lundi prochain") == ("2024-06-24", "day", False)


def test_timex_more_than_twenty_years_ago_is_approximate() -> None:
    assert norm("il y a plus de 20 ans") == ("2004", "year", True)


def test_timex_last_week_is_its_monday_approximate() -> None:
    assert norm("la semaine dernière") == ("2024-06-10", "day", True)
    assert norm("la semaine prochaine") == ("2024-06-24", "day", True)


def test_timex_yesterday_today_tomorrow() -> None:
    assert norm("hier")[0] == "2024-06-16"
    assert norm("aujourd'hui")[0] == "2024-06-17"
    assert norm("aujourd’hui")[0] == "2024-06-17"  # typographic apostrophe
    assert norm("demain")[0] == "2024-06-18"
    assert norm("après-demain")[0] == "2024-06-19"


def test_timex_last_month_and_last_year() -> None:
    assert norm("le mois dernier") == ("2024-05", "month", False)
    assert norm("l'an dernier") == ("2023", "year", False)
    assert norm("l'année dernière") == ("2023", "year", False)
    assert norm("le mois dernier", "2024-01-05") == ("2023-12", "month", False)


def test_timex_ago_in_days_weeks_months() -> None:
    assert norm("il y a trois jours") == ("2024-06-14", "day", False)
    assert norm("il y a 2 semaines") == ("2024-06-03", "day", True)
    assert norm("il y a six mois") == ("2023-12", "month", False)
    assert norm("il y a vingt-cinq ans") == ("1999", "year", False)


def test_timex_in_n_days() -> None:
    assert norm("dans 10 jours") == ("2024-06-27", "day", False)
    assert norm("dans deux mois") == ("2024-08", "month", False)


def test_timex_after_needs_anchor() -> None:
    assert normalise("neuf mois après", PUB) is None
    assert norm("neuf mois après", anchor="2023-09-13") == ("2024-06", "month", False)
    assert norm("deux jours plus tard", anchor="2024-06-19") == ("2024-06-21", "day", False)
    assert norm("le lendemain", anchor="2024-06-19") == ("2024-06-20", "day", False)


def test_timex_day_month_year_resolved_around_publication() -> None:
    assert norm("le 24 août", "2016-12-18", tense="past") == ("2016-08-24", "day", False)
    assert norm("le 24 août", "2016-12-18", tense="future") == ("2017-08-24", "day", False)
    assert norm("le 2 janvier", "2016-12-18") == ("2017-01-02", "day", False)  # nearest


def test_timex_weekday_picks_the_matching_year() -> None:
    # 18 juin 2024 is a Tuesday, 18 juin 2023 a Sunday: "mardi" settles it even in the past
    assert norm("mardi 18 juin", "2024-12-01", tense="past") == ("2024-06-18", "day", False)
    assert norm("dimanche 18 juin", "2024-06-17") == ("2023-06-18", "day", False)


def test_timex_full_date() -> None:
    assert norm("le 30 décembre 2015", None) == ("2015-12-30", "day", False)
    assert norm("1er janvier 2016", None) == ("2016-01-01", "day", False)
    # no such day: only the month part resolves
    assert norm("le 31 février 2016", None) == ("2016-02", "month", False)


def test_timex_year_and_month_year() -> None:
    assert norm("en 1975", None) == ("1975", "year", False)
    assert norm("en mars 2016", None) == ("2016-03", "month", False)
    assert norm("vers 1975", None) == ("1975", "year", True)


def test_timex_since_month_goes_back() -> None:
    assert norm("depuis décembre") == ("2023-12", "month", False)
    assert norm("depuis juin") == ("2024-06", "month", False)
    assert norm("en mars", tense="future") == ("2025-03", "month", False)


def test_timex_unknown_publication_date() -> None:
    for expr in ("hier", "lundi", "la semaine dernière", "il y a 3 jours", "le 24 août"):
        assert normalise(expr, None) is None, expr
    assert normalise("lundi", "") is None
    assert norm("le 30 décembre 2015", "pas une date") == ("2015-12-30", "day", False)


def test_timex_numeric_dates() -> None:
    assert norm("30/12/2015", None) == ("2015-12-30", "day", False)
    assert norm("2015-12-30", None) == ("2015-12-30", "day", False)
    assert norm("12/30/2015", None, lang="en") == ("2015-12-30", "day", False)


def test_timex_find_times_offsets_in_seed_text() -> None:
    text = (
        "Le chef de l'État russe est attendu, mardi 18 juin, à Pyongyang. "
        "Vladimir Poutine s'est rendu pour la dernière fois en Corée du Nord il y a plus de "
        "20 ans. S'exprimant la semaine dernière, le dirigeant nord-coréen a salué la Russie."
    )
    found = find_times(text, PUB, "fr")
    assert [t.text for t in found] == [
        "mardi 18 juin",
        "il y a plus de 20 ans",
        "la semaine dernière",
    ]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert [t.value for t in found] == ["2024-06-18", "2004", "2024-06-10"]


def test_timex_longest_match_wins_and_no_overlap() -> None:
    found = find_times("Il a déclaré lundi 1er juillet 2024 que...", PUB, "fr")
    assert found == [TimeExpr("lundi 1er juillet 2024", 13, 35, "2024-07-01", "day", False)]


def test_timex_bare_numbers_and_month_names_are_not_dates() -> None:
    text = "Quelque 2000 soldats et mai 12 chars; la planète Mars; 1975 morts."
    assert find_times(text, PUB, "fr") == []


def test_timex_words_inside_words_do_not_match() -> None:
    assert find_times("les lundistes et les hiers", PUB, "fr") == []


def test_timex_approximation_cue_before_a_match() -> None:
    [t] = find_times("Il est arrivé environ il y a trois jours.", PUB, "fr")
    assert t.text == "environ il y a trois jours"
    assert t.approximate is True


def test_timex_english() -> None:
    assert norm("Tuesday, June 18", lang="en") == ("2024-06-18", "day", False)
    assert norm("more than 20 years ago", lang="en") == ("2004", "year", True)
    assert norm("last week", lang="en") == ("2024-06-10", "day", True)
    assert norm("yesterday", lang="en")[0] == "2024-06-16"
    assert norm("in March 2016", None, lang="en") == ("2016-03", "month", False)
    assert norm("December 30, 2015", None, lang="en") == ("2015-12-30", "day", False)
    assert norm("Friday", "2016-12-18", lang="en", tense="past") == ("2016-12-16", "day", False)
    assert norm("two days later", lang="en", anchor="2024-06-19")[0] == "2024-06-21"


def test_timex_bare_year_via_normalise() -> None:
    assert norm("1975", None) == ("1975", "year", False)
    assert normalise("rien", PUB) is None


def test_timex_bad_arguments() -> None:
    with pytest.raises(InputError):
        find_times("hier", PUB, lang="xx")
    with pytest.raises(InputError):
        find_times("hier", PUB, "fr", tense="present")


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("il y a plus de 20 ans", (None, "2004-06-17", "before")),
        ("il y a moins de trois mois", ("2024-03-17", "2024-06-17", "after")),
        ("dans plus de deux semaines", ("2024-07-01", None, "after")),
        ("la semaine dernière", ("2024-06-10", "2024-06-16", "week")),
        ("vers 1975", ("1974-01-01", "1976-12-31", "around")),
        ("en mars", ("2024-03-01", "2024-03-31", "month")),
        ("il y a deux ans", ("2022-01-01", "2022-12-31", "year")),
        ("mardi 18 juin", ("2024-06-18", "2024-06-18", "day")),
        ("1975", ("1975-01-01", "1975-12-31", "year")),
    ],
)
def test_timex_interval_and_granularity(text: str, interval: tuple) -> None:
    found = normalise(text, "2024-06-17", "fr")
    assert found is not None and found.interval is not None
    got = found.interval.to_dict()
    assert (got["start"], got["end"], got["granularity"]) == interval
