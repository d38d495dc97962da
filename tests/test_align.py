"""Sentence alignment: small hand-made pairs, hard inputs, and coverage as a property."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtlint.align import align, align_texts, format_beads
from mtlint.alignment.dp import BEAD_TYPES
from mtlint.alignment.features import analyse, canonical_number, cognate_links, fold
from mtlint.model import Bead
from tests.helpers import line_segments, plain_document

EN = [
    "The city council approved a budget of 1,300 million euros on Tuesday.",
    "Mayor Anna Kowalski said the money would go to schools and hospitals.",
    "About 45 new buses will run on the northern lines from 2025.",
    "Critics in the Green Party called the plan too timid.",
    "A public hearing is planned for 14 March at the town hall.",
    "Residents can send comments by e-mail to budget@example.org until the end of March.",
]
DE = [
    "Der Stadtrat hat am Dienstag einen Haushalt von 1.300 Millionen Euro beschlossen.",
    "Bürgermeisterin Anna Kowalski sagte, das Geld fließe in Schulen und Krankenhäuser.",
    "Ab 2025 sollen rund 45 neue Busse auf den nördlichen Linien fahren.",
    "Kritiker der Grünen Partei nannten den Plan zu zaghaft.",
    "Eine öffentliche Anhörung ist für den 14. März im Rathaus geplant.",
    "Anwohner können bis Ende März Kommentare per E-Mail an budget@example.org senden.",
]


def pairs(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def assert_covers(beads: tuple[Bead, ...], n: int, m: int) -> None:
    """Every index of both sides exactly once, in order, and well-formed beads."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for b in beads:
        assert (len(b.src), len(b.tgt)) in {*BEAD_TYPES, (0, 1), (1, 0)}
        assert 0.0 <= b.confidence <= 1.0


def test_one_to_one_run_is_found_and_confident() -> None:
    beads = align_texts(EN, DE)
    assert pairs(beads) == [((i,), (i,)) for i in range(6)]
    assert min(b.confidence for b in beads) > 0.5


def test_split_sentence_becomes_one_to_two() -> None:
    tgt = DE[:2] + [
        "Ab 2025 sollen rund 45 neue Busse fahren.",
        "Sie werden auf den nördlichen Linien eingesetzt.",
    ] + DE[3:]
    beads = align_texts(EN, tgt)
    assert pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]


def test_merged_sentences_become_two_to_one() -> None:
    tgt = DE[:3] + [DE[3] + " " + DE[4]] + DE[5:]
    beads = align_texts(EN, tgt)
    assert ((3, 4), (3,)) in pairs(beads)
    assert_covers(beads, 6, 5)


def test_four_short_sentences_merged_into_one_become_one_bead() -> None:
    """Dialogue translations often join a run of short lines into one sentence: four of them
    make a 4-1 bead (and, the other way round, a 1-4 bead), not a 3-1 merge whose leftover line
    is pushed into the next bead."""
    short = ["Is it bold?", "Yes.", "Is it cheap?", "No, it is not."]
    src = EN[:3] + short + EN[3:]
    tgt = DE[:3] + ["Ist er kühn? Ja. Ist er billig? Nein, das ist er nicht."] + DE[3:]
    expected = [((i,), (i,)) for i in range(3)] + [((3, 4, 5, 6), (3,))] + [((i + 4,), (i + 1,)) for i in range(3, 6)]
    assert pairs(align_texts(src, tgt)) == expected
    assert pairs(align_texts(tgt, src)) == [(t, s) for s, t in expected]


def test_unmatched_heading_is_not_slipped_into_a_merge() -> None:
    """A loosely rewritten copy (a quarter of the words swapped for others, as the synthetic
    benchmark pairs are made) that drops the subheading: the subheading's words turn up
    elsewhere in the copy but not in the next sentence, where matched pairs of this document
    leave almost nothing unexplained, so it is a 1-0 bead, not half of a 2-1 merge."""
    src = [
        "On Monday in Yaroslavl, the city hall announced the start of the road repair season.",
        "This year, 42 street sections with a total length of about 60 kilometres are to be repaired.",
        "A total of 2.1 billion roubles has been allocated for the work from the city and regional budgets.",
        "Which streets will be repaired",
        "Most of the work will be on the city's main central roads.",
        "The list includes:",
    ]
    tgt = [
        "On Fridays in Yaroslavl, the city hall announced the meisten of ramp road repair season.",
        "This year, 42 por sections début a total length crèches cœur 60 kilometres are to stations repaired.",
        "Deutsche total of 2.1 billion roubles has been allocated for the work from the shuttle and regional budgets.",
        "Most of the Reduced portrait be prices the city's main central roads.",
        "The approved includes:",
    ]
    assert pairs(align_texts(src, tgt)) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()), ((4,), (3,)), ((5,), (4,))
    ]


#: A close rewrite (a post-edit) of twenty lines: one word in each replaced, the rest kept, so
#: that matched sentences keep nearly all their words.
ROADWORKS = [f"Stretch {k} of the ring road will be closed for {k + 2} nights from Monday." for k in range(20)]
ROADWORKS_COPY = [f"Stretch {k} of the ring road will be shut for {k + 2} nights from Monday." for k in range(20)]


def test_dropped_label_line_is_not_merged_into_the_next_sentence() -> None:
    """A close rewrite that drops the 'E-mail' line of a share bar: the line has no anchor, so
    anchors alone leave it free to join the next sentence's bead; but its word is found nowhere
    in the copy, where the matched sentences keep nearly all of theirs, so it is a 1-0 bead (a
    0-1 bead the other way round), not half of a merge."""
    src = ROADWORKS + ["Share", "E-mail", "This article first appeared in the Morning Courier."]
    tgt = ROADWORKS_COPY + ["Share", "This article first appeared in the Morning Courier."]
    expected = [((k,), (k,)) for k in range(21)] + [((21,), ()), ((22,), (21,))]
    assert pairs(align_texts(src, tgt)) == expected
    assert pairs(align_texts(tgt, src)) == [(t, s) for s, t in expected]


def test_inserted_one_word_line_is_a_zero_to_one_not_a_split() -> None:
    """A close rewrite that gains a 'News' label line: a one-word line whose word the source
    lacks entirely is an insertion, not half of a 1-2 split of a sentence next to it, although
    the lengths cannot tell the two apart."""
    src = ROADWORKS[:10] + ["This should reduce traffic during the morning rush hours."] + ROADWORKS[10:]
    tgt = ROADWORKS_COPY[:10] + ["News", "This should reduce traffic during the evening rush hours."] + ROADWORKS_COPY[10:]
    expected = [((k,), (k,)) for k in range(10)] + [((), (10,))] + [((k,), (k + 1,)) for k in range(10, 21)]
    assert pairs(align_texts(src, tgt)) == expected


def test_omitted_sentence_is_a_confident_one_to_zero() -> None:
    tgt = DE[:2] + DE[3:]
    beads = align_texts(EN, tgt)
    assert ((2,), ()) in pairs(beads)
    omission = next(b for b in beads if b.src == (2,))
    assert omission.confidence > 0.5
    assert_covers(beads, 6, 5)


def test_inserted_sentence_is_a_zero_to_one() -> None:
    tgt = DE[:4] + ["Das Vorhaben gilt als eines der ehrgeizigsten seiner Art."] + DE[4:]
    beads = align_texts(EN, tgt)
    assert ((), (4,)) in pairs(beads)
    assert ((4,), (5,)) in pairs(beads)


def test_sentence_cut_to_a_fragment_stays_one_to_one() -> None:
    """A long sentence translated as its first clause only is still the translation of that
    sentence: no skipping the sentence before it and merging its translation with the fragment
    (what an unbounded length cost prefers), so the length rule can report the truncation."""
    src = EN[:3] + [
        "Applicants need a site plan, some photographs of the furniture and the receipt for the fee.",
        "Applications will be examined by a technical committee of officials from the planning, "
        "trade and police departments, who will also weigh the impact on pedestrians.",
        "A reply will be given within 30 days of submission.",
    ] + EN[3:5]
    tgt = DE[:3] + [
        "Nötig sind ein Lageplan, einige Fotos der Möbel und die Quittung für die Gebühr.",
        "Die Anträge werden geprüft.",
        "Eine Antwort gibt es innerhalb von 30 Tagen nach Einreichung.",
    ] + DE[3:5]
    beads = align_texts(src, tgt)
    assert pairs(beads) == [((i,), (i,)) for i in range(8)]
    assert next(b for b in beads if b.src == (4,)).confidence > 0.5


STORY_EN = [
    "We walked along the river until the sun went down behind the hills.",
    "Nobody said a word.",
    "My grandmother had always told us that the water remembers everything that happens on its "
    "banks, and that one day it would tell the story to anyone patient enough to listen.",
    "I did not believe her then.",
    "Years later, standing on the same stones with my own children, I finally understood what she meant.",
    "The river had not changed very much.",
    "We had.",
    "So we sat down and listened for a long time.",
]
STORY_VI = [
    "Chúng tôi đi dọc bờ sông cho đến khi mặt trời lặn sau những ngọn đồi.",
    "Không ai nói một lời.",
    "Bà tôi luôn bảo rằng dòng nước nhớ mọi điều xảy ra trên bờ của nó, và một ngày kia nó sẽ kể "
    "lại câu chuyện cho bất kỳ ai đủ kiên nhẫn lắng nghe.",
    "Khi đó tôi không tin bà.",
    "Nhiều năm sau, đứng trên chính những hòn đá ấy cùng các con mình, cuối cùng tôi đã hiểu ý bà.",
    "Dòng sông không thay đổi nhiều.",
    "Chúng tôi thì có.",
    "Vì vậy chúng tôi ngồi xuống và lắng nghe rất lâu.",
]


def test_long_omission_without_anchors_is_skipped_not_merged() -> None:
    """With no shared anchors only lengths tell; a long sentence left out is a 1-0 bead, not
    hidden in a 2-1 merge whose lengths do not add up."""
    for k in (0, 2, 4):
        beads = align_texts(STORY_VI, STORY_EN[:k] + STORY_EN[k + 1 :])
        assert_covers(beads, 8, 7)
        assert ((k,), ()) in pairs(beads)
        assert all(len(b.src) == len(b.tgt) == 1 for b in beads if b.src != (k,))


def test_omission_with_an_anchor_elsewhere_is_unsure() -> None:
    """A source sentence whose number and name occur in the target is no sure omission."""
    src = EN[:3] + ["Anna Kowalski promised 45 more buses for 2025."] + EN[3:]
    beads = align_texts(src, DE)
    assert_covers(beads, 7, 6)
    assert all(b.confidence < 0.3 for b in beads if b.src == (3,) and not b.tgt)
    assert ((6,), (5,)) in pairs(beads)


def test_numbers_and_names_anchor_against_length() -> None:
    """Two sentences of the same length: the anchors decide which one is the translation."""
    src = ["Prices rose by 4.5 percent in Hanoi last year.", "Nothing changed in the rural provinces."]
    tgt = ["Không có gì thay đổi ở các tỉnh nông thôn.", "Năm ngoái giá ở Hà Nội tăng 4,5 phần trăm."]
    beads = align_texts(src, tgt)
    assert ((0,), (1,)) in pairs(beads) or ((1,), (0,)) not in pairs(beads)
    assert all(not (b.src == (0,) and b.tgt == (0,)) for b in beads)


def test_align_uses_segments_and_blocks() -> None:
    src = plain_document("\n".join(EN[:3]) + "\n\n" + "\n".join(EN[3:]))
    tgt = plain_document("\n".join(DE[:3]) + "\n\n" + "\n".join(DE[3:]))
    beads = align(line_segments(src), line_segments(tgt), src_lang="en", tgt_lang="de")
    assert pairs(beads) == [((i,), (i,)) for i in range(6)]


def test_empty_sides() -> None:
    assert align_texts([], []) == ()
    assert pairs(align_texts(EN[:3], [])) == [((0,), ()), ((1,), ()), ((2,), ())]
    assert pairs(align_texts([], DE[:2])) == [((), (0,)), ((), (1,))]


def test_one_side_ten_times_longer() -> None:
    src = EN[:3]
    tgt = [f"Satz Nummer {k} über etwas ganz anderes." for k in range(30)]
    beads = align_texts(src, tgt)
    assert_covers(beads, 3, 30)


def test_run_of_thirty_target_only_sentences() -> None:
    extra = [f"Bildlegende {k}: Foto von {name}." for k, name in enumerate(["Meier", "Huber", "Keller"] * 10)]
    tgt = DE[:3] + extra + DE[3:]
    beads = align_texts(EN, tgt)
    assert_covers(beads, 6, 36)
    assert ((3,), (33,)) in pairs(beads)
    assert ((2,), (2,)) in pairs(beads)


def test_repeated_identical_sentences() -> None:
    src = ["Yes."] * 12 + EN
    tgt = ["Ja."] * 10 + DE
    beads = align_texts(src, tgt)
    assert_covers(beads, 18, 16)
    assert ((17,), (15,)) in pairs(beads)


def test_moved_paragraph_gives_unsure_beads() -> None:
    src = EN
    tgt = DE[3:] + DE[:3]
    beads = align_texts(src, tgt)
    assert_covers(beads, 6, 6)
    assert min(b.confidence for b in beads) < 0.5


def test_long_document_uses_the_band_and_stays_correct() -> None:
    """Large enough for the banded search; a dropped and an inserted sentence are found."""
    src = [f"Report {k}: the committee approved item {k * 7 + 3} with {k % 5 + 2} votes." for k in range(700)]
    tgt = [f"Bericht {k}: der Ausschuss billigte Punkt {k * 7 + 3} mit {k % 5 + 2} Stimmen." for k in range(700)]
    del tgt[300]
    tgt.insert(500, "Dieser Satz steht nur in der Übersetzung.")
    beads = align_texts(src, tgt)
    assert_covers(beads, 700, 700)
    assert ((300,), ()) in pairs(beads)
    assert ((), (500,)) in pairs(beads)
    assert ((699,), (699,)) in pairs(beads)


def test_undecidable_pairing_is_unsure() -> None:
    """Two identical source sentences and one translation: either pairing is as good, so the
    posterior splits between them, while the beads around stay sure."""
    src = EN[:3] + ["The vote was close.", "The vote was close."] + EN[3:]
    tgt = DE[:3] + ["Die Abstimmung war knapp."] + DE[3:]
    beads = align_texts(src, tgt)
    assert_covers(beads, 8, 7)
    paired = next(b for b in beads if b.tgt == (3,))
    assert paired.confidence < 0.75
    assert all(b.confidence > 0.9 for b in beads if b.src and b.tgt and b.tgt[0] in (0, 1, 5, 6))


def test_folded_syllables_are_no_cognates() -> None:
    """Vietnamese 'thuyền' and 'thế' fold to 'thuyen' and 'the'; they must not link to
    English 'then' and 'the', while names and long near-identical words still do."""
    src = [analyse("Như hầu hết người lớn trên thuyền, thế thì sao?"), analyse("Ông Nguyễn đến Hà Nội.")]
    tgt = [analyse("The adults knew, then, what it was."), analyse("Mr Nguyen came to Ha Noi on an expedition.")]
    links = cognate_links(src, tgt)
    assert "then" not in links and "the" not in links
    assert {"nguyen", "hanoi"} <= set(links)
    assert cognate_links([analyse("Die Expeditionen")], [analyse("Les expéditions")])["expeditions"] == {"expeditionen"}


def test_dialogue_turn_openings() -> None:
    assert analyse('"Yes," he said.').opens_turn
    assert analyse("-- Oui, Monseigneur.").opens_turn
    assert analyse(",,Huck, ich möcht's ja nicht tun.").opens_turn
    assert analyse("«Tout ce que le coeur d'une femme peut contenir.").opens_turn
    assert not analyse("-5 degrees at night.").opens_turn
    assert not analyse("He said nothing.").opens_turn


def test_format_beads() -> None:
    beads = (
        Bead((0,), (0,), 0.0, 1.0),
        Bead((1, 2), (1,), 0.0, 1.0),
        Bead((), (2,), 0.0, 1.0),
        Bead((3,), (), 0.0, 1.0),
    )
    assert format_beads(beads) == "[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[]\n"


def test_number_and_name_normalisation() -> None:
    assert canonical_number("1.300") == canonical_number("1,300") == canonical_number("1 300") == "1300"
    assert canonical_number("2,75") == canonical_number("2.75") == "2.75"
    assert canonical_number("1,50") == canonical_number("1.5")
    assert fold("Hà Nội") == "ha noi"
    assert fold("Đà Nẵng") == "da nang"


sentences = st.lists(
    st.one_of(
        st.just(""),
        st.text(max_size=60),
        st.sampled_from(EN + DE + ["1.300", "Hà Nội", "!!!", "。", "台风逼近"]),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(src=sentences, tgt=sentences)
def test_beads_cover_both_sides_in_order(src: list[str], tgt: list[str]) -> None:
    assert_covers(align_texts(src, tgt), len(src), len(tgt))


def test_a_bead_sentence_whose_partners_match_little_of_its_anchors_is_unsupported() -> None:
    from mtlint.alignment.confidence import _unsupported
    from mtlint.alignment.features import FeatureSets

    features = FeatureSets(
        src=(frozenset({0, 1}), frozenset({2}), frozenset(), frozenset({3, 4, 5, 6})),
        tgt=(frozenset({1}), frozenset({2}), frozenset({3})),
        weight=(1.0,) * 7, hard=(False,) * 7, located=(1.0,) * 7,
        src_orphan=(0.0,) * 4, tgt_orphan=(0.0,) * 3,
    )
    # A 2-1 merge of source 0 and 1 with target 0: source 1's anchor is in target 1 only,
    # while target 0 matches half of source 0's.
    assert _unsupported((0, 2), (0, 1), features) == (False, True, False)
    # A quarter of its anchor weight matched is too little.
    assert _unsupported((3, 4), (2, 3), features) == (True, False)
    # A sentence without anchors says nothing either way; one left unmatched has no support.
    assert _unsupported((1, 3), (1, 2), features) == (False, False, False)
    assert _unsupported((1, 2), (1, 1), features) == (True,)
    assert _unsupported((2, 3), (1, 1), features) == (False,)


def test_beads_carry_support_for_each_sentence() -> None:
    beads = align_texts(EN, DE)
    assert all(len(b.unsupported) == len(b.src) + len(b.tgt) for b in beads)
    assert not any(flag for b in beads for flag in b.unsupported)


def test_a_sentence_whose_word_list_entries_the_other_side_lacks_is_unsupported() -> None:
    from mtlint.alignment.confidence import _unsupported
    from mtlint.alignment.features import feature_sets

    src = [analyse(t).with_anchors(frozenset(a)) for t, a in (
        ("Mưa lớn kéo dài ba ngày.", {"d1", "d2"}),
        ("Nhiều tuyến đường bị ngập.", {"d3", "d4"}),
        ("Trường học đóng cửa.", {"d5"}),
    )]
    tgt = [analyse(t).with_anchors(frozenset(a)) for t, a in (
        ("Heavy rain lasted three days and many roads were flooded.", {"d1", "d3"}),
        ("Schools are closed.", set()),
    )]
    features = feature_sets(src, tgt, {})
    # The second has entries shared; the third has one entry only, too few to say.
    assert features.src_unmatched_entries == (False, False, False)
    src[2] = src[2].with_anchors(frozenset({"d5", "d6"}))
    features = feature_sets(src, tgt, {})
    assert features.src_unmatched_entries == (False, False, True)
    assert _unsupported((2, 3), (1, 2), features) == (True, False)


def test_what_a_merged_partner_explains_is_no_support() -> None:
    from mtlint.alignment.confidence import _unsupported
    from mtlint.alignment.features import FeatureSets

    # Source 0 and 1 both have anchor 0 ("magic"), which target 0 matches; source 1 also has
    # anchor 1, matched too. Merged 2-1, source 0 has nothing of its own in the target.
    features = FeatureSets(
        src=(frozenset({0}), frozenset({0, 1})), tgt=(frozenset({0, 1}),),
        weight=(1.0, 1.0), hard=(False, False), located=(1.0, 1.0),
        src_orphan=(0.0, 0.0), tgt_orphan=(0.0,),
    )
    assert _unsupported((0, 2), (0, 1), features) == (True, False, False)
    assert _unsupported((0, 1), (0, 1), features) == (False, False)
