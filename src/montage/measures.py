"""Numbers read from a load or a distance written as free text, for the log's totals.

``20 kg sandbag`` weighs 20 kg, ``40 lb`` 18.144 kg and ``2 x 24 kg kettlebells``
48 kg; ``400 m`` is 400 m, ``1.5 km`` 1500 m, ``1 mile`` 1609.344 m and ``20 m and
back`` 40 m. Text that names no unit (``heavy log``) has no number.
"""

from __future__ import annotations

import re

POUND_KG = 0.45359237
"""Kilograms in a pound."""

_KG_PER_UNIT = {
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), 1.0),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), POUND_KG),
}

_M_PER_UNIT = {
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), 1.0),
    **dict.fromkeys(("km", "kms", "kilometer", "kilometers", "kilometre", "kilometres"), 1000.0),
    **dict.fromkeys(("mi", "mile", "miles"), 1609.344),
    **dict.fromkeys(("yd", "yds", "yard", "yards"), 0.9144),
    **dict.fromkeys(("ft", "foot", "feet"), 0.3048),
}

_AMOUNT = re.compile(
    r"(?<![\w.,])(?:(?P<times>\d+)\s*[x\u00d7*]\s*)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)\s*(?P<unit>[^\W\d_]+)\b"
)
"""An amount with its unit: ``20 kg``, ``2x24kg``, ``1.5 km``, ``0,5 km`` (a decimal comma) or
``1,500 m`` (a comma between thousands)."""

_THERE_AND_BACK = re.compile(
    r"\s*(?:(?:there\s+)?(?:and|&)\s+back|back\s+and\s+forth)\b", re.IGNORECASE
)
"""Words after a distance that make it twice as far: ``20 m and back``, ``there and back``,
``back and forth``. (``5 km out and back`` is a course of 5 km.)"""


def load_kg(text: str | None) -> float | None:
    """The kilograms a load names.

    Args:
        text: A load as written, such as ``20 kg sandbag`` or ``40 lb``.

    Returns:
        The weight in kilograms, or None when the text names no weight.
    """
    return _amount(text, _KG_PER_UNIT)


def distance_m(text: str | None) -> float | None:
    """The metres a distance names.

    Args:
        text: A distance as written, such as ``400 m``, ``1.5 km`` or ``1 mile``.

    Returns:
        The distance in metres, or None when the text names no distance.
    """
    return _amount(text, _M_PER_UNIT, there_and_back=True)


def _amount(
    text: str | None, units: dict[str, float], there_and_back: bool = False
) -> float | None:
    if not text:
        return None
    for match in _AMOUNT.finditer(text):
        factor = units.get(match["unit"].lower())
        if factor is None:
            continue
        times = int(match["times"]) if match["times"] else 1
        if there_and_back and _THERE_AND_BACK.match(text, match.end()):
            times *= 2
        return round(times * _number(match["number"]) * factor, 3)
    return None


def _number(text: str) -> float:
    """A number as written: a comma before exactly three digits groups thousands, else it is
    the decimal point."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))
