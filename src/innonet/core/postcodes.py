"""Which seeded district a German postcode lies in, for imports that bring an address but no
district.

The District taxonomy has no postcodes, and postcode areas do not follow district borders, so
this is a table of five-digit postcodes that lie wholly inside one of the seeded districts
(core region and neighbours), keyed to the district's official key (AGS, `District.official_key`)
so that renaming a district does not break it. Compiled from the postal assignments of the
towns in each district (the municipalities' published postcodes); postcodes shared by two
districts are left out on purpose, and the import then leaves the district empty with a note.
A district the office adds later has no postcodes here until someone adds them below.
"""

import re

__all__ = ["POSTCODE_DISTRICTS", "district_key_for_postcode"]

_BY_DISTRICT = {
    # Stadt Osnabrück
    "03404": "49074 49076 49078 49080 49082 49084 49086 49088 49090",
    # Landkreis Osnabrück
    "03459": "49124 49134 49143 49152 49163 49170 49176 49179 49186 49191 49196 49201 49205 "
    "49214 49219 49324 49326 49328 49565 49577 49584 49593 49594 49596 49597 49599 49610 "
    "49635 49637 49638",
    # Landkreis Emsland
    "03454": "26871 26892 26897 26904 26907 26909 48480 48488 48499 49716 49733 49740 49744 "
    "49751 49757 49762 49767 49770 49774 49777 49779 49808 49809 49811 49832 49838 49844",
    # Landkreis Grafschaft Bentheim
    "03456": "48455 48465 48527 48529 48531 49824 49828 49835 49843 49846",
    # Landkreis Cloppenburg
    "03453": "26169 26676 26683 49624 49632 49661 49681 49685 49688 49692 49696 49699",
    # Landkreis Vechta
    "03460": "49377 49393 49401 49413 49424 49429 49434 49439 49451 49456",
    # Landkreis Diepholz
    "03251": "27211 27232 27239 27257 28816 28844 28857 49356 49406 49419 49448 49453 49457 49459",
    # Kreis Steinfurt
    "05566": "48268 48282 48341 48356 48366 48369 48429 48431 48432 48477 48485 48493 48496 "
    "48565 48607 48612 48629 49477 49479 49492 49497 49504 49509 49525 49536 49545 49549",
    # Kreis Warendorf
    "05570": "48231 48291 48317 48324 48336 48346 48351 48361 59227 59229 59269 59302 59320 59329",
    # Kreis Gütersloh
    "05754": "33330 33332 33333 33334 33335 33378 33397 33415 33428 33442 33449 33775 33790 "
    "33803 33824 33829",
    # Kreis Herford
    "05758": "32049 32051 32052 32120 32130 32139 32257 32278 32289 32584 32602",
    # Kreis Minden-Lübbecke
    "05770": "32312 32339 32351 32361 32369 32423 32425 32427 32429 32457 32469 32479 32545 "
    "32547 32549 32609",
}
POSTCODE_DISTRICTS: dict[str, str] = {
    postcode: key for key, postcodes in _BY_DISTRICT.items() for postcode in postcodes.split()
}
_GERMAN_POSTCODE = re.compile(r"(?:D-?\s?)?(\d{5})")


def district_key_for_postcode(text: str) -> str | None:
    """The official key of the seeded district a German postcode ("49074", "D-49074") lies
    in, or None if the table does not place it."""
    match = _GERMAN_POSTCODE.fullmatch(text.strip().upper())
    return POSTCODE_DISTRICTS.get(match.group(1)) if match else None
