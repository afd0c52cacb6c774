"""Spotting a natural key that a file names twice, in fixed memory however long the file.

A Bloom filter (2**27 bits, 16 MiB, four probes by double hashing) answers "maybe seen" or "surely
new". A "maybe" makes the key a suspect; a second, cheap pass over the file's key column then tells
true repeats (reported with both rows) from false alarms (expected well under one per million
keys). Keys are hashed with Python's per-process string hash: the filter lives for one import.
"""

_BITS = 2**27
_PROBES = 4
_MASK64 = 2**64 - 1


class SeenKeys:
    """Remembers which keys a file has named so far, probabilistically."""

    __slots__ = ("_bits", "suspects")

    def __init__(self) -> None:
        self._bits = bytearray(_BITS // 8)
        self.suspects: set[str] = set()

    def add(self, key: str) -> bool:
        """Note the key; True when it may have been noted before (it is then a suspect)."""
        h = hash(key) & _MASK64
        first, step = h & (_BITS - 1), (h >> 32) | 1
        bits, seen = self._bits, True
        for probe in range(_PROBES):
            index = (first + probe * step) & (_BITS - 1)
            mask = 1 << (index & 7)
            if not bits[index >> 3] & mask:
                seen = False
                bits[index >> 3] |= mask
        if seen:
            self.suspects.add(key)
        return seen


def find_repeats(keyed_rows, suspects: set[str]):
    """(row, key, first_row) for every later occurrence of a suspect key in (row, key) pairs."""
    first: dict[str, int] = {}
    for row, key in keyed_rows:
        if key not in suspects:
            continue
        if key in first:
            yield row, key, first[key]
        else:
            first[key] = row
