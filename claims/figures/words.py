"""Word tables for figures: number words, scales, currencies, units, qualifiers, comparisons.

Data, not logic: each table is one entry per word or phrase, so a missed case is a one-line fix
with a test beside it. `numbers.py` compiles them into regexes once, at import.
"""

from __future__ import annotations

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Abbreviated scales written after a figure: "$1.2bn", "£910m", "6.8bn rand", "3k".
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# Whole-word quantities: "a dozen eggs", "half a million".
SPECIAL_NUMBERS: dict[str, float] = {
    "a dozen": 12,
    "dozen": 12,
    "a hundred": 100,
    "a thousand": 1e3,
    "a million": 1e6,
    "a billion": 1e9,
    "a trillion": 1e12,
    "half a million": 5e5,
    "half a billion": 5e8,
}
# Shares of a whole, read as ratios: "one-third of voters" is 0.333.
FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "one-half": 1 / 2,
    "one half": 1 / 2,
    "a third": 1 / 3,
    "one-third": 1 / 3,
    "one third": 1 / 3,
    "two-thirds": 2 / 3,
    "two thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one-quarter": 1 / 4,
    "one quarter": 1 / 4,
    "three-quarters": 3 / 4,
    "three quarters": 3 / 4,
    "a fifth": 1 / 5,
    "one-fifth": 1 / 5,
    "one fifth": 1 / 5,
    "two-fifths": 2 / 5,
    "a tenth": 1 / 10,
    "one-tenth": 1 / 10,
}

# Currency written before the amount. Longest first matters only for documentation: the
# regex is built longest-first.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "US $": "USD", "$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "£": "GBP",
    "€": "EUR", "¥": "JPY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₩": "KRW", "₽": "RUB",
    "USD": "USD", "GBP": "GBP", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY", "CHF": "CHF",
    "ZAR": "ZAR", "INR": "INR", "AUD": "AUD", "CAD": "CAD",
}  # fmt: skip
# Currency written after the amount: "6.8bn rand", "40 million euros".
CURRENCY_SUFFIXES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "US dollars": "USD", "pounds": "GBP",
    "pound": "GBP", "sterling": "GBP", "pounds sterling": "GBP", "euros": "EUR",
    "euro": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rand": "ZAR",
    "rupees": "INR", "rupee": "INR", "roubles": "RUB", "rubles": "RUB", "won": "KRW",
    "francs": "CHF", "Swiss francs": "CHF", "kronor": "SEK", "krona": "SEK",
    "kroner": "NOK", "pence": "GBX", "p": "GBX", "pesos": "MXN", "real": "BRL",
    "reais": "BRL", "lira": "TRY",
    "Australian dollars": "AUD", "Canadian dollars": "CAD",
    "USD": "USD", "GBP": "GBP", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY", "CHF": "CHF",
    "ZAR": "ZAR", "INR": "INR", "AUD": "AUD", "CAD": "CAD", "RMB": "CNY",
}  # fmt: skip

# Minor units: the amount is stated in the major unit ("274.5 pence" is 2.745 GBP).
MINOR_UNITS: dict[str, tuple[str, float]] = {"GBX": ("GBP", 0.01)}

# Units of measure after a figure: the canonical unit name. Counts of things are not here:
# their unit is the noun phrase that follows ("26 foreign leaders").
MEASURE_UNITS: dict[str, str] = {
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "nautical miles": "nautical miles", "miles": "miles", "mile": "miles", "metres": "m",
    "meters": "m", "metre": "m",
    "meter": "m", "cm": "cm", "centimetres": "cm", "mm": "mm", "millimetres": "mm",
    "feet": "ft", "foot": "ft", "ft": "ft", "inches": "inches", "inch": "inches",
    "yards": "yards", "kg": "kg", "kilograms": "kg", "kilogrammes": "kg", "kilos": "kg",
    "grams": "g", "grammes": "g", "tonnes": "tonnes", "tons": "tons", "lb": "lb",
    "lbs": "lb", "ounces": "oz", "oz": "oz", "litres": "litres", "liters": "litres",
    "gallons": "gallons", "barrels": "barrels", "degrees": "degrees", "°C": "°C", "°F": "°F",
    "acres": "acres", "hectares": "hectares", "square miles": "square miles",
    "square kilometres": "km2", "sq km": "km2", "km/h": "km/h", "kph": "km/h",
    "mph": "mph", "knots": "knots", "GB": "GB", "MB": "MB", "TB": "TB", "KB": "KB",
    "gigabytes": "GB", "megabytes": "MB", "terabytes": "TB", "GHz": "GHz", "MHz": "MHz",
    "Mbps": "Mbps", "Mbit/s": "Mbps", "kbps": "kbps", "megapixels": "megapixels",
    "calories": "calories", "kW": "kW", "MW": "MW", "GW": "GW", "kWh": "kWh",
    "megawatts": "MW", "gigawatts": "GW", "watts": "W", "volts": "V", "mg": "mg", "ml": "ml",
    "decibels": "dB", "dB": "dB",
}  # fmt: skip

# Words before a figure that bound or hedge it (CLAIM-SCHEMA.md qualifiers).
QUALIFIER_WORDS: dict[str, str] = {
    "about": "approx", "around": "approx", "approximately": "approx", "roughly": "approx",
    "nearly": "approx", "almost": "approx", "some": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "just under": "approx",
    "just over": "approx", "circa": "approx", "approx.": "approx",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "greater than": "more_than",
    "higher than": "more_than", "exceeding": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than",
    "below": "less_than", "lower than": "less_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "at most": "at_most", "up to": "at_most",
    "no more than": "at_most", "as many as": "at_most", "as much as": "at_most",
    "a maximum of": "at_most",
}  # fmt: skip

# Superlatives and comparatives (kind `comparison`): value is max / min / > / <.
SUPERLATIVES: dict[str, str] = {
    "biggest": "max", "largest": "max", "highest": "max", "greatest": "max", "most": "max",
    "strongest": "max", "richest": "max", "fastest": "max", "longest": "max",
    "oldest": "max", "tallest": "max", "heaviest": "max", "busiest": "max",
    "deadliest": "max", "hottest": "max", "warmest": "max", "wettest": "max",
    "top-selling": "max", "best-selling": "max", "biggest-selling": "max",
    "smallest": "min", "lowest": "min", "least": "min", "fewest": "min",
    "weakest": "min", "poorest": "min", "slowest": "min", "shortest": "min",
    "youngest": "min", "cheapest": "min", "coldest": "min", "driest": "min",
}  # fmt: skip
COMPARATIVES: dict[str, str] = {
    "higher": ">", "more": ">", "bigger": ">", "larger": ">", "greater": ">",
    "better": ">", "faster": ">", "stronger": ">", "older": ">", "longer": ">",
    "richer": ">", "heavier": ">", "costlier": ">", "busier": ">",
    "lower": "<", "less": "<", "fewer": "<", "smaller": "<", "worse": "<", "slower": "<",
    "weaker": "<", "younger": "<", "shorter": "<", "cheaper": "<", "poorer": "<",
}  # fmt: skip
RECORDS: dict[str, str] = {
    "record high": "max", "all-time high": "max", "record level": "max",
    "record levels": "max", "record low": "min", "all-time low": "min",
    "record": "max",
}  # fmt: skip

# Word ordinals; digit ordinals ("80th", "2nd") are read from their digits.
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
}  # fmt: skip
# An ordinal word is a claim only after one of these ("his first visit", "the third quarter").
ORDINAL_DETERMINERS = frozenset("the his her its their our my your a an this that whose".split())
# After these, an ordinal is an idiom, not a count of anything.
ORDINAL_IDIOM_NEXT = frozenset("place hand half-hearted glance sight thing things".split())

SPEECH_VERBS = frozenset("said say says told agreed added announced confirmed".split())

# Words that end a noun phrase (the unit of a count, the subject of a figure).
STOP_WORDS = frozenset(
    """a an the of in on at to for from by with and or but nor as than that which who whom
    whose what when where while because since until after before during over under into onto
    about around against between among through per via is are was were be been being has
    have had do does did will would shall should can could may might must said says say told
    added according it its this these those there their they he she his her we our you your
    i me him them us not no so if then also just only more less most least up down out off
    last next this year years month months week weeks day days including compared while each
    every all both either neither such than then too very""".split()
)
# Verbs that carry a figure ("profits jumped 76%"): the subject is the phrase before them.
FIGURE_VERBS = frozenset(
    """rose rise rises risen rising fell fall falls fallen falling jumped jump jumps climbed
    climb climbs dropped drop drops increased increase increases decreased decrease
    decreases grew grow grows grown declined decline declines slipped slumped surged soared
    plunged plummeted gained gain gains lost lose loses totalled totaled total totals
    reached reach reaches hit hits stood stands was were is are be been has have had
    accounted account accounts made makes make earned earns raised raises cost costs costing
    paid pays pay spent spends spend received receives worth valued expanded shrank shrunk
    contracted doubled tripled halved edged sank sunk sink sinks eased eases dipped dips tumbled
    slid slides rallied rebounded recovered retreated advanced shed topped exceeded exceeds
    peaked averaged averages amounted widened narrowed improved worsened spiked leapt leaped
    swelled ballooned rocketed skyrocketed hovered remained remains stayed stays slowed
    accelerated quadrupled""".split()
)
