"""detector.claims.extract_claims: what counts as a claim, spans, attribution."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from detector.claims import antecedents, attribution, clean_text, extract_claims
from detector.types import Document


def claims_of(text: str, **kw):
    doc = Document(doc_id="x/a.txt", source="Outlet", text=text, date="2026-03-11")
    return doc, extract_claims(doc, **kw)


def texts_of(text: str, **kw) -> list[str]:
    return [c.text for c in claims_of(text, **kw)[1]]


STATEMENT = "The council approved the ordinance by a vote of seven to two."


def test_plain_statement_is_a_claim():
    assert texts_of(STATEMENT) == [STATEMENT]


def test_heading_without_final_punctuation_is_not_a_claim():
    assert texts_of("Council approves the new data ordinance after long debate\n" + STATEMENT) == [STATEMENT]


def test_short_fragment_is_not_a_claim():
    assert texts_of("It passed. " + STATEMENT + " Read more.") == [STATEMENT]


def test_question_is_not_a_claim():
    assert texts_of("Will the mayor sign the ordinance before the deadline? " + STATEMENT) == [STATEMENT]
    assert texts_of('"Will the mayor really sign the ordinance this week?"') == []


def test_lines_after_sources_heading_are_not_claims():
    text = STATEMENT + "\nSources\nThe city clerk published the full ordinance text on Friday.\n"
    assert texts_of(text) == [STATEMENT]
    text = STATEMENT + "\nReferences:\nThe city clerk published the full ordinance text on Friday.\n"
    assert texts_of(text) == [STATEMENT]


def test_list_entries_that_are_sentences_are_claims():
    point = "The city clerk published the full ordinance text on Friday."
    assert texts_of(f"- {point}\n" + STATEMENT) == [point, STATEMENT]
    assert texts_of(f"3. {point}\n" + STATEMENT) == [point, STATEMENT]
    assert texts_of("[1] Council approves the new data ordinance after long debate\n- Ordinance text and minutes\n" + STATEMENT) == [STATEMENT]


def test_a_long_line_that_lost_its_full_stop_is_a_claim():
    line = "The meeting at the city hall lasted for only two hours before the council voted on the new data ordinance"
    assert texts_of(line + "\n" + STATEMENT) == [line, STATEMENT]
    title = "Council Approves The New Data Ordinance After A Long Debate Over Privacy And The Costs Of Storage"
    assert texts_of(title + "\n" + STATEMENT) == [STATEMENT]


def test_abbreviations_do_not_split_sentences():
    s1 = "The U.S. Department of Transportation opened an inquiry into the crash on Monday."
    s2 = "Dr. Jane Smith led the review team at St. Aldric's Hospital in Brennock."
    assert texts_of(s1 + " " + s2) == [s1, s2]


def test_a_day_after_a_clock_time_goes_on_the_sentence():
    s1 = "The rescue centre says the submarine was reported overdue around 9:13 p.m. Sunday, about 700 kilometres south of St. John's."
    s2 = "The vote ends at 5 p.m. The count follows straight after it, officials said."
    assert texts_of(s1) == [s1]
    assert texts_of(s2) == ["The vote ends at 5 p.m.", "The count follows straight after it, officials said."]


def test_decimals_do_not_split_sentences():
    s = "Prices rose by 3.5 percent in March, the statistics office reported."
    assert texts_of(s) == [s]


def test_spans_index_the_document_text():
    text = (
        "Rail crash near Ashcombe\n"
        "At least 12 people were killed when the train derailed. The train left the tracks at 7:45 a.m. on Monday.\n"
        "\n"
        "More than 60 people were taken to hospital with injuries. Officials said the toll could rise further.\n"
    )
    doc, claims = claims_of(clean_text(text))
    assert len(claims) == 4
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
        assert c.doc_id == "x/a.txt" and c.source == "Outlet" and c.date == "2026-03-11"
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert len({c.claim_id for c in claims}) == 4


def test_repeated_sentence_is_one_claim_at_its_first_span():
    doc, claims = claims_of(STATEMENT + " " + STATEMENT)
    assert [(c.start, c.end) for c in claims] == [(0, len(STATEMENT))]


def test_claim_ids_are_stable():
    a = [c.claim_id for c in claims_of(STATEMENT)[1]]
    b = [c.claim_id for c in claims_of(STATEMENT)[1]]
    assert a == b


def test_min_words_setting():
    assert texts_of("The ordinance passed on Tuesday night.", min_words=5) == ["The ordinance passed on Tuesday night."]
    assert texts_of("The ordinance passed on Tuesday night.", min_words=7) == []


WORDS = ["council", "vote", "mayor", "Dr.", "U.S.", "3.5", "bridge", "said", "(cite)", "rose", "fell", "the", "a"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda ws: " ".join(ws).capitalize() + "."),
                min_size=1, max_size=6),
       st.integers(min_value=1, max_value=3))
def test_spans_always_index_the_text(sentences, paragraphs):
    text = "\n".join(" ".join(sentences[i::paragraphs]) for i in range(paragraphs) if sentences[i::paragraphs])
    doc, claims = claims_of(text, min_words=1)
    for c in claims:
        assert doc.text[c.start:c.end] == c.text


# --- attribution ----------------------------------------------------------------------------

def test_according_to_names_the_outlet():
    who = attribution("According to The Washington Post, the order was postponed until next week.")
    # the leading article may be normalised away; the outlet's name must be there and nothing more
    assert who in ("The Washington Post", "Washington Post")


def test_said_at_the_end_names_the_speaker():
    who = attribution("The bridge will reopen in May, Mayor Jane Roe said.")
    assert who is not None and "Jane Roe" in who
    assert "bridge" not in who


def test_told_reporters_names_the_speaker():
    who = attribution('"We are ready to act," Transport Minister Dana Okafor told reporters at the scene.')
    assert who is not None and "Dana Okafor" in who


def test_a_name_with_a_particle_is_one_speaker():
    assert attribution("At least nine people died in the fire, according to Mayor Anna de Vries.") == "Mayor Anna de Vries"
    assert attribution("Fire Commissioner Karl van der Berg said the building had no sprinklers.") == "Fire Commissioner Karl van der Berg"


def test_unattributed_sentence_has_no_attribution():
    assert attribution(STATEMENT) is None
    assert attribution("Three of the train's six carriages left the tracks near the bridge.") is None


def test_claims_carry_attribution():
    _, claims = claims_of("According to The Washington Post, the order was postponed until next week. " + STATEMENT)
    assert claims[0].attribution in ("The Washington Post", "Washington Post")
    assert claims[1].attribution is None


def test_a_sentence_that_refers_back_has_the_sentence_before_it_as_antecedent():
    text = ("The Port Halden City Council approved the data ordinance by a vote of 7-2. The council voted late "
            "Tuesday night after four hours of debate. The weather in the harbour town was mild all week long.\n\n"
            "A heading line that is far too short\n\nIt was the third vote on the measure this year, officials said.")
    claims = extract_claims(Document("d.txt", "Outlet", text))
    back = antecedents(claims)
    texts = [c.text[:20] for c in claims]
    assert back[texts.index("The council voted la")] == texts.index("The Port Halden City")  # "council" was named before
    assert back[texts.index("The weather in the h")] is None  # "The weather" points at nothing said before
    assert back[texts.index("The Port Halden City")] is None  # an article's first claim
    assert back[texts.index("It was the third vot")] is None  # a dropped heading sits between: not adjacent


def test_antecedents_stay_within_one_article():
    a = extract_claims(Document("a.txt", "A", "The council approved the ordinance on Thursday afternoon."))
    b = extract_claims(Document("b.txt", "B", "It was the third vote on the measure this year."))
    assert antecedents(a + b) == [None, None]
