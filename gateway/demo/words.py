"""Attribute choices shared by several demo families, worded in English, French and German."""

from gateway.demo.catalog import choice

LAYOUTS = (
    choice("French AZERTY", "AZERTY français", "Französisch (AZERTY)"),
    choice("German QWERTZ", "QWERTZ allemand", "Deutsch (QWERTZ)"),
    choice("UK QWERTY", "QWERTY britannique", "Britisch (QWERTY)"),
)

PLUGS = (
    choice("EU power cord", "cordon secteur européen", "EU-Netzkabel"),
    choice("UK power cord", "cordon secteur britannique", "UK-Netzkabel"),
)

WARRANTIES = (
    choice("3-year on-site", "3 ans sur site", "3 Jahre Vor-Ort-Service"),
    choice(
        "5-year on-site, next business day",
        "5 ans sur site, intervention le jour ouvré suivant",
        "5 Jahre Vor-Ort-Service am nächsten Arbeitstag",
        eur=190,
    ),
    choice("1-year return to base", "1 an retour atelier", "1 Jahr Bring-in-Service", eur=-40),
)

RAM = (
    choice("8 GB", "8 Go", "8 GB", eur=-80),
    choice("16 GB", "16 Go", "16 GB"),
    choice("32 GB", "32 Go", "32 GB", eur=160),
    choice("64 GB", "64 Go", "64 GB", eur=420),
)

SSD = (
    choice("256 GB", "256 Go", "256 GB", eur=-60),
    choice("512 GB", "512 Go", "512 GB"),
    choice("1 TB", "1 To", "1 TB", eur=120),
    choice("2 TB", "2 To", "2 TB", eur=290),
)

OS = (
    choice("Windows 11 Pro"),
    choice("no operating system", "sans système d'exploitation", "ohne Betriebssystem", eur=-90),
)

CABLE_COLOURS = (
    choice("black", "noir", "schwarz"),
    choice("grey", "gris", "grau"),
    choice("white", "blanc", "weiß"),
    choice("blue", "bleu", "blau"),
)

DEVICE_COLOURS = (
    choice("graphite", "graphite", "Graphit"),
    choice("pale grey", "gris clair", "Hellgrau"),
    choice("black", "noir", "Schwarz"),
)

TONER_COLOURS = (
    choice("black", "noir", "Schwarz"),
    choice("cyan", "cyan", "Cyan", eur=25),
    choice("magenta", "magenta", "Magenta", eur=25),
    choice("yellow", "jaune", "Gelb", eur=25),
)
