"""Demo families for cabling, storage and networking. Bulk installation cable is sold by the
metre (UN/CEFACT MTR); everything else by the piece (C62)."""

from gateway.demo import words
from gateway.demo.catalog import Family
from gateway.demo.catalog import Line
from gateway.demo.catalog import choice
from gateway.demo.catalog import lines

_LENGTHS = (
    choice("0.5 m", "0,5 m", "0,5 m", eur=-2),
    choice("1 m"),
    choice("2 m", eur=3),
    choice("3 m", eur=5),
    choice("5 m", eur=9),
)

_CABLE_MAKERS = ("StarTech.com", "Belkin", "Delock", "Lindy", "Roline", "goobay")

CABLES = Family(
    code="CB",
    category="cables",
    unspsc="43202222",  # Computer cable
    unit="C62",
    weight=8,
    lines=tuple(
        Line(maker=maker, name="", base_cents=900 + 150 * n, part="##@@##")
        for n, maker in enumerate(_CABLE_MAKERS)
    ),
    choices=(
        (
            "kind",
            (
                choice("HDMI 2.1 cable", "câble HDMI 2.1", "HDMI-2.1-Kabel"),
                choice("DisplayPort 1.4 cable", "câble DisplayPort 1.4", "DisplayPort-1.4-Kabel"),
                choice(
                    "USB-C to USB-C cable, USB 3.2 Gen 2, 100 W",
                    "câble USB-C vers USB-C, USB 3.2 Gen 2, 100 W",
                    "USB-C-auf-USB-C-Kabel, USB 3.2 Gen 2, 100 W",
                    eur=6,
                ),
                choice(
                    "USB-C to HDMI adapter cable",
                    "câble adaptateur USB-C vers HDMI",
                    "USB-C-auf-HDMI-Adapterkabel",
                    eur=8,
                ),
            ),
        ),
        ("length", _LENGTHS),
        ("colour", words.CABLE_COLOURS[:2]),
    ),
    title={
        "en": "{maker} {kind}, {length}, {colour}",
        "fr": "{kind} {maker}, {length}, {colour}",
        "de": "{kind} {maker}, {length}, {colour}",
    },
    body={
        "en": "Shielded cable with moulded connectors and gold-plated contacts.",
        "fr": "Câble blindé avec connecteurs surmoulés et contacts plaqués or.",
        "de": "Geschirmtes Kabel mit umspritzten Steckern und vergoldeten Kontakten.",
    },
    lead_days=(1, 4),
    cost_permille=(380, 560),
)

PATCH_CORDS = Family(
    code="PT",
    category="cables",
    unspsc="43223303",  # Datacom patch cord
    unit="C62",
    weight=5,
    lines=tuple(
        Line(maker=maker, name="", base_cents=350 + 60 * n, part="#####")
        for n, maker in enumerate(("Lindy", "Roline", "Delock", "goobay", "Telegärtner"))
    ),
    choices=(
        (
            "kind",
            (
                choice("Cat6A S/FTP"),
                choice("Cat6 U/UTP", eur=-1),
                choice("Cat7 S/FTP (RJ45)", eur=2),
            ),
        ),
        ("length", _LENGTHS),
        ("colour", words.CABLE_COLOURS),
    ),
    title={
        "en": "{maker} {kind} patch cord, {length}, {colour}",
        "fr": "Cordon de brassage {kind} {maker}, {length}, {colour}",
        "de": "Patchkabel {kind} {maker}, {length}, {colour}",
    },
    body={
        "en": "Network patch cord with snagless RJ45 plugs, LSZH sheath.",
        "fr": "Cordon réseau avec fiches RJ45 anti-accroche, gaine LSZH.",
        "de": "Netzwerk-Patchkabel mit Knickschutz an den RJ45-Steckern, LSZH-Mantel.",
    },
    lead_days=(1, 4),
    cost_permille=(350, 520),
)

INSTALLATION_CABLE = Family(
    code="IC",
    category="cables",
    unspsc="26121609",  # Network cable
    unit="MTR",
    weight=2,
    lines=tuple(
        Line(maker=maker, name="", base_cents=cents, part="#######")
        for maker, cents in (("Draka", 95), ("Telegärtner", 110), ("Nexans", 105), ("Lapp", 90))
    ),
    choices=(
        (
            "kind",
            (
                choice("Cat7 S/FTP AWG23"),
                choice("Cat6A U/FTP AWG23"),
                choice("Cat7A S/FTP AWG22", eur=1),
            ),
        ),
        ("sheath", (choice("LSZH"), choice("PVC", eur=0))),
    ),
    title={
        "en": "{maker} {kind} installation cable, {sheath} sheath, sold by the metre",
        "fr": "Câble d'installation {kind} {maker}, gaine {sheath}, vendu au mètre",
        "de": "Verlegekabel {kind} {maker}, {sheath}-Mantel, Meterware",
    },
    body={
        "en": "Solid-core data cable for structured cabling; cut to length, order in metres.",
        "fr": "Câble de données monobrin pour le câblage structuré ; coupé à la longueur "
        "commandée, en mètres.",
        "de": "Datenkabel mit massiven Adern für die strukturierte Verkabelung; Zuschnitt auf "
        "die bestellte Länge in Metern.",
    },
    lead_days=(3, 10),
    cost_permille=(550, 700),
)

_CAPACITIES = (
    choice("500 GB", "500 Go", "500 GB", eur=-40),
    choice("1 TB", "1 To", "1 TB"),
    choice("2 TB", "2 To", "2 TB", eur=80),
    choice("4 TB", "4 To", "4 TB", eur=220),
)

SSDS = Family(
    code="SD",
    category="storage",
    unspsc="43201830",  # Solid state drive SSD
    unit="C62",
    weight=5,
    lines=lines(
        "Samsung",
        ("990 PRO M.2 NVMe", 110, "MZ-V9P#T0BW"),
        ('870 EVO 2.5" SATA', 80, "MZ-77E#T0B/EU"),
    )
    + lines(
        "Crucial",
        ("T500 M.2 NVMe", 95, "CT#000T500SSD8"),
        ('MX500 2.5" SATA', 70, "CT#000MX500SSD1"),
    )
    + lines("Kingston", ("KC3000 M.2 NVMe", 90, "SKC3000D/####G"))
    + lines("Western Digital", ("Red SN700 M.2 NVMe", 105, "WDS###0R0C")),
    choices=(("capacity", _CAPACITIES),),
    title={
        "en": "{maker} {line} solid state drive, {capacity}",
        "fr": "Disque SSD {maker} {line}, {capacity}",
        "de": "SSD {maker} {line}, {capacity}",
    },
    body={
        "en": "Internal solid state drive with 5-year limited warranty.",
        "fr": "Disque SSD interne, garantie limitée de 5 ans.",
        "de": "Interne SSD mit 5 Jahren eingeschränkter Garantie.",
    },
    lead_days=(1, 6),
    cost_permille=(770, 880),
)

HARD_DISKS = Family(
    code="HD",
    category="storage",
    unspsc="43201803",  # Hard disk drives
    unit="C62",
    weight=2,
    lines=lines("Seagate", ("IronWolf Pro", 170, "ST##000NT00#"), ("Exos 7E10", 150, "ST#000NM0##"))
    + lines(
        "Western Digital", ("Red Plus", 140, "WD#0EFPX"), ("Ultrastar DC HC560", 190, "0F38###")
    )
    + lines("Toshiba", ("MG Series", 160, "MG0#ACA##@")),
    choices=(
        (
            "capacity",
            (
                choice("4 TB", "4 To", "4 TB", eur=-60),
                choice("8 TB", "8 To", "8 TB"),
                choice("12 TB", "12 To", "12 TB", eur=90),
                choice("20 TB", "20 To", "20 TB", eur=260),
            ),
        ),
    ),
    title={
        "en": '{maker} {line} hard disk drive, {capacity}, 3.5" SATA 6 Gb/s, 7,200 rpm',
        "fr": "Disque dur {maker} {line}, {capacity}, 3,5 pouces SATA 6 Gb/s, 7 200 tr/min",
        "de": "Festplatte {maker} {line}, {capacity}, 3,5 Zoll SATA 6 Gb/s, 7.200 U/min",
    },
    body={
        "en": "Hard disk drive for NAS and server use, rated for 24/7 operation.",
        "fr": "Disque dur pour NAS et serveurs, conçu pour un fonctionnement 24 h/24, 7 j/7.",
        "de": "Festplatte für NAS und Server, für den Dauerbetrieb rund um die Uhr ausgelegt.",
    },
    lead_days=(2, 10),
    cost_permille=(790, 890),
)

USB_DRIVES = Family(
    code="UF",
    category="storage",
    unspsc="43202010",  # Pen or flash drive
    unit="C62",
    weight=2,
    lines=lines("SanDisk", ("Ultra Flair", 12, "SDCZ73-###G-G46"))
    + lines("Kingston", ("DataTraveler Exodia", 8, "DTX/###GB"))
    + lines("Verbatim", ("Store 'n' Go V3", 10, "49###")),
    choices=(
        (
            "capacity",
            (
                choice("32 GB", "32 Go", "32 GB", eur=-3),
                choice("64 GB", "64 Go", "64 GB"),
                choice("128 GB", "128 Go", "128 GB", eur=6),
                choice("256 GB", "256 Go", "256 GB", eur=18),
            ),
        ),
    ),
    title={
        "en": "{maker} {line} USB 3.2 flash drive, {capacity}",
        "fr": "Clé USB 3.2 {maker} {line}, {capacity}",
        "de": "USB-3.2-Stick {maker} {line}, {capacity}",
    },
    body={
        "en": "Pocket USB-A flash drive with key ring loop.",
        "fr": "Clé USB-A de poche avec anneau porte-clés.",
        "de": "USB-A-Stick für die Hosentasche mit Schlüsselring-Öse.",
    },
    lead_days=(1, 5),
    cost_permille=(550, 720),
)

SWITCHES = Family(
    code="SW",
    category="networking",
    unspsc="43222612",  # Network switches
    unit="C62",
    weight=4,
    lines=lines(
        "Cisco", ("Catalyst 1300", 620, "C1300-##@-4X"), ("Catalyst 9200L", 1900, "C9200L-##@-4X-E")
    )
    + lines("HPE Aruba", ("Instant On 1930", 450, "JL###A"), ("CX 6100", 1300, "JL###A"))
    + lines("Netgear", ("M4250", 1100, "GSM42##@-100EUS"))
    + lines("Ubiquiti", ("UniFi Pro", 700, "USW-Pro-##-POE"))
    + lines("Zyxel", ("XGS1935", 520, "XGS1935-##@-EU0101F")),
    choices=(
        (
            "ports",
            (
                choice("24 × 1 GbE + 4 × 10G SFP+"),
                choice("48 × 1 GbE + 4 × 10G SFP+", eur=380),
                choice(
                    "8 × 2.5 GbE + 2 × 10G SFP+",
                    "8 × 2,5 GbE + 2 × 10G SFP+",
                    "8 × 2,5 GbE + 2 × 10G SFP+",
                    eur=-120,
                ),
            ),
        ),
        (
            "poe",
            (
                choice("PoE+ 370 W", eur=420),
                choice("no PoE", "sans PoE", "ohne PoE"),
            ),
        ),
        ("plug", words.PLUGS),
    ),
    title={
        "en": "{maker} {line} managed switch, {ports}, {poe}, {plug}",
        "fr": "Commutateur administrable {maker} {line}, {ports}, {poe}, {plug}",
        "de": "Managed Switch {maker} {line}, {ports}, {poe}, {plug}",
    },
    body={
        "en": "Layer 2+ managed switch for 19-inch racks, VLAN, QoS and link aggregation; rack "
        "ears included.",
        "fr": "Commutateur administrable de niveau 2+ pour baie 19 pouces, VLAN, QoS et "
        "agrégation de liens ; équerres de montage fournies.",
        "de": "Layer-2+-Managed-Switch für 19-Zoll-Racks mit VLAN, QoS und Link Aggregation; "
        "Rackwinkel im Lieferumfang.",
    },
    lead_days=(2, 20),
    cost_permille=(760, 860),
)

ACCESS_POINTS = Family(
    code="AP",
    category="networking",
    unspsc="43222640",  # Wireless access point
    unit="C62",
    weight=2,
    lines=lines("Ubiquiti", ("UniFi U7 Pro", 190, "U7-Pro"))
    + lines("HPE Aruba", ("Instant On AP25", 260, "R9B##A"))
    + lines("Cisco", ("Catalyst 9120AX", 720, "C9120AXI-@"))
    + lines("TP-Link", ("Omada EAP773", 240, "EAP7##"))
    + lines("Zyxel", ("NWA220AX-6E", 210, "NWA220AX-6E-EU0101F")),
    choices=(
        (
            "standard",
            (
                choice("Wi-Fi 6 (802.11ax)", eur=-40),
                choice("Wi-Fi 6E (802.11ax, 6 GHz)"),
                choice("Wi-Fi 7 (802.11be)", eur=90),
            ),
        ),
    ),
    title={
        "en": "{maker} {line} wireless access point, {standard}, PoE powered",
        "fr": "Point d'accès sans fil {maker} {line}, {standard}, alimenté en PoE",
        "de": "WLAN-Access-Point {maker} {line}, {standard}, PoE-Versorgung",
    },
    body={
        "en": "Ceiling or wall mounted access point for offices; mounting kit included.",
        "fr": "Point d'accès pour bureaux, montage au plafond ou au mur ; kit de fixation fourni.",
        "de": "Access Point für Büros zur Decken- oder Wandmontage; Montagesatz im Lieferumfang.",
    },
    lead_days=(2, 14),
    cost_permille=(760, 860),
)

FAMILIES = (
    CABLES,
    PATCH_CORDS,
    INSTALLATION_CABLE,
    SSDS,
    HARD_DISKS,
    USB_DRIVES,
    SWITCHES,
    ACCESS_POINTS,
)
