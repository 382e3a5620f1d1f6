"""Large synthetic resolution corpora for benchmarks (not shipped data): deterministic from a seed.

Texts come in the real layouts: ITU plain text as in the seed (labels alone on their lines) and Akoma Ntoso
statements as in the UN files. Clause counts, text lengths and citation densities follow the shared corpus
roughly; the cited instruments are drawn from a power law (a few are cited everywhere, most rarely).

Usage: python benchmarks/synth.py N OUT_DIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
from html import escape
from pathlib import Path

WORDS = ["the", "development", "of", "telecommunication", "networks", "in", "developing", "countries", "and", "the", "role", "of", "the", "Union", "in", "building", "confidence", "and", "security", "in", "the", "use", "of", "information", "and", "communication", "technologies", "including", "capacity", "building", "spectrum", "management", "standardization", "and", "the", "implementation", "of", "relevant", "outcomes"]
PREAMBULAR = ["considering", "considering further", "recognizing", "noting", "recalling", "bearing in mind", "aware"]
OPERATIVE = ["resolves", "instructs the Secretary-General", ("instructs the Director of the Telecommunication "
             "Standardization Bureau"), "invites Member States", "encourages Member States and Sector Members",
             "requests the Council"]
BODIES = [("pp", "of the Plenipotentiary Conference", ["Antalya, 2006", "Busan, 2014", "Dubai, 2018"]),
          ("wtsa", "of the World Telecommunication Standardization Assembly", ["Hammamet, 2016", "Dubai, 2012"]),
          ("wtdc", "of the World Telecommunication Development Conference", ["Buenos Aires, 2017", "Dubai, 2014"])]
UN_VERBS_PRE = ["Recalling", "Reaffirming", "Noting", "Recognizing", "Welcoming", "Expressing concern"]
UN_VERBS_OP = ["Decides", "Requests the Secretary-General", "Calls upon all States", "Encourages", "Urges"]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _cited_number(rng: random.Random, population: int) -> int:
    """A power-law choice: small numbers are cited far more often than large ones."""
    return min(population, int(rng.paretovariate(1.1)))


def _itu_citation(rng: random.Random) -> str:
    _body, phrase, editions = rng.choice(BODIES)
    return f"Resolution {_cited_number(rng, 220)} (Rev. {rng.choice(editions)}) {phrase}"


# the conferences that adopt the generated ITU texts (all in data/conferences.csv)
OWN_EDITIONS = {"pp": ["Minneapolis, 1998", "Marrakesh, 2002", "Antalya, 2006", "Guadalajara, 2010", "Busan, 2014",
                       "Dubai, 2018", "Bucharest, 2022"],
                "wtsa": ["Florianópolis, 2004", "Johannesburg, 2008", "Dubai, 2012", "Hammamet, 2016", "New Delhi, 2024"],
                "wtdc": ["Istanbul, 2002", "Doha, 2006", "Hyderabad, 2010", "Dubai, 2014", "Buenos Aires, 2017",
                         "Kigali, 2022"]}


def itu_text(rng: random.Random, ordinal: int) -> str:
    """The ``ordinal``-th ITU text (from 0): bodies in turn, numbers of at most four digits as ITU's are, and the
    conference that adopts it changing every 30,000 texts, so that no two texts are the same resolution."""
    body, _phrase, _editions = BODIES[ordinal % len(BODIES)]
    number = ordinal // len(BODIES) % 9999 + 1
    place = OWN_EDITIONS[body][ordinal // (len(BODIES) * 9999) % len(OWN_EDITIONS[body])]
    formula = {"pp": "The Plenipotentiary Conference of the International Telecommunication Union",
               "wtsa": "The World Telecommunication Standardization Assembly",
               "wtdc": "The World Telecommunication Development Conference"}[body]
    lines = [f"RESOLUTION {number} (REV. {place.upper()})", _sentence(rng, 10).capitalize(), f"({place})",
             f"{formula} ({place}),", ""]
    for heading in rng.sample(PREAMBULAR, rng.randint(2, 4)) + rng.sample(OPERATIVE, rng.randint(2, 4)):
        lines += [heading, ""]
        numbered = heading.split()[0] in ("resolves", "instructs", "invites", "encourages", "requests")
        for index in range(rng.randint(1, 6)):
            label = str(index + 1) if numbered else "abcdefgh"[index] + ")"
            text = _sentence(rng, rng.randint(15, 60))
            if rng.random() < 0.45:
                text += f", in accordance with {_itu_citation(rng)}"
            lines += [label, f"that {text};", ""]
    return "\n".join(lines) + "\n"


def akn_text(rng: random.Random, ordinal: int) -> str:
    """The ``ordinal``-th General Assembly resolution (from 0): 330 to a session, as the Assembly adopts."""
    session, number = 1 + ordinal // 330, ordinal % 330 + 1
    date = f"{1945 + session}-12-10"
    paragraphs = []
    for verb in rng.sample(UN_VERBS_PRE, rng.randint(3, 6)):
        text = _sentence(rng, rng.randint(15, 50))
        if rng.random() < 0.5:
            text += f", and its resolution {_cited_number(rng, 300)}/{rng.randint(1, 250)}"
        if rng.random() < 0.2:
            text += f" and Security Council resolution {1000 + _cited_number(rng, 1500)} ({rng.randint(2000, 2020)})"
        paragraphs.append(f'<container name="{verb}"><p><span class="italic">{verb}</span> {escape(text)},</p>'
                          "</container>")
    body = []
    for index in range(rng.randint(3, 12)):
        text = _sentence(rng, rng.randint(15, 60))
        if rng.random() < 0.3:
            text += f", as set out in resolution {_cited_number(rng, 300)}/{rng.randint(1, 250)}"
        verb = rng.choice(UN_VERBS_OP)
        body.append(f'<paragraph><num>{index + 1}.</num><content><p><span class="italic">{verb}</span> '
                    f"{escape(text)};</p></content></paragraph>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            '<statement name="resolution"><meta><identification source="#s"><FRBRWork>'
            f'<FRBRthis value="/akn/un/statement/deliberation/unga/{date}/{session}-{number}/!main"/>'
            f'<FRBRdate date="{date}" name="adoption"/><FRBRauthor href="ga" as="author"/></FRBRWork>'
            f'</identification></meta><preface><p><docNumber>{session}/{number}.</docNumber>'
            f'<docTitle refersTo="#resolutionTitle">{escape(_sentence(rng, 8))}</docTitle></p></preface>'
            '<preamble><formula name="enactingFormula"><p><span class="italic">The General Assembly</span>,</p></formula>'
            + "".join(paragraphs) + "</preamble><mainBody>" + "".join(body) + "</mainBody></statement></akomaNtoso>\n")


def generate(count: int, out: Path, *, seed: int = 1) -> list[Path]:
    """Write ``count`` documents (two ITU texts for each AKN statement) into ``out``; the same seed gives the
    same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        rng = random.Random(seed * 1_000_003 + number)
        if number % 3:
            path = out / f"itu-{number:06d}.txt"
            path.write_text(itu_text(rng, 2 * (number // 3) + number % 3 - 1), encoding="utf-8")
        else:
            path = out / f"un-{number:06d}.xml"
            path.write_text(akn_text(rng, number // 3 - 1), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.count, args.out, seed=args.seed))} documents to {args.out}")
