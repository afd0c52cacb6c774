"""Demo families for software (UNSPSC family 4323): subscriptions sold per user or device and
year (UN/CEFACT ANN) or month (MON), and perpetual licences (C62) sold per language edition
where the publisher makes one."""

from gateway.demo.catalog import Family
from gateway.demo.catalog import choice
from gateway.demo.catalog import lines

# Line prices of subscriptions are per year; the monthly term costs a fifth more over a year.
_TERMS = (
    choice("1-year subscription", "abonnement d'un an", "Jahresabonnement", unit="ANN"),
    choice(
        "monthly subscription", "abonnement mensuel", "Monatsabonnement", permille=100, unit="MON"
    ),
)

_SUBSCRIPTION_TITLE = {
    "en": "{maker} {line}, {term}, per {seat}",
    "fr": "{maker} {line}, {term}, par {seat}",
    "de": "{maker} {line}, {term}, pro {seat}",
}

_USER = (choice("user", "utilisateur", "Benutzer"),)
_DEVICE = (choice("device", "poste", "Gerät"),)


def _subscription_body(en: str, fr: str, de: str) -> dict[str, str]:
    return {
        "en": f"{en} Licence keys and activation details are sent by e-mail after the order.",
        "fr": f"{fr} Les clés et informations d'activation sont envoyées par e-mail après la "
        "commande.",
        "de": f"{de} Lizenzschlüssel und Aktivierungsdaten kommen nach der Bestellung per E-Mail.",
    }


OFFICE_SUBSCRIPTIONS = Family(
    code="SO",
    category="office-software",
    unspsc="43231513",  # Office suite software
    unit="ANN",
    weight=6,
    lines=lines(
        "Microsoft",
        ("Microsoft 365 Business Basic", 72, "CFQ7TTC0LH18"),
        ("Microsoft 365 Business Standard", 150, "CFQ7TTC0LDPB"),
        ("Microsoft 365 Business Premium", 265, "CFQ7TTC0LCHC"),
        ("Microsoft 365 Apps for business", 125, "CFQ7TTC0LH1G"),
        ("Microsoft 365 E3", 430, "CFQ7TTC0LFLX"),
        ("Microsoft 365 E5", 690, "CFQ7TTC0LFLZ"),
    )
    + lines("Google", ("Workspace Business Standard", 150, "GWS-BS-####")),
    choices=(("term", _TERMS), ("seat", _USER)),
    title=_SUBSCRIPTION_TITLE,
    body=_subscription_body(
        "Office applications, e-mail and online storage for one named user.",
        "Applications bureautiques, messagerie et stockage en ligne pour un utilisateur nommé.",
        "Office-Anwendungen, E-Mail und Online-Speicher für einen namentlichen Benutzer.",
    ),
    lead_days=(0, 1),
    cost_permille=(820, 900),
    software=True,
)

OFFICE_PERPETUAL = Family(
    code="LO",
    category="office-software",
    unspsc="43231513",  # Office suite software
    unit="C62",
    weight=2,
    lines=lines(
        "Microsoft",
        ("Office LTSC Standard 2021", 520, "DG7GMGF0D7FX"),
        ("Office LTSC Professional Plus 2021", 690, "DG7GMGF0D7FZ"),
        ("Office Home & Business 2021", 290, "T5D-03###"),
    ),
    choices=(),
    title={
        "en": "{maker} {line}, perpetual licence",
        "fr": "{maker} {line}, licence perpétuelle",
        "de": "{maker} {line}, Dauerlizenz",
    },
    body={
        "en": "Perpetual licence for one device, without feature updates.",
        "fr": "Licence perpétuelle pour un poste, sans mises à jour fonctionnelles.",
        "de": "Dauerlizenz für ein Gerät, ohne Funktionsupdates.",
    },
    lead_days=(0, 2),
    cost_permille=(800, 880),
    software=True,
    editions=("en", "fr", "de"),
)

OPERATING_SYSTEMS = Family(
    code="OS",
    category="operating-systems",
    unspsc="43233004",  # Operating system software
    unit="C62",
    weight=2,
    lines=lines(
        "Microsoft",
        ("Windows 11 Pro upgrade", 200, "FQC-10###"),
        ("Windows Server 2022 Standard, 16 core", 1100, "P73-08###"),
        ("Windows Server 2022 CAL, 5 users", 230, "R18-06###"),
    ),
    choices=(),
    title={
        "en": "{maker} {line}, licence",
        "fr": "{maker} {line}, licence",
        "de": "{maker} {line}, Lizenz",
    },
    body={
        "en": "Perpetual licence delivered electronically.",
        "fr": "Licence perpétuelle livrée par voie électronique.",
        "de": "Dauerlizenz, elektronische Lieferung.",
    },
    lead_days=(0, 2),
    cost_permille=(800, 880),
    software=True,
    editions=("", "en", "fr", "de"),
)

SECURITY = Family(
    code="SE",
    category="security-software",
    unspsc="43233205",  # Transaction security and virus protection software
    unit="ANN",
    weight=4,
    lines=lines("ESET", ("PROTECT Entry", 45, "EPE-N1-####"))
    + lines("Bitdefender", ("GravityZone Business Security", 35, "GZBS-###"))
    + lines("Sophos", ("Intercept X Advanced", 55, "CIXA1C@@@@"))
    + lines("Trend Micro", ("Apex One", 50, "AP#####"))
    + lines("Kaspersky", ("Endpoint Security for Business Select", 40, "KL4863X@@@S"))
    + lines("Microsoft", ("Defender for Business", 36, "CFQ7TTC0LH1K")),
    choices=(("term", _TERMS), ("seat", _DEVICE)),
    title=_SUBSCRIPTION_TITLE,
    body=_subscription_body(
        "Endpoint protection against malware and ransomware, managed from a cloud console.",
        "Protection des postes contre les logiciels malveillants et rançongiciels, gérée "
        "depuis une console cloud.",
        "Endpoint-Schutz gegen Schadsoftware und Ransomware, verwaltet über eine Cloud-Konsole.",
    ),
    lead_days=(0, 1),
    cost_permille=(700, 820),
    software=True,
)

DESIGN = Family(
    code="CA",
    category="design-software",
    unspsc="43232604",  # Computer aided design CAD software
    unit="ANN",
    weight=3,
    lines=lines(
        "Autodesk",
        ("AutoCAD", 2250, "057P1-WW####-L###"),
        ("AutoCAD LT", 560, "057M1-WW####-L###"),
        ("Revit", 3100, "829P1-WW####-L###"),
        ("Fusion", 590, "C1RK1-WW####-L###"),
        ("Inventor Professional", 2900, "797P1-WW####-L###"),
    ),
    choices=(("term", _TERMS), ("seat", _USER)),
    title=_SUBSCRIPTION_TITLE,
    body=_subscription_body(
        "Design and drafting software for one named user, with current and previous versions.",
        "Logiciel de conception et de dessin pour un utilisateur nommé, versions actuelle et "
        "précédentes incluses.",
        "Konstruktions- und Zeichensoftware für einen namentlichen Benutzer, mit aktueller "
        "und früheren Versionen.",
    ),
    lead_days=(0, 1),
    cost_permille=(830, 900),
    software=True,
)

CREATIVE = Family(
    code="CR",
    category="design-software",
    unspsc="43232102",  # Graphics or photo imaging software
    unit="ANN",
    weight=3,
    lines=lines(
        "Adobe",
        ("Creative Cloud Pro for teams", 1000, "65#####BA01A12"),
        ("Photoshop for teams", 330, "65#####BA01A12"),
        ("Illustrator for teams", 330, "65#####BA01A12"),
        ("InDesign for teams", 330, "65#####BA01A12"),
    )
    + lines("Corel", ("CorelDRAW Graphics Suite", 300, "CDGSSUB1Y@@")),
    choices=(("term", _TERMS), ("seat", _USER)),
    title=_SUBSCRIPTION_TITLE,
    body=_subscription_body(
        "Graphics, photo and layout software for one named user.",
        "Logiciel de graphisme, de retouche photo et de mise en page pour un utilisateur nommé.",
        "Grafik-, Bildbearbeitungs- und Layoutsoftware für einen namentlichen Benutzer.",
    ),
    lead_days=(0, 1),
    cost_permille=(830, 900),
    software=True,
)

PDF = Family(
    code="PD",
    category="pdf-software",
    unspsc="43232202",  # Document management software
    unit="ANN",
    weight=3,
    lines=lines(
        "Adobe", ("Acrobat Pro", 240, "65#####BA01A12"), ("Acrobat Standard", 180, "65#####BA01A12")
    )
    + lines("Foxit", ("PDF Editor+", 150, "FPE-PLUS-####"))
    + lines("Nitro", ("PDF Pro", 170, "NPP-SUB-####"))
    + lines("ABBYY", ("FineReader PDF Corporate", 200, "FRPC-####-@")),
    choices=(("term", _TERMS), ("seat", _USER)),
    title=_SUBSCRIPTION_TITLE,
    body=_subscription_body(
        "Create, edit, sign and convert PDF documents.",
        "Créer, modifier, signer et convertir des documents PDF.",
        "PDF-Dokumente erstellen, bearbeiten, signieren und umwandeln.",
    ),
    lead_days=(0, 1),
    cost_permille=(780, 880),
    software=True,
)

DATABASES = Family(
    code="DB",
    category="database-software",
    unspsc="43232304",  # Data base management system software
    unit="C62",
    weight=1,
    lines=lines(
        "Microsoft",
        ("SQL Server 2022 Standard, 2-core pack", 3900, "7NQ-01###"),
        ("SQL Server 2022 Standard, server licence", 1000, "228-11###"),
        ("SQL Server 2022 CAL, 1 user", 230, "359-07###"),
    ),
    choices=(),
    title={
        "en": "{maker} {line}",
        "fr": "{maker} {line}",
        "de": "{maker} {line}",
    },
    body={
        "en": "Perpetual volume licence; Software Assurance can be ordered separately.",
        "fr": "Licence en volume perpétuelle ; la Software Assurance se commande séparément.",
        "de": "Unbefristete Volumenlizenz; Software Assurance separat bestellbar.",
    },
    lead_days=(0, 2),
    cost_permille=(820, 900),
    software=True,
)

FAMILIES = (
    OFFICE_SUBSCRIPTIONS,
    OFFICE_PERPETUAL,
    OPERATING_SYSTEMS,
    SECURITY,
    DESIGN,
    CREATIVE,
    PDF,
    DATABASES,
)
