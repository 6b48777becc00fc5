"""Phrases the demo answers are written with, in English, French and Spanish.

A text question gets phrases on its topic, found from words of its English text (see
`topic_of`); "{country}" stands for the party's name in the answer's language. These are demo
answers as a focal point would type them: content, not interface strings, so not in gettext.
"""

from __future__ import annotations

# (words of the English question text, topic): the first whose words all occur wins.
TOPIC_WORDS = (
    (("institutions", "stakeholders"), "contributors"),
    (("institution",), "institution"),
    (("legislation",), "legislation"),
    (("exception",), "exceptions"),
    (("threat",), "threats"),
    (("cooperation",), "cooperation"),
    (("action",), "actions"),
    (("measures",), "actions"),
    (("monitor",), "monitoring"),
    (("site",), "sites"),
)


def topic_of(english: str) -> str:
    text = english.casefold()
    for words, topic in TOPIC_WORDS:
        if all(word in text for word in words):
            return topic
    return "general"


# The institutions of the demo accounts' countries, as their focal points would name them.
INSTITUTIONS = {
    "FRA": "Ministère de la Transition écologique, Direction de l’eau et de la biodiversité",
    "ESP": "Ministerio para la Transición Ecológica y el Reto Demográfico",
    "SEN": "Direction des Parcs nationaux du Sénégal",
    "KEN": "Kenya Wildlife Service",
}

# Short texts: one phrase is the whole answer.
SHORT = {
    "institution": {
        "en": [
            "Ministry of Environment and Natural Resources",
            "National Wildlife Service",
            "Department of Forestry and Wildlife",
            "Ministry of Environment, Climate and Forestry",
            "National Biodiversity Agency",
            "Wildlife Conservation Directorate",
        ],
        "fr": [
            "Ministère de l’Environnement et du Développement durable",
            "Direction des Eaux et Forêts, Chasse et Conservation des Sols",
            "Direction des Parcs nationaux",
            "Office national de la biodiversité",
            "Ministère de l’Environnement, Direction de la faune",
        ],
        "es": [
            "Ministerio de Medio Ambiente y Recursos Naturales",
            "Dirección General de Biodiversidad",
            "Servicio Nacional de Áreas Naturales Protegidas",
            "Ministerio de Ambiente, Dirección de Fauna Silvestre",
            "Instituto Nacional de Conservación de la Naturaleza",
        ],
    },
    "legislation": {
        "en": [
            "Wildlife Conservation and Management Act, 2013",
            "Nature Conservation Act, 2004",
            "Environmental Protection and Biodiversity Act, 2016",
            "Wildlife (Protection) Regulations, 2019",
        ],
        "fr": [
            "Code de l’environnement, articles L411-1 et suivants (2006)",
            "Loi portant Code de la faune et de la chasse (2018)",
            "Code forestier et de la faune sauvage (2015)",
            "Décret relatif à la protection des espèces sauvages (2012)",
        ],
        "es": [
            "Ley 42/2007, del Patrimonio Natural y de la Biodiversidad",
            "Ley General de Vida Silvestre (2000)",
            "Ley de Conservación de la Fauna Silvestre (2015)",
            "Decreto sobre especies amenazadas (2011)",
        ],
    },
    "monitoring": {
        "en": [
            "National Ornithological Society",
            "Wetlands Monitoring Unit of the Wildlife Service",
            "National Museum, Department of Ornithology",
        ],
        "fr": [
            "Ligue pour la protection des oiseaux (LPO)",
            "Office français de la biodiversité",
            "Direction des Parcs nationaux, cellule de suivi des zones humides",
        ],
        "es": [
            "Sociedad Española de Ornitología (SEO/BirdLife)",
            "Dirección de Fauna, unidad de seguimiento de humedales",
            "Museo Nacional de Ciencias Naturales",
        ],
    },
    "general": {
        "en": ["Partly, see the national strategy", "Under review", "Regional authorities"],
        "fr": ["En partie, voir la stratégie nationale", "En cours d’examen", "Autorités locales"],
        "es": ["En parte, véase la estrategia nacional", "En revisión", "Autoridades regionales"],
    },
}  # fmt: skip

# Long texts: one to three sentences of the topic.
LONG = {
    "contributors": {
        "en": [
            "The national committee on biodiversity reviewed the draft.",
            "Regional wildlife offices and two national NGOs provided data on species and sites.",
            "The national research institute contributed the monitoring results.",
            "Fisheries and energy ministries were consulted on by-catch and power lines.",
        ],
        "fr": [
            "Le comité national de la biodiversité a relu le projet de rapport.",
            "Les services régionaux de la faune et deux ONG nationales ont fourni des données.",
            "L’institut national de recherche a contribué les résultats du suivi.",
            "Les ministères chargés de la pêche et de l’énergie ont été consultés.",
        ],
        "es": [
            "El comité nacional de biodiversidad revisó el borrador.",
            "Las oficinas regionales de fauna y dos ONG nacionales aportaron datos.",
            "El instituto nacional de investigación aportó los resultados del seguimiento.",
            "Se consultó a los ministerios de pesca y de energía.",
        ],
    },
    "exceptions": {
        "en": [
            "Two permits were granted for scientific ringing of nestlings.",
            "One exception allowed the capture of five birds for a captive breeding programme.",
            "Exceptions were limited to research under strict conditions.",
        ],
        "fr": [
            "Deux autorisations ont été délivrées pour le baguage scientifique de poussins.",
            "Une dérogation a permis la capture de cinq oiseaux pour un programme d’élevage.",
            "Les dérogations se sont limitées à la recherche, sous conditions strictes.",
        ],
        "es": [
            "Se concedieron dos permisos para el anillamiento científico de pollos.",
            "Una excepción permitió capturar cinco aves para un programa de cría en cautividad.",
            "Las excepciones se limitaron a la investigación, en condiciones estrictas.",
        ],
    },
    "actions": {
        "en": [
            "A national action plan was adopted and its first measures are under way.",
            "Nesting sites were guarded during the breeding season.",
            "Power lines in two important areas were retrofitted with insulated cables.",
            "Awareness campaigns reached hunters and farmers in {country}.",
            "The species is now monitored every year at its main sites.",
            "Results are encouraging: the breeding population has stabilised.",
        ],
        "fr": [
            "Un plan national d’action a été adopté et ses premières mesures sont en cours.",
            "Les sites de nidification ont été surveillés pendant la période de reproduction.",
            "Des lignes électriques de deux zones importantes ont été équipées de câbles isolés.",
            "Des campagnes de sensibilisation ont touché chasseurs et agriculteurs ({country}).",
            "L’espèce fait désormais l’objet d’un suivi annuel sur ses principaux sites.",
            "Les résultats sont encourageants : la population nicheuse s’est stabilisée.",
        ],
        "es": [
            "Se aprobó un plan de acción nacional y sus primeras medidas están en marcha.",
            "Se vigilaron los lugares de nidificación durante la época de cría.",
            "Se aislaron los tendidos eléctricos de dos zonas importantes.",
            "Las campañas de sensibilización llegaron a cazadores y agricultores ({country}).",
            "La especie se sigue ahora cada año en sus principales sitios.",
            "Los resultados son alentadores: la población reproductora se ha estabilizado.",
        ],
    },
    "threats": {
        "en": [
            "New wind farms are planned along the main migration corridor.",
            "Poisoned baits set against predators have killed several vultures.",
            "Droughts have reduced the wetlands used by waterbirds in winter.",
            "Light pollution on the coast disorients migrating birds.",
        ],
        "fr": [
            "De nouveaux parcs éoliens sont prévus le long du principal couloir de migration.",
            "Des appâts empoisonnés destinés aux prédateurs ont tué plusieurs vautours.",
            "Les sécheresses ont réduit les zones humides utilisées en hiver.",
            "La pollution lumineuse du littoral désoriente les oiseaux migrateurs.",
        ],
        "es": [
            "Se prevén nuevos parques eólicos a lo largo del principal corredor migratorio.",
            "Cebos envenenados contra depredadores han matado a varios buitres.",
            "Las sequías han reducido los humedales que usan las aves acuáticas en invierno.",
            "La contaminación lumínica de la costa desorienta a las aves migratorias.",
        ],
    },
    "cooperation": {
        "en": [
            "Joint counts at the bottleneck sites were organised with neighbouring countries.",
            "A regional workshop on poisoning was held with three Range States.",
            "Satellite-tracking data are shared with the countries along the flyway.",
        ],
        "fr": [
            "Des comptages conjoints aux sites de goulet ont été organisés avec les pays voisins.",
            "Un atelier régional sur l’empoisonnement a réuni trois pays voisins.",
            "Les données de suivi par satellite sont partagées le long de la voie de migration.",
        ],
        "es": [
            "Se organizaron conteos conjuntos en los cuellos de botella con los países vecinos.",
            "Se celebró un taller regional sobre envenenamiento con tres Estados del área.",
            "Los datos de seguimiento por satélite se comparten con los países de la ruta.",
        ],
    },
    "general": {
        "en": [
            "Information was compiled from the national monitoring programme.",
            "Further details are given in the national biodiversity strategy of {country}.",
            "The situation has improved since the last report.",
            "Data remain incomplete for some regions.",
        ],
        "fr": [
            "Les informations proviennent du programme national de suivi.",
            "La stratégie nationale pour la biodiversité ({country}) donne plus de détails.",
            "La situation s’est améliorée depuis le dernier rapport.",
            "Les données restent incomplètes pour certaines régions.",
        ],
        "es": [
            "La información procede del programa nacional de seguimiento.",
            "La estrategia nacional de biodiversidad ({country}) ofrece más detalles.",
            "La situación ha mejorado desde el último informe.",
            "Los datos siguen siendo incompletos para algunas regiones.",
        ],
    },
}  # fmt: skip

COMMENTS = {
    "en": [
        "Source: national monitoring programme.",
        "Figures from the latest national census.",
        "To be confirmed by the regional offices.",
        "Same as in the previous report.",
    ],
    "fr": [
        "Source : programme national de suivi.",
        "Chiffres du dernier recensement national.",
        "À confirmer par les services régionaux.",
        "Inchangé depuis le rapport précédent.",
    ],
    "es": [
        "Fuente: programa nacional de seguimiento.",
        "Cifras del último censo nacional.",
        "Pendiente de confirmación por las oficinas regionales.",
        "Sin cambios desde el informe anterior.",
    ],
}

NO_INFORMATION = {
    "en": ["Data not available at the time of reporting.", "No survey was carried out."],
    "fr": ["Données non disponibles au moment du rapport.", "Aucune étude n’a été menée."],
    "es": ["Datos no disponibles al preparar el informe.", "No se realizó ningún estudio."],
}

OTHER = {
    "en": ["Agricultural intensification", "Disturbance by tourism", "Sand extraction"],
    "fr": ["Intensification agricole", "Dérangement touristique", "Extraction de sable"],
    "es": ["Intensificación agrícola", "Molestias por turismo", "Extracción de arena"],
}

SITE_NAMES = {
    "en": ["{name} Wetlands", "{name} Bay", "Lake {name}", "{name} Delta", "{name} Marshes"],
    "fr": ["Zones humides de {name}", "Baie de {name}", "Lac {name}", "Delta de {name}",
           "Marais de {name}"],
    "es": ["Humedales de {name}", "Bahía de {name}", "Laguna de {name}", "Delta de {name}",
           "Marismas de {name}"],
}  # fmt: skip

PLACE_NAMES = (
    "Ardena", "Belmar", "Corval", "Dunmore", "Esteria", "Falun", "Garona", "Halden",
    "Isola", "Jaral", "Kerma", "Lorin", "Mavoro", "Nerea", "Ossian", "Palma",
)  # fmt: skip

# Rough latitude and longitude boxes for sites, by CMS region, and a few demo countries.
REGION_BOXES = {
    "africa": ((-30.0, 30.0), (-15.0, 40.0)),
    "asia": ((5.0, 50.0), (45.0, 130.0)),
    "europe": ((37.0, 65.0), (-8.0, 30.0)),
    "oceania": ((-40.0, -10.0), (115.0, 175.0)),
    "scac": ((-40.0, 20.0), (-80.0, -40.0)),
    "north_america": ((30.0, 55.0), (-120.0, -70.0)),
}
COUNTRY_BOXES = {
    "FRA": ((43.0, 50.5), (-1.5, 7.5)),
    "ESP": ((36.5, 43.5), (-8.5, 3.0)),
    "SEN": ((12.5, 16.5), (-17.0, -11.5)),
    "KEN": ((-4.5, 4.5), (34.0, 41.5)),
}
