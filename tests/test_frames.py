"""Claims parsed into frames (spaCy), and the figures rule that compares them: positive and
negative cases in the kinds of sentences real reports carry."""
from __future__ import annotations

from dataclasses import replace

import pytest

from detector.frames import frame_of
from detector.rules import judge
from detector.rules.numbers import numbers
from detector.rules.quantities import quantities
from detector.types import Claim


def claim(text: str, doc: str = "a", date: str | None = None) -> Claim:
    return Claim(doc, doc, doc.upper(), text, 0, len(text), None, date)


def test_a_figure_is_read_with_its_qualifier_unit_noun_and_happening():
    (dead, hurt) = frame_of("The bridge collapsed on Tuesday, killing at least 26 people and injuring 15 passengers.").quantities
    assert (dead.low, dead.high, dead.thing, dead.event) == (26, float("inf"), "people", "die")
    assert (hurt.low, hurt.high, hurt.thing, hurt.event) == (15, 15, "passenger", "injure")
    (section,) = frame_of("A 260ft stretch of road broke off from the bridge.").quantities
    assert section.dimension == "length" and section.thing == "length" and section.detail == {"section"} and section.low < 79.2 < section.high
    (ship,) = frame_of("The 95,000 gross-ton vessel plowed into a bridge piling.").quantities
    assert (ship.dimension, ship.thing, ship.detail, ship.event) == ("mass", "weight", {"ship"}, "")  # a property, whatever happened
    (alley, width) = frame_of("The slanted alleyway is 45 meters long and about 10 feet wide.").quantities
    assert (alley.thing, alley.detail, width.thing, width.detail) == ("length", {"alley"}, "width", {"alley"})
    (far,) = frame_of("The train derailed in Pukhrayan, 60km from Kanpur.").quantities
    assert far.ref == "kanpur" and far.low < 60_000 < far.high  # a round distance is itself rounded
    (exact,) = frame_of("The train derailed in Pukhrayan, 63km from Kanpur.").quantities
    assert exact.low < 63_000 < exact.high < 64_000  # told to about its last kilometre: "63 km" holds 64, not 65
    (bounded,) = frame_of("Up to 10 to 12 coaches derailed.").quantities
    assert (bounded.low, bounded.high) == (0, 12)  # a bound before a range still bounds it
    (only,) = frame_of("Just 14 people were rescued from the ferry.").quantities
    assert (only.low, only.high) == (14, 14)  # "just 14" is only 14, no rounding


CLASHES = [
    ("At least 20 people died and 16 were injured in the collapse.", "The bridge collapsed, killing 26 people and injuring 15 people.", "injure"),
    ("The private broadcaster said a 200-metre section of the bridge collapsed.", "An 80-metre section of the bridge came down in the storm.", "section"),
    ("The train derailed about 100 kms from here, near Pukhrayan.", "The train derailed near Pukhrayan, 60 km from Kanpur.", "distance"),
    ("After voting down the contract, 32,000 machinists went on strike.", "About 25,000 machinists went on strike.", "machinist"),
    ("A bridge collapsed on Tuesday, killing at least 26 people and injuring 15 others.",
     "At least 20 people died and 16 were injured in the collapse.", "injure"),  # others than the dead: every injured
    ("It is 90 metres high, just over a kilometre long.", "Cars plunged from the 150ft high Morandi Bridge.", "height"),
    ("The death toll has risen to 149.", "The quake killed 230 people.", "die"),
    ("The mass of snow was roughly 300 metres wide.", "The slide was some 800 metres across.", "width"),
    # kinds seen in real crash reports: a hyphenated number word, "N of them", a bare figure before its happening
    ("Seventy-six passengers were seriously injured, Ahmad said.", "Around 200 people were injured, 72 of them seriously, he said.",
     "injure"),
    ("At least 97 people died and near about 500 people have been injured.", "At least 127 people died and nearly 200 injured.", "injure"),
    ("A plane with 95 passengers and five crew members on board crashed near Almaty.",
     "The Bek Air aircraft with 100 passengers lost altitude and crashed.", "aboard"),
    ("There were ten foreigners on board the aircraft.", "Five Indians were among the total 15 foreign nationals onboard the plane.",
     "foreigner"),
    # a thing's measure holds whatever the sentence says happened to it; unit words one apart are no conversion
    ("The Dali, a 948ft container ship, lost power.", "The 984-ft cargo ship was bound for Colombo.", "length of ship"),
    ("The slanted alleyway is 45 meters long.", "The site is a downhill 60-meter back alley.", "length of alley"),
    ("Cars and trucks plummeted 45m onto the rail tracks below the Varo viaduct.",
     "The Varo viaduct gave way and cars fell some 100m onto the rail tracks.", "length (collapse)"),
    ("Workers were thrown into the 48-degree waters of the river.", "A dozen cars plunged into the 47-degree water.", "temperature of water"),
    ("The 95,000 gross-ton vessel plowed into a pier.", "The 107,000 gross ton container ship had lost power.", "weight of ship"),
    ("The 77-year-old French explorer Paul-Henri Nargeolet was reported to be on board.",
     "Frenchman Paul-Henry Nargeolet, 73, is said to be the pilot of the submarine.", "age of Nargeolet"),
    ("Those aboard included British billionaire Hamish Harding (58).", "Those aboard included Hamish Harding, 59.", "age of Harding"),
    ("Police halted cars from crossing the 1.9-mile span.", "Much of the 1.6-mile bridge fell into the river.", "length of bridge"),
    ("They were thrown into the bay, with 46 degree temperature.", "Workers fell into the 48-degree waters of the river.",
     "temperature"),
    ("It's a village with a population of 4,900 people.", "The train derailed near a crossing in the community of 4,700.",
     "number (live)"),
    ("East Palestine is about 51 miles (82 kilometers) northwest of Pittsburgh.",
     "The town lies about 45 miles northwest of Pittsburgh along the border.", "distance"),  # 51 is no round figure
    ("Eight bogies of the 12841 UP Coromandel Express derailed after colliding with the goods train.",
     "At around 7 p.m., 10-12 coaches of the Coromandel Express derailed near Baleswar.", "coach (derail)"),
    ("Hundreds of residents in the 24-storey Grenfell Tower have been evacuated from their flats.",
     "More than 200 firefighters spent the night tackling a massive blaze at a 27-storey block of flats.", "number of storey"),
    ("Five fragments of the 22-foot (6.7-meter) Titan were found in the debris field.",
     "The 21-foot Titan submersible can stay underwater for 96 hours.", "length of titan"),  # the name both give
    # kinds seen in real reports (Key Bridge, Crocus, Hathras): a round measure said plainly is rounded finely;
    # armed men are the attackers, whatever they did; deaths confirmed are deaths
    ("The bridge fell after the 980-foot Dali crashed into a support.", "The 948-foot container ship Dali hit a column.",
     "length of dali"),
    ("According to eyewitnesses, there were at least five attackers.",
     "The four armed men walked calmly towards the metal detectors, firing their weapons.", "number of attacker"),
    ("The ferry was carrying 186 people, according to the passenger list released on Saturday morning.",
     "The ferry left Castamar at 8.15 p.m. with 212 people on board.", "number (aboard)"),  # the days date other doings
    ("So far, 166 deaths have been confirmed, the inspector general said.",
     "The inspector general said 116 people have died in the stampede.", "number (die)"),
    # a count told without a figure: none, or at least the one person it names
    ("No one on board was injured, the airline said, and crews met the plane on the runway.",
     "Three passengers were taken to hospital with minor injuries sustained during the evacuation.", "number (injure)"),
    ("No deaths were reported after the fire at the plant, officials said.", "Two workers died in the fire at the plant, officials said.",
     "number (die)"),
    ("A 71-year-old man died in hospital after the footbridge collapsed at the festival.",
     "Fire officials said no one had been killed when the footbridge collapsed at the festival.", "number (die)"),
    ("Police said no arrests had been made at the picket line.", "Two picketers were arrested outside the gate.", "number (arrest)"),
    # a town's population, a ground's capacity and a quake's magnitude, however they are written
    ("The storm struck the whole coast, but Velmar, population 40,000, was hit hardest.",
     "Velmar, a port home to about 90,000 people, lost whole streets to the water.", "number (live)"),
    ("Officials sold 30,000 tickets for a ground that was meant to hold 26,000 people.",
     "The club's 30,000 seat Orsk Arena is the largest in the league.", "number (hold)"),
    ("The spectators exceeded the arena's 26,000 capacity by about 4,000.", "The club plays at the 30,000-seat arena.", "number (hold)"),
    ("The quake, with a magnitude of 6.9, struck the northern province.",
     "Aftershocks kept rattling the province a day after a magnitude-7.1 temblor hit it on Monday.", "magnitude"),
    ("A massive 7.6 magnitude earthquake struck off the coast on Monday.", "A powerful 7.5-magnitude earthquake struck the coast on Monday.",
     "magnitude of earthquake"),  # how big or bad it was narrows nothing
    ("The city's ambulance authority put the current death toll at 2,300.", "The government said the overall toll in the city was 1,900.",
     "(die)"),
    ("Police said 24 people lost their lives inside the stadium, while the others died in hospital.",
     "Over 30 fatalities occurred inside the stadium itself.", "in Stadium"),
    ("Police said 34 people died in the stadium.", "A total of 30 people died in the crush, police said.", "in Stadium"),
    ("At least 20 people died in the quake, 12 in Ashford and eight in Brill.", "Twelve people died in Ashford, and nine in Brill, officials said.",
     "in Brill"),  # a toll by place: each place's figure is a whole
    ("The quake has so far resulted in 57 confirmed deaths, including 24 in Wajima City and 22 in Suzu City.",
     "Officials said 31 people died in Wajima, 22 in Suzu and five in Nanao.", "in Wajima"),  # "Wajima City" is Wajima  # a part above its whole
    ("A 71-year-old man died in hospital early on Sunday after the collapse.", "Fire officials said no one had been killed in the collapse.", "(die)"),
    ("Witnesses said around 50,000 people attended the sermon in an open field.", "More than 250,000 devotees attended the sermon, police said.",
     "(gather)"),  # devotees are people: more of them than of all the people cannot hold
    ("About 120,000 people gathered for Sunday's festival in the valley.", "Nearly 30,000 people had congregated at the festival grounds.",
     "(gather)"),  # words outlets use for one gathering
    ("Police were able to stop cars from crossing the 2.1-mile span.", "The bridge’s total length was 1.8 miles and carried six lanes.",
     "length of bridge"),  # whose length: the possessor of "length"
    ("The epicentre was 18.5 km below the surface.", "The quake struck at a depth of 8 kilometres.", "depth"),  # "below" says depth
    ("The quake struck in a mountainous area 72 kilometres southwest of Zarvesh.", "The epicentre was about 40 km south of Zarvech.",
     "distance (strike)"),  # one reference place spelled two ways
    ("The tragedy occurred on Tuesday during a religious event in a village in Orlen district of Vessary Pradesh, about 125 miles southeast of Kessling.",
     "The stampede had occurred in Vessary State's Orlen area, around 150 miles southeast of Kessling.", "distance"),  # where it happened
    ("There were 212 passengers and 8 crew members on board.", "The Airbus A320, carrying 218 passengers and eight crew members, was en route.",
     "passenger (aboard)"),  # "on board" after the crew puts the passengers on board too
    ("Captain Orlov said there were 19 crew members and two pilots on board the freighter.", "He said the 20 crew members are all Filipino nationals.",
     "crew (aboard)"),  # a ship's crew counted with no happening is its crew
    ("The plane was carrying 150 passengers and six crew.", "The plane had 150 passengers and seven crew members on board.",
     "crew (aboard)"),  # "crew members" are counted as crew
    ("Thirty-eight rail cars derailed in the incident, investigators said.", "About 50 cars derailed on Friday night, the operator said.",
     "number of coach (derail)"),  # the "rail" cars are the train's cars, no narrower kind
    ("At least 149 people were killed and 76 others injured, the fire department said.",
     "At least 149 people were killed and another 150 injured, emergency officials said.", "number (injure)"),  # others than the dead
    ("Nearly 500 people were on the nearly 150-year-old suspension bridge when its cables snapped.",
     "A nearly 100-year-old suspension bridge across the river collapsed on Sunday.", "age of bridge"),
    ("The tourist department describes the bridge, some 200 kilometres west of the state's main city, Ahmedabad, as a marvel.",
     "The suspension bridge, which was around 300 miles from Ahmedabad, collapsed at 6:42 pm.", "from ahmedabad"),
    ("About a quarter of the city was wiped out after the dams burst.", "The floods destroyed up to a fifth of the city.", "share (destroy)"),
    ("Local media said 165 Malaysians have died, with more deaths among 41 Moroccans.",
     "The death toll includes 132 Malaysians, 60 Moroccans and 35 Tunisians.", "number of Malaysian people (die)"),
    ("At least 60 Moroccans also died, diplomats said.", "The ministry said that 41 Moroccan pilgrims had lost their lives.",
     "number of Moroccan people (die)"),
    ("Among the dead were three Britons.", "Two British tourists died, the embassy said.", "number of British people (die)"),
    ("The walkway bridge snapped at 7:15 PM when there were about 120 people on it.",
     "The accident happened on Saturday evening when some 300 people were on the bridge.", "number (aboard)"),
    ("Crowds filled the nearly century-old suspension bridge.", "The 140-year-old bridge had reopened days earlier.", "age of bridge"),
    ("Four coaches of the Kestrel Express derailed in the Tarn district on Friday evening.",
     "On Friday, at around 7 pm, nearly 12 coaches of the Kestrel Express derailed near Tarn.", "number of coach (derail)"),
    ("According to early reports about 6 carriages are said to have derailed.", "Officials said 15-16 coaches of the train derailed after the collision.",
     "number of coach (derail)"),
    ("The Boeing 787-8 Dreamliner was carrying 232 passengers and 12 crew members.",
     "The 12-year-old Boeing 787-8 aircraft departed at 1338 hrs, carrying 230 passengers and 12 crew.", "number of passenger (aboard)"),
    ("The epicentre was in Dolpa, which is about 400 kilometres (250 miles) north-east of the capital, Kathmandu.",
     "Dolpa is about 500 kilometers west of the capital Kathmandu.", "direction"),
    ("Sirte, a community of around 125,000 people, was left with flattened neighbourhoods.",
     "Sirte, a city of 100,000 inhabitants, lies on the coast.", "number (live)"),
    ("The stalled train, with nine coaches, has around 500 passengers on board, the railway controller said.",
     "Police said the train was stranded with an estimated 600 to 700 passengers onboard.", "number of passenger (aboard)"),
    ("Around 50 insurgents from the Dhalwar Liberation Front stormed the train.", "A minister said 70-80 attackers had seized the train.",
     "number of attacker"),
    ("The floods have displaced 2 million people, the UN said.", "The floods have displaced 3.5 million people across the region.",
     "number (displace)"),
    ("It was unclear who was in control of the city of 12 million people.", "Tanks rolled through the city of 15 million people.",
     "number (live)"),
    ("He confirmed that 20 children were still missing.", "The governor said about 23 girls were missing from the camp.",
     "number of child (miss)"),
    ("The ferry operator said 212 passengers and crew were on board.", "The island council said 187 people had been on board.",
     "number (aboard)"),
    ("The summit ended without a deal after the leader insisted all US sanctions be lifted.",
     "His foreign minister said the country had asked for partial lifting of sanctions at the summit.", "B some of them"),
    ("They wanted the sanctions lifted in their entirety, the president said of the summit.",
     "The minister said they had asked for lifting five of the 11 sanctions at the summit.", "A tells all of the sanctions"),
    ("They wanted the sanctions lifted in their entirety, the president said of the summit.",
     "What we proposed was not the removal of all sanctions, but the partial removal, the minister said.", "B some of them"),
    ("A councillor said about 300 homes were covered by the landslide.", "The landslide buried 1,182 houses, the MP said.",
     "number of house (bury)"),
    ("The village is home to 3,895 people.", "An aid official estimated as many as 3,000 people called the hillside village home.",
     "number (live)"),
]


@pytest.mark.parametrize("a, b, what", CLASHES, ids=[c[2] for c in CLASHES])
def test_figures_of_one_quantity_that_cannot_both_hold_are_a_conflict(a, b, what):
    hit = quantities(claim(a, "a"), claim(b, "b"))
    assert hit is not None and hit.kind == "numbers" and what in hit.evidence


AGREEMENTS = [
    ("Hamas has released 24 hostages held in Gaza.", "Hamas will release 12 to 13 hostages each day of the truce.",
     "a-plan-is-not-what-was-done"),
    ("Israel freed 39 Palestinian prisoners on Friday.", "Israel is expected to release at least 150 Palestinian prisoners.",
     "an-expectation-is-not-what-was-done"),
    ("Twelve people were killed in the blast, the police said.", "Another five people died in hospital overnight, officials said.",
     "another-of-one-happening-is-on-top"),
    ("Two people died in the blast and 30 were hurt.", "Two people were killed and another 30 injured in the blast.",
     "another-after-the-dead-is-everyone-injured"),
    ("Japan's weather agency put the quake's magnitude at 7.7.", "The agency first put the magnitude at 7.5.", "a-magnitude-put-at-is-no-count"),
    ("A 5.7 magnitude tremor shook the peninsula again on Tuesday.", "The 7.6 magnitude earthquake struck the peninsula on Monday.",
     "a-whole-unit-apart-is-another-quake"),
    ("The stadium lies 80 km south of the provincial capital, Malang.", "The stadium is about 50 miles from Malang.",
     "a-place-named-in-apposition-converted"),
    ("At least 132 people died after a century-old suspension bridge collapsed.", "The nearly 150-year-old suspension bridge collapsed.",
     "century-old-is-a-century-and-more"),
    ("A 40-year-old building collapsed overnight.", "A nearly 41-year-old building had been due for inspection.", "told-to-the-year"),
    ("The quake has so far resulted in 57 confirmed deaths, including 24 in Wajima City.", "Officials said 24 people died in Wajima.",
     "one-place-s-toll-told-twice"),
    ("Officials said 93 people died in Mexico City.", "At least 225 people died in Mexico, officials said.", "mexico-city-is-not-mexico"),
    ("The storm killed 5,000 in Derna and left 10,000 missing.", "At least 10,000 people are missing, and 5,000 died in Derna.",
     "a-figure-with-its-own-verb-is-no-list-item"),
    ("Police said 24 people lost their lives inside the stadium.", "At least 125 people died in the crush, police said.",
     "a-part-at-one-site-is-no-rival-to-the-whole"),
    ("More than 400 operations have been postponed at hospitals run by the trust.", "About 140 planned operations had been called off by Tuesday.",
     "hospitals-in-general-are-no-site"),
    ("A third of the town was flattened by the storm.", "About a third of the town was destroyed, the mayor said.",
     "a-fraction-told-twice"),
    ("Half of the 130 units were destroyed.", "About a quarter of the town was destroyed.", "a-fraction-of-a-count-is-no-share"),
    ("At least 32 children were among the 125 people killed in the crush.", "The number of children killed in the crush has now reached 32.",
     "a-number-of-children-counts-children"),
    ("An aftershock of magnitude 5.2 shook the province on Tuesday.", "The magnitude-7.1 quake flattened homes across the province.",
     "an-aftershock-is-another-quake"),
    ("The magnitude-7.1 quake flattened homes, as aftershocks of up to 5.2 hampered the rescue.",
     "A magnitude-7.1 earthquake flattened homes across the province.", "aftershocks-told-in-another-clause"),
    ("No one was killed in the fire at the plant.", "Three workers were injured in the fire at the plant.", "none-killed-vs-some-injured"),
    ("None of those on board was hurt, according to the airline.", "No one on board was injured, the airline said.", "two-zeros-agree"),
    ("A 71-year-old man died in hospital after the collapse.", "Three people died in the collapse, police said.", "one-named-death-of-three"),
    ("Much of the 1.6-mile bridge fell into the river.", "The 948-foot container ship struck the bridge.", "a-ship-is-no-bridge"),
    ("Much of the 1.6-mile bridge fell into the river.", "It brought down the 2.6-km-long four-lane bridge.", "miles-and-km-rounded"),
    ("The 985-foot container ship lost power.", "The 984-ft cargo ship was bound for Colombo.", "one-metric-length-rounded-two-ways"),
    ("The 21-foot sub lost contact with its support ship.", "The 984-ft cargo ship was bound for Colombo.", "a-sub-is-no-ship"),
    ("The Dali, a massive 948ft container ship, lost power.", "The collision caused the 1.6-mile structure to collapse.",
     "a-ship-is-no-structure"),
    ("A crowd packed a narrow 3.2-meter-wide alley in Itaewon.", "The site is a downhill 40-meter back alley.", "width-is-not-length"),
    ("A remotely operated vehicle that can reach a depth of 6,000 meters is on its way.",
     "The shipwreck is located at a depth of 3,800 meters.", "what-a-vehicle-can-reach-is-not-how-deep-the-wreck-is"),
    ("A crew rescued 12 individuals from the waters off Lahaina.", "About one dozen people were pulled from the sea by a rescue boat.",
     "one-dozen-is-twelve"),
    ("The officials said one person had died and 102 have been accounted for.", "At least one person died and 99 were unaccounted for.",
     "the-unaccounted-for-did-not-die"),
    ("The 985-foot container ship lost power.", "The 980-foot Dali lost power before the crash.", "a-round-length-holds-its-neighbours"),
    ("Four gunmen opened fire in the concert hall.", "Four armed men burst into the hall.", "armed-men-are-gunmen"),
    ("The recall covers 14 batches of the tablets.", "The recall covers more than a dozen batches of the tablets.",
     "more-than-a-dozen-is-a-bound"),
    ("Two-year government bond yields rose 8 basis points to 3.92% after the announcement.",
     "Annual inflation rose to 3.8 percent in February, up from 3.5 percent in January.", "shares-told-at-two-times"),
    ("Two of the attackers were killed by police.", "Four gunmen opened fire in the concert hall.", "attackers-killed-are-some-of-them"),
    ("Officials have confirmed 87 deaths in the stampede.", "At least 121 people were injured in the stampede.",
     "confirmed-deaths-are-no-injured"),
    ("Emergency personnel have pulled almost 40 people from the collapsed building.",
     "Authorities confirmed that 35 people have been pulled from the structure.", "almost-40-is-35-rounded-up"),
    ("Thirty-seven people were pulled out of the rubble, the fire chief said.",
     "A fire official said 37 people were rescued from the building in Surfside, an enclave of 5,700 residents.",
     "a-town-s-population-is-no-count-of-the-rescued"),
    ("East Palestine is located about 50 miles northwest of Pittsburgh.",
     "The town lies about 45 miles northwest of Pittsburgh along the border.", "about-50-is-a-round-figure"),
    ("Ten to 12 coaches of one train derailed, a railway spokesperson said.",
     "At around 7 p.m., 10-12 coaches of the Coromandel Express derailed near Baleswar.", "a-range-told-two-ways"),
    ("Fire engulfed a 24-storey housing block in west London.", "The apartment block holds 120 flats over 24 floors.",
     "storeys-and-floors"),
    ("Rescuers are searching the rubble of a collapsed 12-storey condo tower.",
     "The outlook appeared grim, with one floor of the high-rise stacked on another like pancakes.", "one-floor-on-another"),
    ("Temperatures reached 40 degrees in the city.", "Temperatures in the city reached 35 degrees.", "the-weather-changes-by-the-hour"),
    ("A 200-metre section of the bridge collapsed.", "A 50-metre section of the bridge was left standing.", "two-parts-told-apart-by-what-happened"),
    ("A 260ft stretch of road broke off from the bridge.", "An 80-metre section of the bridge came down.", "unit-conversion-rounded"),
    ("Delta had cancelled 44 flights by 8 a.m.", "Nearly 4,434 flights have been cancelled across the US.", "one-airline-vs-all"),
    ("The quake struck 60 miles south of the capital.", "The epicentre was 2.8 miles east of San Juan Raboso.", "distances-from-two-places"),
    ("Two others died in the central state of Puebla.", "At least 11 people died in Puebla.", "the-others-are-a-remainder"),
    ("The plant will bring about 1,200 construction jobs.", "The plant will bring around 400 permanent jobs.", "different-kinds-of-job"),
    ("The flight was carrying 68 passengers and four crew.", "The aircraft was carrying 72 people.", "passengers-are-not-everyone"),
    ("About 39 people were killed in the blast.", "Nearly 40 people were killed in the blast.", "rounding"),
    ("At least 20 people were killed in the blast.", "At least 24 people were killed in the blast.", "two-lower-bounds"),
    ("Microsoft shares fell 1.7% on Friday.", "CrowdStrike shares fell more than 11% on Friday.", "two-companies"),
    ("Four AC coaches have also been derailed, he added.", "All 14 derailed coaches have been removed.", "also-marks-a-part"),
    ("The number of confirmed dead in Mexico City rose to 100.", "The death toll rose to 230.", "a-toll-of-one-city"),
    ("The earthquake struck at a depth of about 33 miles (51 km).", "The quake was centred 76 miles from the capital.", "depth-is-no-distance"),
    ("Seventy-two passengers were seriously injured.", "Around 200 people were injured, 76 of them seriously.", "passengers-fewer-than-people"),
    ("Around 200 people were injured, 72 of them seriously.", "At least 190 people were injured.", "a-share-is-not-the-whole"),
    ("The plane with 68 passengers and four crew crashed.", "Fifty-three Nepalese passengers were on board.", "a-nationality-narrows"),
    ("The floods displaced 1.5 lakh people in the district.", "The floods displaced 150,000 people in the district.", "a-scale-word"),
    ("The 77-year-old French explorer Paul-Henri Nargeolet was on board.", "Frenchman Paul-Henri Nargeolet, 77, is the pilot.",
     "one-age-told-two-ways"),
    ("Hamish Harding, 58, was on board the submarine.", "Shahzada Dawood, 48, was on board the submarine.", "ages-of-two-people"),
    ("Marlow is a farming town about 85 miles west of Castel.", "The gunman lived in Marlow, 80 miles west of Castel.",
     "a-round-distance-is-itself-rounded"),
    ("Cars plunged as much as 45 meters into the river bed.", "Cars plunged to the river bed 50 metres below.",
     "a-round-fall-is-itself-rounded"),
    ("Among the dead, 62 have been identified.", "One of the dead has been identified as Ravi Sharma (26) from the capital.",
     "an-age-in-brackets"),
    ("Five more Malaysians died on Friday.", "165 Malaysians have died.", "more-of-one-nationality"),
    ("165 Malaysians have died in the heat.", "The toll includes 60 Moroccans and 35 Tunisians.", "another-nationality"),
    ("165 Malaysians have died in the heat.", "Some 300 people have died in the heat.", "one-nationality-is-some-of-the-dead"),
    ("Three Malaysian pilgrims were injured.", "Five Malaysians died.", "one-nationality-hurt-and-dead"),
    ("Of the passengers, 173 are Korean nationals.", "The plane carried 181 passengers.", "the-nationals-among-the-passengers"),
    ("Four Malaysian passengers from Ipoh filmed the flight minutes before it went down.",
     "There were 15 foreigners, including five Malaysian nationals, on board the flight.", "some-of-a-nationality-told-by-their-town"),
    ("A century-old bridge collapsed.", "The 140-year-old bridge had reopened days earlier.", "a-century-old-bridge-may-be-older"),
    ("Waves rose as high as 6 meters, the aid group's head told a broadcaster.", "Attention has turned to a 60-metre-tall dam built upstream.",
     "the-waves-height-is-not-the-dams"),
    ("Two coaches derailed in the Tarn district on Friday.", "Five coaches derailed in the Ashby district on Friday.",
     "derailments-in-two-named-places"),
    ("Temperatures have at times exceeded 49 degrees Celsius in the city.", "The weather office reported a high of 51.2 degrees Celsius this week.",
     "the-weather-changes-by-the-hour"),
    ("The Boeing 787-8 Dreamliner carried 210 passengers.", "The Airbus A330 carried 210 passengers.", "a-model-number-counts-nothing"),
    ("The epicentre was in the Atlas Mountains, 71km (44 miles) south-west of Zarvesh.", "The epicenter of the quake was 72 km southwest of Zarvech.",
     "a-distance-from-a-place-is-told-to-its-last-unit"),
    ("The Tarn mosque, which is 100 kilometers south-east of Zarvesh, has been destroyed.",
     "The quake occurred around 70 kilometres southwest of Zarvesh at a depth of 18 kilometres.", "a-named-building-lies-elsewhere"),
    ("The port town of Sirte is home to 90,000 people.", "Sirte, a city of 100,000 inhabitants, lies on the coast.",
     "a-round-population-is-rounded"),
    ("Some 300 people were on the streets of the town.", "About 120 people were on the bridge when it fell.", "on-the-streets-is-no-load"),
    ("The blaze had been declared 100 percent contained shortly before 8 a.m.", "The hillside fire was 70 percent contained as of Saturday morning.",
     "a-share-moves-by-the-hour"),
    ("The train was carrying approximately 400 to 500 passengers.", "The train left with 450 passengers on board.", "a-range-holds-a-figure-inside-it"),
    ("An estimated 600 passengers were aboard the train.", "The train had about 620 passengers on board.", "estimated-is-no-kind-of-passenger"),
    ("He confirmed that 20 children were still missing.", "The governor said about 12 girls were missing from the camp.",
     "fewer-girls-than-children"),
    ("All passengers were evacuated from the train, officials said.", "Some passengers were injured on the train, officials said.",
     "all-of-some-people-and-some-of-them-tell-two-happenings"),
    ("What we proposed was not the removal of all sanctions, but the partial removal, the minister said.",
     "The minister said the country sought relief from some sanctions.", "not-all-is-some"),
    ("Around 50 insurgents stormed the train, a witness said.", "Security forces have eliminated 27 terrorists, the army said.",
     "those-eliminated-are-some-of-the-attackers"),
    ("The company eliminated 500 jobs on Monday.", "The company cut 200 jobs on Monday.", "jobs-eliminated-are-no-deaths"),
    ("All miners were rescued from the pit.", "Some miners were hurt in the pit.", "all-rescued-and-some-hurt-tell-two-happenings"),
    ("The evacuation zone covers all homes within 5 kilometres of the summit.", "The lava buried 12 homes on the northern slope.",
     "a-zone-that-covers-homes-buries-none"),
    ("The ferry was carrying 180 passengers and crew.", "The survivors were both women, one a crew member and the other a passenger.",
     "one-of-each-is-no-load"),
]


@pytest.mark.parametrize("a, b, case", AGREEMENTS, ids=[c[2] for c in AGREEMENTS])
def test_compatible_figures_are_not_a_conflict(a, b, case):
    assert quantities(claim(a, "a"), claim(b, "b")) is None


def test_an_undated_figure_of_a_past_year_is_history_beside_a_dated_story():
    now = claim("About 622 people were killed in an earthquake that struck the east, authorities said.", "a", date="2025-09-01")
    past = claim("In 2023, more than 1,400 people died after a series of earthquakes struck the west.", "b")
    assert quantities(now, past) is None and quantities(claim(now.text, "c"), past) is not None  # (with no date at all, unknown)
    last = claim("Last year, a series of quakes in the west killed more than 1,000 people.", "d", date="2025-09-01")
    assert quantities(last, claim("The number of people killed in the earthquake has risen to 800.", "e")) is None


def test_a_figure_of_a_year_before_its_article_is_history():
    past = "The crush was the deadliest disaster since the ferry sinking in 2014, which took the lives of 304 people."
    toll = claim("The death toll from the crowd crush has climbed to 151, officials said.", "b")
    assert quantities(claim(past, "a", "2022-10-30"), toll) is None  # written in 2022: the 2014 sinking's dead
    assert quantities(claim("The ferry sinking in 2014 took the lives of 304 people.", "a", "2014-04-20"),
                      claim("The ferry sinking took the lives of 300 people.", "b")) is not None  # that year's own story


def test_about_allows_what_rounding_to_the_figure_allows():
    (fifty,) = frame_of("The town is about 50 miles away.").quantities
    (odd,) = frame_of("The town is about 51 miles away.").quantities
    assert fifty.high / fifty.low > 1.2 and odd.high / odd.low < 1.07


def test_a_count_told_by_its_state_is_a_running_count():
    first = claim("One person is confirmed dead, but nearly 100 people are still unaccounted for.", "a", "2021-06-24")
    later = claim("Four people are now confirmed dead and more than 150 people are still unaccounted for.", "b", "2021-06-25")
    hit = quantities(first, later)
    assert hit is not None and hit.kind == "update"
    assert [q.event for q in frame_of(later.text).quantities] == ["die", "miss"]


def test_an_age_months_apart_may_have_had_a_birthday():
    before = claim("Mayor John Ellis, 56, said the bridge was safe.", "a", "2025-01-10")
    after = claim("Mayor John Ellis, 57, said the bridge was safe.", "b", "2025-09-10")
    assert quantities(before, after) is None
    assert quantities(before, replace(after, date="2025-01-12")) is not None


def test_a_year_a_figure_is_measured_against_does_not_date_it():
    now = claim("Officials said 191 people are still missing after the landslides.", "a", "2024-07-31")
    against = claim("Some 225 people are still missing in the worst disaster in the state since the floods in 2018.", "b", "2024-07-31")
    hit = quantities(now, against)
    assert hit is not None and hit.kind == "numbers"
    then = claim("The disaster is the worst since the floods of 2018, which left 480 people dead.", "b", "2024-07-31")
    assert quantities(claim("The landslides have left 190 people dead.", "a", "2024-07-31"), then) is None  # a figure of 2018's floods


def test_a_figure_of_a_named_past_year_is_another_happening():
    old = claim("A fire in a home in another part of the Bronx killed 10 people, including nine children, in 2007.", "a", "2017-12-29")
    now = claim("A residential fire in the Bronx has killed 12 people, including four children, the mayor said.", "b", "2017-12-29")
    assert quantities(old, now) is None and quantities(now, old) is None
    again = claim("A residential fire in the Bronx killed 10 people, including nine children, on Thursday.", "a", "2017-12-29")
    assert quantities(again, now) is not None  # the same fire told with another toll still clashes


def test_a_running_count_told_on_two_dates_is_an_update():
    hit = quantities(claim("22 people were killed in the collapse.", "a", "2018-08-14"),
                     claim("The collapse killed 38 people.", "b", "2018-08-16"))
    assert hit is not None and hit.kind == "update"
    hit = quantities(claim("No injuries were reported in the first hours after the blast at the plant.", "a", "2026-03-10"),
                     claim("Four workers were injured in the blast at the plant, officials said on Wednesday.", "b", "2026-03-12"))
    assert hit is not None and hit.kind == "update"  # none at first, then a count
    hit = quantities(claim("The observatory raised the volcano's alert level to 2 on its four-step scale.", "a", "2025-04-02"),
                     claim("The observatory raised the alert level to 4, the highest on its scale, on Thursday.", "b", "2025-04-03"))
    assert hit is not None and hit.kind == "update"  # a level raised, then raised again
    # the words alone do not say the count runs; the parse does
    x = claim("Corran Power had restored power to about 150,000 customers by 6 a.m. Monday, the company said.", "a", "2025-06-02")
    y = replace(claim("Corran Power said it had restored power to about 320,000 customers by 9 a.m. Tuesday.", "b", "2025-06-03"),
                attribution="Corran Power")
    assert [h.kind for h in judge(x, y) if h.kind in ("numbers", "update")][:1] == ["update"]
    # a measure that does not grow is a conflict whatever the dates
    hit = quantities(claim("A 200-metre section of the bridge collapsed.", "a", "2018-08-14"),
                     claim("An 80-metre section of the bridge collapsed.", "b", "2018-08-16"))
    assert hit is not None and hit.kind == "numbers"


def test_figures_are_read_as_what_they_count_or_measure():
    (toll,) = frame_of("The nationwide death toll from Tuesday's earthquake has risen to 149.").quantities
    assert (toll.event, toll.thing) == ("die", "")
    (dead,) = frame_of("The number of confirmed dead in Mexico City rose to 100.").quantities
    assert (dead.event, dead.scope) == ("die", "mexico city")
    (quake,) = frame_of("A magnitude 7.1 earthquake shook central Mexico.").quantities
    assert quake.dimension == "magnitude"
    (depth,) = frame_of("The earthquake struck at a depth of about 33 miles (51 km).").quantities  # the bracket restates it
    assert depth.thing == "depth"
    (fighters,) = frame_of("More than 80 firefighters fought the blaze.").quantities
    assert not fighters.partial  # "more than" is a qualifier, not "80 more"


# The word-level numbers rule proposes figures; where the parse reads both as different
# quantities, they are not compared (issue 19), and where it read nothing, the words decide.
TOLD_APART = [
    ("Delta cancelled 44 flights, less than 1 percent of its schedule.", "More than 1,100 flights were cancelled by 8 a.m."),
    ("Ten people died in Mexico State, which surrounds the capital.", "Five people were killed at the Mexico City campus of the university."),
    ("76 passengers were seriously injured in the derailment.", "Over 100 passengers were killed in the derailment."),
    ("Nearly 200 were injured in the worst train accident in recent years.", "More than 200 were injured in the accident."),
    ("The plane was carrying 180 passengers.", "The plane was carrying 181 passengers and crew."),
    # from real reports (Hathras, Jeju Air, Itaewon, Surfside, Tempi)
    ("Authorities had authorized a gathering of 80,000 people, according to the police report.",
     "Around 250,000 people attended the gathering, according to the police report."),
    ("The search focused on the first three carriages of the train.", "He said the first two carriages of the train no longer exist."),
    ("A powerful 7.4 magnitude earthquake struck off the coast of the northern province on Monday.",
     "The province saw a rapid series of earthquakes, starting with a 5.2 magnitude tremor at about 4.10 pm."),
]


@pytest.mark.parametrize("a, b", TOLD_APART, ids=["one-airline", "two-places", "injured-vs-killed", "bounds-that-meet",
                                                  "passengers-and-crew-together", "permitted-vs-attended", "the-first-few",
                                                  "an-aftershock"])
def test_figures_the_parse_tells_apart_are_not_compared(a, b):
    assert numbers(claim(a, "a"), claim(b, "b")) is None


@pytest.mark.parametrize("a, b", [
    ("More than 80 firefighters fought the blaze.", "Nearly 50 firefighters were deployed to the site."),  # verbs outlets vary
    ("The Fellside gauge recorded 68 mm of rain.", "112 millimetres of rain fell at the Fellside gauge."),  # a doer both name
    ("The ferry was certified to carry up to 300 passengers.", "The vessel was licensed to carry 180 passengers."),
    ("The plane carried 150 passengers and six crew.", "The plane was carrying 162 passengers."),  # the crew have their own figure
], ids=["two-verbs-one-deployment", "a-doer-both-name", "capacity", "crew-counted-apart"])
def test_figures_of_one_quantity_still_clash_for_the_numbers_rule(a, b):
    hit = numbers(claim(a, "a"), claim(b, "b"))
    assert hit is not None and hit.kind == "numbers"


@pytest.mark.parametrize("a, b", [
    ("About 1,400 Kellogg workers went on strike at four plants on Tuesday.", "More than 10,000 workers went on strike at 14 plants on Tuesday."),
    ("After the first earthquake, another one of magnitude 4.8 occurred at a depth of 24 kilometers.",
     "The earthquake had a magnitude of 6.8 and struck at a depth of 66 kilometers."),
    ("All 23 Texas Republicans voted to keep the speaker in his post.", "Only eight Republicans voted to keep the speaker in his post."),
    ("The firm was bound by its contract to keep the pier shut for at least eight to 12 months for repairs.",
     "The pier had been shut for seven months for renovation."),
], ids=["a-company-narrows-the-workers", "another-quake", "a-state-narrows-the-members", "a-figure-set-by-contract-is-not-what-was"])
def test_figures_the_words_tell_apart_are_no_conflict_for_any_rule(a, b):
    for x, y in ((claim(a, "a"), claim(b, "b")), (claim(b, "a"), claim(a, "b"))):
        assert [h for h in judge(x, y) if h.kind == "numbers"] == []


def test_a_name_the_other_claim_also_gives_narrows_nothing():
    from detector.frames import told_apart_in_words

    assert not told_apart_in_words("13 House Democrats", "13 House Democrats voted to remove him.",
                                   "208 Democrats", "All 208 House Democrats voted to remove him.")
    assert not told_apart_in_words("14 batches", "The recall covers 14 batches of Cardivel tablets.",
                                   "six batches", "The recall affects six batches of the 80mg strength.")


def test_two_names_told_one_age_each_have_it():
    listed = claim("Four victims were named: Ana Ruiz, 11; James Carter and David Miller, both 10; and Maria Lopez, 9.", "a")
    other = claim("They include 9-year-old James Carter and 10-year-old Maria Lopez.", "b")
    assert {("carter", 10, "James Carter, 10"), ("miller", 10, "David Miller, 10")} <= set(frame_of(listed.text).ages)
    assert frame_of(other.text).ages == (("carter", 9, "James Carter, 9"), ("lopez", 10, "Maria Lopez, 10"))
    hit = quantities(listed, other)
    assert hit is not None and "age" in hit.evidence
    # an age after the second of two names is that person's alone
    assert frame_of("Those aboard included Rob Hale and Sami Dar, 48, a trader.").ages == (("dar", 48, "Sami Dar, 48"),)


# Ages of a holder the parse ties the age to: a role one person holds, a superlative, an apposition.
ONE_HOLDER_TWO_AGES = [
    ("The station master is 56 years old and had taken up the post a month ago.",
     "Police said the 59-year-old stationmaster in the city has been arrested."),
    ("The youngest passenger was a 3-year-old boy, and the oldest was a 78-year-old man.",
     "A 79-year-old grandfather surnamed Bae, the oldest passenger on the flight, was aboard with his family."),
    ("The male crew member, Mr. Lee (33), was taken to a hospital in Seoul.",
     "Lee, a 32-year-old flight attendant, was rescued from the tail section."),
    ("The ferry's master, Captain Elias Montray, 45, survived the sinking.",
     "The 54-year-old captain sent a distress call twenty minutes before the ship went down."),
]


@pytest.mark.parametrize("a, b", ONE_HOLDER_TWO_AGES, ids=["a-role", "a-superlative", "a-name-and-its-apposition", "a-title-is-the-role"])
def test_one_holder_given_two_ages_is_a_conflict(a, b):
    hit = quantities(claim(a, "a"), claim(b, "b"))
    assert hit is not None and hit.kind == "numbers" and "age of" in hit.evidence


@pytest.mark.parametrize("a, b", [
    ("The 59-year-old man is an employee of the railway.", "The 56-year-old man was taken to hospital."),
    ("The youngest passenger was a 3-year-old boy.", "The oldest passenger was a 78-year-old man."),
    ("Two attendants died, including the youngest, a 23-year-old woman.", "The youngest passenger was a 3-year-old boy."),
    ("The oldest victim was 79, police said.", "The oldest passenger on the flight was 81."),
    ("The station master is 56 years old.", "The station master said he is 56 years old and followed the rules."),
    ("Mr Elias Montray, 45, survived the sinking.", "The 54-year-old captain sent a distress call before the ship went down."),
], ids=["anyone-is-no-role", "youngest-vs-oldest", "a-superlative-of-nothing-named", "victims-are-not-passengers", "same-age",
        "an-honorific-is-no-role"])
def test_ages_of_holders_that_may_differ_are_no_conflict(a, b):
    assert quantities(claim(a, "a"), claim(b, "b")) is None


def test_a_role_age_reads_as_its_holder_in_the_evidence():
    (who, age, shown), = frame_of("Police said the 59-year-old station master has been arrested.").ages
    assert (who, age, shown) == ("the stationmaster", 59, "the station master, 59")


def test_a_permitted_number_is_compared_with_another_permitted_one():
    (permitted,) = [q for q in frame_of("Permission was granted for 80,000 people, but 250,000 devotees attended.").quantities
                    if q.low == 80_000]
    (other,) = [q for q in frame_of("The event had permission to host about 5,000 people.").quantities]
    assert "can:permit" in permitted.detail and "can:permit" in other.detail
    attended = frame_of("More than 250,000 devotees attended the event.").quantities[0]
    assert not any(d.startswith("can:") for d in attended.detail)


def test_what_the_parse_reads_a_figure_as():
    children = frame_of("Of the passengers, 173 were children.").quantities[0]
    assert children.partial  # a part told first: "Of the passengers, 173 ..."
    korean = frame_of("Of the passengers, 173 are South Korean nationals.").quantities[0]
    assert not korean.partial and korean.detail == {"from:korean"}  # all the Koreans among them
    (britons,) = frame_of("Those killed included three Britons.").quantities
    assert (britons.event, britons.detail) == ("die", {"from:british"})  # the subject's participle says what befell them
    whole = [q for q in frame_of("The plane crashed, killing 179 of the 181 people on board.").quantities if q.low == 181]
    assert [q.event for q in whole] == ["aboard"]  # the whole a part is of: who was on board, not who was killed
    wide = frame_of("The 4-meter (13-foot) wide alley is small.").quantities[0]
    assert wide.thing == "width"  # the bracket restates the figure; "wide" says what it measures
    assert frame_of("Rescuers searched a pile of rubble nearly two stories high.").quantities == ()  # a height, no count of floors
    assert frame_of("One passenger, Angelos Tsiamouras, told ERT the crash felt like an earthquake.").quantities == ()  # a person
    assert frame_of("The mother of a missing Janie Hunt, 9, told CNN that her daughter died.").quantities == ()  # her age
    assert frame_of("The thaw also left another 12, including two children, missing.").quantities != ()  # a count after a comma
    assert frame_of("Rescuers searched the collapsed 12-storey building.").quantities[0].thing == "storey"
    with_width = frame_of("The street leads to a downhill alley with a width of about 5 meters.").quantities[0]
    assert (with_width.thing, with_width.detail) == ("width", frozenset({"alley"}))  # the thing "with a width of"


def test_taken_to_a_place_is_moved_and_to_hospital_is_treated():
    (moved,) = frame_of("A spokesman said 194 passengers had been taken safely to the city.").quantities
    (treated,) = frame_of("Officials said 40 passengers were taken to hospital.").quantities
    assert (moved.event, treated.event) == ("evacuate", "treat")
    carried = claim("The train, carrying 350 passengers, had been travelling to the city.", "a")
    assert numbers(carried, claim("A spokesman said that 194 passengers had been taken safely to the city.", "b")) is None


def test_captives_taken_anywhere_and_people_taken_nowhere_were_seized():
    events = [frame_of(t).quantities[0].event for t in (
        "Around 240 hostages were taken to Gaza on October 7.", "The gunmen took around 240 hostages during the attack.",
        "About 30 people were taken to hospital.", "Forty people were taken into custody overnight.")]
    assert events == ["abduct", "abduct", "treat", ""]
    assert [frame_of(t).quantities[0].event for t in ("Fifteen samples were taken on Monday.", "Five people were taken ill.")] == ["", ""]
    released = claim("Hamas fighters released 24 hostages on Friday during the first day of the truce.", "a")
    assert numbers(released, claim("Around 240 hostages were taken to Gaza on October 7 by the gunmen.", "b")) is None


def test_permission_for_people_to_gather_is_a_permitted_number():
    (permitted,) = frame_of("Police had given permission for 80,000 people to gather.").quantities
    assert "can:permit" in permitted.detail


@pytest.mark.parametrize("a, b", [
    ("A fire engulfed the 6,000-seater venue on the edge of the city.", "People laid flowers at the 6,200-seat concert hall outside the city."),
    ("Smoke poured from the roof of the concert hall, which can hold up to 6,000 people.",
     "People laid flowers at the 6,200-seat concert hall outside the city."),
    ("The crash happened long before the morning commute on the bridge that stretches 1.6 miles (2.6 km).",
     "Officials halted cars from crossing the 1.9-mile span, an action that saved lives."),
    ("The cause of the collapse, affecting about half of the 130 units in the complex, remains unclear.",
     "The tower partially collapsed, and 55 of the building's 136 units crumbled to the ground."),
], ids=["seats-two-ways", "seats-and-what-it-can-hold", "a-thing-that-stretches", "the-whole-of-two-parts"])
def test_a_property_told_two_ways_clashes(a, b):
    hit = quantities(claim(a, "a"), claim(b, "b"))
    assert hit is not None and hit.kind == "numbers"


def test_a_length_does_not_change_with_the_hour():
    hit = quantities(claim("The 290-metre ship Dali struck the bridge around 1:30 a.m.", "a"),
                     claim("The 340-metre Dali, a cargo vessel, hit the bridge at about 1:40 a.m.", "b"))
    assert hit is not None and "length" in hit.evidence
    # a running count told at two times is still two figures
    assert quantities(claim("By Saturday 38 people had died, officials said.", "a"),
                      claim("By Monday morning 90 people had died, officials said.", "b")) is None


def test_two_permitted_numbers_clash_and_what_came_after_but_is_no_permission():
    hit = quantities(claim("Over 15,000 people had gathered for the event, which had permission for about 5,000.", "a"),
                     claim("The report stated that permission was granted for 8,000 people, but more came.", "b"))
    assert hit is not None and "permit" in hit.evidence
    attended = [q for q in frame_of("Authorities had authorized a gathering of 80,000 people, but around 250,000 attended.").quantities
                if q.low > 100_000]
    assert attended and not any(d.startswith("can:") for d in attended[0].detail)


def test_one_surname_romanised_two_ways_keeps_its_age():
    hit = quantities(claim("Dalerdzhon Mirzoyev, a 33-year-old citizen of Tajikistan, confessed to his part in the attack.", "a"),
                     claim("The first to appear in court was 32-year-old Dalerjon Mirzoev, originally from Tajikistan.", "b"))
    assert hit is not None and "age of" in hit.evidence
    assert quantities(claim("Ana Martin, 33, was among the injured.", "a"), claim("Luis Martinez, 41, was among the injured.", "b")) is None


def test_a_surname_alone_with_ages_far_apart_is_two_people():
    assert quantities(claim("'My sister went to heaven today,' said Jo, a grieving 65-year-old woman.", "a"),
                      claim("Jo, 24, said he saw a spark on the right wing before the crash.", "b")) is None
    hit = quantities(claim("The male crew member, Mr. Lee (33), was taken to a hospital in Seoul.", "a"),
                     claim("Lee, a 32-year-old flight attendant, was rescued from the tail section.", "b"))
    assert hit is not None


def test_more_treated_than_injured_cannot_hold():
    assert quantities(claim("More than 60 people were taken to hospital with injuries.", "a"),
                      claim("Fewer than 30 people were injured in the crash.", "b")) is not None
    assert quantities(claim("About 20 people were taken to hospital after the crash.", "a"),
                      claim("At least 45 people were injured in the crash.", "b")) is None  # some of the injured


def test_a_speed_is_no_distance():
    speed = [q for q in frame_of("The stretch has a speed limit of 40 km/h for heavy vehicles.").quantities if q.low == 40]
    assert [q.dimension for q in speed] == ["speed"]
    assert quantities(claim("The crash happened about 8 km below the summit, where the limit is 40 km/h.", "a"),
                      claim("The crash site is roughly five miles below the top of the pass.", "b")) is None


def test_what_a_toll_rose_by_is_part_of_it():
    (three,) = [q for q in frame_of("The death toll rose to ten on Monday after three people died of their injuries.").quantities
                if q.low == 3]
    assert three.partial
    assert quantities(claim("The toll rose to ten on Monday after three people died of their injuries.", "a", "2027-03-15"),
                      claim("Seven people died in the fire at the hotel on Sunday.", "b", "2027-03-15")) is None


def test_a_figure_both_claims_agree_on_leaves_the_others_to_other_parts():
    narrow = claim("The 4-meter (13-foot) wide alley, as narrow as 3.2 meters in some parts, fits four adults abreast.", "a")
    assert quantities(narrow, claim("The crowd packed a narrow 3.2-meter-wide alley in the district.", "b")) is None
    assert quantities(claim("The 4-meter (13-foot) wide alley fits four adults abreast.", "a"),
                      claim("The crowd packed a narrow 3.2-meter-wide alley in the district.", "b")) is not None


def test_bodies_recovered_are_counted_apart_from_the_dead():
    (found,) = frame_of("Police confirmed the recovery of the bodies of two construction workers from the river.").quantities
    assert found.event == "recover"


def test_parts_of_one_whole_told_by_both_claims_clash():
    listed = claim("In one of the worst tragedies in years, 121 people - 113 women, seven children and a man - were killed.", "a")
    among = claim("Among the 121 dead were 112 women and seven children, while 31 were injured.", "b")
    hit = quantities(listed, among)
    assert hit is not None and "parts of the same" in hit.evidence
    # parts of two different wholes may both hold
    assert quantities(claim("At least 26 people were killed, including 12 children.", "a"),
                      claim("At least 40 people died, including nine children.", "b")) is None
    assert all(q.partial for q in frame_of("The victims included 108 women and seven children.").quantities)


def test_a_kind_of_people_listed_in_a_load_is_all_of_that_kind():
    load = "The jet was carrying 186 people - including 176 passengers and 10 crew members - when it crashed."
    hit = quantities(claim(load, "a"), claim("Flight VX402 carried 176 passengers and 12 crew members.", "b"))
    assert hit is not None and "crew" in hit.evidence
    assert quantities(claim(load, "a"), claim("There were 176 passengers and 10 crew members on board.", "b")) is None
    # on top of a load, or others than it, is still a part
    assert frame_of("The jet was carrying 176 passengers and 10 more crew members.").quantities[1].partial


def test_a_count_after_a_fronted_clock_time_is_the_whole_count():
    # the small parser hangs "nearly 12 coaches" on "7 pm" as an apposition; it is no part of a time
    (coaches,) = frame_of("On Friday, at around 7 pm, nearly 12 coaches of the Varna-Tessel Coastal Express derailed near Orvik.").quantities
    assert not coaches.partial and coaches.event == "derail"
    hit = quantities(claim("Four coaches of the Coastal Express derailed on Friday evening.", "a"),
                     claim("On Friday, at around 7 pm, nearly 12 coaches of the Varna-Tessel Coastal Express derailed near Orvik.", "b"))
    assert hit is not None and "coach" in hit.evidence
    # a listed part is still a part
    assert frame_of("121 people - 113 women, seven children and a man - were killed.").quantities[1].partial


@pytest.mark.parametrize("a, b, clashes", [
    ("The epicentre was about 64km (40 miles) northeast of Zarvesh, the survey said.",
     "The quake struck in a mountainous area 64 kilometres (40 miles) southwest of the old city of Zarvesh.", True),
    ("The epicenter was 68 kilometers southeast of Zarvech.", "The quake had an epicentre some 64km southwest of Zarvesh.", True),  # one city spelled two ways
    ("The epicentre was 62 km south of Zarvesh.", "The quake struck 64 km southwest of Zarvesh.", False),  # a point of the compass apart
    ("The Orvane monastery, which is 110 kilometers south-east of Zarvesh, was destroyed.",
     "The quake struck 64 km southwest of Zarvesh.", False),  # another place, at another distance
    ("The quake struck 64 km southwest of Zarvesh.", "The quake struck 64 km northeast of Tessaly.", False),  # from two places
    ("In the village of Orvane, 64km northeast of Zarvesh, residents dug bodies from the rubble.",
     "The quake's epicentre was 64 km (40 miles) southwest of Zarvech, a city of markets.", False),  # where a named village lies
], ids=["opposite", "spelled-two-ways", "adjacent-points", "another-place", "two-references", "a-village-located"])
def test_one_distance_from_one_place_in_two_directions_clashes(a, b, clashes):
    hit = quantities(claim(a, "a"), claim(b, "b"))
    assert (hit is not None and "direction from" in hit.evidence) == clashes


def test_a_kind_of_place_names_the_place_a_toll_is_of():
    # "in the province of Al Merzouk": the tagger reads such a name as a person; "province of" says it is a place
    (merzouk, *_) = frame_of("The earthquake caused 394 deaths in the province of Al Merzouk, 271 in the province of Tamdrit.").quantities
    assert (merzouk.scope, merzouk.event) == ("al merzouk", "die")
    hit = quantities(claim("The earthquake caused 394 deaths in the province of Al Merzouk, 271 in the province of Tamdrit.", "a"),
                     claim("The ministry said 349 deaths were recorded in Al Merzouk Province and 271 deaths in Tamdrit Province.", "b"))
    assert hit is not None and "in Al Merzouk" in hit.evidence
    assert quantities(claim("The earthquake caused 394 deaths in the province of Al Merzouk.", "a"),
                      claim("The ministry said 271 deaths were recorded in Tamdrit Province.", "b")) is None


def test_a_kind_of_place_with_its_name_in_apposition_names_the_place():
    # "another district, Sella (West)": the tagger may take the name for a person, or the apposition for a conjunct
    sella = "In another quake-affected district, Sella (West), 36 deaths were confirmed."
    assert frame_of(sella).quantities[0].scope == "sella"
    assert quantities(claim(sella, "a"), claim("In Dorvik district, 92 deaths were confirmed.", "b")) is None
    assert quantities(claim(sella, "a"), claim("In the district of Sella, 40 deaths were confirmed.", "b")) is not None


def test_a_length_of_time_or_an_age_is_no_time_a_figure_is_of():
    # "for 19 years" dates no figure: the counts are still compared
    hit = quantities(claim("Two workers were rescued from the river on Tuesday.", "a"),
                     claim("One worker, who had lived in the city for 19 years, was rescued from the river.", "b"))
    assert hit is not None and "worker (rescue)" in hit.evidence
    # figures at two times are still not compared
    assert quantities(claim("By Saturday, 38 bodies had been recovered.", "a"),
                      claim("By Monday morning, 90 bodies had been recovered.", "b")) is None
