"""Integrity of the gazetteer data files under ``models/``.

These files are hand-compiled linguistic knowledge; the checks here catch the
mistakes hand-editing makes: a code that is not a state, a name that maps to two
states, a Latin letter typed inside a Cyrillic word, stray white space, a place
that is really a state, a missing Kazakh region.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict

import pytest

from conftest import DEV_GOLD, require
from kazextract import gazetteer as gz
from kazextract.resources import data_path, read_tsv

# ISO 3166-1 alpha-2 codes of the 193 UN member states.
UN_MEMBERS = frozenset(
    """
    AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH
    CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI
    FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP
    KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM
    NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST
    SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV
    UG UA AE GB US UY UZ VU VE VN YE ZM ZW
    """.split()
)
# UN observer states, Kosovo (user-assigned code in common use) and Taiwan.
EXTRA_STATES = frozenset({"PS", "VA", "XK", "TW"})

KZ_REGIONS = frozenset(
    {
        "Абай облысы",
        "Ақмола облысы",
        "Ақтөбе облысы",
        "Алматы облысы",
        "Атырау облысы",
        "Батыс Қазақстан облысы",
        "Жамбыл облысы",
        "Жетісу облысы",
        "Қарағанды облысы",
        "Қостанай облысы",
        "Қызылорда облысы",
        "Маңғыстау облысы",
        "Павлодар облысы",
        "Солтүстік Қазақстан облысы",
        "Түркістан облысы",
        "Ұлытау облысы",
        "Шығыс Қазақстан облысы",
    }
)

FILES = {
    "states.tsv": ["code", "canonical", "variant", "kind"],
    "nationalities.tsv": ["word", "code", "kind"],
    "places.tsv": ["name", "kind", "country", "variants"],
    "org_heads.tsv": ["lemma", "possessive", "kind"],
    "legal_forms.tsv": ["abbr", "meaning", "kind"],
    "intl_orgs.tsv": ["acronym", "name", "variants", "country"],
    "positions.tsv": ["word", "kind"],
    "person_names.tsv": ["name", "gender", "origin"],
}

# The key column of each file: its values must be unique.
KEYS = {
    "nationalities.tsv": "word",
    "places.tsv": "name",
    "org_heads.tsv": "lemma",
    "legal_forms.tsv": "abbr",
    "intl_orgs.tsv": "acronym",
    "positions.tsv": "word",
    "person_names.tsv": "name",
}

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z]")
WORD_SPLIT = re.compile(r"[\s|]+")


def _raw_rows(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    """Comment lines, header cells and data rows exactly as written (no stripping)."""
    comments: list[str] = []
    content: list[str] = []
    with data_path(name).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
            elif line.strip():
                content.append(line)
    return comments, content[0].split("\t"), [line.split("\t") for line in content[1:]]


def _states() -> tuple[dict[str, str], ...]:
    return read_tsv("states.tsv")


def _state_codes() -> set[str]:
    return {row["code"] for row in _states()}


def _state_variants() -> dict[str, set[str]]:
    by_variant: dict[str, set[str]] = defaultdict(set)
    for row in _states():
        by_variant[row["variant"]].add(row["code"])
    return by_variant


def mixed_script_words(text: str) -> list[str]:
    """Words that hold both Cyrillic and Latin letters (a Latin 'a', 'e', 'o', 'p', 'c', 'x' typed by mistake)."""
    return [w for w in WORD_SPLIT.split(text) if CYRILLIC.search(w) and LATIN.search(w)]


def test_mixed_script_check_catches_lookalikes() -> None:
    assert mixed_script_words("Қaзақстан") == ["Қaзақстан"]  # Latin 'a'
    assert mixed_script_words("Ресей|Pоссия") == ["Pоссия"]  # Latin 'P'
    assert mixed_script_words("«Hanbit Energy» компаниясы") == []
    assert mixed_script_words("Kazinform|Казинформ") == []


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_layout(name: str) -> None:
    comments, header, rows = _raw_rows(name)
    with data_path(name).open(encoding="utf-8") as fh:
        assert fh.readline().startswith("#"), f"{name}: must open with '#' comment lines"
    assert any("Source" in c or "compiled" in c for c in comments), (
        f"{name}: comments must say where it came from"
    )
    assert header == FILES[name], f"{name}: header {header}"
    assert rows, f"{name}: no rows"
    for row in rows:
        assert len(row) <= len(header), f"{name}: too many cells in {row}"


@pytest.mark.parametrize("name", sorted(FILES))
def test_cells_are_clean(name: str) -> None:
    _, header, rows = _raw_rows(name)
    problems = []
    for row in rows:
        for cell in row:
            if cell != cell.strip() or "  " in cell or "\u00a0" in cell:
                problems.append(f"stray white space: {row}")
            if any(part != part.strip() or not part for part in cell.split("|")) and cell:
                problems.append(f"empty or padded '|' variant: {row}")
            bad = mixed_script_words(cell)
            if bad:
                problems.append(f"Latin letters inside Cyrillic words {bad}: {row}")
    assert not problems, f"{name}:\n" + "\n".join(problems[:20])


@pytest.mark.parametrize("name", sorted(KEYS))
def test_keys_unique(name: str) -> None:
    seen: dict[str, int] = defaultdict(int)
    for row in read_tsv(name):
        assert row[KEYS[name]], f"{name}: empty {KEYS[name]} in {row}"
        seen[row[KEYS[name]]] += 1
    assert not [k for k, n in seen.items() if n > 1], f"{name}: duplicate keys"


def test_state_codes() -> None:
    codes = _state_codes()
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert codes <= UN_MEMBERS | EXTRA_STATES, sorted(codes - UN_MEMBERS - EXTRA_STATES)
    assert len(codes) >= 195
    assert UN_MEMBERS <= codes, f"UN members missing: {sorted(UN_MEMBERS - codes)}"
    assert {
        "KZ",
        "RU",
        "CN",
        "US",
        "TR",
        "UZ",
        "KG",
        "TM",
        "TJ",
        "AZ",
        "XK",
        "TW",
        "PS",
        "VA",
    } <= codes


def test_state_rows() -> None:
    canonical: dict[str, set[str]] = defaultdict(set)
    variants: dict[str, set[str]] = defaultdict(set)
    for row in _states():
        assert row["kind"] in {"short", "official", "abbr", "homonym"}, row
        assert row["canonical"] and row["variant"], row
        canonical[row["code"]].add(row["canonical"])
        variants[row["code"]].add(row["variant"])
    for code, names in canonical.items():
        assert len(names) == 1, f"{code} has several canonicals: {names}"
        assert names <= variants[code], f"{code}: canonical {names} is not a variant row"
    clashes = {v: c for v, c in _state_variants().items() if len(c) > 1}
    assert not clashes, f"variants naming two states: {clashes}"
    pairs = [(r["code"], r["variant"]) for r in _states()]
    assert len(pairs) == len(set(pairs)), "duplicate state rows"


def test_state_canonicals_used_by_gold() -> None:
    expected = {"KR": "Оңтүстік Корея", "NL": "Нидерланд", "TM": "Түрікменстан", "KG": "Қырғызстан"}
    expected |= {"KZ": "Қазақстан", "UZ": "Өзбекстан", "RU": "Ресей", "US": "АҚШ", "TR": "Түркия"}
    canonical = {r["code"]: r["canonical"] for r in _states()}
    assert {c: canonical[c] for c in expected} == expected


def test_state_variants_needed_by_the_seed() -> None:
    by_variant = _state_variants()
    for variant, code in {
        "Өзбекстан Республикасы": "UZ",
        "Қырғыз Республикасы": "KG",
        "Түркия Республикасы": "TR",
        "Әзербайжан Республикасы": "AZ",
        "Ресей Федерациясы": "RU",
        "РФ": "RU",
        "ҚХР": "CN",
        "Америка Құрама Штаттары": "US",
        "Біріккен Араб Әмірліктері": "AE",
        "Корея Республикасы": "KR",
        "Голландия": "NL",
        "Түркменстан": "TM",
    }.items():
        assert by_variant.get(variant) == {code}, variant


def test_places() -> None:
    codes = _state_codes()
    state_names = set(_state_variants())
    rows = read_tsv("places.tsv")
    all_names: dict[str, int] = defaultdict(int)
    for row in rows:
        assert row["kind"] in {"city", "region", "other"}, row
        if row["country"]:
            assert row["country"] in codes, row
        else:
            assert row["kind"] == "other", (
                f"only shared seas, rivers, mountains lack a country: {row}"
            )
        names = [row["name"], *(v for v in row["variants"].split("|") if v)]
        for name in names:
            assert name not in state_names, f"place name is a state name: {name}"
            all_names[name] += 1
    assert not [n for n, k in all_names.items() if k > 1], "a name or variant is listed twice"
    kz_regions = {
        r["name"]
        for r in rows
        if r["country"] == "KZ" and r["kind"] == "region" and r["name"].endswith(" облысы")
    }
    assert len(kz_regions) >= 17
    assert KZ_REGIONS <= kz_regions, sorted(KZ_REGIONS - kz_regions)
    kz_cities = {r["name"] for r in rows if r["country"] == "KZ" and r["kind"] == "city"}
    assert {"Астана", "Алматы", "Шымкент"} <= kz_cities
    by_name = {r["name"]: r for r in rows}
    assert "ШҚО" in by_name["Шығыс Қазақстан облысы"]["variants"].split("|")
    assert "Нұр-Сұлтан" in by_name["Астана"]["variants"].split("|")


def test_places_do_not_end_in_city_word() -> None:
    for row in read_tsv("places.tsv"):
        assert not row["name"].endswith(" қаласы"), f"a city is named without 'қаласы': {row}"


def test_gold_states_and_places_are_known() -> None:
    gold = require(DEV_GOLD)
    canonical = {r["code"]: r["canonical"] for r in _states()}
    places = {r["name"]: r for r in read_tsv("places.tsv")}
    with gold.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for party in doc["parties"]:
                if party["kind"] == "state":
                    assert canonical.get(party["country"]) == party["name"], party
            for place in doc["places"]:
                assert place["name"] in places, f"gold place missing: {place}"
                assert places[place["name"]]["country"] == place["country"], place
                assert places[place["name"]]["kind"] == place["kind"], place


def test_nationalities() -> None:
    codes = _state_codes()
    rows = read_tsv("nationalities.tsv")
    for row in rows:
        assert row["code"] in codes, row
        assert row["kind"] in {"adjective", "ethnonym"}, row
        assert row["word"] == row["word"].lower(), row
    words = {r["word"]: r["code"] for r in rows}
    assert words["қазақстандық"] == "KZ" and words["ресейлік"] == "RU" and words["түрік"] == "TR"
    assert len({r["code"] for r in rows}) >= 60


def test_companies() -> None:
    codes = _state_codes()
    rows = read_tsv("companies.tsv")
    for row in rows:
        assert row["country"] in codes, row
    table = gz.companies()
    assert table.lookup(["Shell"]).country == "GB"  # type: ignore[union-attr]
    assert table.lookup(["Siemens", "Energy"]).country == "DE"  # type: ignore[union-attr]
    assert table.lookup(["Росатом"]).country == "RU"  # type: ignore[union-attr]


def test_org_heads() -> None:
    kinds = {"body", "company", "education", "culture", "media", "government", "international"}
    kinds |= {"facility", "medium"}  # a port or airport; a channel or portal of any owner
    for row in read_tsv("org_heads.tsv"):
        assert row["kind"] in kinds, row
        # 3rd-person possessive: -ы/-і after a consonant, -сы/-сі after a vowel.
        assert row["possessive"].endswith(("ы", "і")), row
        if row["lemma"][-1] in "аәеиоөұүыіэюя":
            assert row["possessive"] == row["lemma"] + (
                "сы" if row["possessive"].endswith("ы") else "сі"
            ), row


def test_legal_forms_intl_orgs_positions_names() -> None:
    codes = _state_codes()
    assert {"АҚ", "ЖШС", "ҰК", "ЖАҚ", "РМК", "ШЖҚ РМК", "ҚЕАҚ"} <= {
        r["abbr"] for r in read_tsv("legal_forms.tsv")
    }
    for row in read_tsv("legal_forms.tsv"):
        assert row["meaning"] and row["kind"] in {
            "company",
            "state",
            "nonprofit",
            "individual",
            "foreign",
        }, row
    orgs = {r["acronym"]: r for r in read_tsv("intl_orgs.tsv")}
    for row in orgs.values():
        assert row["name"], row
        assert not row["country"] or row["country"] in codes, row
    assert orgs["ТҮРКСОЙ"]["name"] == "Түркі мәдениетін және өнерін дамыту халықаралық ұйымы"
    assert orgs["ТҮРКСОЙ"]["country"] == ""
    assert orgs["ҚТЖ"]["country"] == "KZ"
    for row in read_tsv("positions.tsv"):
        assert row["kind"] in {"official", "profession", "title"}, row
        assert row["word"] == row["word"].lower(), row
    for row in read_tsv("person_names.tsv"):
        assert row["gender"] in {"m", "f"} and row["origin"] in {"kz", "ru", "uz", "other"}, row
        assert row["name"][0].isupper() and " " not in row["name"], row


def test_load_pipeline_builds_every_data_table() -> None:
    """In a fresh process, ``load_pipeline`` has built the gazetteers, the
    morphological lexicon and the agreement lexicons: no article pays for
    them, and ``kazextract batch`` forks its workers with them built."""
    probe = (
        "from kazextract import load_pipeline, resources, morph, gazetteer as gz\n"
        "from kazextract.components import agreement_rules, org_grammar\n"
        "load_pipeline()\n"
        "loaders = resources._PRELOADED\n"
        "wanted = [gz.states, gz.places, gz.intl_orgs, morph._lexicon, agreement_rules.noun_lexicon, org_grammar._heads]\n"
        "assert all(w in loaders for w in wanted), 'a table is not marked @preload'\n"
        "unbuilt = [f.__qualname__ for f in loaders if f.cache_info().currsize != 1]\n"
        "assert not unbuilt, unbuilt\n"
        "print(len(loaders))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 40
