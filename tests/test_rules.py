"""The rule families, judge() and scoring, as specifications: one named example per behaviour.

Each family gets POSITIVE pairs (a careful reader sees a contradiction of that kind; the rule must
hit with that kind) and NEGATIVE pairs (paraphrases, name variants, unit conversions, compatible
intervals, ...; the rule must not hit with that kind). A contradiction is a contradiction in either
order, so every pair is checked both ways round.

Cases marked xfail(strict=True) are real, known gaps of the current rules: the expectation is
what a careful human reader would say, the rule does not (yet) agree.
"""
from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from detector.claims import attribution
from detector.rules import RULES, judge
from detector.rules.causes import causes
from detector.rules.dates import dates
from detector.rules.entities import entities, is_alias
from detector.rules.modality import modality, stance
from detector.rules.negation import negation
from detector.rules.numbers import numbers, quantities
from detector.rules.status import status
from detector.scoring import TENSION_CAP, flagged, score, tension
from detector.settings import Settings
from detector.types import CandidatePair, Claim, RuleHit

_ids = itertools.count()


def claim(text: str, source: str = "A", date: str | None = None) -> Claim:
    """A claim as extract_claims would make it: the whole text is the span, attribution is computed."""
    n = next(_ids)
    return Claim(f"c{n}", f"{source}/doc{n}.txt", source, text, 0, len(text), attribution=attribution(text), date=date)


def gap(reason: str):
    """A case whose expectation is right but that the current rules get wrong (a known gap)."""
    return pytest.mark.xfail(reason=reason, strict=True)


def case(a: str, b: str, id: str, *marks, date_a: str | None = None, date_b: str | None = None):
    return pytest.param(a, b, date_a, date_b, id=id, marks=marks)


def both_orders(rule, a: str, b: str, date_a=None, date_b=None):
    """The rule's hit for (A, B) and for (B, A), each from a different outlet."""
    x, y = claim(a, "A", date_a), claim(b, "B", date_b)
    return rule(x, y), rule(y, x)


def assert_hit(rule, kind, a, b, date_a=None, date_b=None):
    for hit in both_orders(rule, a, b, date_a, date_b):
        assert hit is not None and hit.kind == kind, f"expected a {kind} hit, got {hit}"
        assert 0 < hit.strength <= 1
        assert hit.evidence


def assert_no_hit(rule, kind, a, b, date_a=None, date_b=None):
    for hit in both_orders(rule, a, b, date_a, date_b):
        assert hit is None or hit.kind != kind, f"expected no {kind} hit, got {hit}"


def test_what_one_witness_counted_is_no_rival_count_nor_an_update():
    a = Claim("a", "a", "A", "At least 280 bodies were recovered from the wrecked coaches at Karsh station.", 0, 80, None, "2023-06-03")
    b = Claim("b", "b", "B", "In the wrecked coaches at Karsh station, I counted between fifteen and twenty bodies.", 0, 80, None, "2023-06-03")
    assert judge(a, b) == () and judge(b, a) == ()


def test_an_added_duty_scores_below_the_threshold_where_the_same_duty_scores_above():
    from detector.scoring import score
    from detector.settings import Settings
    from detector.types import CandidatePair

    voluntary = claim("Registration with the city clerk is voluntary for data brokers under the final ordinance.", "A")
    same_duty = claim("Data brokers must register with the city clerk each year.", "B")
    added_duty = claim("Brokers will also have to tell the city what categories of data they hold.", "B")
    settings = Settings()
    scored = [score(CandidatePair(voluntary, other, 0.55), judge(voluntary, other), settings) for other in (same_duty, added_duty)]
    assert scored[0].score >= settings.threshold > scored[1].score


def test_every_family_is_registered():
    assert set(RULES) == {"modality", "negation", "status", "numbers", "quantities", "dates", "entities", "causes"}


# ---------------------------------------------------------------------------------------------
# modality: obligation vs voluntariness
# ---------------------------------------------------------------------------------------------

SEED_REQUIRE = (
    "The order was intended to require federal agencies to establish processes for conducting safety "
    "assessments of certain AI models before their public release."
)
SEED_VOLUNTARY = (
    "The postponed executive order would have established a voluntary agreement for AI companies to share "
    "advanced models with the government before public release, with federal agencies given up to 90 days "
    "for security review."
)
SEED_WATERED_DOWN = (
    "An earlier version of the draft would have compelled AI companies to share advanced models with the "
    "government ahead of launch, but it was later watered down to make participation voluntary."
)

MODALITY_POSITIVE = [
    case('"We decided to play it safe and give the people the option to evacuate," the mayor said.',
         "A mandatory evacuation order was imposed on the people of the town, the mayor said.",
         "the-option-to-evacuate-against-a-mandatory-order"),
    case(SEED_REQUIRE, SEED_VOLUNTARY, "seed-require-vs-voluntary-agreement"),
    case(SEED_WATERED_DOWN, "The final order compels AI companies to share advanced models with the government ahead of launch.",
         "watered-down-draft-vs-final-order-compels"),
    case("Under the ordinance, companies are required to delete licence-plate data within 30 days.",
         "Under the ordinance, companies are encouraged, but not required, to delete licence-plate data within 30 days.",
         "required-vs-encouraged-but-not-required"),
    case("Data brokers must register with the city clerk each year.",
         "Registration with the city clerk is voluntary for data brokers.",
         "must-register-vs-registration-voluntary"),
    case("Participation in the safety review programme is mandatory for all large AI developers.",
         "Participation in the safety review programme is optional for large AI developers.",
         "mandatory-vs-optional"),
    case("The agreement on fishing quotas is legally binding on all member states.",
         "The agreement on fishing quotas is non-binding for member states.",
         "binding-vs-non-binding"),
    case("Employers are no longer required to provide masks to warehouse staff.",
         "Employers must provide masks to warehouse staff.",
         "no-longer-required-vs-must"),
    case("Hospitals have to report every suspected measles case to the health ministry.",
         "Hospitals are invited to report suspected measles cases to the health ministry.",
         "have-to-vs-invited-to"),
    case("The new code makes earthquake drills compulsory in every public school in Kelvara.",
         "The new code recommends earthquake drills in public schools in Kelvara.",
         "compulsory-vs-recommends"),
    case("Airlines will be obliged to compensate passengers for delays of more than three hours.",
         "Airlines will not be obliged to compensate passengers for delays of more than three hours.",
         "obliged-vs-not-obliged"),
    case("Police stopped short of ordering residents out of Lowmoor, issuing only a voluntary evacuation advisory.",
         "The county issued a mandatory evacuation order for Lowmoor and the valley roads on Saturday evening.",
         "stopped-short-advisory-vs-mandatory-order"),
    case("The water authority has issued a mandatory boil-water order for the east side of the city.",
         "Officials stressed that the boil-water notice for the east side is advisory rather than mandatory.",
         "advisory-rather-than-mandatory"),
    case("A condition of the festival's licence capped the number of people on the bridge at 120.",
         "The 120-person figure for the bridge was a recommendation, not a condition of the festival's licence.",
         "condition-of-the-licence-vs-recommendation"),
    case("The order requires the two companies to halt integration planning until the case is heard.",
         "The judge stopped short of ordering a halt to integration planning before the case is heard.",
         "requires-vs-stopped-short-of-ordering"),
    case("The mayor signed an emergency order making it mandatory for shops to keep thermostats at 26 degrees or warmer.",
         "The mayor asked shops to keep thermostats at 26 degrees, but stressed it was a request rather than a rule.",
         "asked-to-and-a-request-rather-than-a-rule"),
]

MODALITY_NEGATIVE = [
    case("Companies are required to delete the data they collect within 30 days.",
         "Firms must erase the data they collect within 30 days.",
         "paraphrase-both-obligation"),
    case("Participation in the review is voluntary for AI companies.",
         "AI companies may opt in to the review at their discretion.",
         "paraphrase-both-voluntary"),
    case(SEED_WATERED_DOWN, SEED_VOLUNTARY, "seed-watered-down-reads-voluntary-like-the-agreement"),
    case("Masks are recommended but not mandatory on city buses.",
         "Wearing a mask on city buses is encouraged, not required.",
         "recommended-not-mandatory-vs-encouraged-not-required"),
    case('"Every operator must file a safety plan with the regulator," the minister said.',
         '"Every operator has to file a safety plan with the regulator," said the minister.',
         "same-quote-transcribed-differently"),
    case("Drivers must carry a valid licence at all times.",
         "Membership of the Brennock cycling club is voluntary.",
         "different-obligations"),
    case("Testing is mandatory for commercial drone pilots, the regulator said.",
         "The regulator said testing for commercial drone pilots will be compulsory.",
         "mandatory-vs-compulsory"),
    case("Companies must delete the plate-reader data within 30 days.",
         "Companies delete the plate-reader data within 30 days.",
         "only-one-side-has-modality"),
    case("Registration is not optional: every data broker must register with the city clerk.",
         "Every data broker must register with the city clerk.",
         "not-optional-is-an-obligation"),
    case("The company must publish the safety audit, and attendance at the staff briefing is voluntary.",
         "The company has to publish the safety audit by June.",
         "voluntariness-in-an-unrelated-clause",
         gap("the last modality cue in the sentence wins, even when it is about another clause's subject")),
    case("The inspectorate recommended that workers carry gas monitors but stopped short of making them mandatory.",
         "The governor urged mine operators to carry out voluntary safety checks but stopped short of ordering them.",
         "stopped-short-of-mandatory-is-voluntary-too"),
    case("The regulator ordered Aurelle to ground all 14 of its T-90 turboprops pending inspections.",
         "The manufacturer said it had not been asked to ground T-90s flown by other operators.",
         "not-asked-is-no-request"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", MODALITY_POSITIVE)
def test_modality_flags_obligation_against_voluntariness(a, b, date_a, date_b):
    assert_hit(modality, "modality", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", MODALITY_NEGATIVE)
def test_modality_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(modality, "modality", a, b, date_a, date_b)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(SEED_WATERED_DOWN, "voluntary", id="watered-down-draft-reads-voluntary"),
        pytest.param(SEED_REQUIRE, "obligation", id="intended-to-require"),
        pytest.param("Brokers are encouraged, but not required, to register.", "voluntary", id="encouraged-but-not-required"),
        pytest.param("There is no requirement for brokers to register with the clerk.", "voluntary", id="no-requirement"),
        pytest.param("Masks are no longer mandatory on buses.", "voluntary", id="no-longer-mandatory"),
        pytest.param("Every broker must register with the clerk.", "obligation", id="must"),
        pytest.param("Operators shall keep records for five years.", "obligation", id="shall"),
        pytest.param("The council met on Tuesday to discuss the budget.", None, id="no-modality-cue"),
        pytest.param("Registration is not optional for data brokers.", "obligation", id="not-optional",
                     marks=gap("a negated voluntariness cue ('not optional') is still read as voluntary")),
    ],
)
def test_modality_stance(text, expected):
    got = stance(text)
    assert (got[0] if got else None) == expected


# ---------------------------------------------------------------------------------------------
# negation: one claim asserts what the other denies
# ---------------------------------------------------------------------------------------------

NEGATION_POSITIVE = [
    case("Police who searched the house found no explosives, officials said.",
         "Police who searched the house found explosives, officials said.",
         "a-relative-clause-before-the-verb-does-not-hide-its-denial"),
    case("The summit ended with the two sides failing to reach an agreement.",
         "The two sides reached an agreement at the summit.",
         "failing-to-reach-vs-reached"),
    case("For those six gates, they were not closed but they were too small, the police spokesman told reporters.",
         "Supporters were panicking and wanted to escape, but the exit gates were still closed.",
         "a-state-denied-of-the-gates-a-pronoun-stands-for"),
    case("Northbay Regional Rail confirmed that the Tarrow River bridge was inspected in January.",
         "The Tarrow River bridge was not inspected in January.",
         "inspected-vs-not-inspected"),
    case("Mayor Ingrid Sollis said she will sign the surveillance ordinance.",
         "Mayor Ingrid Sollis said she will not sign the surveillance ordinance.",
         "will-sign-vs-will-not-sign"),
    case("The driver was wearing a seatbelt at the time of the crash.",
         "The driver wasn't wearing a seatbelt at the time of the crash.",
         "contraction-wasnt"),
    case("The chemical company has admitted fault for the leak at its Kelvara plant.",
         "The chemical company has never admitted fault for the leak at its Kelvara plant.",
         "admitted-vs-never-admitted"),
    case("Police found explosives in the suspect's car after the raid.",
         "Police found no explosives in the suspect's car after the raid.",
         "found-vs-found-no"),
    case("Trump was satisfied with the wording of the executive order on AI safety.",
         "Trump was not satisfied with the wording of the executive order on AI safety.",
         "seed-satisfied-vs-not-satisfied"),
    case("The stadium roof passed its final safety inspection in March.",
         "The stadium roof did not pass its final safety inspection in March.",
         "passed-vs-did-not-pass"),
    case("Lodestar Bank disclosed the trading losses to its regulator.",
         "Lodestar Bank never disclosed the trading losses to its regulator.",
         "disclosed-vs-never-disclosed"),
    case("The White House has announced a new signing date for the executive order.",
         "The White House has not yet announced a new signing date for the executive order.",
         "seed-announced-vs-not-yet-announced"),
    case("The minister knew about the contract before it was signed.",
         "The minister didn't know about the contract before it was signed.",
         "knew-vs-didnt-know"),
    case("Late on Sunday the fire crossed the highway near the river bridge, officials said.",
         "At no point has the fire crossed the highway near the river bridge, officials said.",
         "at-no-point-denies"),
    case("Rescue teams did not manage to reach the trapped miners on Tuesday night.",
         "Rescue teams reached the trapped miners on Tuesday night, officials said.",
         "a-negation-handed-on-by-an-implicative-verb"),
    case("The minister was not wearing a helmet when she toured the flooded mine shaft.",
         "The minister wore a helmet when she toured the flooded mine shaft.",
         "inflections-of-one-verb-meet"),
    case("The council did not approve the budget and did not debate the housing plan.",
         "The council did not approve the budget but debated the housing plan for hours.",
         "both-negated-one-denial-more"),
    case('"Nobody at the grid operator told us reserves were running that thin," the chief executive said.',
         '"We phoned their control room at 1:05 p.m. and told them to get ready to shed load," a spokesman said.',
         "nobody-told-us-vs-we-phoned"),
    case('"No one from the water authority picked up the phone to us before the gates opened," the council leader said.',
         '"Our control room rang the council\'s duty officer at 9 p.m. on Sunday," the chief executive said.',
         "nobody-picked-up-vs-our-control-room-rang"),
    case('"The regulator never once sat down with us to talk about the store sales," the chief executive said.',
         '"We met with the companies eleven times to discuss their store sales," the regulator\'s chair said.',
         "never-sat-down-with-us-vs-we-met-with"),
]

NEGATION_NEGATIVE = [
    case("The militants threatened to kill hostages if the authorities did not release political prisoners within 48 hours.",
         "The authorities release political prisoners after talks, the militants said.",
         "a-negation-inside-a-condition-denies-nothing"),
    case("He urged residents who haven't evacuated to get out.",
         "Residents near the site have been ordered to evacuate.",
         "a-negation-saying-who-is-meant-denies-nothing"),
    case("No members of the crew were injured.",
         "At this time the board member stated they are unaware of any injuries to the train crew, first responders or members of the community.",
         "unaware-of-any-and-no-both-deny"),
    case("The summit ended with the two sides failing to reach an agreement.",
         "The summit has ended without an agreement between the two sides.",
         "failing-to-reach-and-without-both-deny"),
    case("Price stability is not negotiable, the governor said.", "Price stability is non-negotiable, the governor said.",
         "a-prefix-denies-too"),
    case("The bodies of the missing workers have not yet been recovered, but they are presumed dead.",
         "One body was recovered and six people are presumed dead, officials said.", "not-yet-is-a-state-that-changes"),
    case("For those six gates, they were not closed but they were too small, the police spokesman told reporters.",
         "Supporters said the shops near the stadium were closed all evening.", "a-state-of-another-thing"),
    # kinds seen in real reports of a building collapse and a plane crash (names invented)
    case('"It looks like a bomb went off, but we are pretty sure a bomb didn\'t go off," the mayor said.',
         'The mayor told reporters it "looks like a bomb went off," calling the collapse a catastrophic failure.',
         "a-likeness-asserts-nothing"),
    case('"Buildings just don\'t fall down," the engineer said.',
         "On video footage, the centre of the building appeared to fall first, and the rest came down seconds later.",
         "a-general-truth-is-not-the-days-event"),
    case("At first, he thought it was thunder, but less than a minute later the ground started to shake.",
         '"At first I thought it was a storm, but I felt a shake and I knew thunder doesn\'t make the ground shake," he said.',
         "a-general-truth-someone-knew"),
    case("A witness said the plane failed to land on the first attempt and circled back before the crash.",
         "A villager said the plane tried to land, went back up, circled once and attempted to land again.",
         "an-attempt-asserts-nothing"),
    case("The aircraft was completely burned, leaving no survivors except for two of the 181 people on board.",
         "The crash at the airport killed 179 people, leaving only two survivors.",
         "no-one-except-two"),
    case("It is unclear how many people were in the building at the time.",
         "It was unclear what caused the building to collapse, nor how many people were inside at the time.",
         "unclear-nor-is-still-unclear"),
    case("Heyman told CNN that 51 people were unaccounted for, but that some may not have been in the building at the time.",
         "Heyman said officials have been unable to make contact with 51 people who stay in the building.",
         "may-not-is-a-possibility"),
    case('"In the United States, buildings just don\'t fall down," Burkett told CNN.',
         '"I was born here and buildings just don\'t fall down, never. Never," Burkett told reporters at a press conference.',
         "a-name-after-never-is-not-denied"),
    case("No group has yet claimed responsibility for the attack on the hospital trust.",
         "The ransomware group BlackTallow claimed responsibility for the attack on the hospital trust.",
         "not-yet-then-later-is-an-update", date_a="2026-05-18", date_b="2026-05-19"),
    case("The statement said that the board has lost confidence in his ability to lead OpenAI.",
         "The board no longer has confidence in his ability to continue leading OpenAI.",
         "lost-is-no-longer-has"),
    case("The storm not only flooded the harbour but also cut power to the old town.",
         "The storm flooded the harbour and cut power to the old town.",
         "not-only-but-also"),
    case("The closure affects not just commuters but also freight trains.",
         "The closure affects commuters and freight trains.",
         "not-just"),
    case("There is no doubt the fire started in the warehouse on Quay Street.",
         "The fire started in the warehouse on Quay Street, investigators said.",
         "no-doubt"),
    case("The company must publish the report no later than Friday.",
         "The company will publish the report by Friday.",
         "no-later-than"),
    case("The Tarrow River bridge was inspected in January, though the report has not been published.",
         "The Tarrow River bridge was inspected in January.",
         "negation-of-another-word-in-another-clause"),
    case("The bridge was not inspected in January.",
         "No inspection of the bridge took place in January.",
         "both-deny"),
    case('"We are not going to close the line," Hale said.',
         '"We\'re not going to close the line," Hale told reporters.',
         "same-quote-transcribed-differently"),
    case("The non-binding resolution on the stadium passed with 40 votes.",
         "The resolution on the stadium passed with 40 votes.",
         "non-prefix-is-not-negation"),
    case("The decision to reopen the line was not without controversy.",
         "The decision to reopen the line caused controversy.",
         "double-negation-not-without",
         gap("after a double negation ('not without') the second negation word still denies its target")),
    case("The mayor will sign the ordinance, although she did not sign the earlier draft.",
         "The mayor will sign the ordinance on Friday.",
         "same-verb-negated-in-an-unrelated-clause",
         gap("negation scope is not limited to its clause: a denied 'sign' in a subordinate clause counts")),
    case("Fire crews did not reach the warehouse until after midnight.",
         "Fire crews reached the warehouse after midnight.",
         "not-until"),
    case("The mayor did not attend Tuesday's budget hearing at city hall.",
         "The mayor attended the opening of the new library on Tuesday.",
         "different-events-share-the-denied-verb"),
    case("The agency said it had received no reports of patients being harmed by the tablets.",
         "The agency estimates that about 90,000 patients received tablets from the affected batches.",
         "no-reports-of-harm-denies-the-reports-not-the-patients"),
    case("No one on board was injured, the airline said, and crews met the plane on the runway.",
         "None of those on board was hurt, according to the airline.",
         "no-one-on-board-denies-the-injury-not-the-board"),
    case("Nobody at City Hall was told about the test results until Tuesday morning.",
         "No one at City Hall was told about these test results until Tuesday.",
         "two-denials-of-one-thing"),
    case("The union walked away from the table on Friday, not Greyhaven.",
         "It was the union that walked away from the talks with Greyhaven on Friday.",
         "a-contrast-is-not-a-denial"),
    case("The mayor did not attend the hearing, and the council did not publish the minutes.",
         "The mayor did not publish a statement, and the council attended the hearing.",
         "a-denial-about-another-subject",
         gap("the subject of a denied verb is not compared: the mayor's absence reads as denying the council's attendance")),
    case('"Nobody at the grid operator told us reserves were running that thin," the chief executive said.',
         '"We told reporters on Monday that the reserves were adequate," a grid operator spokesman said.',
         "we-told-reporters-is-speech-not-contact"),
    case('"Nobody at the grid operator told us reserves were running that thin," the chief executive said.',
         '"No one at the grid operator told us the reserves were that thin," he said.',
         "two-denials-of-contact-agree"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", NEGATION_POSITIVE)
def test_negation_flags_a_denied_proposition(a, b, date_a, date_b):
    assert_hit(negation, "negation", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", NEGATION_NEGATIVE)
def test_negation_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(negation, "negation", a, b, date_a, date_b)


# ---------------------------------------------------------------------------------------------
# status: opposite states and directions
# ---------------------------------------------------------------------------------------------

STATUS_POSITIVE = [
    case("The train was trapped in a tunnel and the driver was badly wounded, officials said.",
         "A police official said the train remains stuck just before a tunnel surrounded by mountains.",
         "inside-vs-just-before-a-structure"),
    case("The gunman was arrested at the scene, police said.",
         "The gunman remains at large, police said.",
         "arrested-vs-at-large"),
    case("The signing of the trade agreement has been postponed while the text is revised.",
         "The signing of the trade agreement has been scrapped.",
         "postponed-while-revised-vs-scrapped"),
    case("The station master admitted responsibility for the crash, police said.",
         "The station master denied any responsibility for the crash, police said.",
         "admitted-vs-denied"),
    case("The former air force chief confessed to planning the coup, the state agency reported.",
         "The former air force chief has denied any role in the coup plot, a prosecutor said.",
         "confessed-vs-denied"),
    case("Police insisted the gates were open, but were too narrow for everyone trying to escape.",
         "Fans were panicking and wanted to escape the stand, but the exit gates were still closed.",
         "one-bearer-open-vs-closed-in-few-shared-words"),
    case("The tragedy was caused by a crowd beyond the capacity of the ground and the fact that some exits were locked.",
         "A police spokesperson said the gates were unlocked but only wide enough for two people.",
         "some-exits-locked-vs-the-gates-unlocked"),
    case("The signing was postponed and the order is being revised, officials said.",
         "The White House scrapped the executive order on AI safety, officials said.",
         "postponed-and-being-revised-vs-scrapped"),
    case("Trump postponed the signing of the executive order on AI safety.",
         "Trump cancelled the signing of the executive order on AI safety.",
         "postponed-vs-cancelled"),
    case("The White House shelved the signing ceremony for the AI executive order.",
         "The White House scrapped the signing ceremony for the AI executive order.",
         "shelved-vs-scrapped"),
    case("The council approved the stadium ordinance by a vote of seven to two.",
         "The council rejected the stadium ordinance by a vote of seven to two.",
         "approved-vs-rejected"),
    case("The ministry confirmed that talks with the rail union had resumed.",
         "The ministry denied that talks with the rail union had resumed.",
         "confirmed-vs-denied"),
    case("Shares in Lodestar Bank rose 4% in early trading on Tuesday.",
         "Shares in Lodestar Bank fell 4% in early trading on Tuesday.",
         "rose-vs-fell"),
    case("The Kestrel Valley Line reopened on Thursday morning.",
         "The Kestrel Valley Line remained closed on Thursday morning.",
         "reopened-vs-remained-closed"),
    case("Corvale's bid to host the cup final succeeded, the federation said.",
         "Corvale's bid to host the cup final failed, the federation said.",
         "succeeded-vs-failed"),
    case("Senator Ruiz supported the data privacy bill in committee.",
         "Senator Ruiz opposed the data privacy bill in committee.",
         "supported-vs-opposed"),
    case("The jury convicted the former treasurer of fraud.",
         "The jury acquitted the former treasurer of fraud.",
         "convicted-vs-acquitted"),
    case("Consumer prices in Valdria increased in March, the statistics office said.",
         "Consumer prices in Valdria decreased in March, the statistics office said.",
         "increased-vs-decreased"),
    # one swapped word or phrase in otherwise identical sentences: WordNet's antonyms
    case("The bridge over the Kestrel river is safe, engineers said.",
         "The bridge over the Kestrel river is unsafe, engineers said.",
         "swap-safe-vs-unsafe"),
    case("The shop on Mill Street was open on Sunday.",
         "The shop on Mill Street was closed on Sunday.",
         "swap-open-vs-closed"),
    case("The stadium roof was damaged in the storm.",
         "The stadium roof was undamaged in the storm.",
         "swap-damaged-vs-undamaged"),
    case("A man stands near two women.",
         "A man stands far away from two women.",
         "swap-near-vs-far-away-from"),
    case("The woman bought ice cream cones because the summer was really hot.",
         "The woman sold ice cream cones because the summer was really hot.",
         "swap-irregular-forms-bought-vs-sold"),
    case("The girl sat on a bench by the lake.",
         "The girl stood on a bench by the lake.",
         "swap-irregular-forms-sat-vs-stood"),
    case("A large crowd of people are walking quickly in the morning.",
         "A small crowd of people are walking quickly in the morning.",
         "swap-large-vs-small"),
    case("The pitch was soggy before the cup final.",
         "The pitch was dry before the cup final.",
         "swap-indirect-antonym-soggy-vs-dry"),
    case("A young man stands on a cliff facing the west.",
         "An elderly man stands on a cliff facing the west.",
         "swap-with-article-change-young-vs-elderly"),
    case("The boy is happy to start a new year at school.",
         "The boy is sad to start a new year at school.",
         "swap-curated-everyday-opposites-happy-vs-sad"),
    case("Work resumed on Thursday in the undamaged galleries of the Redhill colliery.",
         "All work at the Redhill colliery remains suspended while inspectors examine the galleries.",
         "resumed-vs-remains-suspended"),
    case("Two Redhill managers detained by police on Wednesday remain in custody.",
         "Two Redhill managers questioned by police on Wednesday were released without charge that evening.",
         "custody-vs-released-without-charge"),
    case("Production at the Dunford plant has been halted while inspectors examine the site.",
         "The Dunford plant is operating normally, the company said, and inspectors are welcome on the site.",
         "halted-vs-operating-normally"),
    case("Every ballot box in Ostrel was sealed overnight and kept under police guard, officials said.",
         "Ballot boxes in Ostrel were left unsealed overnight in a school gym, observers said.",
         "a-word-and-its-prefixed-antonym"),
    case("Organisers cancelled the final day of the festival, which had been due to include a concert.",
         "Despite the collapse, the final day of the festival went ahead on the Market Square stage.",
         "went-ahead-vs-cancelled"),
    case("The footbridge passed its most recent safety inspection in March, council records show.",
         "The footbridge failed its March safety inspection, with one bearing rated poor.",
         "passed-vs-failed"),
]

STATUS_NEGATIVE = [
    case("Rescuers gathered outside the building on Tuesday.", "Three bodies were found inside the building on Tuesday.",
         "two-things-on-two-sides-of-a-structure"),
    case("The train was trapped in a tunnel on Tuesday, officials said.", "The train was halted outside the tunnel on Wednesday.",
         "moved-between-two-named-days"),
    case("The train left the station just before midnight.", "The train was trapped in a tunnel, officials said.",
         "just-before-a-time-is-no-place"),
    case("The train was halted outside a tunnel, footage showed.",
         "The militants bombed the track before opening fire and storming the train.",
         "opening-fire-is-no-opening"),
    case("The suspect fled and remained at large on Thursday, police said.",
         "The suspect was arrested on Saturday after a two-day manhunt, police said.",
         "at-large-then-arrested-on-a-later-day-is-a-change"),
    case("Three people were admitted to hospital with burns, the fire service said.",
         "The fire service denied that the fire had spread to the ward.",
         "admitted-to-hospital-is-no-admission"),
    case("The tally did not include the port of Zuwa, where the situation was less clear as of Monday afternoon.",
         "This count did not include the port of Zuwa, where the situation remained unclear as of Monday afternoon.",
         "a-state-told-by-degree"),
    case("The colonial-era bridge, shut for renovation for seven months, collapsed on Sunday.",
         "The bridge had been reopened just a week ago after repairs.", "a-closure-told-with-its-length-had-an-end"),
    case("Residents stayed locked in their homes on Thursday while officers searched for the gunman.",
         "A man opens fire at a bowling alley and a bar, killing at least 16 people.", "opening-fire-is-no-state"),
    case("Police insisted the gates were open, but were too narrow for everyone trying to escape.",
         "Fans said the shops near the stadium were closed all evening.",
         "two-bearers-open-and-closed"),
    case("The footbridge was opened on May 2 after being shut for six months for repairs.",
         "The company reopened the footbridge on May 2.",
         "a-claim-telling-the-change-whole"),
    case("A mass of young people became trapped and crushed as the crowd surged into a narrow alley in Itaewon.",
         "As the large crowd pushed forward in the narrow alley in Itaewon, several people fell down and were crushed.",
         "a-crowd-surged-and-people-fell"),
    # from real reports (the AI order, the CrowdStrike outage, the Genoa collapse)
    case("Trump postponed the signing of the AI executive order on Thursday.",
         "The White House called off the signing ceremony for the AI order.",
         "postponed-and-called-off-used-loosely"),
    case("In Europe, Lufthansa and SAS were affected by problems with their online check-in systems.",
         "Here is a close look at the banks and airlines affected by the outage.",
         "describing-words-tell-no-state"),
    case("Microsoft, which also reported issues with its cloud services, closed down 0.74%.",
         "By the next morning, Microsoft announced progress in restoring its services.",
         "a-share-price-closing-is-not-a-closure"),
    case("At least 20 people died in the collapse of the bridge.",
         "Seven people were pulled alive from the rubble of the bridge.",
         "the-dead-and-the-rescued-are-different-people"),
    case("The council did not approve the stadium plan on Tuesday.",
         "The council rejected the stadium plan on Tuesday.",
         "not-approved-vs-rejected"),
    case("Trump postponed signing the executive order on AI safety.",
         "Trump delayed signing the executive order on AI safety.",
         "postponed-vs-delayed"),
    case("The ministry did not confirm the report about the rail talks.",
         "The ministry denied the report about the rail talks.",
         "not-confirmed-vs-denied"),
    case("The cup final was postponed, not cancelled, the league said.",
         "The league postponed the cup final.",
         "postponed-not-cancelled-vs-postponed"),
    case("Exports rose 3% in March while imports fell 2%.",
         "Exports rose 3% in March.",
         "one-side-names-both-directions"),
    case("Shares in Lodestar Bank rose 4% on Tuesday.",
         "Rainfall in the Kestrel Valley fell sharply in March.",
         "different-topics"),
    case("The death toll from the derailment rose to 19 on Wednesday.",
         "The death toll from the derailment climbed to 19 on Wednesday.",
         "rose-vs-climbed"),
    case('"I postponed it," Trump told reporters in the Oval Office.',
         '"I postponed it," Trump said in the Oval Office.',
         "same-quote"),
    case("Friday's premarket trade saw a roughly 12% decline in CrowdStrike's shares.",
         "Despite a 118% surge in CrowdStrike's stock over the past year, shares dropped 15% in premarket trading.",
         "a-movement-over-a-span-is-another-movement"),
    case("As of now, CrowdStrike's stock has fallen by over 11% on the NASDAQ.",
         "Microsoft shares fell over 3% in premarket trading but quickly surged back after the market opened.",
         "another-company-s-shares"),
    case("House prices rose 2% in Port Halden on Tuesday.",
         "House prices fell 2% in Greyfield on Tuesday.",
         "opposite-directions-in-different-places",
         gap("a different place in the same slot is not noticed: the shared words make it look like one topic")),
    # swaps that are not opposites: synonyms, a negated opposite, colours, viewpoint
    case("A small dog is sleeping on the couch.",
         "A little dog is sleeping on the couch.",
         "swap-synonyms-small-vs-little"),
    case("The boy is very happy today.",
         "The boy is very glad today.",
         "swap-synonyms-happy-vs-glad"),
    case("A man and a woman walk down the street near the restaurant.",
         "A man and a woman walk down the road near the restaurant.",
         "swap-synonyms-street-vs-road"),
    case("The shop on Mill Street was not open on Sunday.",
         "The shop on Mill Street was closed on Sunday.",
         "swap-not-open-vs-closed-agree"),
    case("The bridge was never safe, engineers said.",
         "The bridge was unsafe, engineers said.",
         "swap-never-safe-vs-unsafe-agree"),
    case("The water in the pool was not hot on Monday.",
         "The water in the pool was not cold on Monday.",
         "swap-both-opposites-denied"),
    case("A man in a black shirt is crossing the road.",
         "A man in a white shirt is crossing the road.",
         "swap-colour-is-not-a-status"),
    case("Two people in small boats try to come ashore.",
         "Two people in small boats try to go ashore.",
         "swap-come-vs-go-one-movement"),
    case("Shares in Wexley Bank were suspended from trading on Thursday afternoon.",
         "Trading in Wexley Bank shares resumed on Monday morning, and the stock fell sharply.",
         "suspended-then-resumed-on-another-day-is-a-change"),
    case("The inquiry will examine whether the agency lawfully collected the residents' data.",
         "Campaigners have long accused the agency of illegally collecting the residents' data.",
         "a-question-asserts-no-state"),
    case('"We chose between a controlled release and an uncontrolled one," the director said.',
         '"It was a choice between a controlled release and the risk of an uncontrolled one," she said.',
         "both-name-the-word-and-its-antonym"),
    case("The court said the tenants have not shown that they are likely to win their appeal.",
         "The judges said the tenants are unlikely to win their appeal.",
         "a-word-inside-a-denied-clause-is-not-asserted"),
    case("The number of deaths linked to the heat in Castervale has risen to nine, the medical examiner said.",
         "About 410,000 customers in Castervale lost electricity as the heat climbed past 41 degrees.",
         "lost-power-is-no-direction"),
    case("The plant, which employs about 450 people, opened in 1998.",
         "The whole plant remains shut down pending the investigation, the company said.",
         "a-state-word-dated-by-a-year-is-history"),
    case("The line between Kestrow and Ashcombe has been closed.",
         "The Kestrow-Ashcombe line reopened to passenger trains on Thursday morning.",
         "reopened-in-a-later-article", date_a="2026-10-13", date_b="2026-10-16"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", STATUS_POSITIVE)
def test_status_flags_opposite_states(a, b, date_a, date_b):
    assert_hit(status, "status", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", STATUS_NEGATIVE)
def test_status_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(status, "status", a, b, date_a, date_b)


def test_status_is_surer_when_both_claims_name_the_same_day():
    rejected = claim("The commission rejected the nomination of the governor on March 12, a spokeswoman said.")
    text = "The nomination of the governor was approved on Thursday, the commission said."
    dated, undated = claim(text, date="2026-03-13"), claim(text)  # that Thursday was March 12
    assert status(dated, rejected).strength > status(undated, rejected).strength


def test_status_swap_evidence_names_both_words_and_the_source():
    hit = status(claim("The bridge over the river is safe."), claim("The bridge over the river is unsafe."))
    assert hit.strength >= 0.8
    assert '"safe"' in hit.evidence and '"unsafe"' in hit.evidence and "WordNet" in hit.evidence


def test_status_opposites_come_from_the_shipped_wordnet_list():
    from importlib.resources import files

    from detector.rules.status import lexicon, opposite

    tsv = files("detector.rules").joinpath("antonyms.tsv")
    assert tsv.is_file() and files("detector.rules").joinpath("WORDNET_LICENSE").is_file()
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in tsv.read_text(encoding="utf-8")[:3000]
    assert lexicon()["wet", "dry"] == lexicon()["dry", "wet"] == "WordNet"
    assert opposite("selling", "buying") and opposite("women", "men") and opposite("damp", "dry")
    assert opposite("small", "tiny") is None and opposite("happy", "glad") is None


# ---------------------------------------------------------------------------------------------
# numbers: intervals that cannot both hold (and running counts, which are updates)
# ---------------------------------------------------------------------------------------------

NUMBERS_POSITIVE = [
    case("Officials said the plane crashed on its first attempt to land at the airport.",
         "Officials said the plane crashed on its second attempt to land at the airport.",
         "one-step-numbered-two-ways"),
    case("Federal agencies would have up to 60 days to complete the security review.",
         "Federal agencies would have at least 90 days to complete the security review.",
         "up-to-60-days-vs-at-least-90-days"),
    case("Nearly 50 people were taken to hospital after the chemical fire.",
         "More than 80 people were taken to hospital after the chemical fire.",
         "nearly-50-vs-more-than-80"),
    case("The train was carrying more than 200 passengers when it derailed.",
         "The train was carrying about 120 passengers when it derailed.",
         "more-than-200-vs-about-120"),
    case("The city will pay €3 million for the new stadium floodlights.",
         "The city will pay €5 million for the new stadium floodlights.",
         "money-3-vs-5-million"),
    case("The crash site lies about 12 kilometres south of Greyfield.",
         "The crash site lies about 30 miles south of Greyfield.",
         "distance-12-km-vs-30-miles"),
    case("Unemployment in the region fell to 4.2% in March.",
         "Unemployment in the region fell to 6.8% in March.",
         "percent"),
    case("The new stadium will hold 45,000 spectators.",
         "The new stadium will hold 60,000 spectators.",
         "capacity"),
    case("The floods displaced 1.5 lakh people in the district.",
         "The floods displaced 40,000 people in the district.",
         "lakh-vs-plain"),
    case("The Tarrow River bridge is about 240 metres long.",
         "The Tarrow River bridge is about 900 metres long.",
         "length-in-metres"),
    case("Rescuers worked for two days to free the trapped passengers.",
         "Rescuers worked for about six hours to free the trapped passengers.",
         "two-days-vs-six-hours"),
    case("The flyover will cost two to three crore rupees, officials said.",
         "The flyover will cost 50 crore rupees, officials said.",
         "crore-range-vs-crore"),
    case("Fewer than 20 residents attended the hearing on the stadium.",
         "More than 300 residents attended the hearing on the stadium.",
         "fewer-than-vs-more-than"),
    case("The derailment near Ashcombe killed 19 people.",
         "The derailment near Ashcombe killed 12 people.",
         "later-report-has-a-smaller-toll", date_a="2026-03-10", date_b="2026-03-12"),
    case("The ferry was certified to carry up to 300 passengers, maritime records show.",
         "The vessel was licensed to carry 180 passengers, according to maritime records.",
         "a-capacity-up-to-n-is-n"),
    case("About 23,000 households on the east side have been told to boil their water.",
         "About 32,000 households were still without safe tap water on Thursday.",
         "two-rounded-figures-too-far-apart"),
    case("Nearly 2,400 union members are on strike, the union said.",
         "The union said 4,100 members were on strike.",
         "a-compound-noun-counts-its-last-word"),
    case("The offer included a 4.5 per cent pay rise over two years and no compulsory redundancies until 2028.",
         "The company's offer was a 7 per cent pay rise over two years, according to the union.",
         "a-year-a-deadline-names-is-not-the-figure's-year"),
    case("A judge blocked Corvane's $8.4 billion acquisition of Pelham Freshmart on Thursday.",
         "Corvane said it would not challenge the ruling that blocked its $6.9 billion takeover of Pelham Freshmart.",
         "deal-words-name-one-deal"),
    case("About 90 people were on the bridge at the time, police said.",
         "More than 300 people were packed onto the span when it gave way.",
         "counted-words-folded-through-synonyms"),
    case("The company paid a €45,000 penalty in 2022 for a solvent spill, court records show.",
         "The company was fined 450,000 euros four years ago over a solvent spill at the site.",
         "years-ago-read-against-the-article-date", date_a="2026-10-07", date_b="2026-10-07"),
    case("Fishing supports about 40 per cent of jobs in Kilmarrow, according to the council.",
         "Around one in five jobs in Kilmarrow depends on fishing, council figures show.",
         "one-in-five-is-a-share"),
    case("The former treasurer was sentenced to four years in prison on Friday for fraud.",
         "The former treasurer will spend seven years behind bars for fraud, the court ruled on Friday.",
         "prison-term-told-as-behind-bars"),
    case("Radar data show the probe broke apart at an altitude of about 60 km.",
         "The probe broke apart at about 140 km altitude, the agency said.",
         "a-measured-word-after-the-unit-says-what-is-measured"),
    case("Thirty-nine people were killed in the fire, the mayor said.",
         "Forty-five people were killed in the fire, the mayor said.",
         "numbers-written-with-a-hyphen-are-read-whole"),
    case("By some estimates, hundreds of thousands of people had descended on Itaewon to celebrate Halloween.",
         "An estimated 100,000 people had descended on Itaewon to celebrate Halloween.",
         "hundreds-of-thousands-is-more-than-100000"),
    case("The coastguard said contact was lost with the sub one hour and 45 minutes into its dive.",
         "The sub lost contact with its support ship three hours into its dive on Sunday.",
         "an-hour-and-45-minutes-is-not-three-hours"),
    case("The sub was lost about 900 miles off Cape Cod, the Coast Guard said.",
         "The sub was lost some 400 miles off Cape Cod, the Coast Guard said.",
         "distances-from-one-place"),
    case("The repairs will cost an estimated 3.2 million euros, the ministry said.",
         "Auditors put the cost of the repairs at nearly 9 million euros.",
         "a-cost-told-ahead-is-no-plan"),
    case("The attackers are demanding $25 million, according to a council official who was not authorised to speak publicly.",
         "The Red Otter gang, which has hit at least six local governments this year, is demanding 2.5 million dollars, payable in bitcoin.",
         "one-sum-demanded-told-two-ways"),
    case("The thieves copied 1.2 terabytes of data from the servers.", "The thieves copied 120 GB of data from the servers.",
         "terabytes-vs-gigabytes"),
]

NUMBERS_NEGATIVE = [
    case("By some estimates, hundreds of thousands of people had descended on the district to celebrate.",
         "The narrow streets could hardly hold the thousands of people that came to the district to celebrate.",
         "hundreds-of-thousands-are-thousands-too"),
    case("A magnitude-6.1 earthquake rocked the valley at 11 pm on Friday (2200 GMT), the survey said.",
         "The survey said the quake hit at 11:11 p.m. (2211 GMT), with shaking that lasted several seconds.", "clock-times-in-gmt-are-no-counts"),
    case("The survey said the epicentre was 11 miles below the Earth's surface.",
         "The survey said the epicentre was roughly 43.5 miles south of Zarvesh.", "a-depth-below-the-surface-is-no-distance"),
    case("Police said they had removed one police chief and nine elite officers, and 18 others were being investigated.",
         "About 18 officers are now being looked into.", "removed-and-investigated-are-two-counts"),
    case("The bridge had been reopened five days ago after repairs.",
         "The bridge, which reopened four days ago after extensive repairs, was crammed with people.",
         "days-ago-are-a-day-not-a-span", date_a="2022-10-31", date_b="2022-10-30"),
    case("Police confirmed 125 deaths on Sunday, revising an earlier estimate of 174.",
         "The toll was corrected to 125 on Sunday, after 174 deaths were wrongly reported earlier.",
         "both-claims-give-both-figures"),
    case("A villager said the plane failed to land on the first attempt and circled back before the crash.",
         "Officials were cited as saying that the plane crashed during its second attempt to land.",
         "two-steps-numbered-in-one-story"),
    case("More than 300 people lived in the Harlow Court block.",
         "Several hundred people were in the Harlow Court block when the fire took hold.",
         "several-hundred-holds-more-than-300"),
    case("Officials said 150 injured passengers were taken to three hospitals near the junction.",
         "Scores of injured passengers were taken to hospitals near the junction.",
         "scores-of-can-be-150"),
    case("Officials said two of the 10 people treated at the site were transported to a nearby hospital.",
         "Ten people on site were treated, two of which were transported to a hospital.",
         "the-same-part-of-one-whole"),
    case("Some sonar buoys can monitor to a depth of 13,000 feet, the admiral said.",
         "Officials are getting a remotely operated vehicle that can reach a depth of 6,000 meters to the site, the admiral said.",
         "what-two-things-can-do"),
    case("The mayor said 102 people have been accounted for so far.",
         "By Thursday evening 102 residents had been located, but 99 people were still unaccounted for, the mayor said.",
         "accounted-for-is-not-unaccounted-for"),
    case("Ships and planes have swarmed the area about 900 miles (1,450 km) east of Cape Cod, the Coast Guard said.",
         "The Coast Guard said ships and planes searched the area some 400 miles off the coast of Newfoundland.",
         "a-figure-in-brackets-restates-the-one-before"),
    case("The search is taking place in water about 13,000 feet deep and 900 miles off Cape Cod, the admiral said.",
         "The admiral said the sub was diving some 400 miles off the coast of Newfoundland.",
         "a-depth-is-no-distance"),
    case("Hamish Harding, who's confirmed to be one of the five people on the vessel, wrote on Saturday.",
         "There would be seven people on board the vessel, including Hamish Harding.",
         "one-of-a-group-is-no-count"),
    case("Officials are working to get a remotely operated vehicle that can reach a depth of 6,000 meters to the site.",
         "The famous shipwreck is located at a depth of 3,800 meters, officials said.",
         "a-capability-is-not-a-measure"),
    case("A crew rescued 12 people from the water off Lahaina, the Coast Guard said.",
         "About one dozen people were pulled from the sea by a rescue boat off Lahaina.",
         "one-dozen-is-twelve"),
    case("The coastguard said contact was lost with the sub just one hour and 45 minutes into its dive.",
         "The sub lost contact with its support ship about two hours into a dive on Sunday.",
         "an-hour-and-45-minutes-is-about-two-hours"),
    case("The search is taking place in water about 13,000 feet deep and 900 miles off Cape Cod.",
         "The sub was attempting to dive near the wreck of the Titanic some 400 miles off the coast of Newfoundland.",
         "distances-from-two-places"),
    case("The freight train had 150 cars when it left Madison, Illinois, for Conway Yard.",
         "About 50 cars of the freight train derailed in a fiery crash on Friday night.",
         "the-cars-a-train-had-are-not-the-cars-that-derailed"),
    case("Thirty-nine people were killed in the fire, the mayor said.",
         "Nearly 40 people were killed in the fire, the mayor said.",
         "thirty-nine-is-nearly-40"),
    case("Before the vote to remove the speaker, his allies tried to kill the resolution, but Democrats blocked that on "
         "Tuesday, along with 11 Republicans, in a 208-218 vote.",
         "The resolution to remove the speaker was passed on Tuesday by 216-210 with the support of eight Republicans and all the Democrats.",
         "counts-of-two-votes-with-two-tallies"),
    case("The court also ordered the former judge, Mark Ellison, to pay $1.17 million in restitution.",
         "The sentence came down on Thursday for former county judge Mark Ellison, who was convicted of taking $1 million in bribes from contractors.",
         "money-of-two-different-things"),
    case("The crash site lies 12 kilometres south of Greyfield.",
         "The crash site lies about 7.5 miles south of Greyfield.",
         "km-vs-miles-conversion"),
    case("The council approved €3 million for the new floodlights.",
         "The council approved 3,000,000 euros for the new floodlights.",
         "euro-sign-vs-euros-word"),
    case("The floods displaced 1.5 lakh people in the district.",
         "The floods displaced 150,000 people in the district.",
         "lakh-vs-thousands"),
    case("Lodestar Bank set aside $1.2 billion for bad loans.",
         "Lodestar Bank set aside $1,200 million for bad loans.",
         "billion-vs-million"),
    case("Federal agencies would have up to 60 days to complete the review.",
         "Federal agencies would have between 10 and 45 days to complete the review.",
         "up-to-60-vs-between-10-and-45"),
    case("Applicants must wait at least 30 days for a decision on the permit.",
         "Applicants must wait 45 days for a decision on the permit.",
         "at-least-30-vs-45"),
    case("Nearly 50 people were taken to hospital after the chemical fire.",
         "48 people were taken to hospital after the chemical fire.",
         "nearly-50-vs-48"),
    case("The train was carrying about 210 passengers, according to the company.",
         "The train was carrying more than 200 passengers.",
         "about-210-vs-more-than-200"),
    case("Twelve people were killed in the derailment near Ashcombe.",
         "Sixty people were injured in the derailment near Ashcombe.",
         "dead-vs-injured"),
    case("The ferry was carrying 300 passengers when it ran aground off Quayside.",
         "The ferry was carrying 12 crew when it ran aground off Quayside.",
         "passengers-vs-crew"),
    case("Three of the train's six carriages left the tracks.",
         "Three carriages left the tracks near the bridge.",
         "part-of-whole"),
    case("Two dozen firefighters tackled the blaze at the depot overnight.",
         "Firefighters, 24 of them, tackled the blaze at the depot overnight.",
         "two-dozen-vs-24"),
    case("Crews needed half a day to clear the line after the landslide.",
         "Crews needed 12 hours to clear the line after the landslide.",
         "half-a-day-vs-12-hours"),
    case("The bridge, built in 1998, was inspected on May 21.",
         "The bridge was built in 2004 and inspected on May 21.",
         "years-are-not-quantities"),
    case("Twelve people were killed in the derailment near Ashcombe.",
         "12 people were killed in the derailment near Ashcombe.",
         "word-vs-digits"),
    case("Shares in Altmark fell 4.2 percent in afternoon trading.",
         "Altmark shares have lost about 11 percent since the recall began.",
         "changes-over-different-periods"),
    case("Fifteen miners were trapped by the blast; five of them were later recovered dead.",
         "It was the region's deadliest accident since 2009, when 23 miners died in a fire at another pit.",
         "a-figure-for-another-year-and-another-role"),
    case("The ferry was certified to carry up to 300 passengers, maritime records show.",
         "The ferry was carrying 214 passengers and 11 crew on the crossing, maritime records show.",
         "a-capacity-is-not-a-load"),
    case("Councillor Ruiz and 14 other members voted to keep the depot open.",
         "Five members voted with the opposition to close the depot.",
         "a-remainder-is-not-a-total"),
    case("Rescuers found two more bodies in the rubble on Friday.",
         "Nine bodies have been recovered from the rubble.",
         "an-increment-is-not-a-total"),
    case("About 2 million fewer households would get the benefit in the first year, rising to 6 million by 2030.",
         "Some 6 million fewer households would get the benefit in 2030.",
         "a-figure-for-a-named-year-later-in-its-clause"),
    case("Four firefighters held the ladder as two other firefighters entered the burning house.",
         "Two firefighters entered the burning house.",
         "the-others-agree-with-the-figure"),
    case("The match had 11 home players and 11 visiting players on the pitch.",
         "There were 22 players on the pitch.",
         "a-count-told-in-parts"),
    case("No schools in the district were damaged by the storm.",
         "Crews cleared fallen trees from 14 schools in the district after the storm.",
         "none-of-a-noun-and-a-count-doing-something-else"),
    case("The vaccine is approved for people aged 16 and older, the regulator said.",
         "The company asked the regulator to open the vaccine to anyone 18 or older.",
         "age-bounds-are-no-counts"),
    case("To convict, Democrats would need a minimum of 17 Republicans to vote with them.",
         "Five Republicans joined all 50 Democrats in the vote on the trial.",
         "a-number-needed-is-no-count"),
    case("Boeing had delivered 350 of the 737 Max jets to customers by January.",
         "Airlines in China grounded their 737 Max 8 jets on Monday.",
         "a-model-number-is-no-count"),
    case("A judge blocked the company's $8.4 billion acquisition of its rival on Thursday.",
         "The $8.38 billion agreement would have created the country's largest grocer.",
         "a-rounded-figure-holds-the-precise-one"),
    case("Shops must now keep thermostats at 26 degrees or warmer, the order says.",
         "Inspectors fined two shops that kept their thermostats below 26 degrees.",
         "a-bound-set-and-a-breach-of-it"),
    case("About 2,000 tonnes of crude oil have now escaped from the tanker, the agency said.",
         "The tanker was carrying about 80,000 tonnes of crude oil to the refinery.",
         "a-cargo-is-not-what-spilled"),
    case("Fishing supports about 20 per cent of jobs in Kilmarrow, according to the council.",
         "Around one in five jobs in Kilmarrow depends on fishing, council figures show.",
         "one-in-five-is-twenty-percent"),
    case("The former treasurer was sentenced to four years in prison on Friday for fraud.",
         "The former treasurer served seven years on the council before the fraud came to light.",
         "a-prison-term-is-not-a-term-of-office"),
    case("The death toll from the landslide has risen to nine after a rescuer died in hospital overnight.",
         "A driver hurt in the landslide died on Monday evening, bringing the death toll to ten.",
         "a-noun-after-a-preposition-is-not-what-is-counted", date_a="2026-03-02", date_b="2026-03-04"),
    case("The thieves copied 1.2 terabytes of data from the servers.", "The thieves copied 1,200 GB of data from the servers.",
         "terabytes-converted-to-gigabytes"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", NUMBERS_POSITIVE)
def test_numbers_flags_intervals_that_cannot_both_hold(a, b, date_a, date_b):
    assert_hit(numbers, "numbers", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", NUMBERS_NEGATIVE)
def test_numbers_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(numbers, "numbers", a, b, date_a, date_b)


UPDATES = [
    case("At least 12 people were killed when the train derailed near Ashcombe.",
         "The death toll from the derailment near Ashcombe rose to 19.",
         "at-least-12-killed-then-rose-to-19", gap(
             "no hit at all: 'at least 12' contains 19, and updates are only reported for disjoint figures; "
             "'rose to 19' also names no counted noun, so it is compared with nothing"),
         date_a="2026-03-10", date_b="2026-03-12"),
    case("Twelve people were killed when the train derailed near Ashcombe.",
         "Nineteen people have now died in the derailment near Ashcombe.",
         "twelve-killed-then-nineteen-died", date_a="2026-03-10", date_b="2026-03-12"),
    case("Health officials said 30 cases of measles have been confirmed in Brennock so far.",
         "Health officials said at least 45 cases of measles have been confirmed in Brennock.",
         "undated-so-far-then-at-least"),
    case("Police said 14 people had been arrested after the protest in Port Halden.",
         "Police said 23 people had been arrested after the protest in Port Halden.",
         "arrests-grow-between-dated-reports", date_a="2026-05-01", date_b="2026-05-03"),
    case("Governor Kaslo's lead over Ferro stood at 312 votes after the first count.",
         "With half the ballots recounted, Kaslo's lead over Ferro had narrowed to 187 votes.",
         "a-figure-restated-as-narrowed-to", date_a="2026-03-02", date_b="2026-03-05"),
    case("The recall covers 14 batches of Cardivel tablets, the agency said.",
         "The agency on Monday extended the Cardivel recall to 19 batches.",
         "a-figure-restated-as-extended-to", date_a="2026-03-19", date_b="2026-03-23"),
    case("The death toll from the capsizing has risen to 19, the coast guard said.",
         "The death toll from the capsizing rose to 27 on Thursday after divers recovered more bodies.",
         "a-death-toll-with-no-counted-noun", date_a="2026-05-19", date_b="2026-05-21"),
    case("About 2,000 tonnes of crude oil have now escaped from the tanker, the agency said.",
         "More than 3,500 tonnes of crude have now spilled from the tanker.",
         "a-measured-amount-can-run-too", date_a="2026-08-13", date_b="2026-08-15"),
    case("The death toll from the landslide has risen to nine after a rescuer died in hospital overnight.",
         "A driver hurt in the landslide died on Monday evening, bringing the death toll to ten.",
         "a-toll-that-rose-with-a-second-death", date_a="2026-03-02", date_b="2026-03-04"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", UPDATES)
def test_a_growing_running_count_is_an_update(a, b, date_a, date_b):
    assert_hit(numbers, "update", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", [pytest.param(*p.values, id=p.id) for p in UPDATES])
def test_a_growing_running_count_is_not_a_numbers_conflict(a, b, date_a, date_b):
    assert_no_hit(numbers, "numbers", a, b, date_a, date_b)


# ---------------------------------------------------------------------------------------------
# numbers.quantities: the parser under the numbers rule
# ---------------------------------------------------------------------------------------------

DAY = 24.0  # time is measured in hours


def only(text: str):
    qs = quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text, lo, hi, dimension",
    [
        pytest.param("up to 60 days", 0, 60 * DAY, "time", id="up-to-60-days"),
        pytest.param("at least 30", 30, math.inf, "count:", id="at-least-30"),
        pytest.param("between 10 and 45 days", 10 * DAY, 45 * DAY, "time", id="between-10-and-45-days"),
        pytest.param("two dozen", 24, 24, "count:", id="two-dozen"),
        pytest.param("half a day", 12, 12, "time", id="half-a-day-is-12-hours"),
        pytest.param("1.5 lakh", 145_000, 155_000, "count:", id="lakh-rounded-to-a-tenth"),
        pytest.param("two to three crore", 20e6, 30e6, "count:", id="crore-range"),
        pytest.param("€3 million", 3e6, 3e6, "money:EUR", id="euro-sign-million"),
        pytest.param("3,000,000 euros", 3e6, 3e6, "money:EUR", id="euros-word"),
        pytest.param("twenty-five to thirty", 25, 30, "count:", id="a-range-of-hyphenated-words"),
        pytest.param("seventy-six", 76, 76, "count:", id="a-hyphenated-word-is-no-range"),
        pytest.param("hundreds of thousands of people", 200_000, 1_000_000, "count:peopl", id="hundreds-of-thousands"),
    ],
)
def test_quantity_intervals(text, lo, hi, dimension):
    q = only(text)
    assert q.dimension == dimension
    assert q.lo == pytest.approx(lo) and q.hi == pytest.approx(hi)


def test_nearly_50_is_below_50_and_includes_48():
    q = only("nearly 50")
    assert q.hi == 50 and q.lo < 48 < q.hi


def test_over_120_starts_at_120_and_is_unbounded():
    # "more than 200" and "nearly 200" touch: outlets rounding one figure (issue 19), not a clash
    q = only("over 120")
    assert q.lo == 120 and q.hi == math.inf


def test_same_sum_written_two_ways_is_one_interval():
    x, y = only("€3 million"), only("3,000,000 euros")
    assert (x.lo, x.hi, x.dimension) == (y.lo, y.hi, y.dimension)


def test_lakh_holds_the_plain_figure():
    x, y = only("1.5 lakh"), only("150,000")
    assert x.lo <= y.lo == y.hi == 150_000 <= x.hi


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The order was due to be signed in 2026.", id="year"),
        pytest.param("The ceremony was set for May 21.", id="month-day"),
        pytest.param("Trump called off the ceremony on May 21, 2026.", id="full-date"),
    ],
)
def test_dates_are_not_quantities(text):
    assert quantities(text) == ()


NUMBERISH = st.sampled_from(
    ["1", "12", "0", "1.5", "3,000,000", "60", "2026", "nine", "two dozen", "half a", "lakh", "crore", "million", "€", "$",
     "Rs.", "%", "days", "miles", "up to", "at least", "nearly", "over", "between", "and", "to", "-", "of the", "May",
     "killed", "6-1", "1st", "a.m.", ":", ",", ".", " "]
)


@hsettings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(NUMBERISH, max_size=14).map(" ".join)))
def test_quantities_never_raises_and_intervals_are_ordered(text):
    for q in quantities(text):
        assert q.lo <= q.hi


# ---------------------------------------------------------------------------------------------
# dates: days, times of day, "hours" vs "minutes" before
# ---------------------------------------------------------------------------------------------

DATES_POSITIVE = [
    case("Parliament voted on the bill on Thursday, officials said.", "The vote on the bill was held on Friday, officials said.",
         "a-vote-held-is-the-vote"),
    case("The crash occurred at 9:03 a.m. after the landing gear failed to deploy, the ministry said.",
         "The accident happened at 9.07am when the flight was landing, the news agency said.",
         "precise-clock-times-four-minutes-apart"),
    case("The crash took place on Sunday at 09:03 local time (00:03 GMT).",
         "The crash occurred at 9:07 AM local time, when the plane veered off the runway.",
         "one-moment-on-two-clocks-does-not-hide-the-other"),
    case("The collision happened shortly after 11 a.m. local time, when a passenger train hit a freight train.",
         "The two trains collided around midnight near the station.",
         "local-time-is-no-other-clock-eleven-hours-away"),
    case("Nine people died on Sunday when the ferry capsized.", "Nine people died on Monday when the ferry capsized.",
         "one-count-on-two-days", date_a="2025-10-14", date_b="2025-10-14"),
    case("The stampede took place at around 3.30 pm when the preacher was leaving the venue.",
         "The stampede occurred at around 3pm local time.", "about-a-round-hour-is-no-wider-than-the-hour"),
    case("Two dams and four bridges collapsed in the city, submerging much of it when the storm hit on Sunday.",
         "The dams collapsed on Monday, causing a huge flash flood.",
         "a-when-clause-dates-the-main-happening"),
    case("The bridge had been reopened just a week ago after repairs.",
         "The bridge, which reopened four days ago after extensive repairs, was crammed with people.",
         "days-ago-told-against-the-article-dates", date_a="2022-10-31", date_b="2022-10-30"),
    case("The block in the seaside town was built in 1980.",
         "The block, built in 1981, was being inspected when it collapsed.",
         "a-once-only-happening-in-two-years"),
    case("The train derailed near Ashcombe on Monday morning.",
         "The train derailed near Ashcombe on Monday evening.",
         "monday-morning-vs-monday-evening"),
    case("The council will vote on the stadium plan on Tuesday.",
         "The council will vote on the stadium plan on Friday.",
         "tuesday-vs-friday"),
    case("President Trump called off the signing ceremony on May 21.",
         "President Trump called off the signing ceremony on May 22.",
         "may-21-vs-may-22"),
    case("The results of the inquiry will be published on 3 April.",
         "The results of the inquiry will be published on April 13.",
         "day-month-vs-month-day"),
    case("The fire broke out at the bus depot at 6 a.m.",
         "The fire broke out at the bus depot at 9 p.m.",
         "6am-vs-9pm"),
    case("Service on the Kestrel Valley Line reopened yesterday, the operator said.",
         "Service on the Kestrel Valley Line reopened on Thursday.",
         "yesterday-resolved-against-the-article-date", date_a="2026-03-12", date_b="2026-03-13"),
    case("Trump cancelled the signing ceremony hours before it was due to begin.",
         "Trump cancelled the signing ceremony minutes before it was due to begin.",
         "hours-vs-minutes-before"),
    case("The ceasefire in the valley took effect at midnight.",
         "The ceasefire in the valley took effect at noon.",
         "midnight-vs-noon"),
    case("The signing ceremony had been scheduled for Thursday in the Oval Office.",
         "The signing ceremony had been scheduled for Wednesday in the Oval Office.",
         "thursday-vs-wednesday"),
    case("Hundreds of people had gathered on the footbridge to watch the regatta when it collapsed at 6:40 pm on Sunday.",
         "The footbridge over the Aldon river collapsed on Sunday at 6:05 pm, moments after the regatta ended.",
         "a-when-clause-that-is-the-incident-keeps-its-time"),
    case("The train left the tracks shortly before 7:45 a.m. on Monday near the bridge.",
         "A regional passenger train derailed on Sunday evening near the bridge.",
         "left-the-tracks-is-derailed"),
    case("The explosion ripped through the pit at about 4:10 a.m., rescue officials said.",
         "The blast in the pit happened shortly before midnight, according to rescue officials.",
         "clock-times-hours-apart"),
    case("The impurity was first detected in January during routine quality testing.",
         "The company's laboratory first detected the impurity on March 9.",
         "a-month-against-a-date"),
    case("Counting officials started the recount on Wednesday morning.",
         "Since the recount started on March 3, officials have checked 600,000 ballots.",
         "a-weekday-resolved-against-the-article-date", date_a="2026-03-06", date_b="2026-03-06"),
    case("The explosion tore through the warehouse at about 4:10 a.m., as the night shift was ending.",
         "The blast happened late on Monday night, shortly before midnight, a fire official said.",
         "clock-times-of-one-event-named-differently"),
    case("Operations at the Port of Saltmere stopped on Sunday after dockworkers walked off the job.",
         "The strike at the Port of Saltmere began on Saturday evening, the union said.",
         "walked-off-the-job-is-the-strike"),
    case("The county board voted late Monday night after three hours of debate.",
         "The Ashby County board approved the zoning plan 5-2 on Wednesday afternoon.",
         "the-vote-is-the-approval"),
    case("The footbridge collapsed at 9:47 p.m., fire officials said.",
         "Witnesses saw the footbridge collapse shortly before 8 p.m.",
         "a-precise-time-and-another-over-an-hour-apart"),
    # precise times half an hour apart, and rounded ones whose spans do not meet (real reports:
    # Key Bridge, Itaewon, Surfside)
    case("The footbridge collapsed at 9:47 p.m., fire officials said.",
         "Witnesses saw the footbridge collapse at about 9 p.m.",
         "about-nine-is-not-a-quarter-to-ten"),
    case("The tunnel roof at the mine collapsed at about 05:10 local time.",
         "The tunnel roof at the mine collapsed at around 7.30 a.m.",
         "local-time-and-a-bare-time-hours-and-minutes-apart"),
    case("The condo tower collapsed at 1 am on Collins Avenue.",
         "The condo tower on Collins Avenue collapsed just after 1:30 a.m.",
         "a-round-hour-holds-a-quarter-hour-either-way"),
    case("The stampede broke out around 2 in the afternoon, a witness said.",
         "The stampede broke out at around 3 p.m. as the preacher left.",
         "an-hour-in-words-with-the-part-of-the-day"),
    case("The fire broke out at 11:40 a.m. at the warehouse.",
         "The fire at the warehouse started at 12:10 p.m.",
         "clock-times-half-an-hour-apart-across-noon"),
    case("The container ship struck the bridge at 1:28 a.m. on Tuesday.",
         "The bridge collapsed after the container ship struck it around 1:40 a.m.",
         "a-precise-time-and-another-rounded-away-from-it"),
    case("The crowd surged into the alley at around 10:40 p.m.",
         "Just before 10:20pm, chaos erupted in the alley as the crowd surged.",
         "just-before-a-time-is-before-it"),
    case("Nicholas Balboa was walking his dog around midnight when the building collapsed.",
         "The building collapsed at 1:45 a.m. as Balboa walked his dog.",
         "around-midnight-is-not-a-quarter-to-two"),
    case("The blackout began at 4:12 p.m. when a substation fire tripped three lines.",
         "The blackout began at about half past two in the afternoon, as demand peaked.",
         "a-clock-time-in-words"),
    case("At least 12 people were killed after a passenger ferry capsized in the strait shortly after dawn on Sunday.",
         "The ferry capsized in the strait just before midnight on Saturday, the port authority said.",
         "the-dated-event-inside-an-after-phrase"),
    case("The tanker ran aground at about 3:30 a.m. on Tuesday on Gannet Reef.",
         "The tanker grounded on Gannet Reef late on Monday evening, the coastguard said.",
         "ran-aground-is-grounded"),
    case("The submersible lost contact with its support ship one hour and 45 minutes into the dive on Sunday afternoon.",
         "The submersible lost contact with its support ship early on Sunday, about an hour and 45 minutes into its dive.",
         "early-sunday-is-not-sunday-afternoon"),
    case("David Concannon, an adviser to the company, said OceanGate lost contact with the sub Sunday morning.",
         "Coast Guard officials said the sub lost contact with its support ship on Sunday afternoon.",
         "a-speaker-in-commas-before-said-is-no-tail"),
    case("The rocket lifted off at 06:14 local time from the coastal range.",
         "The rocket lifted off from the coastal range at 9:40 a.m.",
         "a-24-hour-clock-time"),
    case("The slide struck the village at 11:40 a.m., burying two houses.",
         "The slide broke away above the village shortly after 2 p.m., burying two houses.",
         "two-clock-times-of-one-named-event-told-with-two-verbs"),
    case("He was found guilty by a jury in March after a six-week trial.",
         "The jury convicted him on 21 January after a six-week trial.",
         "found-guilty-is-convicted"),
    case("The quake struck the valley late on Friday, killing at least 300 people, officials said on Saturday.",
         "The quake struck the valley on Thursday night, killing at least 300 people.",
         "the-day-of-saying-aside-the-days-of-the-quake-still-differ"),
    case("The warehouse fire was first reported at about 4 a.m. by a passing driver.",
         "The warehouse fire broke out shortly before midnight, a fire official said.",
         "a-passive-reported-dates-the-happening"),
    case("The port says the tanker departed its berth at 2:14 a.m., meaning it struck the pier just 20 minutes later.",
         "1:58 a.m. — The tanker, named Orla, departs the Kestrel Bay terminal.", "a-timeline-entry-dates-its-verb"),
    # the day of the toll's rise is passed over; the day owning "derailment" dates the derailment
    case("The death toll from Monday's derailment near Ashby rose to 19 on Wednesday.",
         "A passenger train derailed on Sunday evening near the village of Ashby.", "a-day-owning-the-happening",
         date_a="2026-03-12", date_b="2026-03-11"),
    # "claimed 36 lives" is no saying: the day inside it still dates the fire
    case("The blaze, which started on Wednesday, has claimed at least 36 lives and razed parts of Orlen.",
         "The fire began on Tuesday, fanned by strong winds across the dry hills.", "a-fire-that-claimed-lives",
         date_a="2023-08-11", date_b="2023-08-10"),
    # a plan word after the time plans something else; "1:10pm" written joined, which the tagger misses
    case("The jet took off at 1:10pm from Varna and was scheduled to land at Gatwick, but it crashed minutes later.",
         "The jet took off from Runway 23 at 1:38 p.m., but shortly after it crashed.", "a-plan-after-the-time-plans-another-step",
         date_a="2025-06-12", date_b="2025-06-12"),
    # "the tragedy" is the story's happening: the collapse
    case("The tragedy at the Morvik footbridge occurred at 6.45pm on Sunday, police said.",
         "The Morvik footbridge collapsed at 6 pm on Sunday.", "a-tragedy-is-the-story-s-happening",
         date_a="2022-10-31", date_b="2022-10-31"),
]

DATES_NEGATIVE = [
    case("Seventeen people were still listed as missing on Sunday morning.",
         "Rescuers said seven men were still unaccounted for on Wednesday afternoon.",
         "two-tallies-of-the-missing-on-two-days"),
    case("The plane came down at 9:03 a.m. near the airport.", "The plane came down at 9:05 a.m. near the airport.",
         "precise-clock-times-two-minutes-apart-may-be-one-moment"),
    case("The crash took place at 09:03 local time (00:03 GMT), officials said.",
         "The crash took place at 00:03 GMT, officials said.",
         "one-moment-on-two-clocks"),
    case("A press conference on the train derailment was held Sunday at 3:30 p.m.",
         "The train derailed late Friday near the town.",
         "a-conference-held-is-not-the-day-of-the-derailment"),
    case("The president declared a period of national mourning on Sunday after the crush killed 151 people.",
         "Scores died Saturday in a horrific crowd crush in the nightlife district.",
         "mourning-declared-is-not-the-day-of-the-deaths"),
    case("Trump later held a news conference at 2:15 p.m. at the hotel in Hanoi.",
         "After that, at 16:00 local time, Trump was to give a news conference in the hotel he stays in.",
         "a-time-a-plan-governs-fronted-is-not-when-it-happened"),
    case("A massive landslide devastated a remote village early on Friday, killing at least three people.",
         "Rescue teams arrived at the site of the massive landslide on Saturday.",
         "a-response-day-is-not-the-day-of-any-happening"),
    case("A massive landslide struck remote villages in the highlands on Friday, burying many homes.",
         "Rescue teams arrived at the site of the massive landslide in the highlands on Saturday.",
         "the-day-rescuers-arrived-is-not-the-day-it-struck"),
    case("The collapse comes just days after the footbridge was reopened following repairs.",
         "A contractor had repaired the footbridge for nearly six months before it was reopened to the public.",
         "lengths-of-time-on-two-sides-of-one-happening"),
    case("More than 200 victims were buried Sunday, many in mass graves.", "More than 600 victims were buried Monday near the port.",
         "two-days-of-burials", date_a="2025-10-14", date_b="2025-10-14"),
    case("At least 31 people were feared dead Tuesday after storm Ardo caused flash floods over the weekend.",
         "Storm Ardo caused deadly flooding Sunday in many towns along the coast.", "the-day-a-toll-was-feared-is-its-telling",
         date_a="2025-10-14", date_b="2025-10-14"),
    case("The death toll rose by 17 on Thursday to reach 53, the county said in a statement.",
         "The county announced the updated death toll on its website late Wednesday.", "two-days-of-the-tolls-telling",
         date_a="2023-08-11", date_b="2023-08-10"),
    case("The death toll from Monday's derailment near Ashby rose to 19 on Wednesday.",
         "The train derailed on Monday evening near the village of Ashby.", "the-day-of-a-tolls-rise-is-passed-over",
         date_a="2026-03-12", date_b="2026-03-11"),
    case("The port says the tanker departed its berth at 2:14 a.m., meaning it struck the pier just 20 minutes later.",
         "2:31 a.m. — The tanker, named Orla, loses power near the Kestrel Bay terminal.", "a-timeline-entry-of-another-step"),
    case("The first of the landslides occurred at 2am on Tuesday, followed by another two hours later.",
         "The second landslide occurred at 4.10 a.m.", "two-steps-told-by-their-ordinals"),
    case("The stampede occurred at around 3pm as the preacher left.", "The stampede took place at 3.15 pm, police said.",
         "about-a-round-hour-still-holds-its-quarter"),
    case("The bridge had been reopened five days ago after repairs.",
         "The bridge, which reopened four days ago after extensive repairs, was crammed with people.",
         "days-ago-from-two-article-dates-name-one-day", date_a="2022-10-31", date_b="2022-10-30"),
    case("At least 70 people were killed when the footbridge collapsed on Sunday evening.",
         "More than 100 deaths had been reported till the early morning after the footbridge collapsed.",
         "a-part-of-the-day-bounding-a-count"),
    case("The tower on the beachfront was built in 1981.", "The tower on the beachfront was renovated in 2018.",
         "two-happenings-two-years"),
    case("The north tower was completed in 1981, officials said.", "The south tower was completed in 1981, officials said.",
         "one-year-for-two-towers"),
    # kinds seen in real reports of a bridge collapse
    case("The coast guard suspended search-and-rescue operations until Wednesday morning.",
         "At 7:30 p.m. Tuesday, search and rescue operations were suspended, and officials moved to recovery.",
         "until-a-morning-is-a-bound"),
    case("At 7:30 p.m. Tuesday, search and rescue operations at the bridge were suspended.",
         "Search and recovery teams will resume operations at the bridge at 6 a.m. Wednesday.",
         "a-plan-and-a-past-act"),
    case("A strong earthquake struck Morocco late Friday night, killing at least 820 people.",
         "Updated interior ministry figures on Saturday showed the quake killed 820 people in the provinces.",
         "when-figures-came-out-is-not-when-it-happened", date_a="2023-09-09", date_b="2023-09-09"),
    case("A strong earthquake struck Morocco late Friday night, killing at least 820 people.",
         "Moulay Brahim, Morocco, Sept 9 (UrduPoint) :Morocco's deadliest earthquake in decades has killed at least 820 people.",
         "a-dateline-and-decades-date-nothing", date_a="2023-09-09", date_b="2023-09-09"),
    case("The mayor said the number of people unaccounted for in Thursday's building collapse increased to 159.",
         "Some 159 people remained unaccounted for on Friday after the collapse of the residential building.",
         "the-day-of-a-named-event-and-a-day-after-it"),
    case("At least 99 people were unaccounted for after portions of a condo building collapsed early Thursday, officials said.",
         "By late afternoon, nearly 100 people were still unaccounted for, authorities said.",
         "by-late-afternoon-bounds-when-a-figure-held"),
    case("Residents of East Palestine are evacuating their homes today while a large fire continues to burn after the derailment.",
         "Residents of East Palestine were evacuated on Friday night after the train derailed and caused a fire.",
         "still-evacuating-today-is-no-day-of-the-evacuation", date_a="2023-02-04", date_b="2023-02-04"),
    case("The submersible lost contact with its support ship early on Sunday, officials said.",
         "The submersible lost contact with its support ship on Sunday morning, officials said.",
         "early-sunday-is-sunday-morning"),
    case("The ferry capsized in the strait late on Saturday, the port authority said.",
         "The ferry capsized in the strait on Saturday night, the port authority said.",
         "late-saturday-is-saturday-night"),
    case("The blaze broke out shortly before 7 p.m. on the ground floor of the apartment block.",
         "Last night a four-alarm fire tore through an apartment block on Crane Avenue, killing nine people.",
         "night-in-words-is-loose-against-an-evening-clock-time", date_a="2019-02-07", date_b="2019-02-08"),
    case("UPDATED, 9:40 a.m., Saturday, March 4: At least nine people died when fire swept through the apartment block.",
         "Fire swept through the apartment block on Crane Avenue on the night of Friday, March 3, killing nine.",
         "a-story-timestamp-dates-no-happening", date_a="2023-03-04", date_b="2023-03-04"),
    case("LIMA (Andes Wire - 19th March, 2023) At least four people died in a 6.5 magnitude earthquake in the south, "
         "the risk agency said on Saturday.",
         "A 6.7 magnitude earthquake struck the south at midday on Saturday, killing at least four people.",
         "a-dateline-dates-no-happening", date_a="2023-03-19", date_b="2023-03-18"),
    case("The tremor struck at noon near the coastal town of Balmoral, the agency said.",
         "The earthquake was recorded at 17:05 GMT on Saturday near the coastal town of Balmoral.",
         "a-zone-written-inside-the-time"),
    case("The first alarm sounded at 6:51 p.m. and firefighters reached the burning building three minutes later.",
         "More than 150 firefighters fought the fire in the building, which was under control by 10 p.m.",
         "a-bound-is-compared-only-with-a-bound"),
    case("Mayor Ines Calloway said on WKTR this morning that investigators believe the fire was started by a child.",
         "The fire that killed nine people broke out on Thursday, investigators said.",
         "when-the-mayor-spoke-is-not-when-it-happened", date_a="2017-12-29", date_b="2017-12-29"),
    case("Mexico was under a state of emergency after an 8.1 earthquake struck near Oaxaca on September 7.",
         "Another earthquake struck Mexico on Tuesday afternoon, according to the US Geological Survey.",
         "days-weeks-apart-date-two-happenings", date_a="2017-09-20", date_b="2017-09-19"),
    case("The strike started at 12.01 am, less than three hours after the union announced the result.",
         "But yesterday evening, union members voted by an overwhelming majority to strike instead.",
         "the-subject-of-started-is-what-happened", date_a="2024-09-14", date_b="2024-09-13"),
    case("Boeing workers in the Seattle region overwhelmingly voted to strike Thursday, rejecting a contract.",
         "Thousands of Boeing workers went on strike Friday after overwhelmingly rejecting a contract.",
         "the-day-after-an-infinitive-dates-the-vote"),
    case("Nearly 200 were injured in the worst train accident in years, which took place just after 0300 hrs on Sunday.",
         "At least 127 people were killed and nearly 200 injured when the train jumped the tracks on Sunday morning.",
         "3am-is-night-and-early-morning"),
    case("The signing was set for May 21 in the Oval Office.",
         "The signing was set for 21 May in the Oval Office.",
         "same-date-two-formats"),
    case("The train derailed near Ashcombe on Monday.",
         "The train derailed near Ashcombe on March 9.",
         "weekday-vs-calendar-date"),
    case("The train derailed near Ashcombe yesterday, police said.",
         "The train derailed near Ashcombe on Monday.",
         "yesterday-is-monday", date_a="2026-03-10"),
    case("The train derailed near Ashcombe at 7:45 a.m. on Monday.",
         "The train derailed near Ashcombe on Monday morning.",
         "clock-time-inside-the-named-part-of-day"),
    case("The train derailed near Ashcombe on Monday morning.",
         "The train derailed near Ashcombe early on Monday.",
         "only-one-side-names-a-part-of-day"),
    case("The raid on the warehouse began at dawn on Sunday.",
         "The raid on the warehouse began early on Sunday morning.",
         "dawn-is-morning"),
    case("The vote on the stadium plan moved from Tuesday to Friday.",
         "The vote on the stadium plan will be held on Friday.",
         "one-side-names-both-days"),
    case("The council meets on Tuesday to discuss the budget.",
         "The jazz festival opens on Friday in Brennock.",
         "different-events"),
    case("The transport minister will speak to the families tonight.",
         "The transport minister will speak to the families this evening.",
         "tonight-vs-this-evening", date_a="2026-03-10", date_b="2026-03-10"),
    case("Trump called off the ceremony hours before it was due to begin.",
         "Trump called off the ceremony a few hours ahead of its planned start.",
         "hours-before-vs-hours-ahead"),
    case("Ferro formally asked for a recount on Monday afternoon.",
         "Counting officials started the recount on Wednesday morning.",
         "two-steps-of-one-story"),
    case("The storm damaged the roof of the town hall on Monday.",
         "The storm damaged the roof of the town hall on Monday.",
         "one-monday-told-in-articles-a-week-apart", date_a="2026-03-10", date_b="2026-03-17"),
    case("Shares in Wexley Bank were suspended from trading on Thursday afternoon.",
         "Wexley Bank shares have been suspended since Thursday and remained halted on Monday.",
         "a-day-both-sides-name"),
    case("The fire was 15 percent contained as of Monday morning.",
         "Crews spent the night cutting containment lines around the fire.",
         "a-part-of-the-day-with-another-act"),
    case("Flight AU417 touched down back at the airport at 7:40 a.m. local time.",
         "Flight AU417 landed back at the airport at about 7.40am on Saturday.",
         "a-clock-time-written-with-a-dot"),
    case("Flights to the island remain suspended, three days after the engine failure.",
         "The flight touched down back at the airport roughly 25 minutes after departing.",
         "intervals-after-different-things"),
    case("As of 8 p.m. on Sunday, a fifth of the district's pharmacies had run out of the vaccine.",
         "I have been to four pharmacies this morning and none of them had the vaccine.",
         "a-snapshot-time-is-not-an-event-time"),
    case("The committee voted on Monday to open hearings into the bridge collapse.",
         "Hearings into the bridge collapse begin on Tuesday, a day after the committee voted to open them.",
         "a-day-after-names-the-other-day"),
    case("The explosion tore through the grain warehouse at about 4:10 a.m.",
         "Firefighters reached the grain warehouse shortly before midnight.",
         "two-times-of-two-happenings-at-one-place"),
    case("Eleven people died after the ferry sank, and islanders spent Saturday at the harbour waiting for news.",
         "Eleven people died when the ferry sank in heavy seas late on Friday, the coast guard said.",
         "a-day-spent-waiting-is-no-day-of-the-sinking"),
    case("The footbridge collapsed at 9:12 p.m., fire officials said.",
         "Witnesses saw the footbridge collapse at about 9 p.m.",
         "a-precise-time-and-a-rounded-one-near-it"),
    case("The stampede broke out at around 2 in the afternoon, a witness said.",
         "The stampede broke out at around 3pm local time.",
         "an-hour-apart-across-a-named-zone-may-be-one-moment"),
    case("The blackout began at 2:35 p.m. when a substation fire tripped three lines.",
         "The blackout began at about half past two in the afternoon, as demand peaked.",
         "a-clock-time-in-words-that-agrees"),
    case("Staff at the hospitals were working with pen and paper on Sunday after a cyber attack on the network.",
         "The emergency department reopened to ambulances on Monday morning, two days after a cyber attack on the network.",
         "two-acts-timed-after-one-event"),
    case("Four people have now died following Tuesday's collision at the level crossing.",
         "The man, who had been critical since the collision, died in hospital on Thursday night.",
         "a-weekday-owning-a-noun-dates-that-noun"),
    case("The fire broke out at 9:02 a.m. at the warehouse.",
         "The fire at the warehouse started at about 9:05 a.m.",
         "clock-times-minutes-apart"),
    case("The collapse came at 1:28 a.m. on Tuesday.",
         "The bridge collapsed at 1:30 a.m., minutes after the ship lost power.",
         "a-precise-time-and-its-rounding"),
    case("The team won the final 3:2 at the stadium on Sunday.",
         "The final at the stadium on Sunday kicked off at 3 p.m.",
         "a-score-is-not-a-clock-time"),
    # from real reports (Kanpur derailment, Mexico earthquake, OpenAI, CrowdStrike)
    case("At least 45 people were killed when the train derailed early on Sunday morning.",
         "At least 127 people were killed in their sleep when the train derailed in the night.",
         "neighbouring-parts-of-the-day-are-loose"),
    case("The quake struck central Mexico at about 2:15 p.m.",
         "The quake struck around 1:14 p.m. local time in the state of Puebla.",
         "clock-times-in-two-zones"),
    case("Taking to Twitter, he wrote: \u201cBased on today\u2019s news, I quit.\u201d",
         "In a message to staff, Brockman said \u201cbased on today\u2019s news, I quit.\u201d",
         "today-in-a-quote-is-the-speakers-day", date_a="2023-11-18", date_b="2023-11-20"),
    case("USA Today reported more than 1,100 flights were cancelled on the day of the outage.",
         "The airlines had cancelled 3% of flights on Thursday, the day of the outage.",
         "usa-today-is-a-name", date_a="2024-07-19", date_b="2024-07-19"),
    case("The fire service was called to the Harlow Court tower at 12.54am on Wednesday.",
         "The blaze in the Harlow Court tower broke out in the early hours of Wednesday (about 2pm in Auckland).",
         "a-time-in-brackets-is-the-same-moment-on-another-clock"),
    case("A strong quake struck the Vessary highlands late on Friday, killing at least 600 people.",
         "The quake in the Vessary highlands has killed at least 600 people, officials said Saturday, as rescuers dug through rubble.",
         "the-day-it-was-said-is-not-the-day-it-struck", date_a="2024-05-11", date_b="2024-05-11"),
    case("Counts of the dead in the Vessary highlands continued to rise early Monday as rescuers dug through rubble.",
         "A strong quake struck the Vessary highlands late on Friday, killing at least 600 people.",
         "the-day-a-count-still-rose-is-not-the-day-it-struck", date_a="2024-05-13", date_b="2024-05-11"),
    case("(NPA) – KESSLING, MARCH 12 – At least 40 people died in the crush at the market, a health official said today.",
         "At least 41 people were killed late Monday in a crush at the Kessling market.",
         "an-agency-dateline-is-the-articles-day", date_a="2024-03-12", date_b="2024-03-12"),
    case("March 12 (Norpress)--At least 40 people have died in the crush at the Kessling market.",
         "At least 41 people were killed in a crush at the Kessling market on Monday.",
         "a-dateline-before-the-agency", date_a="2024-03-12", date_b="2024-03-12"),
    case("A landslide buried a village in the Tarn highlands on Friday, killing scores of people.",
         "A huge landslide struck villages in the Tarn highlands Friday, March 6, with many homes buried.",
         "one-friday-told-with-a-wrong-date-is-still-one-friday", date_a="2024-03-09", date_b="2024-03-08"),
    case("The jet was scheduled to take off at 1:10pm from Varna.", "The jet took off from Varna at 1:38 p.m. and crashed.",
         "a-plan-word-before-the-time-is-a-plan", date_a="2025-06-12", date_b="2025-06-12"),
    case("The tragedy at the Morvik footbridge occurred at 6.45pm on Sunday.",
         "Rescuers at the Morvik footbridge recovered the last body at 11 pm on Sunday.", "the-story-s-happening-is-no-later-step",
         date_a="2022-10-31", date_b="2022-10-31"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", DATES_POSITIVE)
def test_dates_flags_different_days_and_times(a, b, date_a, date_b):
    assert_hit(dates, "dates", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", DATES_NEGATIVE)
def test_dates_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(dates, "dates", a, b, date_a, date_b)


# ---------------------------------------------------------------------------------------------
# entities: a different agency / person / place in the same role
# ---------------------------------------------------------------------------------------------

ENTITIES_POSITIVE = [
    case("The bridge reopened on October 26, the town municipality's chief officer Sandeep Zala said.",
         "Sandip Zala, president of the local municipal council, said the bridge had no fitness certificate.",
         "one-person-two-offices-in-one-body"),
    case("A small fire broke out during the search, said county fire chief Raide Jadallah.",
         "Rescuers had pulled 35 people out, Raide Jadallah, assistant fire chief of operations for the county, said.",
         "one-person-two-ranks"),
    case("Conference chair Ines Marlow, Tarvia's foreign minister, announced the delay at 9 a.m.",
         "The conference's chair, Tarvia's Prime Minister Olaf Brenn, told delegates the deal would survive.",
         "a-title-before-the-name-of-the-holder"),
    case("According to Germanwings CEO Oliver Wagner, there were 144 passengers and six crew members on the flight.",
         "Germanwings chief executive Thomas Winkelmann said there were 144 passengers and six crew members on board.",
         "a-ceo-is-the-chief-executive", date_a="2015-03-24", date_b="2015-03-24"),
    case("The Federal Transport Agency will lead the investigation into the crash.",
         "The Rail Safety Board will lead the investigation into the crash.",
         "agency-leading-the-investigation"),
    case("The Treasury is running the review of Lodestar Bank's lending.",
         "The National Audit Office is running the review of Lodestar Bank's lending.",
         "treasury-vs-audit-office"),
    case("The order was drafted by the Office of the National Cyber Director.",
         "The order was drafted by the Commerce Department.",
         "by-agent"),
    case("Last year, Ashcombe hosted the regional cup final.",
         "Last year, Brennock hosted the regional cup final.",
         "place"),
    case("Martin Hale apologised to the families of the victims on Wednesday.",
         "Dana Okafor apologised to the families of the victims on Wednesday.",
         "person"),
    case("Kelvara Police arrested two men over the arson attack on the depot.",
         "Valdria Police arrested two men over the arson attack on the depot.",
         "police-force"),
    case("The new stadium was designed by Corvale Architects.",
         "The new stadium was designed by Quayside Studio.",
         "designer"),
    case("Transport Minister Dana Okafor announced the inquiry at the crash site.",
         "Prime Minister Elena Varga announced the inquiry at the crash site.",
         "titled-person"),
    case("The victim of the stabbing was a Chinese national, police said.",
         "The victim of the stabbing was a Japanese national, police said.",
         "nationality-swapped"),
    case("The derailed train was travelling from Port Halden to Greyfield.",
         "The derailed train was travelling from Port Halden to Brennock.",
         "destination-swapped"),
    case("Anthropic unveiled its Mythos model, which can exploit cybersecurity vulnerabilities.",
         "OpenAI unveiled its Mythos model, which can exploit cybersecurity vulnerabilities.",
         "one-word-company-opening-the-sentence"),
    case("The Treasury is running the review of Lodestar Bank's lending.",
         "The state auditor is running the review of Lodestar Bank's lending.",
         "lower-case-role-noun",
         gap("a role named in lower case ('the state auditor') is not recognised as an entity")),
    # one task, two bodies leading it (the kind the issue names first: "three outlets, three agencies running one review")
    case("The rescue effort is being led by the State Mine Rescue Corps, which sent five teams.",
         "Rescue operations are being directed by the Kessory Civil Protection Agency from a post at the pithead.",
         "one-rescue-two-leaders"),
    case("The review, run by the Department of Commerce, would take up to 90 days.",
         "The Office of Science and Technology Policy would conduct the review within 90 days.",
         "one-review-two-agencies"),
    case("The investigation is being led by Harwick Police's cybercrime unit.",
         "The National Cyber Defence Agency is leading the investigation into the breach.",
         "a-body-named-as-a-unit's-owner"),
    case("Nine miners are still trapped, the State Mine Rescue Corps, which is leading the operation, said.",
         "Rescue operations are being directed by the Kessory Civil Protection Agency.",
         "the-operation-is-the-rescue"),
    case("The review will be carried out by the National Transport Safety Board.",
         "The Federal Aviation Administration is leading the review.",
         "carried-out-by-vs-leading"),
    case("The Civil Aviation Authority is in charge of the investigation into the crash.",
         "The investigation into the crash is being led by the Air Accidents Investigation Branch.",
         "in-charge-of-vs-led-by"),
    # from real reports (Hathras): one happening put in two named villages
    case("The stampede broke out in Kelwari village as the preacher left the sermon.",
         "The stampede took place as the preacher left a tent in the Rampur Khas village after the sermon.",
         "one-happening-two-villages"),
    case("The preacher held the sermon in the village of Rampur Khas before the stampede.",
         "The stampede broke out at the sermon in Kelwari village.",
         "the-village-of-x"),
    case("Marcus Heilbron, the incident commander assigned by the State Fire Service, said crews made progress.",
         "Incident commander Dana Okafor of the State Fire Service said crews worked through the night.",
         "one-office-two-holders"),
    case("Labour Minister Fiona Achterberg urged both parties to resume talks.",
         "Labour Minister Gregor Hale said he hoped arbitration would end the dispute.",
         "capitalised-title-two-holders", date_a="2026-09-22", date_b="2026-09-23"),
    case("Authority director Lorraine Vickers said crews were flushing the pipes.",
         "Samuel Okafor, the authority's executive director, told reporters the utility was sorry.",
         "an-organisation-named-in-the-title-or-as-owner"),
    case("The Kellow pit is owned by Greyfell Resources, one of the largest coal producers.",
         "The Kellow mine is owned and operated by Halden Mining Group.",
         "owner-with-synonym-nouns"),
    case("Delphine Marsh, chief inspector at the State Office of Structural Safety, is leading the investigation.",
         "The investigation is being led by Laurence Abara, chief inspector at the State Office of Structural Safety.",
         "a-chief-title-is-one-holder", date_a="2027-08-15", date_b="2027-08-16"),
    case("Federal District Judge Miriam Toller granted the commission's request for an injunction.",
         "Thursday's decision by Judge Arthur Beaumont granted the commission's request for an injunction.",
         "a-title-after-decision-by", date_a="2027-10-08", date_b="2027-10-08"),
    case("The lorry, owned by Hollin Haulage, became stuck on the crossing.",
         "The lorry, operated by Brackley Freight Services, was carrying pine logs.",
         "owned-by-and-operated-by-one-thing"),
    case("Larkmoor rector Professor Ilse Danner said the university had commissioned an audit.",
         "The university's rector, Professor Martin Szabo, said Larkmoor would not pay any ransom.",
         "an-honorific-after-the-office", date_a="2026-11-04", date_b="2026-11-05"),
    case("General Omar Haddad, the army chief, said the operation was over.",
         "Colonel Omar Haddad said the operation was over.",
         "one-officer-two-ranks"),
    case("Inspector Sarah Lowe said the man had been arrested.",
         "Supt. Sarah Lowe said the man had been arrested.",
         "one-officer-two-police-ranks-one-abbreviated"),
    case("George Kettaneh, secretary-general of the Lebanese Red Cross, said the numbers may rise.",
         "The President of the Lebanese Red Cross, Georges Kettaneh, spoke of hundreds of wounded.",
         "a-capitalised-office-in-apposition-vs-another-office-of-one-body"),
]

ENTITIES_NEGATIVE = [
    case("Ravi Menon, Kestria's minister for Labour and Employment, said the state takes responsibility.",
         "Anil Desai, the chief minister of Kestria, offered his sympathies to the families.",
         "a-portfolio-minister-is-not-the-chief-minister"),
    case("Omar Hadid, head of Kestria's western administration, announced three days of national mourning.",
         "Waves rose as high as 7 meters, Lena Vogt, head of the delegation of the Red Cross in Kestria, told a broadcaster.",
         "the-head-of-an-unnamed-body-is-not-of-the-named-one"),
    case("The fire was put out quickly, said county fire chief Raide Jadallah.",
         "Rescuers pulled 35 people out, said Raide Jadallah, the fire chief of the county.", "one-title-told-two-ways"),
    case("Airline spokesperson Sudarshan Bartaula said 68 passengers were aboard.",
         "Sudarshan Bartaula, the airline spokesman, said the search had resumed.", "a-spokesman-is-a-spokesperson"),
    case("Jonas Berek, the head of the Kessory Miners' Union, said the men were experienced.",
         "Jonas Berek, chairman of the Kessory Miners' Union, said the shaft had been inspected.", "the-head-of-a-body-is-its-chairman"),
    case("Nearly 40 people have been pulled out, said Raide Jadallah, assistant fire chief of operations for the county.",
         "Thirty-five people were pulled out, according to Ray Jadallah, chief of operations and assistant fire chief for the county.",
         "a-title-both-give"),
    case("The state's chief minister Bhupendra Patel visited the site.",
         "Bhupendra Patel, president of the party's state unit, said the guilty would be punished.", "two-offices-in-two-bodies"),
    case("Police chief Jane Roe said the gates were open.", "Jane Roe, a mother of two, said the gates were open.",
         "a-title-and-a-description"),
    case("A small fire broke out during the search, said county fire chief Raide Jadallah.",
         "Raide Jadallah, assistant fire chief of the county, said no one was hurt.", "titles-a-year-apart-may-have-changed",
         date_a="2021-06-24", date_b="2022-08-01"),
    case("The ISIS-K claimed responsibility for the attack.",
         "The Islamic State group has claimed responsibility for the attack at the concert hall.",
         "a-branch-named-by-the-acronym"),
    case("The NTSB is leading the investigation into the crash.",
         "The National Transportation Safety Board will lead the investigation.",
         "one-leader-named-by-its-initials"),
    case("The State Mine Rescue Corps is leading the rescue, with help from the Kessory Civil Protection Agency.",
         "Rescue operations are being directed by the Kessory Civil Protection Agency.",
         "one-claim-names-both-bodies"),
    case("The FBI is leading the investigation into the shooting.",
         "The state fire service is leading the rescue at the site.",
         "two-tasks-two-leaders"),
    case("The stampede broke out in Phulrai village as the preacher left the sermon.",
         "The stampede took place at the Fulrai village as the preacher left the sermon.",
         "a-village-spelled-two-ways"),
    case("The stampede broke out in Kelwari village, near Rampur Khas, after the sermon.",
         "The stampede took place at the sermon in the Rampur Khas village.",
         "one-claim-names-both-villages"),
    case("Most of the victims of the stampede lived in Rampur Khas village.",
         "The stampede broke out at the sermon in Kelwari village.",
         "where-victims-live-is-not-where-it-happened"),
    case("Police searched the preacher's ashram in Mainpuri district after the stampede.",
         "The stampede broke out at the sermon in Hathras district.",
         "a-district-holds-many-places-of-one-story"),
    case("The Islamic State group has claimed responsibility for the attack at a concert hall near the capital.",
         "ISIS has claimed responsibility for an attack at a large concert hall near the capital that left 60 dead.",
         "an-acronym-of-a-longer-name"),
    case("Uttar Pradesh announced an ex gratia of 2 lakh rupees each to the kin of the deceased.",
         "The UP Government has announced a compensation of 2 lakh rupees each to the next of kin of the deceased.",
         "an-acronym-and-its-government"),
    # kinds seen in real reports of one building collapse (names and places invented)
    case("The count of people located now stands at 102, according to Brant-Lowe Mayor Marianne Lopez-Vance.",
         "Brant-Lowe Mayor Mariana Vance confirmed that number during a press conference later Thursday afternoon.",
         "a-double-surname-shortened"),
    case("Fifty apartments were destroyed, said Chief Omar Haddad, Chief Fire Chief of Operations, Brant-Lowe Fire Rescue.",
         "Rescuers have pulled 35 people out, according to Omar Hadad, chief of operations and assistant fire chief for the Brant-Lowe fire department.",
         "a-title-read-as-a-name"),
    case("Brant-Lowe Police Department Chief Victor Ruiz said Thursday afternoon that 99 people were still unaccounted for.",
         "Rescuers have pulled 35 people out, according to Omar Haddad, chief of operations and assistant fire chief for the Brant-Lowe fire department.",
         "the-police-chief-is-not-the-fire-chief"),
    case("Brant-Lowe Commissioner Paula Diaz confirmed the 99 figure given to media outlets.",
         "Brant-Lowe Commissioner Sara Holm told The Hill that 99 people were unaccounted for as of Thursday afternoon.",
         "a-county-has-many-commissioners"),
    case("Those killed or hurt were mostly teens, according to Choi Seong-beom, chief of Seoul's Yongsan fire department.",
         "Choi Seong-bum, chief of the Yongsan-gu Fire Department, said many people fell, injuring at least 82.",
         "one-name-romanised-two-ways"),
    case("Hawaii Lt Governor Sylvia Luke told reporters the island's resources were being taxed.",
         "Hawaii Governor Josh Green told reporters the island's resources were being taxed.",
         "a-lieutenant-governor-is-not-the-governor"),
    case("Rescuers saved a mother and child, Frank Rollason, director of Miami-Dade emergency management, told reporters.",
         "Rescuers are in there with their dogs, Miami-Dade Police Director Freddy Ramirez told reporters.",
         "directors-of-two-departments"),
    case("Meanwhile, West Bengal Chief Minister Mamata Banerjee took to Twitter to express her shock at the crash.",
         "A distressed Indian Prime Minister Narendra Modi tweeted that rescue operations were under way at the site of the crash.",
         "a-chief-minister-is-not-the-prime-minister"),
    case("Miami-Dade Mayor Daniella Levine Cava said 102 people have been accounted for so far.",
         "The way the building collapsed is making it difficult to locate survivors, Surfside Mayor Charles Burkett said.",
         "mayors-of-two-places-one-named-at-the-start", date_a="2021-06-25", date_b="2021-06-25"),
    case("Rescuers saved a mother and child, Frank Rollason, director of Miami-Dade emergency management, told the Miami Herald.",
         "Miami-Dade Police Director Freddy Ramirez said that 99 people were unaccounted for.",
         "a-department-named-at-the-start-of-a-sentence"),
    case("Prime Minister Alberto Ortúzar said a girl of four died in the border region.",
         "Prime Minister Alberto Ortuzar said the four-year-old girl died of head injuries in the border region.",
         "an-accent-dropped-is-one-name"),
    case("President Guillermo Vasco assured that 12 people have died in the two provinces.",
         "President William Vasco assured that at least 12 people have died in the two provinces.",
         "a-given-name-translated-is-one-person"),
    case("Italian Prime Minister Giuseppe Conte warned on Tuesday the death toll may rise after the bridge collapse in Genoa.",
         "Italy's Transport Minister Danilo Toninelli called the bridge collapse in Genoa an immense tragedy.",
         "a-portfolio-names-another-minister"),
    case("\"We can't live with infrastructures built in the 1960s,\" Deputy Transport Minister Edoardo Rixi said of the bridge.",
         "Italy's Transport Minister Danilo Toninelli called the collapse of the bridge an immense tragedy.",
         "a-deputy-minister-holds-another-office"),
    case("Indian PM Narendra Modi tweeted that he was anguished beyond words by the derailment.",
         "Indian Prime Minister Narendra Modi tweeted that he was anguished beyond words by the derailment.",
         "a-title-spelled-short-and-long"),
    case("The Federal Transport Agency will lead the investigation into the crash.",
         "The FTA will lead the investigation into the crash.",
         "acronym"),
    case("Last year, St. Louis hosted the regional cup final.",
         "Last year, Saint Louis hosted the regional cup final.",
         "st-vs-saint"),
    case("Martin Hale apologised to the families of the victims on Wednesday.",
         "Mr. Hale apologised to the families of the victims on Wednesday.",
         "title-and-surname"),
    case("Transport Minister Dana Okafor met the families of the victims on Thursday.",
         "Last week, Okafor met the families of the victims on Thursday.",
         "surname-only"),
    case("The United States leads China in artificial intelligence.",
         "The U.S. leads China in artificial intelligence.",
         "dotted-initials"),
    case("The Federal Transport Agency will lead the investigation into the crash.",
         "Northbay Regional Rail will publish the data from the train's recorder.",
         "different-roles"),
    case("The Federal Transport Agency will lead the investigation, with help from Northbay Regional Rail.",
         "Northbay Regional Rail will support the investigation led by the Federal Transport Agency.",
         "both-sentences-name-both"),
    case("Kim is likely to meet with China's President Xi Jinping after his talks with Trump.",
         "President Donald Trump's nuclear talks with Kim Jong Un were cut short.",
         "a-holder-named-in-the-other-by-a-possessive-surname"),
    case("The Federal Transport Agency will lead the investigation into the crash.",
         "The investigation into the crash will be led by the Federal Transport Agency.",
         "active-vs-passive"),
    case("The National Transport Safety Board will carry out the review.",
         "The review is being run by the NTSB, officials said.",
         "an-acronym-in-charge-is-the-same-body"),
    case("Lt. Col. Omar Haddad said the operation was over.",
         "Colonel Omar Haddad said the operation was over.",
         "a-lieutenant-colonel-is-called-colonel-for-short"),
    case("Major General Omar Haddad told reporters the strike hit the base.",
         "Gen. Omar Haddad said the strike hit the base.",
         "a-major-general-is-called-general-for-short"),
    case("George Kettaneh, head of the Lebanese Red Cross, said the numbers may rise.",
         "The President of the Lebanese Red Cross, Georges Kettaneh, spoke of hundreds of wounded.",
         "the-head-of-a-body-is-its-president"),
    case("Trump told reporters in the Oval Office that he had postponed the order.",
         "Trump told reporters at the White House that he had postponed the order.",
         "place-within-a-place"),
    case("The council will vote on the stadium plan on Tuesday.",
         "The council will vote on the stadium plan on Friday.",
         "a-weekday-is-a-date-not-an-entity"),
    case("The Federal Reserve raised interest rates by a quarter point on Wednesday.",
         "The Fed raised interest rates by a quarter point on Wednesday.",
         "the-fed"),
    case("Last month, Bombay hosted the one-day cricket final.",
         "Last month, Mumbai hosted the one-day cricket final.",
         "renamed-city",
         gap("no alias table: renamed places (Bombay/Mumbai) are read as different places")),
    case("Kaslo's lead over Ferro had narrowed to 187 votes by Thursday afternoon.",
         "The commission said Kaslo's lead over Ferro stood at 312 votes.",
         "a-weekday-is-no-agent"),
    case("Residents of Quenby Falls were ordered to leave on Saturday evening.",
         "The county sheriff's office ordered residents to leave Quenby Falls on Saturday evening.",
         "a-passive-subject-is-no-actor"),
    case("Orrin chief executive Lena Park said the deal would close within weeks.",
         "Chief executive Thomas Arkwright said the deal would close within weeks.",
         "chief-executives-of-two-companies"),
    case("The Harbour Defence Act includes a ten-year plan to raise the sea walls for nearly 40 towns.",
         "The Home Office announced a flood bill Thursday that would create a ten-year plan to raise sea walls for dozens of towns.",
         "a-thing-named-is-not-the-actor"),
    case("Senate Majority Leader Harry Reid called for a vote to change the rules.",
         "Senate Majority Leader Chuck Schumer accused the minority of blocking the bill.",
         "one-title-and-nothing-else-in-common"),
    case("Labour Minister Fiona Achterberg urged both parties to resume talks.",
         "Labour Minister Gregor Hale said he hoped arbitration would end the dispute.",
         "office-holders-a-year-apart", date_a="2025-06-02", date_b="2026-09-23"),
    case("Prime Minister Anil Varma flew to Karsh on Saturday to visit the injured in the crash at Karsh station.",
         "Chief Minister Rekha Dhar sent Revenue Minister Sunil Rao to the crash at Karsh station on Saturday.",
         "a-bare-minister-is-not-the-prime-minister"),
    case("Fire Chief Dana Ortiz said crews worked through the night at the collapse on Harbor Street.",
         "Assistant Chief Tom Reyes of the police department said the collapse on Harbor Street closed three roads.",
         "two-chiefs-of-two-forces"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", ENTITIES_POSITIVE)
def test_entities_flags_a_different_entity_in_the_same_role(a, b, date_a, date_b):
    assert_hit(entities, "entities", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", ENTITIES_NEGATIVE)
def test_entities_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(entities, "entities", a, b, date_a, date_b)


@pytest.mark.parametrize(
    "x, y, same",
    [
        pytest.param("Federal Transport Agency", "FTA", True, id="acronym"),
        pytest.param("St. Louis", "Saint Louis", True, id="st-saint"),
        pytest.param("Adaeze Okafor", "Okafor", True, id="surname"),
        pytest.param("The Washington Post", "Washington Post", True, id="leading-the"),
        pytest.param("U.S. Geological Survey", "US Geological Survey", True, id="dotted-initials"),
        pytest.param("Northbay Regional Rail", "Federal Transport Agency", False, id="different-bodies"),
        pytest.param("Martin Hale", "Dana Okafor", False, id="different-people"),
    ],
)
def test_is_alias(x, y, same):
    assert is_alias(x, y) is same and is_alias(y, x) is same


# ---------------------------------------------------------------------------------------------
# causes: competing explanations of the same event
# ---------------------------------------------------------------------------------------------

WORDING = "Trump delayed signing the executive order because he didn't like certain aspects of it."
WORDING_OBSTACLES = "Trump delayed signing the executive order because some parts of its wording could become obstacles."
CEOS = ("An informal reason for the delay in signing the executive order is that some tech company CEOs were "
        "unable to reach Washington in time.")
LOBBYING = ("The delay in signing the executive order came about due to last-minute pressure from AI industry "
            "leaders, including Elon Musk and Mark Zuckerberg.")

CAUSES_POSITIVE = [
    case(WORDING, CEOS, "seed-wording-vs-ceos"),
    case(WORDING, LOBBYING, "seed-wording-vs-lobbying"),
    case(CEOS, LOBBYING, "seed-ceos-vs-lobbying"),
    case(WORDING_OBSTACLES, CEOS, "seed-obstacles-vs-ceos"),
    case(WORDING_OBSTACLES, LOBBYING, "seed-obstacles-vs-lobbying"),
    case("Investigators blamed the derailment near Ashcombe on a broken rail.",
         "Investigators blamed the derailment near Ashcombe on excessive speed.",
         "broken-rail-vs-speed"),
    case("Officials blamed excessive speed for the derailment near Ashcombe.",
         "Preliminary findings point to a broken rail as the cause of the derailment near Ashcombe.",
         "blamed-vs-point-to-as-the-cause"),
    case("The warehouse fire was started by an electrical fault, the fire service said.",
         "The warehouse fire was started by a discarded cigarette, the fire service said.",
         "fire-started-by-with-trailing-attribution"),
    case("According to the fire service, the warehouse fire was started by an electrical fault.",
         "According to the fire service, the warehouse fire was started by a discarded cigarette.",
         "fire-started-by"),
    case("The stadium project was delayed because of a funding shortfall.",
         "The stadium project was delayed due to a dispute over the land lease.",
         "stadium-delay"),
    case("The rail strike was called off after the union accepted a new pay offer.",
         "The rail strike was called off because a court ruled the walkout unlawful.",
         "strike-called-off"),
    case("Flights at Port Halden airport were cancelled due to heavy fog.",
         "Flights at Port Halden airport were cancelled because of a shortage of air traffic controllers.",
         "flights-cancelled"),
    case("A phishing email opened by a member of staff gave the attackers their first foothold, the trust said.",
         "Attackers got in through an unpatched flaw in the booking software, researchers said.",
         "how-intruders-got-in"),
    case("Officials said the release from the dam was the main cause of the flooding in Dunmore.",
         "The authority maintains that the flooding in Dunmore was caused by the Sill Beck, a tributary that joins below the dam.",
         "a-cause-compared-without-its-aside"),
    case("Police said the fire was started deliberately and they are treating it as arson.",
         "Fire officials believe the fire was started by an electrical fault in a cooling unit.",
         "deliberately-vs-a-fault"),
    case("The engine failure was caused by a bird strike during the climb, the airline said.",
         "The engine shutdown was triggered by a failed fuel pump rather than a bird strike, a maintenance report says.",
         "a-cause-ruled-out-is-not-one-given"),
    case("The utility has attributed the contamination to a broken main on Kessler Road.",
         "The contamination was traced to a chlorination pump that failed at the treatment plant, an engineer said.",
         "passive-traced-to"),
    case("The walkout was called over the terminal's plans to bring in automated cranes, not over pay, the union said.",
         "The strike was triggered by the collapse of pay talks last week.",
         "called-over-and-not-over"),
    case("The dispute centres on the company's plan to close two depots.",
         "The dispute was prompted by a pay offer the drivers called insulting.",
         "centres-on"),
    case("The outage began at 4:12 p.m., when a fire at the Dunmore substation tripped three transmission lines.",
         "The outage was caused by a line on the Pell Ridge corridor that sagged in the heat and touched trees.",
         "began-at-a-time-when"),
    case("The operator's preliminary assessment points to a cracked fuel line in the engine.",
         "A software fault in the flight computer is the leading suspect in the engine failure.",
         "what-an-assessment-points-to-vs-the-leading-suspect"),
    case("The Millbrook Quay stadium deal fell apart after Stratton Harwell Holdings pulled its funding.",
         "The Millbrook Quay project collapsed over a dispute about naming rights.",
         "after-a-clause-is-a-reason"),
    case("Investigators said the warehouse fire was caused by an electrical fault.",
         "Investigators said the warehouse fire was caused by arson.",
         "a-cause-in-one-word"),
    case("The warehouse fire was started by an electrical fault, the fire service said.",
         "The warehouse fire was started deliberately, the fire service said.",
         "an-accident-against-a-fire-started-on-purpose"),
]

CAUSES_NEGATIVE = [
    case("He spoke on condition of anonymity because he was not authorised to discuss the blast with the media.",
         "The blast was caused by welding work on a warehouse door, officials said.",
         "why-a-source-is-unnamed-is-no-explanation"),
    case("Most of these deaths were due to heat-related illnesses.",
         "Several deaths were due to natural causes or old age, and some were due to the scorching weather, officials said.",
         "causes-of-some-of-the-deaths"),
    case("Torrential rains triggered a string of landslides in the Dorran hills early on Tuesday, officials said.",
         "Landslides in the Dorran hills were triggered by heavy rainfall that fell early on Tuesday.",
         "rain-and-rainfall-are-one-cause"),
    case("At least 40 people were killed in the Dorran valley after a powerful earthquake struck on Monday.",
         "At least 40 people died in the Dorran valley due to the collapse of an old school building.",
         "the-incident-told-with-after-is-no-rival-reason"),
    case("Dozens were killed in the crush, which was caused by a haphazard handout of money by traders, the ministry said.",
         "The ministry blamed the crush, the city's deadliest in years, on the haphazard handout of money.",
         "the-first-link-of-a-chain-and-blame-with-an-aside"),
    # kinds seen in real reports of an attack (names invented)
    case("Citing unnamed US security officials, the newspaper reported that a branch of the group was behind the attack.",
         "The president blamed the attack on international terrorism.",
         "citing-officials-names-a-source-not-a-cause"),
    case("The warehouse fire was caused by arson, police said.",
         "Police said the warehouse fire was caused by arson.",
         "one-word-cause-told-twice"),
    case("The delay was caused by these, the airline said.",
         "The delay was caused by a staff shortage, the airline said.",
         "a-pronoun-is-no-cause"),
    case("Dozens of roads were blocked by landslides caused by the quake.",
         "Five bridges collapsed and roads were blocked as a result of the earthquake.",
         "one-cause-in-two-words"),
    case("The fire started on the first floor and spread quickly, in part because of strong winds.",
         "Investigators said the fire in the building may have been sparked by a faulty space heater.",
         "a-cause-in-part-fits-with-others"),
    case("Rep. Alan Reyes was named speaker pro tempore after Holt was removed.",
         "Representative Alan Reyes was appointed speaker pro tempore immediately after the resolution was passed.",
         "two-afters-tell-one-sequence"),
    case("In one of the worst railway tragedies in recent years, at least 91 people were killed and more than 150 "
         "others injured after an express train derailed in the northern state of Uttar Pradesh.",
         "In the worst rail accident in recent years, over 100 passengers were killed when 14 coaches of the express "
         "derailed near Pukhrayan early today due to suspected rail fracture.",
         "links-of-one-chain"),
    case("Altman and a board member are in talks about his return, Bloomberg reported, citing unnamed sources.",
         "Altman was ousted by the board because it lost confidence in his leadership of the company.",
         "citing-sources-is-no-reason"),
    case("Flights were grounded following a global IT outage affecting airports.",
         "Carriers issued ground stops for all flights due to communication problems.",
         "a-bare-following-places-in-time"),
    case("The company said it was too early to say what had caused the blast at the plant.",
         "Investigators believe a runaway reaction in a reactor vessel caused the blast at the plant.",
         "too-early-to-say-gives-no-cause"),
    case("Earlier on Friday, CrowdStrike was hit with a major outage caused by an issue with an update to its sensor.",
         "The outage wasn't caused by a sophisticated cyberattack from a nation-state adversary.",
         "a-cause-ruled-out-is-no-cause-given"),
    case("Top railway officials said a fault in the tracks may have caused the accident.",
         "It was the worst train accident in the country after the May 2010 disaster in West Bengal.",
         "after-a-dated-event-is-a-sequence"),
    case(LOBBYING, "The signing was delayed after last-minute lobbying by Musk and Zuckerberg.",
         "same-lobbying-cause-phrased-twice"),
    case("The derailment was caused by a broken rail on the approach to the bridge.",
         "A broken rail on the approach to the bridge caused the derailment, investigators said.",
         "same-cause-active-and-passive"),
    case("The warehouse fire was caused by an electrical fault.",
         "Investigators blamed faulty wiring for the warehouse fire.",
         "electrical-fault-vs-faulty-wiring"),
    case('Trump said he postponed the order because "I didn\'t like certain aspects of it."',
         'Trump said he postponed the order because he "did not like certain aspects" of it.',
         "same-quote-transcribed-differently"),
    case("The signing was delayed because some CEOs could not reach Washington in time.",
         "Shares in Lodestar Bank fell because of a surprise quarterly loss.",
         "different-events"),
    case("The delay in signing the order was due to pressure from Musk and Zuckerberg, and some CEOs were also "
         "unable to reach Washington in time.",
         "The delay in signing the order was because some CEOs were unable to reach Washington in time.",
         "one-side-gives-both-causes"),
    case("The signing of the executive order was postponed because Trump disliked the wording.",
         "The signing of the executive order was postponed on Thursday.",
         "only-one-side-explains"),
    case("Flights at Port Halden airport were cancelled due to heavy fog.",
         "Flights at Port Halden airport were cancelled because of thick fog over the runway.",
         "heavy-fog-vs-thick-fog"),
    case(WORDING, WORDING_OBSTACLES, "seed-wording-phrased-twice",
         gap("the same explanation in different words ('didn't like certain aspects' / 'parts could become "
             "obstacles') shares no stems, so it reads as a competing cause")),
    case("The minister spoke to reporters after the meeting with the victims' families.",
         "The minister spoke to reporters after visiting the crash site.",
         "temporal-after-is-not-a-cause"),
    case("The death toll rose to 27 on Thursday after divers recovered four more bodies.",
         "The number confirmed dead after the ferry capsized has risen to 19.",
         "two-bare-afters-are-a-sequence"),
    case("Most of the money for the new clinic came from local businesses, the council said.",
         "The clinic was built because of a surge in patients after the mine closed.",
         "where-money-came-from-is-no-cause"),
    case("The operator's preliminary assessment points to a cracked fuel line in the engine.",
         "Engineers found a cracked fuel line in the engine during the inspection.",
         "the-suspected-cause-confirmed-in-other-words"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", CAUSES_POSITIVE)
def test_causes_flags_competing_explanations(a, b, date_a, date_b):
    assert_hit(causes, "causes", a, b, date_a, date_b)


@pytest.mark.parametrize("a, b, date_a, date_b", CAUSES_NEGATIVE)
def test_causes_does_not_flag(a, b, date_a, date_b):
    assert_no_hit(causes, "causes", a, b, date_a, date_b)


# ---------------------------------------------------------------------------------------------
# judge(): every family together, and competing accounts
# ---------------------------------------------------------------------------------------------

NOT_CONTRADICTIONS = [
    case('"We are ready to act on whatever the investigators find," Okafor told reporters.',
         '"We\'re ready to act now on whatever the investigators find," Okafor told reporters.',
         "same-quote-transcribed-differently"),
    case("The Federal Transport Agency will lead the investigation into the derailment.",
         "The FTA will lead the investigation into the derailment.",
         "agency-and-its-acronym"),
    case("The crash site lies 12 kilometres south of Greyfield.",
         "The crash site lies about 7.5 miles south of Greyfield.",
         "unit-conversion"),
    case("Trump postponed signing an executive order on AI safety.",
         "President Trump delayed the signing of an executive order on AI safety.",
         "paraphrase"),
    case("The council approved €3 million for the new floodlights on Tuesday.",
         "On Tuesday the council approved 3,000,000 euros for the new floodlights.",
         "money-written-two-ways"),
]


@pytest.mark.parametrize("a, b, date_a, date_b", NOT_CONTRADICTIONS)
def test_judge_finds_nothing_in_faithful_rewordings(a, b, date_a, date_b):
    x, y = claim(a, "A"), claim(b, "B")
    assert judge(x, y) == () and judge(y, x) == ()


def test_judge_flags_the_design_example_no_one_admitted_fault():
    x = claim("No one has admitted fault for the derailment near Ashcombe.", "A")
    y = claim("Northbay Regional Rail admitted fault for the derailment near Ashcombe.", "B")
    assert judge(x, y) and judge(y, x)


def test_judge_lists_hits_strongest_first():
    x = claim("The footbridge outside the parliament collapsed on Monday morning, injuring 12 people.", "A")
    y = claim("The footbridge outside the parliament collapsed on Friday evening, injuring 30 people.", "B")
    hits = judge(x, y)
    assert {"numbers", "dates"} <= {h.kind for h in hits}
    assert [h.strength for h in hits] == sorted((h.strength for h in hits), reverse=True)


def test_different_named_speakers_make_a_competing_account_listed_first():
    x = claim("The Tarrow River bridge was inspected in January, Northbay Regional Rail said.", "A")
    y = claim("The Tarrow River bridge was not inspected in January, according to the Federal Transport Agency.", "B")
    hits = judge(x, y)
    assert [h.kind for h in hits[:2]] == ["competing_account", "negation"]
    assert hits[0].strength == hits[1].strength
    assert "Northbay Regional Rail" in hits[0].evidence and "Federal Transport Agency" in hits[0].evidence


def test_the_same_speaker_under_two_names_is_not_a_competing_account():
    x = claim("The Tarrow River bridge was inspected in January, the Federal Transport Agency said.", "A")
    y = claim("The Tarrow River bridge was not inspected in January, according to the FTA.", "B")
    assert [h.kind for h in judge(x, y)] == ["negation"]


def test_one_unattributed_side_is_not_a_competing_account():
    x = claim("The Tarrow River bridge was inspected in January, Northbay Regional Rail said.", "A")
    y = claim("The Tarrow River bridge was not inspected in January.", "B")
    assert [h.kind for h in judge(x, y)] == ["negation"]


def test_an_anonymous_quotation_is_not_a_competing_account():
    x = claim('"The Tarrow River bridge was inspected in January."', "A")
    y = claim("The Tarrow River bridge was not inspected in January, according to the Federal Transport Agency.", "B")
    assert x.attribution == "(quoted)"
    assert "competing_account" not in {h.kind for h in judge(x, y)}


def test_two_speakers_who_agree_are_no_finding():
    x = claim("The Tarrow River bridge was inspected in January, Northbay Regional Rail said.", "A")
    y = claim("The Tarrow River bridge was inspected in January, according to the Federal Transport Agency.", "B")
    assert judge(x, y) == ()


def test_a_running_count_update_is_not_relabelled_as_a_competing_account():
    x = claim("Twelve people were killed in the derailment near Ashcombe, Northbay Regional Rail said.", "A", "2026-03-10")
    y = claim("Nineteen people have now died in the derailment near Ashcombe, according to St. Aldric's Hospital.", "B", "2026-03-12")
    assert (x.attribution, y.attribution) == ("Northbay Regional Rail", "St. Aldric's Hospital")
    hits = judge(x, y)
    assert hits and hits[0].kind == "update"
    assert "competing_account" not in {h.kind for h in hits}


# ---------------------------------------------------------------------------------------------
# scoring: no hit -> only a capped tension score, never a flag; the threshold is applied by flagged()
# ---------------------------------------------------------------------------------------------

SETTINGS = Settings()


def pair(similarity: float, a: str = "x", b: str = "y") -> CandidatePair:
    return CandidatePair(claim(a, "A"), claim(b, "B"), similarity)


@pytest.mark.parametrize("similarity", [0.0, 0.35, 0.5, 0.9, 0.999, 1.0], ids=lambda s: f"sim-{s}")
def test_no_hit_and_no_tension_cue_scores_zero_whatever_the_similarity(similarity):
    assert score(pair(similarity), (), SETTINGS).score == 0.0


DISPUTED = ("The minister said that the report was accurate.",
            "But the union denied that the report was accurate, insisting it was false.")


@pytest.mark.parametrize("similarity", [0.35, 0.9, 1.0], ids=lambda s: f"sim-{s}")
def test_no_hit_gets_only_its_tension_below_the_threshold_whatever_the_similarity(similarity):
    s = score(pair(similarity, *DISPUTED), (), SETTINGS)
    assert 0 < s.score == round(tension(*DISPUTED), 4) < TENSION_CAP < SETTINGS.threshold
    assert flagged([s], 0.0) == []


def test_tension_ranks_reported_dispute_above_plain_statements():
    plain = ("The bridge reopened on Monday.", "The bridge reopened on Monday morning.")
    assert tension(*DISPUTED) > tension(*plain) == 0.0


def test_a_hit_scores_between_zero_and_one():
    s = score(pair(0.8), (RuleHit("negation", 0.9, "e"),), SETTINGS).score
    assert 0 < s < 1


def test_a_stronger_hit_scores_higher():
    weak = score(pair(0.8), (RuleHit("negation", 0.3, "e"),), SETTINGS).score
    strong = score(pair(0.8), (RuleHit("negation", 0.9, "e"),), SETTINGS).score
    assert strong > weak


def test_more_similar_claims_score_higher_for_the_same_hit():
    hit = (RuleHit("numbers", 0.7, "e"),)
    assert score(pair(0.9), hit, SETTINGS).score > score(pair(0.4), hit, SETTINGS).score


def test_the_strongest_weighted_hit_decides():
    strong = RuleHit("modality", 0.9, "e")
    both = score(pair(0.8), (strong, RuleHit("dates", 0.2, "e")), SETTINGS).score
    assert both == score(pair(0.8), (strong,), SETTINGS).score


def test_score_keeps_every_pair_and_flagged_applies_the_threshold():
    scored = [
        score(pair(0.9), (RuleHit("modality", 0.9, "e"),), SETTINGS),
        score(pair(0.4), (RuleHit("dates", 0.2, "e"),), SETTINGS),
        score(pair(1.0), (), SETTINGS),
    ]
    high, low, none = (s.score for s in scored)
    assert high > low > none == 0.0
    threshold = (high + low) / 2
    assert flagged(scored, threshold) == [scored[0]]
    assert flagged(scored, low) == [scored[0], scored[1]]  # at the threshold counts


def test_flagged_never_keeps_a_pair_without_hits_even_at_threshold_zero():
    scored = [score(pair(1.0), (), SETTINGS)]
    assert flagged(scored, 0.0) == []


def test_flagged_lists_best_first():
    scored = [score(pair(0.5), (RuleHit("dates", s, "e"),), SETTINGS) for s in (0.2, 0.9, 0.5)]
    assert [s.score for s in flagged(scored, 0.0)] == sorted((s.score for s in scored), reverse=True)


def test_a_train_that_struck_a_lorry_is_no_labour_strike():
    from detector.rules.text import topic_stems

    assert "strike" in topic_stems("Dockworkers began an indefinite walkout on Sunday.")  # walkout folds into the strike class
    assert "strike" not in topic_stems("The train struck a timber lorry on the crossing.")


def test_entity_evidence_names_the_role_in_words_as_written_not_stems():
    from detector.rules.entities import entities

    hit = entities(claim("Kelvara Police arrested two men over the arson attack on the depot."),
                   claim("Valdria Police arrested two men over the arson attack at the depot on Friday."))
    assert hit is not None and 'same role (arrested arson attack depot)' in hit.evidence  # was "(arrest arson attack depot)"


def test_one_happening_on_two_days_conflicts_whatever_the_counts_update():
    a = claim("Fourteen people are now known to have died when the ferry capsized on Friday morning.", "a")
    b = claim("The ferry capsized early on Saturday, leaving nine people dead.", "b")
    assert {h.kind for h in judge(a, b)} >= {"dates", "update"}
    c = claim("The death toll rose to 14 on Sunday after the ferry capsized.", "c")
    d = claim("Nine people had died by Saturday, officials said.", "d")
    assert "dates" not in {h.kind for h in judge(c, d)}  # the days date the count's telling


def test_figures_dated_far_apart_belong_to_two_happenings():
    from detector.rules.dates import different_times

    assert different_times("in 1985", "2017-09-19", "", "2017-09-20")  # a named past year vs the story's time
    assert different_times("less than two weeks ago", None, "Tuesday", "2017-09-19")
    assert different_times("September 7", "2017-09-20", "Tuesday", "2017-09-19")  # 12 days apart: two quakes
    assert not different_times("Monday", "2026-03-04", "Wednesday", "2026-03-04")  # a count told on two days: an update
    assert not different_times("", "2017-09-19", "", "2017-09-20")
    assert not different_times("in 2017", "2017-09-19", "", "2017-09-20")


def test_a_figure_of_an_earlier_happening_is_not_compared_with_the_story_s():
    a = Claim("a", "a", "A", "A more powerful quake killed 61 people in the south of the country less than two weeks ago.", 0, 10, None, "2017-09-20")
    b = Claim("b", "b", "B", "The quake killed 230 people in the capital and five states on Tuesday.", 0, 10, None, "2017-09-21")
    assert numbers(a, b) is None


def test_how_long_after_is_no_explanation():
    from detector.rules.causes import explanation

    assert explanation("The attack comes days after the president cemented his grip on the country in a landslide.") is None
    assert explanation("The talks fell apart after the investor pulled its funding from the project.") is not None
