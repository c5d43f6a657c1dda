"""Duplicates at the door: exact copies and syndicated near copies are found; other stories are not."""
from __future__ import annotations

from sitrep.ingest.duplicates import DuplicateIndex, exact_key

WIRE = ("Gunmen attacked an army post near the northern town of Gao on Sunday, killing twelve soldiers and "
        "wounding five others, the army said in a statement. The attackers arrived on motorcycles shortly "
        "after dawn and set fire to two vehicles before withdrawing towards the border. No group has claimed "
        "responsibility for the attack; it followed by two days an ambush on a supply convoy on the road "
        "to Menaka. Reinforcements were sent from Gao and a search for the attackers was under way, a "
        "military spokesman told reporters on Monday, adding that the wounded had been flown to the capital.")
OTHER = ("Foreign ministers of the two countries met in Amman on Friday to discuss the return of refugees and "
         "the reopening of the border crossing, which has been closed for three years. The talks, the first "
         "at this level since the war began, ended with an agreement to set up a joint committee that will "
         "meet every month. Officials said the first refugees could cross before the end of the year if the "
         "security situation allowed it, but aid groups warned that the camps were still short of money.")


def test_exact_copy_whatever_case_punctuation_and_spacing():
    index = DuplicateIndex()
    index.add("first", WIRE)
    copy = index.check("  " + WIRE.upper().replace(",", " ,").replace(". ", ".\n\n"))
    assert copy and copy.exact and copy.first_id == "first" and copy.similarity == 1.0
    assert exact_key(WIRE) == exact_key(WIRE.lower())


def test_syndicated_near_copy_is_linked_to_the_first():
    index = DuplicateIndex()
    index.add("first", WIRE)
    index.add("other", OTHER)
    sentences = WIRE.split(". ")
    syndicated = "GAO, Mali (AP) - " + ". ".join(sentences[:-1]) + ". Additional reporting by Jane Doe."
    copy = index.check(syndicated)
    assert copy and not copy.exact and copy.first_id == "first" and copy.similarity >= 0.7
    index.link("copy", copy, "feed#3")
    assert index.copies_of("first") == [("copy", copy.similarity)]
    assert index.check(OTHER.replace("Friday", "Saturday")).first_id == "other"


def test_different_stories_and_short_texts_are_not_duplicates():
    index = DuplicateIndex()
    index.add("first", WIRE)
    assert index.check(OTHER) is None
    assert index.check("Twelve soldiers were killed.") is None


def test_index_persists_in_a_file(tmp_path):
    path = str(tmp_path / "store.db")
    with DuplicateIndex(path) as index:
        index.add("first", WIRE)
    with DuplicateIndex(path) as again:
        assert again.check(WIRE.replace("Sunday", "Saturday")).first_id == "first"
