"""The one rule for surnames: salutations and short citations take them the same way."""

from __future__ import annotations

import pytest

from oversight.letters.model import Recipient
from oversight.letters.names import salutation_name, surname


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Andrew De Mello", "De Mello"),
        ("Gene L. Dodaro", "Dodaro"),
        ("João dos Santos", "dos Santos"),
        ("Ana de la Cruz", "de la Cruz"),
        ("Ana de la Cruz Jr.", "de la Cruz"),
        ("Ludwig van Beethoven", "van Beethoven"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Mohammed bin Salman", "bin Salman"),
        ("Ahmed al-Sayed", "al-Sayed"),
        ("Martin Luther King, Jr.", "King"),
        ("Lee, Ann", "Lee"),
        ("Van Morrison", "Morrison"),  # the first word is the given name
        ("Kristi Noem", "Noem"),
        ("Cher", "Cher"),
        ("Jane Roe MD", "Roe"),
    ],
)
def test_surname(name: str, expected: str) -> None:
    assert surname(name) == expected


def test_salutation_and_footnote_agree_on_a_particle() -> None:
    """ "João dos Santos" is "Secretary dos Santos" in the salutation and "dos Santos" in a
    footnote's short form: one rule (the two used to disagree)."""
    from oversight.citations import bluebook

    recipient = Recipient(name="João dos Santos", title="Secretary")
    assert salutation_name(recipient) == "Secretary dos Santos"
    assert bluebook.surname("João dos Santos") == surname("João dos Santos")


def test_title_honorifics_and_given_salutations() -> None:
    assert salutation_name(Recipient(name="Gene L. Dodaro", honorific="Mr.")) == "Mr. Dodaro"
    assert (
        salutation_name(Recipient(name="Jane Doe", salutation="Madam Secretary"))
        == "Madam Secretary"
    )
    assert (
        salutation_name(Recipient(name="Pat Lee", title="Director of the Census")) == "Director Lee"
    )
