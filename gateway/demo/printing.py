"""Demo families for printing: laser and multifunction printers (UNSPSC class 432121) and their
supplies, toner and ink (class 441031, printer and facsimile and photocopier supplies)."""

from gateway.demo import words
from gateway.demo.catalog import Family
from gateway.demo.catalog import choice
from gateway.demo.catalog import lines

_TRAYS = (
    choice("standard tray", "bac standard", "Standardfach"),
    choice(
        "with extra 550-sheet tray",
        "avec bac supplémentaire de 550 feuilles",
        "mit zusätzlichem 550-Blatt-Fach",
        eur=180,
    ),
)

LASER_PRINTERS = Family(
    code="LP",
    category="printers",
    unspsc="43212105",  # Laser printers
    unit="C62",
    weight=3,
    lines=lines(
        "HP", ("LaserJet Pro 4002dn", 330, "2Z60#F"), ("Color LaserJet Pro 4202dw", 520, "4RA8#F")
    )
    + lines("Brother", ("HL-L6210DW", 390, "HLL6210DWRE#"))
    + lines("Lexmark", ("MS631dw", 460, "38S0###"))
    + lines("Kyocera", ("ECOSYS P3145dn", 480, "1102TT3NL#"))
    + lines("Canon", ("i-SENSYS LBP246dw", 300, "5952C00#")),
    choices=(("tray", _TRAYS), ("plug", words.PLUGS)),
    title={
        "en": "{maker} {line} laser printer, A4, duplex, network, {tray}, {plug}",
        "fr": "Imprimante laser {maker} {line}, A4, recto verso, réseau, {tray}, {plug}",
        "de": "Laserdrucker {maker} {line}, A4, Duplex, Netzwerk, {tray}, {plug}",
    },
    body={
        "en": "Workgroup laser printer with automatic duplex printing, Gigabit Ethernet and "
        "secure print release.",
        "fr": "Imprimante laser pour groupes de travail avec impression recto verso "
        "automatique, Ethernet Gigabit et impression sécurisée.",
        "de": "Arbeitsgruppen-Laserdrucker mit automatischem Duplexdruck, Gigabit-Ethernet "
        "und sicherem Druck per PIN.",
    },
    lead_days=(2, 10),
    cost_permille=(770, 870),
)

MULTIFUNCTION_PRINTERS = Family(
    code="MF",
    category="printers",
    unspsc="43212110",  # Multi function printers
    unit="C62",
    weight=3,
    lines=lines(
        "HP",
        ("LaserJet Pro MFP 4102fdw", 560, "2Z62#F"),
        ("Color LaserJet Enterprise MFP 5800dn", 1650, "6QN2#A"),
    )
    + lines("Brother", ("MFC-L8390CDW", 690, "MFCL8390CDWRE#"))
    + lines("Canon", ("i-SENSYS MF465dw", 520, "5951C00#"))
    + lines("Epson", ("WorkForce Pro WF-C4810DTWF", 240, "C11CJ0#402"))
    + lines("Kyocera", ("ECOSYS MA4500ifx", 880, "110C0Z3NL#"))
    + lines("Xerox", ("C315", 560, "C315V_DNI#")),
    choices=(("tray", _TRAYS), ("plug", words.PLUGS)),
    title={
        "en": "{maker} {line} multifunction printer, print, copy, scan, fax, {tray}, {plug}",
        "fr": "Imprimante multifonction {maker} {line}, impression, copie, numérisation, fax, "
        "{tray}, {plug}",
        "de": "Multifunktionsdrucker {maker} {line}, Drucken, Kopieren, Scannen, Faxen, "
        "{tray}, {plug}",
    },
    body={
        "en": "Office multifunction printer with duplex document feeder and scan to e-mail or "
        "network folder.",
        "fr": "Multifonction de bureau avec chargeur de documents recto verso et numérisation "
        "vers e-mail ou dossier réseau.",
        "de": "Büro-Multifunktionsgerät mit Duplex-Vorlageneinzug und Scan an E-Mail oder "
        "Netzwerkordner.",
    },
    lead_days=(2, 12),
    cost_permille=(770, 870),
)

TONER = Family(
    code="TN",
    category="toner-cartridges",
    unspsc="44103103",  # Printer or facsimile toner
    unit="C62",
    weight=10,
    lines=lines("HP", ("149A", 75, "W1490A"), ("220A", 140, "W22##A"), ("59X", 230, "CF259X"))
    + lines("Brother", ("TN-3610", 150, "TN3610"), ("TN-821XL", 170, "TN821XL@"))
    + lines("Lexmark", ("56F2000", 110, "56F2000"))
    + lines("Kyocera", ("TK-3160", 120, "1T02T90NL#"))
    + lines("Canon", ("057H", 130, "3010C00#"))
    + lines("Xerox", ("006R04379", 160, "006R043##")),
    choices=(
        ("colour", words.TONER_COLOURS),
        (
            "capacity",
            (
                choice("standard yield", "capacité standard", "Standardkapazität"),
                choice("high yield", "haute capacité", "hohe Kapazität", eur=60),
            ),
        ),
    ),
    title={
        "en": "{maker} {line} toner cartridge, {colour}, {capacity}",
        "fr": "Cartouche de toner {maker} {line}, {colour}, {capacity}",
        "de": "Tonerkartusche {maker} {line}, {colour}, {capacity}",
    },
    body={
        "en": "Original toner cartridge; page yield declared according to ISO/IEC 19752 "
        "(monochrome) or ISO/IEC 19798 (colour).",
        "fr": "Cartouche de toner d'origine ; rendement déclaré selon ISO/IEC 19752 "
        "(monochrome) ou ISO/IEC 19798 (couleur).",
        "de": "Original-Tonerkartusche; Reichweite nach ISO/IEC 19752 (monochrom) bzw. "
        "ISO/IEC 19798 (Farbe).",
    },
    lead_days=(1, 5),
    cost_permille=(700, 820),
)

INK = Family(
    code="IN",
    category="ink-cartridges",
    unspsc="44103105",  # Ink cartridges
    unit="C62",
    weight=3,
    lines=lines("HP", ("963XL", 45, "3JA2#AE"))
    + lines("Epson", ("T9441 (WF-C5xxx)", 40, "C13T94#140"))
    + lines("Canon", ("PGI-2500XL", 30, "96##B001"))
    + lines("Brother", ("LC-3239XL", 55, "LC3239XL@")),
    choices=(("colour", words.TONER_COLOURS),),
    title={
        "en": "{maker} {line} ink cartridge, {colour}",
        "fr": "Cartouche d'encre {maker} {line}, {colour}",
        "de": "Tintenpatrone {maker} {line}, {colour}",
    },
    body={
        "en": "Original ink cartridge; page yield declared according to ISO/IEC 24711.",
        "fr": "Cartouche d'encre d'origine ; rendement déclaré selon ISO/IEC 24711.",
        "de": "Original-Tintenpatrone; Reichweite nach ISO/IEC 24711.",
    },
    lead_days=(1, 5),
    cost_permille=(700, 820),
)

FAMILIES = (LASER_PRINTERS, MULTIFUNCTION_PRINTERS, TONER, INK)
