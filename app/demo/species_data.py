"""Demo species and the species lists of the CMS Family instruments.

This is demo data. ``SPECIES`` holds real migratory species with their common names in English,
French and Spanish; ``taxon`` (the scientific name in lower case, words joined by underscores)
is the stable identifier used everywhere else in the demo. Groups are "birds", "mammals"
(bats included), "fish", "reptiles" and "insects".

``SPECIES_LISTS`` maps ``(instrument code, cycle)`` to ``(taxon, listing)`` pairs: the species a
national report of that cycle asks about, with the appendix, annex, table column or category
under which the instrument lists them. Each list is a selection, not the instrument's full
appendix or annex. The listings follow the real ones as far as they are known to the authors
but are simplified (a species on both CMS Appendices is shown under "Appendix I"; AEWA Table 1
columns and Raptors MoU categories are approximate). The changes between the CMS COP14 and COP15
lists (two species added, the Eurasian Curlew moved from Appendix II to Appendix I) are invented
for the demo. The secretariats' own lists are the reference.
"""

from __future__ import annotations

import re


def _sp(taxon_name: str, group: str, en: str, fr: str, es: str) -> dict:
    """Build one species record from its scientific name, group and common names."""
    return {
        "taxon": taxon_name.lower().replace(" ", "_"),
        "scientific": taxon_name,
        "group": group,
        "name": {"en": en, "fr": fr, "es": es},
    }


SPECIES: list[dict] = [
    # Birds of prey (Raptors MoU)
    _sp("Aquila nipalensis", "birds", "Steppe Eagle", "Aigle des steppes", "Águila esteparia"),
    _sp("Falco cherrug", "birds", "Saker Falcon", "Faucon sacre", "Halcón sacre"),
    _sp(
        "Neophron percnopterus",
        "birds",
        "Egyptian Vulture",
        "Vautour percnoptère",
        "Alimoche común",
    ),
    _sp(
        "Torgos tracheliotos",
        "birds",
        "Lappet-faced Vulture",
        "Vautour oricou",
        "Buitre orejudo",
    ),
    _sp("Gyps rueppelli", "birds", "Rüppell's Vulture", "Vautour de Rüppell", "Buitre moteado"),
    _sp(
        "Gyps africanus",
        "birds",
        "White-backed Vulture",
        "Vautour africain",
        "Buitre dorsiblanco africano",
    ),
    _sp(
        "Necrosyrtes monachus",
        "birds",
        "Hooded Vulture",
        "Vautour charognard",
        "Alimoche sombrío",
    ),
    _sp("Aegypius monachus", "birds", "Cinereous Vulture", "Vautour moine", "Buitre negro"),
    _sp("Gyps fulvus", "birds", "Griffon Vulture", "Vautour fauve", "Buitre leonado"),
    _sp("Gypaetus barbatus", "birds", "Bearded Vulture", "Gypaète barbu", "Quebrantahuesos"),
    _sp(
        "Aquila heliaca",
        "birds",
        "Eastern Imperial Eagle",
        "Aigle impérial",
        "Águila imperial oriental",
    ),
    _sp(
        "Aquila adalberti",
        "birds",
        "Spanish Imperial Eagle",
        "Aigle ibérique",
        "Águila imperial ibérica",
    ),
    _sp("Clanga clanga", "birds", "Greater Spotted Eagle", "Aigle criard", "Águila moteada"),
    _sp("Milvus milvus", "birds", "Red Kite", "Milan royal", "Milano real"),
    _sp("Circus macrourus", "birds", "Pallid Harrier", "Busard pâle", "Aguilucho papialbo"),
    _sp("Circus pygargus", "birds", "Montagu's Harrier", "Busard cendré", "Aguilucho cenizo"),
    _sp(
        "Falco naumanni",
        "birds",
        "Lesser Kestrel",
        "Faucon crécerellette",
        "Cernícalo primilla",
    ),
    _sp(
        "Falco vespertinus",
        "birds",
        "Red-footed Falcon",
        "Faucon kobez",
        "Cernícalo patirrojo",
    ),
    _sp("Falco concolor", "birds", "Sooty Falcon", "Faucon concolore", "Halcón sombrío"),
    _sp("Falco peregrinus", "birds", "Peregrine Falcon", "Faucon pèlerin", "Halcón peregrino"),
    _sp(
        "Sagittarius serpentarius",
        "birds",
        "Secretarybird",
        "Messager sagittaire",
        "Secretario",
    ),
    # Waterbirds (AEWA) and other migratory birds
    _sp("Anser erythropus", "birds", "Lesser White-fronted Goose", "Oie naine", "Ánsar chico"),
    _sp(
        "Branta ruficollis",
        "birds",
        "Red-breasted Goose",
        "Bernache à cou roux",
        "Barnacla cuellirroja",
    ),
    _sp(
        "Oxyura leucocephala",
        "birds",
        "White-headed Duck",
        "Érismature à tête blanche",
        "Malvasía cabeciblanca",
    ),
    _sp(
        "Marmaronetta angustirostris",
        "birds",
        "Marbled Teal",
        "Marmaronette marbrée",
        "Cerceta pardilla",
    ),
    _sp("Aythya nyroca", "birds", "Ferruginous Duck", "Fuligule nyroca", "Porrón pardo"),
    _sp("Aythya ferina", "birds", "Common Pochard", "Fuligule milouin", "Porrón europeo"),
    _sp("Polysticta stelleri", "birds", "Steller's Eider", "Eider de Steller", "Eider menor"),
    _sp("Pelecanus crispus", "birds", "Dalmatian Pelican", "Pélican frisé", "Pelícano ceñudo"),
    _sp("Vanellus gregarius", "birds", "Sociable Lapwing", "Vanneau sociable", "Avefría sociable"),
    _sp(
        "Numenius tenuirostris",
        "birds",
        "Slender-billed Curlew",
        "Courlis à bec grêle",
        "Zarapito fino",
    ),
    _sp("Numenius arquata", "birds", "Eurasian Curlew", "Courlis cendré", "Zarapito real"),
    _sp(
        "Limosa limosa",
        "birds",
        "Black-tailed Godwit",
        "Barge à queue noire",
        "Aguja colinegra",
    ),
    _sp("Limosa lapponica", "birds", "Bar-tailed Godwit", "Barge rousse", "Aguja colipinta"),
    _sp(
        "Calidris tenuirostris",
        "birds",
        "Great Knot",
        "Bécasseau de l’Anadyr",
        "Correlimos grande",
    ),
    _sp("Geronticus eremita", "birds", "Northern Bald Ibis", "Ibis chauve", "Ibis eremita"),
    _sp("Platalea leucorodia", "birds", "Eurasian Spoonbill", "Spatule blanche", "Espátula común"),
    _sp("Ardeola idae", "birds", "Madagascar Pond Heron", "Crabier blanc", "Garcilla malgache"),
    _sp("Balaeniceps rex", "birds", "Shoebill", "Bec-en-sabot du Nil", "Picozapato"),
    _sp("Phoeniconaias minor", "birds", "Lesser Flamingo", "Flamant nain", "Flamenco enano"),
    _sp(
        "Bugeranus carunculatus",
        "birds",
        "Wattled Crane",
        "Grue caronculée",
        "Grulla carunculada",
    ),
    _sp(
        "Balearica regulorum",
        "birds",
        "Grey Crowned Crane",
        "Grue royale",
        "Grulla coronada cuelligrís",
    ),
    _sp(
        "Leucogeranus leucogeranus",
        "birds",
        "Siberian Crane",
        "Grue de Sibérie",
        "Grulla siberiana",
    ),
    _sp(
        "Sarothrura ayresi",
        "birds",
        "White-winged Flufftail",
        "Râle à miroir",
        "Polluela especulada",
    ),
    _sp(
        "Puffinus mauretanicus",
        "birds",
        "Balearic Shearwater",
        "Puffin des Baléares",
        "Pardela balear",
    ),
    _sp("Otis tarda", "birds", "Great Bustard", "Grande Outarde", "Avutarda común"),
    _sp(
        "Chlamydotis macqueenii",
        "birds",
        "Asian Houbara",
        "Outarde de Macqueen",
        "Hubara asiática",
    ),
    _sp(
        "Acrocephalus paludicola",
        "birds",
        "Aquatic Warbler",
        "Phragmite aquatique",
        "Carricerín cejudo",
    ),
    # Fish
    _sp("Rhincodon typus", "fish", "Whale Shark", "Requin-baleine", "Tiburón ballena"),
    _sp(
        "Carcharodon carcharias",
        "fish",
        "Great White Shark",
        "Grand requin blanc",
        "Tiburón blanco",
    ),
    _sp("Cetorhinus maximus", "fish", "Basking Shark", "Requin pèlerin", "Tiburón peregrino"),
    _sp("Mobula birostris", "fish", "Giant Manta Ray", "Raie manta géante", "Manta gigante"),
    _sp("Anguilla anguilla", "fish", "European Eel", "Anguille européenne", "Anguila europea"),
    _sp(
        "Acipenser sturio",
        "fish",
        "European Sturgeon",
        "Esturgeon européen",
        "Esturión europeo",
    ),
    # Reptiles
    _sp("Dermochelys coriacea", "reptiles", "Leatherback Turtle", "Tortue luth", "Tortuga laúd"),
    _sp("Caretta caretta", "reptiles", "Loggerhead Turtle", "Tortue caouanne", "Tortuga boba"),
    _sp("Chelonia mydas", "reptiles", "Green Turtle", "Tortue verte", "Tortuga verde"),
    _sp(
        "Eretmochelys imbricata",
        "reptiles",
        "Hawksbill Turtle",
        "Tortue imbriquée",
        "Tortuga carey",
    ),
    # Mammals
    _sp("Dugong dugon", "mammals", "Dugong", "Dugong", "Dugongo"),
    _sp(
        "Monachus monachus",
        "mammals",
        "Mediterranean Monk Seal",
        "Phoque moine de Méditerranée",
        "Foca monje del Mediterráneo",
    ),
    _sp(
        "Megaptera novaeangliae",
        "mammals",
        "Humpback Whale",
        "Baleine à bosse",
        "Ballena jorobada",
    ),
    _sp("Balaenoptera musculus", "mammals", "Blue Whale", "Baleine bleue", "Ballena azul"),
    _sp(
        "Panthera uncia",
        "mammals",
        "Snow Leopard",
        "Panthère des neiges",
        "Leopardo de las nieves",
    ),
    _sp("Acinonyx jubatus", "mammals", "Cheetah", "Guépard", "Guepardo"),
    _sp("Saiga tatarica", "mammals", "Saiga Antelope", "Saïga", "Antílope saiga"),
    _sp("Ovis ammon", "mammals", "Argali", "Argali", "Argalí"),
    _sp(
        "Cervus elaphus bactrianus",
        "mammals",
        "Bukhara Deer",
        "Cerf de Bactriane",
        "Ciervo de Bujará",
    ),
    _sp(
        "Camelus ferus",
        "mammals",
        "Wild Bactrian Camel",
        "Chameau sauvage de Bactriane",
        "Camello bactriano salvaje",
    ),
    _sp("Gorilla beringei", "mammals", "Eastern Gorilla", "Gorille de l’Est", "Gorila oriental"),
    _sp(
        "Loxodonta africana",
        "mammals",
        "African Elephant",
        "Éléphant d’Afrique",
        "Elefante africano",
    ),
    # Bats (EUROBATS)
    _sp(
        "Pipistrellus nathusii",
        "mammals",
        "Nathusius' Pipistrelle",
        "Pipistrelle de Nathusius",
        "Murciélago de Nathusius",
    ),
    _sp("Nyctalus noctula", "mammals", "Common Noctule", "Noctule commune", "Nóctulo mediano"),
    _sp(
        "Miniopterus schreibersii",
        "mammals",
        "Schreibers' Bent-winged Bat",
        "Minioptère de Schreibers",
        "Murciélago de cueva",
    ),
    _sp("Myotis dasycneme", "mammals", "Pond Bat", "Murin des marais", "Murciélago lagunero"),
    _sp(
        "Rhinolophus ferrumequinum",
        "mammals",
        "Greater Horseshoe Bat",
        "Grand rhinolophe",
        "Murciélago grande de herradura",
    ),
    # Insects
    _sp("Danaus plexippus", "insects", "Monarch Butterfly", "Monarque", "Mariposa monarca"),
]

_CMS_COP14: list[tuple[str, str]] = [
    ("aquila_nipalensis", "Appendix I"),
    ("falco_cherrug", "Appendix I"),
    ("neophron_percnopterus", "Appendix I"),
    ("torgos_tracheliotos", "Appendix I"),
    ("gyps_rueppelli", "Appendix I"),
    ("gyps_africanus", "Appendix I"),
    ("necrosyrtes_monachus", "Appendix I"),
    ("aegypius_monachus", "Appendix I"),
    ("aquila_heliaca", "Appendix I"),
    ("aquila_adalberti", "Appendix I"),
    ("falco_naumanni", "Appendix I"),
    ("milvus_milvus", "Appendix II"),
    ("anser_erythropus", "Appendix I"),
    ("branta_ruficollis", "Appendix I"),
    ("oxyura_leucocephala", "Appendix I"),
    ("marmaronetta_angustirostris", "Appendix I"),
    ("aythya_nyroca", "Appendix I"),
    ("pelecanus_crispus", "Appendix I"),
    ("vanellus_gregarius", "Appendix I"),
    ("numenius_tenuirostris", "Appendix I"),
    ("numenius_arquata", "Appendix II"),
    ("limosa_limosa", "Appendix II"),
    ("geronticus_eremita", "Appendix I"),
    ("puffinus_mauretanicus", "Appendix I"),
    ("otis_tarda", "Appendix I"),
    ("acrocephalus_paludicola", "Appendix I"),
    ("rhincodon_typus", "Appendix I"),
    ("carcharodon_carcharias", "Appendix I"),
    ("dermochelys_coriacea", "Appendix I"),
    ("caretta_caretta", "Appendix I"),
    ("monachus_monachus", "Appendix I"),
    ("megaptera_novaeangliae", "Appendix I"),
    ("panthera_uncia", "Appendix I"),
    ("saiga_tatarica", "Appendix II"),
    ("anguilla_anguilla", "Appendix II"),
    ("danaus_plexippus", "Appendix II"),
]

# COP15 (demo): Secretarybird and Grey Crowned Crane added, Eurasian Curlew moved to Appendix I.
_CMS_COP15: list[tuple[str, str]] = [
    (taxon, "Appendix I" if taxon == "numenius_arquata" else listing)
    for taxon, listing in _CMS_COP14
] + [
    ("sagittarius_serpentarius", "Appendix I"),
    ("balearica_regulorum", "Appendix I"),
]

SPECIES_LISTS: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("CMS", "COP14"): _CMS_COP14,
    ("CMS", "COP15"): _CMS_COP15,
    ("AEWA", "MOP9"): [
        ("anser_erythropus", "Table 1 Column A 1(a) 1(b)"),
        ("branta_ruficollis", "Table 1 Column A 1(a) 1(b)"),
        ("oxyura_leucocephala", "Table 1 Column A 1(a) 1(b)"),
        ("marmaronetta_angustirostris", "Table 1 Column A 1(a)"),
        ("aythya_nyroca", "Table 1 Column A 1(a)"),
        ("aythya_ferina", "Table 1 Column A 1(b)"),
        ("polysticta_stelleri", "Table 1 Column A 1(a) 1(b)"),
        ("pelecanus_crispus", "Table 1 Column A 1(a)"),
        ("vanellus_gregarius", "Table 1 Column A 1(a) 1(b)"),
        ("numenius_tenuirostris", "Table 1 Column A 1(a) 1(b)"),
        ("numenius_arquata", "Table 1 Column A 4"),
        ("limosa_limosa", "Table 1 Column A 4"),
        ("limosa_lapponica", "Table 1 Column A 4"),
        ("geronticus_eremita", "Table 1 Column A 1(a) 1(b)"),
        ("platalea_leucorodia", "Table 1 Column B 1"),
        ("ardeola_idae", "Table 1 Column A 1(a) 1(b)"),
        ("balaeniceps_rex", "Table 1 Column A 1(b)"),
        ("phoeniconaias_minor", "Table 1 Column A 4"),
        ("bugeranus_carunculatus", "Table 1 Column A 1(b)"),
        ("balearica_regulorum", "Table 1 Column A 1(b)"),
        ("leucogeranus_leucogeranus", "Table 1 Column A 1(a) 1(b)"),
        ("sarothrura_ayresi", "Table 1 Column A 1(a) 1(b)"),
        ("puffinus_mauretanicus", "Table 1 Column A 1(a) 1(b)"),
    ],
    ("RAPTORS", "MOS4"): [
        ("aquila_nipalensis", "Category 1"),
        ("falco_cherrug", "Category 1"),
        ("neophron_percnopterus", "Category 1"),
        ("torgos_tracheliotos", "Category 1"),
        ("gyps_rueppelli", "Category 1"),
        ("gyps_africanus", "Category 1"),
        ("necrosyrtes_monachus", "Category 1"),
        ("aegypius_monachus", "Category 1"),
        ("gypaetus_barbatus", "Category 1"),
        ("aquila_heliaca", "Category 1"),
        ("aquila_adalberti", "Category 1"),
        ("clanga_clanga", "Category 1"),
        ("circus_macrourus", "Category 1"),
        ("falco_vespertinus", "Category 1"),
        ("falco_concolor", "Category 1"),
        ("sagittarius_serpentarius", "Category 1"),
        ("milvus_milvus", "Category 2"),
        ("falco_naumanni", "Category 2"),
        ("gyps_fulvus", "Category 3"),
        ("circus_pygargus", "Category 3"),
        ("falco_peregrinus", "Category 3"),
    ],
    ("EUROBATS", "MOP11"): [
        ("pipistrellus_nathusii", "Annex 1"),
        ("nyctalus_noctula", "Annex 1"),
        ("miniopterus_schreibersii", "Annex 1"),
        ("myotis_dasycneme", "Annex 1"),
        ("rhinolophus_ferrumequinum", "Annex 1"),
    ],
}


# How each instrument's legal text names the place of a species, in the official French and
# Spanish wording of the Appendices (CMS), Annexes and Categories (MoUs) and Table 1 (AEWA).
_LISTING_WORDS = {
    "Appendix": {"fr": "Annexe", "es": "Apéndice"},
    "Annex": {"fr": "Annexe", "es": "Anexo"},
    "Category": {"fr": "Catégorie", "es": "Categoría"},
}
_TABLE = re.compile(r"Table 1 Column (?P<column>[A-C]) (?P<cells>.+)")


def listing_labels(listing: str) -> dict[str, str]:
    """`listing` ("Appendix I", "Table 1 Column A 1(a)") in the three languages."""
    labels = {"en": listing}
    table = _TABLE.fullmatch(listing)
    if table:
        labels["fr"] = f"Tableau 1, colonne {table['column']}, {table['cells']}"
        labels["es"] = f"Cuadro 1, columna {table['column']}, {table['cells']}"
        return labels
    word, _, rest = listing.partition(" ")
    for lang, translated in _LISTING_WORDS[word].items():
        labels[lang] = f"{translated} {rest}"
    return labels
