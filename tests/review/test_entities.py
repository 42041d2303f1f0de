"""People, places and organisations found in feed items by a plain heuristic (items written by us)."""

from __future__ import annotations

import pytest

from bot.review.entities import find_entities

HARBOUR = "The Harbour Post"


def test_names_people_places_and_organisations() -> None:
    found = find_entities(
        [
            "Prime Minister Anna Kovacs met officials of the International Energy Agency in Kyiv on Monday.",
            "Jean-Paul Moreau of the Bank of England spoke to the Ministry of Defence and the US Treasury.",
            "The company Ukrenergo Ltd said NATO allies would help, and Brussels agreed.",
        ]
    )
    assert found.people == ("Anna Kovacs", "Jean-Paul Moreau")
    assert found.organisations == (
        "International Energy Agency",
        "Bank of England",
        "Ministry of Defence",
        "US Treasury",
        "Ukrenergo Ltd",
        "NATO",
    )
    assert {"Kyiv", "Brussels", "Ukraine", "Belgium"} <= set(found.places)


def test_a_feed_item_about_the_grid() -> None:
    found = find_entities(
        [
            "Russian missile barrage knocks out power across western Ukraine - The Harbour Post",
            "Russia fired missiles at Ukraine's energy infrastructure overnight; the Ternopil region lost "
            "electricity and emergency crews began rescue work.",
        ],
        [HARBOUR],
    )
    assert found.places == ("Ukraine", "Russia", "Ternopil")  # "Russian" gives the country, not a place
    assert found.people == () and found.organisations == ()  # the outlet is not an organisation


@pytest.mark.parametrize(
    "text",
    [
        "Officials Say Talks Will Continue Next Week",  # a title-case headline names no one
        "After the storm, Storm Elin moved north on Tuesday.",  # a storm, a weekday
        "The talks resumed. Negotiators returned. Observers agreed.",  # sentence-initial words
        "Critics say Moreau overstated it.",  # one capitalised word alone: person, place or ship?
    ],
)
def test_what_is_not_a_person(text: str) -> None:
    assert find_entities([text]).people == ()


def test_a_title_makes_one_word_a_person_and_a_country_name_is_not_one() -> None:
    found = find_entities(["President Kovacs met Ukrainian Officials in Paris."])
    assert found.people == ("Kovacs",)
    assert found.places == ("Paris", "Ukraine", "France")
