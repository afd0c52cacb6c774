"""What buyers read for the demo categories, in the demo's three languages."""

from sqlalchemy import insert
from sqlalchemy.orm import Session

from gateway.models import CategoryName

# category key -> (English, French, German)
CATEGORY_NAMES = {
    "notebooks": ("Notebooks", "Ordinateurs portables", "Notebooks"),
    "desktops": ("Desktop computers", "Ordinateurs de bureau", "Desktop-PCs"),
    "monitors": ("Monitors", "Écrans", "Monitore"),
    "docking-stations": ("Docking stations", "Stations d'accueil", "Dockingstationen"),
    "keyboards-mice": ("Keyboards and mice", "Claviers et souris", "Tastaturen und Mäuse"),
    "headsets": ("Headsets", "Casques-micros", "Headsets"),
    "cables": ("Cables and adapters", "Câbles et adaptateurs", "Kabel und Adapter"),
    "storage": ("Storage", "Stockage", "Speicher"),
    "networking": ("Networking", "Réseau", "Netzwerk"),
    "printers": ("Printers", "Imprimantes", "Drucker"),
    "toner-cartridges": ("Toner cartridges", "Cartouches de toner", "Tonerkartuschen"),
    "ink-cartridges": ("Ink cartridges", "Cartouches d'encre", "Tintenpatronen"),
    "office-software": ("Office software", "Logiciels de bureautique", "Office-Software"),
    "operating-systems": ("Operating systems", "Systèmes d'exploitation", "Betriebssysteme"),
    "security-software": ("Security software", "Logiciels de sécurité", "Sicherheitssoftware"),
    "design-software": ("Design software", "Logiciels de création", "Design-Software"),
    "pdf-software": ("PDF software", "Logiciels PDF", "PDF-Software"),
    "database-software": ("Database software", "Logiciels de base de données", "Datenbanksoftware"),
}
LANGUAGES = ("en", "fr", "de")


def write_category_names(session: Session) -> None:
    session.execute(
        insert(CategoryName),
        [
            {"category": category, "language": language, "name": name}
            for category, names in CATEGORY_NAMES.items()
            for language, name in zip(LANGUAGES, names, strict=True)
        ],
    )
