"""Tag vocabularies of the harmonised question bank.

Every question in the bank is tagged with codes taken from the controlled vocabularies defined
here, never with free text, so that questions can be filtered and compared across the
instruments of the CMS Family and mapped to the global frameworks national reports contribute
to:

- ``theme``: the thematic areas of the CMS Family national report formats;
- ``spms``: the targets of the Strategic Plan for Migratory Species 2024–2032, following its
  five goals (1 drivers of decline and mainstreaming, 2 direct threats, 3 habitats and
  connectivity, 4 status and knowledge, 5 implementation);
- ``gbf``: the 23 targets of the Kunming-Montreal Global Biodiversity Framework;
- ``sdg``: the Sustainable Development Goal targets most relevant to migratory species.

A tag is written ``"<vocabulary>:<term>"`` (for example ``"gbf:3"`` or ``"theme:bycatch"``) and
the full tag is the key in ``VOCABULARIES[vocabulary]["terms"]``. Labels are short titles in
English, French and Spanish; the GBF and SDG titles paraphrase the official wording.
"""

from __future__ import annotations

VOCABULARIES: dict[str, dict] = {
    "theme": {
        "label": {"en": "Theme", "fr": "Thème", "es": "Tema"},
        "terms": {
            "theme:species-status": {
                "en": "Species status",
                "fr": "État des espèces",
                "es": "Estado de las especies",
            },
            "theme:legal-protection": {
                "en": "Legal protection",
                "fr": "Protection juridique",
                "es": "Protección jurídica",
            },
            "theme:bycatch": {
                "en": "Bycatch",
                "fr": "Prises accessoires",
                "es": "Captura incidental",
            },
            "theme:poisoning": {
                "en": "Poisoning",
                "fr": "Empoisonnement",
                "es": "Envenenamiento",
            },
            "theme:power-lines": {
                "en": "Power lines",
                "fr": "Lignes électriques",
                "es": "Tendidos eléctricos",
            },
            "theme:wind-energy": {
                "en": "Wind energy",
                "fr": "Énergie éolienne",
                "es": "Energía eólica",
            },
            "theme:illegal-killing": {
                "en": "Illegal killing, taking and trade",
                "fr": "Abattage, prélèvement et commerce illégaux",
                "es": "Matanza, captura y comercio ilegales",
            },
            "theme:habitat-loss": {
                "en": "Habitat loss and degradation",
                "fr": "Perte et dégradation des habitats",
                "es": "Pérdida y degradación de hábitats",
            },
            "theme:climate-change": {
                "en": "Climate change",
                "fr": "Changements climatiques",
                "es": "Cambio climático",
            },
            "theme:invasive-species": {
                "en": "Invasive alien species",
                "fr": "Espèces exotiques envahissantes",
                "es": "Especies exóticas invasoras",
            },
            "theme:pollution": {
                "en": "Pollution",
                "fr": "Pollution",
                "es": "Contaminación",
            },
            "theme:protected-areas": {
                "en": "Protected areas",
                "fr": "Aires protégées",
                "es": "Áreas protegidas",
            },
            "theme:ecological-networks": {
                "en": "Ecological networks and connectivity",
                "fr": "Réseaux écologiques et connectivité",
                "es": "Redes ecológicas y conectividad",
            },
            "theme:research-monitoring": {
                "en": "Research and monitoring",
                "fr": "Recherche et suivi",
                "es": "Investigación y seguimiento",
            },
            "theme:resource-mobilisation": {
                "en": "Resource mobilisation",
                "fr": "Mobilisation des ressources",
                "es": "Movilización de recursos",
            },
            "theme:capacity-building": {
                "en": "Capacity building",
                "fr": "Renforcement des capacités",
                "es": "Creación de capacidad",
            },
            "theme:cooperation": {
                "en": "International cooperation",
                "fr": "Coopération internationale",
                "es": "Cooperación internacional",
            },
            "theme:awareness": {
                "en": "Awareness and outreach",
                "fr": "Sensibilisation et communication",
                "es": "Sensibilización y divulgación",
            },
            "theme:national-planning": {
                "en": "National planning",
                "fr": "Planification nationale",
                "es": "Planificación nacional",
            },
        },
    },
    "spms": {
        "label": {
            "en": "Strategic Plan for Migratory Species 2024–2032",
            "fr": "Plan stratégique pour les espèces migratrices 2024-2032",
            "es": "Plan Estratégico para las Especies Migratorias 2024-2032",
        },
        "terms": {
            "spms:1.1": {
                "en": "1.1 — Awareness of migratory species and their values is increased",
                "fr": "1.1 — La sensibilisation aux espèces migratrices et à leurs valeurs est "
                "accrue",
                "es": "1.1 — Aumenta la concienciación sobre las especies migratorias y sus "
                "valores",
            },
            "spms:1.2": {
                "en": "1.2 — Migratory species are mainstreamed in sectoral policies and plans",
                "fr": "1.2 — Les espèces migratrices sont intégrées dans les politiques et plans "
                "sectoriels",
                "es": "1.2 — Las especies migratorias se integran en las políticas y planes "
                "sectoriales",
            },
            "spms:1.3": {
                "en": "1.3 — Harmful incentives are removed and positive incentives applied",
                "fr": "1.3 — Les incitations néfastes sont éliminées et des incitations positives "
                "appliquées",
                "es": "1.3 — Se eliminan los incentivos perjudiciales y se aplican incentivos "
                "positivos",
            },
            "spms:2.1": {
                "en": "2.1 — Bycatch and unsustainable take are reduced",
                "fr": "2.1 — Les prises accessoires et les prélèvements non durables sont réduits",
                "es": "2.1 — Se reducen la captura incidental y la extracción no sostenible",
            },
            "spms:2.2": {
                "en": "2.2 — Illegal killing, taking and poisoning are reduced",
                "fr": "2.2 — L’abattage illégal, les prélèvements illégaux et l’empoisonnement "
                "sont réduits",
                "es": "2.2 — Se reducen la matanza ilegal, la captura ilegal y el envenenamiento",
            },
            "spms:2.3": {
                "en": "2.3 — Impacts of infrastructure and energy development are minimised",
                "fr": "2.3 — Les impacts des infrastructures et de l’énergie sont réduits au "
                "minimum",
                "es": "2.3 — Se minimizan los efectos de las infraestructuras y la energía",
            },
            "spms:2.4": {
                "en": "2.4 — Pollution and other pressures are reduced",
                "fr": "2.4 — La pollution et les autres pressions sont réduites",
                "es": "2.4 — Se reducen la contaminación y otras presiones",
            },
            "spms:3.1": {
                "en": "3.1 — Critical sites for migratory species are identified and conserved",
                "fr": "3.1 — Les sites critiques pour les espèces migratrices sont identifiés et "
                "conservés",
                "es": "3.1 — Se identifican y conservan los sitios críticos para las especies "
                "migratorias",
            },
            "spms:3.2": {
                "en": "3.2 — Ecological networks and connectivity are maintained",
                "fr": "3.2 — Les réseaux écologiques et la connectivité sont préservés",
                "es": "3.2 — Se mantienen las redes ecológicas y la conectividad",
            },
            "spms:3.3": {
                "en": "3.3 — Degraded habitats are restored",
                "fr": "3.3 — Les habitats dégradés sont restaurés",
                "es": "3.3 — Se restauran los hábitats degradados",
            },
            "spms:4.1": {
                "en": "4.1 — The conservation status of migratory species improves",
                "fr": "4.1 — L’état de conservation des espèces migratrices s’améliore",
                "es": "4.1 — Mejora el estado de conservación de las especies migratorias",
            },
            "spms:4.2": {
                "en": "4.2 — Research and monitoring inform conservation",
                "fr": "4.2 — La recherche et le suivi éclairent les mesures de conservation",
                "es": "4.2 — La investigación y el seguimiento orientan la conservación",
            },
            "spms:4.3": {
                "en": "4.3 — Traditional knowledge is respected and used",
                "fr": "4.3 — Les connaissances traditionnelles sont respectées et utilisées",
                "es": "4.3 — Se respetan y utilizan los conocimientos tradicionales",
            },
            "spms:5.1": {
                "en": "5.1 — National strategies and legislation address migratory species",
                "fr": "5.1 — Les stratégies et législations nationales tiennent compte des espèces "
                "migratrices",
                "es": "5.1 — Las estrategias y la legislación nacionales abordan las especies "
                "migratorias",
            },
            "spms:5.2": {
                "en": "5.2 — Resources for implementation are mobilised",
                "fr": "5.2 — Les ressources nécessaires à la mise en œuvre sont mobilisées",
                "es": "5.2 — Se movilizan recursos para la aplicación",
            },
            "spms:5.3": {
                "en": "5.3 — Capacity and cooperation are strengthened",
                "fr": "5.3 — Les capacités et la coopération sont renforcées",
                "es": "5.3 — Se fortalecen la capacidad y la cooperación",
            },
        },
    },
    "gbf": {
        "label": {
            "en": "Kunming-Montreal Global Biodiversity Framework",
            "fr": "Cadre mondial de la biodiversité de Kunming-Montréal",
            "es": "Marco Mundial de Biodiversidad de Kunming-Montreal",
        },
        "terms": {
            "gbf:1": {
                "en": "Target 1 — Plan and manage all areas to reduce biodiversity loss",
                "fr": "Cible 1 — Planifier et gérer toutes les zones pour réduire la perte de "
                "biodiversité",
                "es": "Meta 1 — Planificar y gestionar todas las zonas para reducir la pérdida de "
                "biodiversidad",
            },
            "gbf:2": {
                "en": "Target 2 — Restore 30% of all degraded ecosystems",
                "fr": "Cible 2 — Restaurer 30 % de tous les écosystèmes dégradés",
                "es": "Meta 2 — Restaurar el 30 % de todos los ecosistemas degradados",
            },
            "gbf:3": {
                "en": "Target 3 — Conserve 30% of land, waters and seas",
                "fr": "Cible 3 — Conserver 30 % des terres, des eaux et des mers",
                "es": "Meta 3 — Conservar el 30 % de las tierras, aguas y mares",
            },
            "gbf:4": {
                "en": "Target 4 — Halt species extinction, protect genetic diversity, manage "
                "human-wildlife conflict",
                "fr": "Cible 4 — Enrayer les extinctions, protéger la diversité génétique, gérer "
                "les conflits homme-faune",
                "es": "Meta 4 — Detener las extinciones, proteger la diversidad genética, "
                "gestionar conflictos con la fauna",
            },
            "gbf:5": {
                "en": "Target 5 — Ensure sustainable, safe and legal harvesting and trade of wild "
                "species",
                "fr": "Cible 5 — Assurer une exploitation et un commerce durables, sûrs et légaux "
                "des espèces sauvages",
                "es": "Meta 5 — Lograr que el uso y el comercio de especies silvestres sean "
                "sostenibles y legales",
            },
            "gbf:6": {
                "en": "Target 6 — Reduce the introduction of invasive alien species by 50%",
                "fr": "Cible 6 — Réduire de 50 % l’introduction d’espèces exotiques envahissantes",
                "es": "Meta 6 — Reducir en un 50 % la introducción de especies exóticas invasoras",
            },
            "gbf:7": {
                "en": "Target 7 — Reduce pollution to levels that are not harmful to biodiversity",
                "fr": "Cible 7 — Ramener la pollution à des niveaux non nocifs pour la "
                "biodiversité",
                "es": "Meta 7 — Reducir la contaminación a niveles no perjudiciales para la "
                "biodiversidad",
            },
            "gbf:8": {
                "en": "Target 8 — Minimize the impacts of climate change on biodiversity",
                "fr": "Cible 8 — Réduire au minimum l’impact des changements climatiques sur la "
                "biodiversité",
                "es": "Meta 8 — Minimizar los efectos del cambio climático en la biodiversidad",
            },
            "gbf:9": {
                "en": "Target 9 — Manage wild species sustainably to benefit people",
                "fr": "Cible 9 — Gérer durablement les espèces sauvages au profit des populations",
                "es": "Meta 9 — Gestionar de forma sostenible las especies silvestres en "
                "beneficio de las personas",
            },
            "gbf:10": {
                "en": "Target 10 — Sustainable agriculture, aquaculture, fisheries and forestry",
                "fr": "Cible 10 — Agriculture, aquaculture, pêche et foresterie durables",
                "es": "Meta 10 — Agricultura, acuicultura, pesca y silvicultura sostenibles",
            },
            "gbf:11": {
                "en": "Target 11 — Restore, maintain and enhance nature's contributions to people",
                "fr": "Cible 11 — Restaurer, maintenir et renforcer les contributions de la "
                "nature aux populations",
                "es": "Meta 11 — Restaurar, mantener y mejorar las contribuciones de la "
                "naturaleza a las personas",
            },
            "gbf:12": {
                "en": "Target 12 — Enhance green and blue spaces in urban areas",
                "fr": "Cible 12 — Améliorer les espaces verts et bleus dans les zones urbaines",
                "es": "Meta 12 — Mejorar los espacios verdes y azules en las zonas urbanas",
            },
            "gbf:13": {
                "en": "Target 13 — Share the benefits of genetic resources and traditional "
                "knowledge",
                "fr": "Cible 13 — Partager les avantages des ressources génétiques et des "
                "connaissances traditionnelles",
                "es": "Meta 13 — Compartir los beneficios de los recursos genéticos y los "
                "conocimientos tradicionales",
            },
            "gbf:14": {
                "en": "Target 14 — Integrate biodiversity in decision-making at every level",
                "fr": "Cible 14 — Intégrer la biodiversité dans la prise de décision à tous les "
                "niveaux",
                "es": "Meta 14 — Integrar la biodiversidad en la toma de decisiones a todos los "
                "niveles",
            },
            "gbf:15": {
                "en": "Target 15 — Businesses assess, disclose and reduce biodiversity-related "
                "risks",
                "fr": "Cible 15 — Les entreprises évaluent, publient et réduisent leurs risques "
                "liés à la biodiversité",
                "es": "Meta 15 — Las empresas evalúan, divulgan y reducen sus riesgos relacionados "
                "con la biodiversidad",
            },
            "gbf:16": {
                "en": "Target 16 — Enable sustainable consumption choices to reduce waste",
                "fr": "Cible 16 — Favoriser une consommation durable et réduire le gaspillage",
                "es": "Meta 16 — Propiciar opciones de consumo sostenible y reducir el desperdicio",
            },
            "gbf:17": {
                "en": "Target 17 — Strengthen biosafety and distribute the benefits of "
                "biotechnology",
                "fr": "Cible 17 — Renforcer la biosécurité et partager les avantages des "
                "biotechnologies",
                "es": "Meta 17 — Reforzar la seguridad de la biotecnología y distribuir sus "
                "beneficios",
            },
            "gbf:18": {
                "en": "Target 18 — Reduce harmful incentives by $500 billion per year",
                "fr": "Cible 18 — Réduire les incitations néfastes de 500 milliards de dollars "
                "par an",
                "es": "Meta 18 — Reducir los incentivos perjudiciales en 500.000 millones de "
                "dólares al año",
            },
            "gbf:19": {
                "en": "Target 19 — Mobilize $200 billion per year for biodiversity from all "
                "sources",
                "fr": "Cible 19 — Mobiliser 200 milliards de dollars par an pour la biodiversité",
                "es": "Meta 19 — Movilizar 200.000 millones de dólares al año para la "
                "biodiversidad",
            },
            "gbf:20": {
                "en": "Target 20 — Strengthen capacity-building, technology transfer and "
                "cooperation",
                "fr": "Cible 20 — Renforcer les capacités, le transfert de technologies et la "
                "coopération",
                "es": "Meta 20 — Fortalecer la creación de capacidad, la transferencia de "
                "tecnología y la cooperación",
            },
            "gbf:21": {
                "en": "Target 21 — Make knowledge available and accessible to guide action",
                "fr": "Cible 21 — Rendre les connaissances disponibles et accessibles pour guider "
                "l’action",
                "es": "Meta 21 — Poner los conocimientos a disposición de todos para orientar la "
                "acción",
            },
            "gbf:22": {
                "en": "Target 22 — Ensure participation, access to justice and information for all",
                "fr": "Cible 22 — Garantir la participation et l’accès à la justice et à "
                "l’information",
                "es": "Meta 22 — Garantizar la participación y el acceso a la justicia y a la "
                "información",
            },
            "gbf:23": {
                "en": "Target 23 — Ensure gender equality in biodiversity action",
                "fr": "Cible 23 — Garantir l’égalité des genres dans l’action en faveur de la "
                "biodiversité",
                "es": "Meta 23 — Garantizar la igualdad de género en la acción por la "
                "biodiversidad",
            },
        },
    },
    "sdg": {
        "label": {
            "en": "Sustainable Development Goals",
            "fr": "Objectifs de développement durable",
            "es": "Objetivos de Desarrollo Sostenible",
        },
        "terms": {
            "sdg:6.6": {
                "en": "6.6 — Protect and restore water-related ecosystems",
                "fr": "6.6 — Protéger et restaurer les écosystèmes liés à l’eau",
                "es": "6.6 — Proteger y restablecer los ecosistemas relacionados con el agua",
            },
            "sdg:12.4": {
                "en": "12.4 — Environmentally sound management of chemicals and wastes",
                "fr": "12.4 — Gestion écologiquement rationnelle des produits chimiques et des "
                "déchets",
                "es": "12.4 — Gestión ecológicamente racional de los productos químicos y los "
                "desechos",
            },
            "sdg:13.2": {
                "en": "13.2 — Integrate climate change measures into national policies",
                "fr": "13.2 — Intégrer les mesures relatives aux changements climatiques dans les "
                "politiques",
                "es": "13.2 — Incorporar medidas relativas al cambio climático en las políticas "
                "nacionales",
            },
            "sdg:14.1": {
                "en": "14.1 — Prevent and reduce marine pollution",
                "fr": "14.1 — Prévenir et réduire la pollution marine",
                "es": "14.1 — Prevenir y reducir la contaminación marina",
            },
            "sdg:14.2": {
                "en": "14.2 — Sustainably manage and protect marine and coastal ecosystems",
                "fr": "14.2 — Gérer et protéger durablement les écosystèmes marins et côtiers",
                "es": "14.2 — Gestionar y proteger de forma sostenible los ecosistemas marinos y "
                "costeros",
            },
            "sdg:14.4": {
                "en": "14.4 — End overfishing and destructive fishing practices",
                "fr": "14.4 — Mettre un terme à la surpêche et aux pratiques de pêche "
                "destructrices",
                "es": "14.4 — Poner fin a la pesca excesiva y a las prácticas pesqueras "
                "destructivas",
            },
            "sdg:14.5": {
                "en": "14.5 — Conserve at least 10% of coastal and marine areas",
                "fr": "14.5 — Préserver au moins 10 % des zones marines et côtières",
                "es": "14.5 — Conservar al menos el 10 % de las zonas costeras y marinas",
            },
            "sdg:15.1": {
                "en": "15.1 — Conserve and restore terrestrial and freshwater ecosystems",
                "fr": "15.1 — Préserver et restaurer les écosystèmes terrestres et d’eau douce",
                "es": "15.1 — Conservar y restablecer los ecosistemas terrestres y de agua dulce",
            },
            "sdg:15.2": {
                "en": "15.2 — Sustainably manage forests and halt deforestation",
                "fr": "15.2 — Gérer durablement les forêts et mettre un terme à la déforestation",
                "es": "15.2 — Gestionar de forma sostenible los bosques y poner fin a la "
                "deforestación",
            },
            "sdg:15.5": {
                "en": "15.5 — Halt biodiversity loss and protect threatened species",
                "fr": "15.5 — Mettre un terme à l’appauvrissement de la biodiversité et protéger "
                "les espèces menacées",
                "es": "15.5 — Detener la pérdida de biodiversidad y proteger las especies "
                "amenazadas",
            },
            "sdg:15.7": {
                "en": "15.7 — End poaching and trafficking of protected species",
                "fr": "15.7 — Mettre un terme au braconnage et au trafic d’espèces protégées",
                "es": "15.7 — Poner fin a la caza furtiva y el tráfico de especies protegidas",
            },
            "sdg:15.8": {
                "en": "15.8 — Prevent and reduce the impact of invasive alien species",
                "fr": "15.8 — Prévenir l’introduction d’espèces exotiques envahissantes et "
                "atténuer leurs effets",
                "es": "15.8 — Prevenir la introducción de especies exóticas invasoras y reducir "
                "sus efectos",
            },
            "sdg:15.9": {
                "en": "15.9 — Integrate ecosystem and biodiversity values into planning",
                "fr": "15.9 — Intégrer les valeurs des écosystèmes et de la biodiversité dans la "
                "planification",
                "es": "15.9 — Integrar los valores de los ecosistemas y la biodiversidad en la "
                "planificación",
            },
            "sdg:17.9": {
                "en": "17.9 — Enhance capacity-building in developing countries",
                "fr": "17.9 — Renforcer les capacités des pays en développement",
                "es": "17.9 — Aumentar la creación de capacidad en los países en desarrollo",
            },
            "sdg:17.16": {
                "en": "17.16 — Enhance the Global Partnership for Sustainable Development",
                "fr": "17.16 — Renforcer le Partenariat mondial pour le développement durable",
                "es": "17.16 — Mejorar la Alianza Mundial para el Desarrollo Sostenible",
            },
        },
    },
}

ALL_TAGS: frozenset[str] = frozenset(
    tag for vocabulary in VOCABULARIES.values() for tag in vocabulary["terms"]
)


def vocabulary_of(tag: str) -> str:
    """Return the vocabulary a tag belongs to, e.g. ``"gbf:3"`` -> ``"gbf"``.

    Only the prefix is checked, not the term: ``"gbf:99"`` gives ``"gbf"``. Raises ``KeyError``
    if the tag has no ``"<vocabulary>:"`` prefix or the prefix is not a known vocabulary.
    """
    prefix, sep, _ = tag.partition(":")
    if not sep or prefix not in VOCABULARIES:
        raise KeyError(tag)
    return prefix


def is_known(tag: str) -> bool:
    """Return whether ``tag`` is a term of one of the vocabularies."""
    return tag in ALL_TAGS


def term_label(tag: str) -> dict[str, str]:
    """Return the labels of a tag by language (``{"en": ..., "fr": ..., "es": ...}``).

    Raises ``KeyError`` if the tag is not a term of one of the vocabularies. The returned dict
    is a copy and may be modified by the caller.
    """
    return dict(VOCABULARIES[vocabulary_of(tag)]["terms"][tag])
