"""Demo families for the workplace: notebooks, desktops, monitors, docks, keyboards, mice,
headsets. UNSPSC commodities from segment 43 (IT, broadcasting and telecommunications)."""

from gateway.demo import words
from gateway.demo.catalog import Family
from gateway.demo.catalog import choice
from gateway.demo.catalog import lines

NOTEBOOKS = Family(
    code="NB",
    category="notebooks",
    unspsc="43211503",  # Notebook computers
    unit="C62",
    weight=14,
    lines=lines(
        "Lenovo",
        ("ThinkPad T14 Gen 5", 1150, "21ML00##@@"),
        ("ThinkPad X1 Carbon Gen 12", 1850, "21KC00##@@"),
        ("ThinkPad E16 Gen 2", 780, "21MA00##@@"),
    )
    + lines("Dell", ("Latitude 5450", 1050, "@#@#@"), ("Latitude 7450", 1490, "@#@#@"))
    + lines("HP", ("EliteBook 840 G11", 1350, "A##@@ET"), ("ProBook 450 G10", 850, "8@###ET"))
    + lines("Fujitsu", ("LIFEBOOK U7413", 1100, "VFY:U7413M@5A@@@")),
    choices=(
        (
            "cpu",
            (
                choice("Intel Core Ultra 5 125U"),
                choice("Intel Core Ultra 7 155U", eur=220),
                choice("Intel Core i5-1345U", eur=-50),
                choice("AMD Ryzen 7 PRO 7840U", eur=150),
            ),
        ),
        ("ram", words.RAM),
        ("ssd", words.SSD),
        (
            "display",
            (
                choice("WUXGA IPS anti-glare", "WUXGA IPS antireflet", "WUXGA IPS entspiegelt"),
                choice("2.8K OLED", "OLED 2,8K", "2,8K-OLED", eur=180),
                choice("Full HD touch", "Full HD tactile", "Full HD Touch", eur=90),
            ),
        ),
        ("os", words.OS),
        ("keyboard", words.LAYOUTS),
        ("warranty", words.WARRANTIES),
    ),
    title={
        "en": "{maker} {line} notebook, {cpu}, {ram} RAM, {ssd} SSD, {display}, {os}, "
        "{keyboard} keyboard",
        "fr": "Ordinateur portable {maker} {line}, {cpu}, {ram} de RAM, SSD {ssd}, {display}, "
        "{os}, clavier {keyboard}",
        "de": "Notebook {maker} {line}, {cpu}, {ram} RAM, {ssd} SSD, {display}, {os}, "
        "Tastatur {keyboard}",
    },
    body={
        "en": "Business notebook for mobile work, {warranty} warranty. Supplied with its power "
        "adapter; works with USB-C and Thunderbolt docking stations.",
        "fr": "Ordinateur portable professionnel pour le travail nomade, garantie {warranty}. "
        "Livré avec son adaptateur secteur ; compatible avec les stations d'accueil USB-C et "
        "Thunderbolt.",
        "de": "Business-Notebook für mobiles Arbeiten, Garantie: {warranty}. Mit Netzteil; "
        "kompatibel mit USB-C- und Thunderbolt-Dockingstationen.",
    },
    lead_days=(2, 12),
    cost_permille=(780, 890),
)

DESKTOPS = Family(
    code="PC",
    category="desktops",
    unspsc="43211507",  # Desktop computers
    unit="C62",
    weight=5,
    lines=lines("Dell", ("OptiPlex Micro 7020", 820, "@#@#@"))
    + lines("HP", ("Elite Mini 800 G9", 890, "5@###EA"), ("Pro Mini 400 G9", 690, "6@###EA"))
    + lines("Lenovo", ("ThinkCentre M70q Gen 5", 760, "12T@00##@@"))
    + lines("Fujitsu", ("ESPRIMO G6012", 710, "VFY:G612E@#1@@@")),
    choices=(
        (
            "cpu",
            (
                choice("Intel Core i5-14500T"),
                choice("Intel Core i7-14700T", eur=210),
                choice("Intel Core i3-14100T", eur=-90),
            ),
        ),
        ("ram", words.RAM),
        ("ssd", words.SSD),
        ("os", words.OS),
        ("warranty", words.WARRANTIES),
    ),
    title={
        "en": "{maker} {line} desktop computer, {cpu}, {ram} RAM, {ssd} SSD, {os}",
        "fr": "Ordinateur de bureau {maker} {line}, {cpu}, {ram} de RAM, SSD {ssd}, {os}",
        "de": "Desktop-PC {maker} {line}, {cpu}, {ram} RAM, {ssd} SSD, {os}",
    },
    body={
        "en": "Compact business desktop with {warranty} warranty; mounts behind a monitor with "
        "the optional VESA bracket. Keyboard and mouse not included.",
        "fr": "Ordinateur de bureau compact, garantie {warranty} ; se fixe derrière un écran avec "
        "le support VESA en option. Clavier et souris non fournis.",
        "de": "Kompakter Business-PC, Garantie: {warranty}; mit der optionalen VESA-Halterung "
        "hinter dem Monitor montierbar. Tastatur und Maus nicht im Lieferumfang.",
    },
    lead_days=(3, 15),
    cost_permille=(790, 880),
)

MONITORS = Family(
    code="MO",
    category="monitors",
    unspsc="43211902",  # Liquid crystal display LCD panels or monitors
    unit="C62",
    weight=12,
    lines=lines("Dell", ("UltraSharp", 260, "DELL-U####@"), ("P Series", 190, "DELL-P####@"))
    + lines("HP", ("E-Series G5", 180, "6N#@#AA"), ("Z-Series", 290, "1@#@#AA"))
    + lines("Lenovo", ("ThinkVision T Series", 200, "63@@MAT#EU"))
    + lines("LG", ("UltraFine", 280, "##UQ###P-W"))
    + lines("Samsung", ("ViewFinity S8", 300, "LS##@80PUXEN"))
    + lines("iiyama", ("ProLite", 150, "XUB####MSU-B#"))
    + lines("EIZO", ("FlexScan", 420, "EV####X-BK"))
    + lines("Philips", ("B Line", 170, "###B#@/00")),
    choices=(
        (
            "size",
            (
                choice('24"', "24 pouces", "24 Zoll"),
                choice('27"', "27 pouces", "27 Zoll", eur=90),
                choice('32"', "32 pouces", "32 Zoll", eur=250),
                choice('34" curved', "34 pouces incurvé", "34 Zoll, gebogen", eur=350),
            ),
        ),
        (
            "resolution",
            (
                choice("Full HD 1920 × 1080"),
                choice("QHD 2560 × 1440", eur=60),
                choice("4K UHD 3840 × 2160", eur=150),
            ),
        ),
        (
            "ports",
            (
                choice("HDMI and DisplayPort", "HDMI et DisplayPort", "HDMI und DisplayPort"),
                choice(
                    "USB-C with 90 W power delivery",
                    "USB-C avec alimentation 90 W",
                    "USB-C mit 90 W Power Delivery",
                    eur=50,
                ),
            ),
        ),
        (
            "stand",
            (
                choice(
                    "height-adjustable stand",
                    "pied réglable en hauteur",
                    "höhenverstellbarer Standfuß",
                ),
                choice("fixed stand", "pied fixe", "fester Standfuß", eur=-20),
            ),
        ),
    ),
    title={
        "en": "{maker} {line} {size} monitor, {resolution}, IPS, {ports}, {stand}",
        "fr": "Écran {maker} {line} {size}, {resolution}, IPS, {ports}, {stand}",
        "de": "Monitor {maker} {line} {size}, {resolution}, IPS, {ports}, {stand}",
    },
    body={
        "en": "Office monitor with flicker-free backlight and low blue light mode. VESA 100 "
        "mount; cables for {ports} included.",
        "fr": "Écran bureautique sans scintillement avec mode lumière bleue réduite. Fixation "
        "VESA 100 ; câbles {ports} fournis.",
        "de": "Büromonitor mit flimmerfreier Hintergrundbeleuchtung und Blaulichtfilter. "
        "VESA-100-Halterung; Kabel für {ports} im Lieferumfang.",
    },
    lead_days=(1, 8),
    cost_permille=(760, 870),
)

DOCKS = Family(
    code="DK",
    category="docking-stations",
    unspsc="43211602",  # Docking stations
    unit="C62",
    weight=5,
    lines=lines("Dell", ("WD19S", 210, "DELL-WD19S###W"), ("WD22TB4", 290, "210-BDTD"))
    + lines("HP", ("USB-C Dock G5", 190, "5TW10AA#AB@"), ("Thunderbolt Dock G4", 280, "4J0A2AA"))
    + lines("Lenovo", ("ThinkPad Universal USB-C Dock", 200, "40AY0090@@"))
    + lines("Targus", ("DOCK182", 170, "DOCK182EUZ"))
    + lines("Kensington", ("SD5700T", 260, "K3####EU"))
    + lines("StarTech.com", ("Triple-Monitor USB-C Dock", 230, "DK31C3HDP@UE")),
    choices=(
        (
            "power",
            (
                choice("65 W"),
                choice("90 W", eur=20),
                choice("100 W", eur=30),
                choice("130 W", eur=60),
            ),
        ),
        ("plug", words.PLUGS),
    ),
    title={
        "en": "{maker} {line} docking station, {power} power delivery, {plug}",
        "fr": "Station d'accueil {maker} {line}, alimentation {power}, {plug}",
        "de": "Dockingstation {maker} {line}, {power} Ladeleistung, {plug}",
    },
    body={
        "en": "One cable to the notebook for power, network, USB and up to three displays. "
        "Gigabit Ethernet, audio jack, USB-A and USB-C ports.",
        "fr": "Un seul câble vers l'ordinateur portable pour l'alimentation, le réseau, l'USB et "
        "jusqu'à trois écrans. Ethernet Gigabit, prise audio, ports USB-A et USB-C.",
        "de": "Ein Kabel zum Notebook für Strom, Netzwerk, USB und bis zu drei Bildschirme. "
        "Gigabit-Ethernet, Audiobuchse, USB-A- und USB-C-Anschlüsse.",
    },
    lead_days=(1, 6),
    cost_permille=(720, 850),
)

KEYBOARDS = Family(
    code="KB",
    category="keyboards-mice",
    unspsc="43211706",  # Keyboards
    unit="C62",
    weight=4,
    lines=lines("Logitech", ("MX Keys S", 120, "920-0115##"), ("K120", 15, "920-0021##"))
    + lines("Cherry", ("KC 1000", 18, "JK-0800@@-2"), ("KW 9100 SLIM", 70, "JK-9100@@-2"))
    + lines("Microsoft", ("Bluetooth Keyboard", 50, "QSZ-000##"))
    + lines("Dell", ("KB525C", 60, "580-B@@@")),
    choices=(("layout", words.LAYOUTS),),
    title={
        "en": "{maker} {line} keyboard, {layout}",
        "fr": "Clavier {maker} {line}, {layout}",
        "de": "Tastatur {maker} {line}, {layout}",
    },
    body={
        "en": "Full-size keyboard with quiet keys and numeric keypad.",
        "fr": "Clavier complet aux touches silencieuses, avec pavé numérique.",
        "de": "Tastatur in voller Größe mit leisen Tasten und Ziffernblock.",
    },
    lead_days=(1, 5),
    cost_permille=(600, 780),
)

MICE = Family(
    code="MS",
    category="keyboards-mice",
    unspsc="43211708",  # Computer mouse or trackballs
    unit="C62",
    weight=3,
    lines=lines("Logitech", ("MX Master 3S", 110, "910-0065##"), ("M185", 16, "910-0022##"))
    + lines("Logitech", ("Lift Vertical", 75, "910-0064##"))
    + lines("Microsoft", ("Bluetooth Mouse", 28, "RJN-000##"))
    + lines("Dell", ("MS3320W", 35, "570-AB@@")),
    choices=(("colour", words.DEVICE_COLOURS),),
    title={
        "en": "{maker} {line} wireless mouse, {colour}",
        "fr": "Souris sans fil {maker} {line}, {colour}",
        "de": "Kabellose Maus {maker} {line}, {colour}",
    },
    body={
        "en": "Wireless mouse for right-handed use; USB receiver or Bluetooth.",
        "fr": "Souris sans fil pour droitier ; récepteur USB ou Bluetooth.",
        "de": "Kabellose Maus für Rechtshänder; USB-Empfänger oder Bluetooth.",
    },
    lead_days=(1, 5),
    cost_permille=(600, 780),
)

HEADSETS = Family(
    code="HS",
    category="headsets",
    unspsc="43191609",  # Phone headsets
    unit="C62",
    weight=3,
    lines=lines("Jabra", ("Evolve2 65", 210, "26599-9##-9##"), ("Evolve2 40 SE", 110, "24189-9##"))
    + lines("Poly", ("Voyager Focus 2", 260, "77Y8#AA"), ("Blackwire 3320", 60, "8X2#7AA"))
    + lines("EPOS", ("IMPACT 760", 240, "10011##"))
    + lines("Logitech", ("Zone Wireless 2", 280, "981-0013##")),
    choices=(
        ("connector", (choice("USB-A"), choice("USB-C", eur=5))),
        (
            "certification",
            (
                choice(
                    "Microsoft Teams certified",
                    "certifié Microsoft Teams",
                    "für Microsoft Teams zertifiziert",
                ),
                choice("UC optimised", "optimisé UC", "UC-optimiert"),
            ),
        ),
    ),
    title={
        "en": "{maker} {line} headset, {connector}, {certification}",
        "fr": "Micro-casque {maker} {line}, {connector}, {certification}",
        "de": "Headset {maker} {line}, {connector}, {certification}",
    },
    body={
        "en": "Stereo headset with noise-cancelling microphone for calls in open-plan offices.",
        "fr": "Micro-casque stéréo avec micro antibruit pour les appels en open space.",
        "de": "Stereo-Headset mit geräuschunterdrückendem Mikrofon für Telefonate im Großraumbüro.",
    },
    lead_days=(1, 7),
    cost_permille=(650, 800),
)

FAMILIES = (NOTEBOOKS, DESKTOPS, MONITORS, DOCKS, KEYBOARDS, MICE, HEADSETS)
