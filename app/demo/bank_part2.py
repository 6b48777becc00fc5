"""Harmonised bank questions, part 2: habitats, knowledge and implementation.

Demo content for the harmonised question bank: 64 questions on protected areas and critical
sites, ecological networks and connectivity, habitat loss and restoration, research and
monitoring, population estimates and data sharing, national planning and legislation, resource
mobilisation, capacity building, cooperation with other multilateral environmental agreements
and regional bodies, awareness and education, and Indigenous peoples and local communities.
The wording follows the CMS, AEWA, EUROBATS and Raptors MoU national report formats, but this is
demo content, not the secretariats' official text.

Each entry has a ``code``, an ``owner`` (the instrument whose secretariat maintains the
question), an answer ``type`` (see ``app.answers.types``), ``text`` and ``guidance`` in English,
French and Spanish (``guidance`` is ``{}`` where the question speaks for itself), a ``config``
for its type and ``tags`` from ``app.bank.vocabularies``. The top-level fields describe
version 1; an optional ``versions`` list holds later versions (``type``, ``text``,
``guidance``, ``config``). The second version of RES-MONITOR-03 is compatible with the first
(one choice added); that of IMPL-PLAN-01 is not (a choice is replaced).

French texts use the typographic apostrophe and a no-break space (U+00A0) before : ; ? ! and %
and inside « », as the CMS Secretariat's translators write them; Spanish uses a no-break space
before % and in large numbers.
"""

QUESTIONS: list[dict] = [
    # Protected areas and critical sites
    {
        "code": "HAB-PA-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Has your country identified the critical sites for Appendix I species on its "
                "territory?"
            ),
            "fr": (
                "Votre pays a-t-il identifié les sites critiques pour les espèces inscrites à "
                "l’Annexe I sur son territoire ?"
            ),
            "es": (
                "¿Ha identificado su país los sitios críticos para las especies incluidas en el "
                "Apéndice I en su territorio?"
            ),
        },
        "guidance": {
            "en": (
                "Critical sites are sites essential for the survival of a species at any stage of "
                "its life cycle, such as breeding, staging, moulting or wintering sites. Answer "
                "“yes” if an inventory or list has been compiled, even if it is not yet complete."
            ),
            "fr": (
                "Les sites critiques sont des sites essentiels à la survie d’une espèce à un stade "
                "quelconque de son cycle de vie, tels que les sites de reproduction, de halte "
                "migratoire, de mue ou d’hivernage. Répondez « oui » si un inventaire ou une liste "
                "a été établi, même s’il n’est pas encore complet."
            ),
            "es": (
                "Los sitios críticos son aquellos esenciales para la supervivencia de una especie "
                "en cualquier etapa de su ciclo vital, como los sitios de reproducción, de escala "
                "migratoria, de muda o de invernada. Responda «sí» si se ha elaborado un "
                "inventario o una lista, aunque todavía no esté completo."
            ),
        },
        "config": {},
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3", "sdg:15.1"],
    },
    {
        "code": "HAB-PA-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": (
                "What percentage of the critical sites identified for migratory species is covered "
                "by protected areas?"
            ),
            "fr": (
                "Quel pourcentage des sites critiques identifiés pour les espèces migratrices est "
                "couvert par des aires protégées ?"
            ),
            "es": (
                "¿Qué porcentaje de los sitios críticos identificados para las especies "
                "migratorias está cubierto por áreas protegidas?"
            ),
        },
        "guidance": {
            "en": (
                "Count a site as covered if at least part of it lies within a protected area or an "
                "OECM (other effective area-based conservation measure). If the figure is an "
                "estimate, explain in the comments how it was obtained."
            ),
            "fr": (
                "Considérez qu’un site est couvert si au moins une partie de celui-ci se trouve "
                "dans une aire protégée ou relève d’une autre mesure de conservation efficace par "
                "zone (AMCEZ). S’il s’agit d’une estimation, précisez dans les commentaires "
                "comment elle a été obtenue."
            ),
            "es": (
                "Considere que un sitio está cubierto si al menos una parte de él se encuentra "
                "dentro de un área protegida o de otra medida eficaz de conservación basada en "
                "áreas (OMEC). Si la cifra es una estimación, explique en los comentarios cómo se "
                "obtuvo."
            ),
        },
        "config": {
            "unit": {"en": "%", "fr": "%", "es": "%"},
            "min": 0,
            "max": 100,
            "integer": False,
        },
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3", "sdg:15.1"],
    },
    {
        "code": "HAB-PA-03",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": (
                "What proportion of the protected areas important for migratory species have a "
                "management plan that is being implemented?"
            ),
            "fr": (
                "Quelle proportion des aires protégées importantes pour les espèces migratrices "
                "dispose d’un plan de gestion en cours de mise en œuvre ?"
            ),
            "es": (
                "¿Qué proporción de las áreas protegidas importantes para las especies migratorias "
                "cuenta con un plan de gestión que se esté aplicando?"
            ),
        },
        "guidance": {
            "en": (
                "Count only plans that have been formally adopted and whose measures are being "
                "carried out. Draft plans and plans that have expired should not be counted."
            ),
            "fr": (
                "Ne comptez que les plans officiellement adoptés dont les mesures sont "
                "effectivement mises en œuvre. Les projets de plan et les plans arrivés à échéance "
                "ne doivent pas être pris en compte."
            ),
            "es": (
                "Cuente solo los planes aprobados oficialmente cuyas medidas se estén aplicando. "
                "No deben tenerse en cuenta los proyectos de plan ni los planes que hayan expirado."
            ),
        },
        "config": {
            "choices": [
                {"key": "none", "label": {"en": "None", "fr": "Aucune", "es": "Ninguna"}},
                {
                    "key": "under-25",
                    "label": {"en": "Less than 25%", "fr": "Moins de 25 %", "es": "Menos del 25 %"},
                },
                {
                    "key": "25-50",
                    "label": {"en": "25–50%", "fr": "De 25 à 50 %", "es": "Del 25 % al 50 %"},
                },
                {
                    "key": "51-75",
                    "label": {"en": "51–75%", "fr": "De 51 à 75 %", "es": "Del 51 % al 75 %"},
                },
                {
                    "key": "over-75",
                    "label": {"en": "More than 75%", "fr": "Plus de 75 %", "es": "Más del 75 %"},
                },
                {
                    "key": "unknown",
                    "label": {"en": "Not known", "fr": "Inconnue", "es": "Se desconoce"},
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3"],
    },
    {
        "code": "HAB-PA-04",
        "owner": "CMS",
        "type": "site",
        "text": {
            "en": (
                "Which protected areas or other sites important for migratory species were "
                "designated or extended during the reporting period?"
            ),
            "fr": (
                "Quelles aires protégées ou autres sites importants pour les espèces migratrices "
                "ont été désignés ou agrandis au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Qué áreas protegidas u otros sitios importantes para las especies migratorias se "
                "designaron o ampliaron durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Select each site from the list, or add it if it is not listed. For sites that "
                "were extended, give the area added in the comments."
            ),
            "fr": (
                "Sélectionnez chaque site dans la liste ou ajoutez-le s’il n’y figure pas. Pour "
                "les sites agrandis, indiquez dans les commentaires la superficie ajoutée."
            ),
            "es": (
                "Seleccione cada sitio de la lista o añádalo si no figura en ella. En el caso de "
                "los sitios ampliados, indique en los comentarios la superficie añadida."
            ),
        },
        "config": {},
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3", "sdg:15.1"],
    },
    {
        "code": "HAB-PA-05",
        "owner": "AEWA",
        "type": "site",
        "text": {
            "en": (
                "Which sites of international importance for the waterbird populations listed in "
                "Table 1 of the AEWA Action Plan were given protected status during the reporting "
                "period?"
            ),
            "fr": (
                "Quels sites d’importance internationale pour les populations d’oiseaux d’eau "
                "inscrites au Tableau 1 du Plan d’action de l’AEWA ont reçu un statut de "
                "protection au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Qué sitios de importancia internacional para las poblaciones de aves acuáticas "
                "incluidas en la Tabla 1 del Plan de Acción del AEWA recibieron un estatuto de "
                "protección durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "A site is of international importance if it regularly holds 1% or more of the "
                "individuals in a waterbird population, or 20,000 or more waterbirds, in line with "
                "Ramsar Criteria 5 and 6. Include sites protected under national legislation as "
                "well as newly designated Ramsar Sites."
            ),
            "fr": (
                "Un site est d’importance internationale s’il accueille régulièrement 1 % ou plus "
                "des individus d’une population d’oiseaux d’eau, ou 20 000 oiseaux d’eau ou plus, "
                "conformément aux critères 5 et 6 de Ramsar. Indiquez aussi bien les sites "
                "protégés en vertu de la législation nationale que les sites Ramsar nouvellement "
                "désignés."
            ),
            "es": (
                "Un sitio es de importancia internacional si acoge regularmente el 1 % o más de "
                "los individuos de una población de aves acuáticas, o 20 000 o más aves acuáticas, "
                "de conformidad con los criterios 5 y 6 de Ramsar. Incluya tanto los sitios "
                "protegidos en virtud de la legislación nacional como los sitios Ramsar designados "
                "recientemente."
            ),
        },
        "config": {},
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3", "sdg:6.6"],
    },
    {
        "code": "HAB-PA-06",
        "owner": "RAPTORS",
        "type": "single_choice",
        "text": {
            "en": (
                "To what extent are the sites listed for your country in Table 3 of the Raptors "
                "MoU Action Plan covered by protected areas?"
            ),
            "fr": (
                "Dans quelle mesure les sites inscrits pour votre pays au Tableau 3 du Plan "
                "d’action du Mémorandum d’entente sur les rapaces sont-ils couverts par des aires "
                "protégées ?"
            ),
            "es": (
                "¿En qué medida están cubiertos por áreas protegidas los sitios indicados para su "
                "país en la Tabla 3 del Plan de Acción del Memorando de Entendimiento sobre Aves "
                "Rapaces?"
            ),
        },
        "guidance": {
            "en": (
                "Table 3 of the Action Plan (Annex 3 to the MoU) lists sites of importance for "
                "birds of prey, such as migration bottlenecks and communal roosts."
            ),
            "fr": (
                "Le Tableau 3 du Plan d’action (Annexe 3 du Mémorandum) recense les sites "
                "importants pour les oiseaux de proie, tels que les goulets d’étranglement "
                "migratoires et les dortoirs collectifs."
            ),
            "es": (
                "La Tabla 3 del Plan de Acción (Anexo 3 del Memorando) recoge los sitios "
                "importantes para las aves rapaces, como los cuellos de botella migratorios y los "
                "dormideros comunales."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "fully",
                    "label": {
                        "en": "All sites are fully covered",
                        "fr": "Tous les sites sont entièrement couverts",
                        "es": "Todos los sitios están totalmente cubiertos",
                    },
                },
                {
                    "key": "partly",
                    "label": {
                        "en": "Some sites are wholly or partly covered",
                        "fr": "Certains sites sont couverts en tout ou en partie",
                        "es": "Algunos sitios están cubiertos total o parcialmente",
                    },
                },
                {
                    "key": "not-covered",
                    "label": {
                        "en": "None of the sites is covered",
                        "fr": "Aucun site n’est couvert",
                        "es": "Ningún sitio está cubierto",
                    },
                },
                {
                    "key": "no-sites",
                    "label": {
                        "en": "No sites are listed for my country",
                        "fr": "Aucun site n’est inscrit pour mon pays",
                        "es": "No figura ningún sitio para mi país",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3", "sdg:15.5"],
    },
    {
        "code": "HAB-PA-07",
        "owner": "EUROBATS",
        "type": "yes_no",
        "text": {
            "en": (
                "Has your country identified the underground sites of importance for bats on its "
                "territory?"
            ),
            "fr": (
                "Votre pays a-t-il identifié les sites souterrains importants pour les "
                "chauves-souris sur son territoire ?"
            ),
            "es": (
                "¿Ha identificado su país los refugios subterráneos importantes para los "
                "murciélagos en su territorio?"
            ),
        },
        "guidance": {
            "en": (
                "Underground sites include caves, mines, tunnels, cellars and bunkers used by bats "
                "for hibernation, breeding or swarming. Answer “yes” if a national list of such "
                "sites has been compiled, even if it is not yet complete."
            ),
            "fr": (
                "Les sites souterrains comprennent les grottes, mines, tunnels, caves et bunkers "
                "utilisés par les chauves-souris pour l’hibernation, la mise bas ou l’essaimage. "
                "Répondez « oui » si une liste nationale de ces sites a été établie, même si elle "
                "n’est pas encore complète."
            ),
            "es": (
                "Los refugios subterráneos comprenden cuevas, minas, túneles, bodegas y búnkeres "
                "utilizados por los murciélagos para la hibernación, la cría o el swarming. "
                "Responda «sí» si se ha elaborado una lista nacional de estos refugios, aunque "
                "todavía no esté completa."
            ),
        },
        "config": {},
        "tags": ["theme:protected-areas", "spms:3.1", "gbf:3"],
    },
    {
        "code": "HAB-PA-08",
        "owner": "EUROBATS",
        "type": "multiple_choice",
        "text": {
            "en": "Which measures are in place in your country to protect important bat roosts?",
            "fr": (
                "Quelles mesures votre pays a-t-il mises en place pour protéger les gîtes "
                "importants de chauves-souris ?"
            ),
            "es": (
                "¿Qué medidas ha adoptado su país para proteger los refugios importantes de "
                "murciélagos?"
            ),
        },
        "guidance": {
            "en": (
                "Roosts include underground sites, buildings, bridges and trees used for "
                "hibernation, breeding, mating or swarming."
            ),
            "fr": (
                "Les gîtes comprennent les sites souterrains, les bâtiments, les ponts et les "
                "arbres utilisés pour l’hibernation, la mise bas, l’accouplement ou l’essaimage."
            ),
            "es": (
                "Se consideran refugios los sitios subterráneos, edificios, puentes y árboles "
                "utilizados para la hibernación, la cría, el apareamiento o el swarming."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "legal-protection",
                    "label": {
                        "en": "Legal protection of roost sites",
                        "fr": "Protection juridique des gîtes",
                        "es": "Protección jurídica de los refugios",
                    },
                },
                {
                    "key": "physical-protection",
                    "label": {
                        "en": "Physical protection (grilles, fences)",
                        "fr": "Protection physique (grilles, clôtures)",
                        "es": "Protección física (rejas, vallados)",
                    },
                },
                {
                    "key": "access-restrictions",
                    "label": {
                        "en": "Seasonal restrictions on access",
                        "fr": "Restrictions saisonnières d’accès",
                        "es": "Restricciones estacionales de acceso",
                    },
                },
                {
                    "key": "buildings",
                    "label": {
                        "en": "Safeguards for roosts in buildings during renovation work",
                        "fr": (
                            "Prise en compte des gîtes dans les bâtiments lors des travaux de "
                            "rénovation"
                        ),
                        "es": (
                            "Protección de los refugios en edificios durante las obras de "
                            "rehabilitación"
                        ),
                    },
                },
                {
                    "key": "roost-trees",
                    "label": {
                        "en": "Retention of roost trees in forest management",
                        "fr": "Maintien des arbres-gîtes dans la gestion forestière",
                        "es": "Conservación de árboles refugio en la gestión forestal",
                    },
                },
                {
                    "key": "agreements",
                    "label": {
                        "en": "Management agreements with owners",
                        "fr": "Conventions de gestion avec les propriétaires",
                        "es": "Acuerdos de gestión con los propietarios",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:protected-areas", "theme:legal-protection", "spms:3.1", "gbf:4"],
    },
    # Ecological networks and connectivity
    {
        "code": "HAB-NETWORK-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Has your country assessed the connectivity of the habitats used by migratory "
                "species on its territory?"
            ),
            "fr": (
                "Votre pays a-t-il évalué la connectivité des habitats utilisés par les espèces "
                "migratrices sur son territoire ?"
            ),
            "es": (
                "¿Ha evaluado su país la conectividad de los hábitats utilizados por las especies "
                "migratorias en su territorio?"
            ),
        },
        "guidance": {
            "en": (
                "Connectivity assessments may be national or regional and may cover terrestrial, "
                "freshwater, marine or aerial habitats, for example through the mapping of "
                "migration corridors or stopover sites."
            ),
            "fr": (
                "Les évaluations de la connectivité peuvent être nationales ou régionales et "
                "porter sur des habitats terrestres, d’eau douce, marins ou aériens, par exemple "
                "au moyen de la cartographie des corridors de migration ou des sites de halte."
            ),
            "es": (
                "Las evaluaciones de la conectividad pueden ser nacionales o regionales y abarcar "
                "hábitats terrestres, de agua dulce, marinos o aéreos, por ejemplo mediante la "
                "cartografía de corredores migratorios o sitios de escala."
            ),
        },
        "config": {},
        "tags": ["theme:ecological-networks", "spms:3.2", "gbf:1", "sdg:15.1"],
    },
    {
        "code": "HAB-NETWORK-02",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": (
                "Which barriers to migration are considered significant for migratory species in "
                "your country?"
            ),
            "fr": (
                "Quels obstacles à la migration sont considérés comme importants pour les espèces "
                "migratrices dans votre pays ?"
            ),
            "es": (
                "¿Qué barreras a la migración se consideran significativas para las especies "
                "migratorias en su país?"
            ),
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "dams-weirs",
                    "label": {
                        "en": "Dams and weirs",
                        "fr": "Barrages et seuils",
                        "es": "Presas y azudes",
                    },
                },
                {
                    "key": "roads-railways",
                    "label": {
                        "en": "Roads and railways",
                        "fr": "Routes et voies ferrées",
                        "es": "Carreteras y vías férreas",
                    },
                },
                {"key": "fences", "label": {"en": "Fences", "fr": "Clôtures", "es": "Vallados"}},
                {
                    "key": "power-lines",
                    "label": {
                        "en": "Power lines",
                        "fr": "Lignes électriques",
                        "es": "Tendidos eléctricos",
                    },
                },
                {
                    "key": "wind-energy",
                    "label": {
                        "en": "Wind turbines",
                        "fr": "Éoliennes",
                        "es": "Instalaciones de energía eólica",
                    },
                },
                {
                    "key": "urban-development",
                    "label": {
                        "en": "Urban and industrial development",
                        "fr": "Urbanisation et aménagements industriels",
                        "es": "Desarrollo urbano e industrial",
                    },
                },
                {
                    "key": "artificial-light",
                    "label": {
                        "en": "Artificial light at night",
                        "fr": "Éclairage artificiel nocturne",
                        "es": "Luz artificial nocturna",
                    },
                },
                {
                    "key": "underwater-noise",
                    "label": {
                        "en": "Underwater noise",
                        "fr": "Bruit sous-marin",
                        "es": "Ruido submarino",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:ecological-networks", "spms:3.2", "spms:2.3", "gbf:3"],
    },
    {
        "code": "HAB-NETWORK-03",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": (
                "Describe the measures taken during the reporting period to remove or mitigate "
                "barriers to migration, such as fish passes, wildlife crossings or the removal of "
                "obsolete fences."
            ),
            "fr": (
                "Décrivez les mesures prises au cours de la période couverte par le rapport pour "
                "supprimer ou atténuer les obstacles à la migration, telles que les passes à "
                "poissons, les passages à faune ou le démantèlement de clôtures obsolètes."
            ),
            "es": (
                "Describa las medidas adoptadas durante el período que abarca el informe para "
                "eliminar o mitigar las barreras a la migración, como escalas para peces, pasos de "
                "fauna o la retirada de vallados en desuso."
            ),
        },
        "guidance": {
            "en": (
                "Where possible, indicate the species concerned, the location and any results of "
                "monitoring of the effectiveness of the measures."
            ),
            "fr": (
                "Dans la mesure du possible, indiquez les espèces concernées, la localisation et "
                "les résultats éventuels du suivi de l’efficacité des mesures."
            ),
            "es": (
                "En la medida de lo posible, indique las especies en cuestión, la ubicación y, en "
                "su caso, los resultados del seguimiento de la eficacia de las medidas."
            ),
        },
        "config": {},
        "tags": ["theme:ecological-networks", "spms:3.2", "gbf:2", "sdg:15.1"],
    },
    {
        "code": "HAB-NETWORK-04",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Is your country engaged in transboundary cooperation with neighbouring countries "
                "to conserve or restore ecological connectivity for migratory species?"
            ),
            "fr": (
                "Votre pays participe-t-il à une coopération transfrontière avec des pays voisins "
                "pour conserver ou restaurer la connectivité écologique au profit des espèces "
                "migratrices ?"
            ),
            "es": (
                "¿Participa su país en actividades de cooperación transfronteriza con países "
                "vecinos para conservar o restaurar la conectividad ecológica en beneficio de las "
                "especies migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Include transboundary protected areas, joint management plans and coordinated "
                "monitoring along shared migration routes."
            ),
            "fr": (
                "Tenez compte des aires protégées transfrontières, des plans de gestion conjoints "
                "et du suivi coordonné le long des voies de migration partagées."
            ),
            "es": (
                "Incluya las áreas protegidas transfronterizas, los planes de gestión conjuntos y "
                "el seguimiento coordinado a lo largo de las rutas migratorias compartidas."
            ),
        },
        "config": {},
        "tags": ["theme:ecological-networks", "theme:cooperation", "spms:3.2", "gbf:3"],
    },
    {
        "code": "HAB-NETWORK-05",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": (
                "For each type of ecosystem, indicate whether the connectivity needs of migratory "
                "species are taken into account in spatial planning and how many transboundary "
                "initiatives on connectivity are under way."
            ),
            "fr": (
                "Pour chaque type d’écosystème, indiquez si les besoins des espèces migratrices en "
                "matière de connectivité sont pris en compte dans la planification spatiale et "
                "combien d’initiatives transfrontières relatives à la connectivité sont en cours."
            ),
            "es": (
                "Para cada tipo de ecosistema, indique si las necesidades de conectividad de las "
                "especies migratorias se tienen en cuenta en la planificación espacial y cuántas "
                "iniciativas transfronterizas sobre conectividad están en marcha."
            ),
        },
        "guidance": {
            "en": "Spatial planning includes land-use planning and marine spatial planning.",
            "fr": (
                "La planification spatiale comprend l’aménagement du territoire et la "
                "planification de l’espace maritime."
            ),
            "es": (
                "La planificación espacial comprende la ordenación del territorio y la ordenación "
                "del espacio marítimo."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "terrestrial",
                    "label": {
                        "en": "Terrestrial ecosystems",
                        "fr": "Écosystèmes terrestres",
                        "es": "Ecosistemas terrestres",
                    },
                },
                {
                    "key": "inland-waters",
                    "label": {
                        "en": "Rivers, lakes and other inland waters",
                        "fr": "Cours d’eau, lacs et autres eaux intérieures",
                        "es": "Ríos, lagos y otras aguas continentales",
                    },
                },
                {
                    "key": "coastal",
                    "label": {
                        "en": "Coastal wetlands and intertidal areas",
                        "fr": "Zones humides côtières et zones intertidales",
                        "es": "Humedales costeros y zonas intermareales",
                    },
                },
                {
                    "key": "marine",
                    "label": {
                        "en": "Marine ecosystems",
                        "fr": "Écosystèmes marins",
                        "es": "Ecosistemas marinos",
                    },
                },
            ],
            "columns": [
                {
                    "key": "spatial-planning",
                    "label": {
                        "en": "Considered in spatial planning",
                        "fr": "Pris en compte dans la planification spatiale",
                        "es": "Se tienen en cuenta en la planificación espacial",
                    },
                    "type": "yes_no",
                },
                {
                    "key": "initiatives",
                    "label": {
                        "en": "Number of transboundary initiatives",
                        "fr": "Nombre d’initiatives transfrontières",
                        "es": "Número de iniciativas transfronterizas",
                    },
                    "type": "number",
                },
                {
                    "key": "species-groups",
                    "label": {
                        "en": "Main species groups concerned",
                        "fr": "Principaux groupes d’espèces concernés",
                        "es": "Principales grupos de especies en cuestión",
                    },
                    "type": "short_text",
                },
            ],
        },
        "tags": ["theme:ecological-networks", "spms:3.2", "gbf:1", "sdg:14.2"],
    },
    # Habitat loss and restoration
    {
        "code": "HAB-RESTORE-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Have habitats important for migratory species been restored in your country "
                "during the reporting period?"
            ),
            "fr": (
                "Des habitats importants pour les espèces migratrices ont-ils été restaurés dans "
                "votre pays au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Se han restaurado en su país hábitats importantes para las especies migratorias "
                "durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Include the restoration of wetlands, grasslands, forests, rivers, seagrass "
                "meadows and other habitats, whether carried out by public authorities, "
                "non-governmental organisations or the private sector."
            ),
            "fr": (
                "Tenez compte de la restauration des zones humides, prairies, forêts, cours d’eau, "
                "herbiers marins et autres habitats, qu’elle ait été menée par les pouvoirs "
                "publics, des organisations non gouvernementales ou le secteur privé."
            ),
            "es": (
                "Incluya la restauración de humedales, pastizales, bosques, ríos, praderas marinas "
                "y otros hábitats, tanto si la llevaron a cabo las autoridades públicas como "
                "organizaciones no gubernamentales o el sector privado."
            ),
        },
        "config": {},
        "tags": ["theme:habitat-loss", "spms:3.3", "gbf:2", "sdg:15.1"],
    },
    {
        "code": "HAB-RESTORE-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": (
                "What total area of habitat important for migratory species was restored during "
                "the reporting period?"
            ),
            "fr": (
                "Quelle superficie totale d’habitats importants pour les espèces migratrices a été "
                "restaurée au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Qué superficie total de hábitats importantes para las especies migratorias se "
                "restauró durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Give the area in square kilometres (1 km² = 100 ha). Count only areas where "
                "restoration work has been completed or is well advanced."
            ),
            "fr": (
                "Indiquez la superficie en kilomètres carrés (1 km² = 100 ha). Ne comptez que les "
                "zones où les travaux de restauration sont achevés ou bien avancés."
            ),
            "es": (
                "Indique la superficie en kilómetros cuadrados (1 km² = 100 ha). Cuente solo las "
                "zonas en las que las obras de restauración hayan concluido o estén muy avanzadas."
            ),
        },
        "config": {
            "unit": {"en": "km²", "fr": "km²", "es": "km²"},
            "min": 0,
            "max": None,
            "integer": False,
        },
        "tags": ["theme:habitat-loss", "spms:3.3", "gbf:2"],
    },
    {
        "code": "HAB-RESTORE-03",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": (
                "For each habitat type, give the area restored during the reporting period and the "
                "main migratory species expected to benefit."
            ),
            "fr": (
                "Pour chaque type d’habitat, indiquez la superficie restaurée au cours de la "
                "période couverte par le rapport et les principales espèces migratrices qui "
                "devraient en bénéficier."
            ),
            "es": (
                "Para cada tipo de hábitat, indique la superficie restaurada durante el período "
                "que abarca el informe y las principales especies migratorias que se espera que se "
                "beneficien de ello."
            ),
        },
        "guidance": {
            "en": (
                "Leave a row empty if no restoration took place in that habitat type. The total "
                "should match the area given in the previous question."
            ),
            "fr": (
                "Laissez la ligne vide si aucune restauration n’a eu lieu dans ce type d’habitat. "
                "Le total doit correspondre à la superficie indiquée à la question précédente."
            ),
            "es": (
                "Deje la fila vacía si no se realizó ninguna restauración en ese tipo de hábitat. "
                "El total debe coincidir con la superficie indicada en la pregunta anterior."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "inland-wetlands",
                    "label": {
                        "en": "Inland wetlands",
                        "fr": "Zones humides intérieures",
                        "es": "Humedales continentales",
                    },
                },
                {
                    "key": "grasslands",
                    "label": {
                        "en": "Grasslands and steppes",
                        "fr": "Prairies et steppes",
                        "es": "Pastizales y estepas",
                    },
                },
                {
                    "key": "forests",
                    "label": {
                        "en": "Forests and woodlands",
                        "fr": "Forêts et zones boisées",
                        "es": "Bosques y zonas arboladas",
                    },
                },
                {
                    "key": "rivers",
                    "label": {
                        "en": "Rivers and floodplains",
                        "fr": "Cours d’eau et plaines inondables",
                        "es": "Ríos y llanuras aluviales",
                    },
                },
                {
                    "key": "coastal-marine",
                    "label": {
                        "en": "Coastal and marine habitats",
                        "fr": "Habitats côtiers et marins",
                        "es": "Hábitats costeros y marinos",
                    },
                },
            ],
            "columns": [
                {
                    "key": "area",
                    "label": {
                        "en": "Area restored (km²)",
                        "fr": "Superficie restaurée (km²)",
                        "es": "Superficie restaurada (km²)",
                    },
                    "type": "number",
                },
                {
                    "key": "status",
                    "label": {"en": "Status", "fr": "État d’avancement", "es": "Estado"},
                    "type": "single_choice",
                    "choices": [
                        {
                            "key": "completed",
                            "label": {"en": "Completed", "fr": "Achevée", "es": "Concluida"},
                        },
                        {
                            "key": "ongoing",
                            "label": {"en": "Ongoing", "fr": "En cours", "es": "En curso"},
                        },
                    ],
                },
                {
                    "key": "species",
                    "label": {
                        "en": "Main species expected to benefit",
                        "fr": "Principales espèces bénéficiaires",
                        "es": "Principales especies beneficiadas",
                    },
                    "type": "short_text",
                },
            ],
        },
        "tags": ["theme:habitat-loss", "spms:3.3", "gbf:2", "sdg:6.6"],
    },
    {
        "code": "HAB-RESTORE-04",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": (
                "What is the main driver of the loss or degradation of habitats used by migratory "
                "species in your country?"
            ),
            "fr": (
                "Quelle est la principale cause de la perte ou de la dégradation des habitats "
                "utilisés par les espèces migratrices dans votre pays ?"
            ),
            "es": (
                "¿Cuál es el principal factor de pérdida o degradación de los hábitats utilizados "
                "por las especies migratorias en su país?"
            ),
        },
        "guidance": {
            "en": (
                "Select the driver with the greatest impact on migratory species overall. Other "
                "significant drivers can be mentioned in the comments."
            ),
            "fr": (
                "Sélectionnez la cause qui a le plus d’incidence sur l’ensemble des espèces "
                "migratrices. Les autres causes importantes peuvent être mentionnées dans les "
                "commentaires."
            ),
            "es": (
                "Seleccione el factor que tenga mayores repercusiones en el conjunto de las "
                "especies migratorias. Los demás factores importantes pueden mencionarse en los "
                "comentarios."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "agriculture",
                    "label": {
                        "en": "Agricultural intensification",
                        "fr": "Intensification de l’agriculture",
                        "es": "Intensificación agrícola",
                    },
                },
                {
                    "key": "wetland-drainage",
                    "label": {
                        "en": "Drainage and conversion of wetlands",
                        "fr": "Drainage et conversion des zones humides",
                        "es": "Desecación y transformación de humedales",
                    },
                },
                {
                    "key": "deforestation",
                    "label": {"en": "Deforestation", "fr": "Déforestation", "es": "Deforestación"},
                },
                {
                    "key": "urban-infrastructure",
                    "label": {
                        "en": "Urban and infrastructure development",
                        "fr": "Urbanisation et développement des infrastructures",
                        "es": "Desarrollo urbano y de infraestructuras",
                    },
                },
                {
                    "key": "water-abstraction",
                    "label": {
                        "en": "Water abstraction and altered water regimes",
                        "fr": "Prélèvements d’eau et modification du régime hydrologique",
                        "es": "Extracción de agua y alteración del régimen hidrológico",
                    },
                },
                {
                    "key": "coastal-development",
                    "label": {
                        "en": "Coastal development and land reclamation",
                        "fr": "Aménagement du littoral et poldérisation",
                        "es": "Desarrollo costero y ganancia de tierras al mar",
                    },
                },
                {
                    "key": "climate-change",
                    "label": {
                        "en": "Climate change",
                        "fr": "Changements climatiques",
                        "es": "Cambio climático",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:habitat-loss", "theme:climate-change", "spms:3.3", "gbf:1"],
    },
    # Research and monitoring
    {
        "code": "RES-MONITOR-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Does your country have a national monitoring scheme for migratory species?",
            "fr": (
                "Votre pays dispose-t-il d’un programme national de suivi des espèces migratrices ?"
            ),
            "es": (
                "¿Cuenta su país con un programa nacional de seguimiento de las especies "
                "migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "A national monitoring scheme uses a standardised method and regular surveys that "
                "allow population trends to be assessed. Schemes that cover only some species "
                "groups also count."
            ),
            "fr": (
                "Un programme national de suivi repose sur une méthode normalisée et des relevés "
                "réguliers permettant d’évaluer les tendances des populations. Les programmes qui "
                "ne couvrent que certains groupes d’espèces sont également pris en compte."
            ),
            "es": (
                "Un programa nacional de seguimiento aplica un método normalizado y censos "
                "periódicos que permiten evaluar las tendencias de las poblaciones. También se "
                "tienen en cuenta los programas que solo abarcan algunos grupos de especies."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-02",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": (
                "For each type of monitoring scheme in place in your country, indicate how often "
                "surveys are carried out and which species groups are covered."
            ),
            "fr": (
                "Pour chaque type de programme de suivi mis en œuvre dans votre pays, indiquez la "
                "fréquence des relevés et les groupes d’espèces couverts."
            ),
            "es": (
                "Para cada tipo de programa de seguimiento existente en su país, indique la "
                "frecuencia de los censos y los grupos de especies abarcados."
            ),
        },
        "guidance": {
            "en": (
                "Leave a row empty if no scheme of that type exists. In the last column, name the "
                "species groups covered, for example “shorebirds, geese” or “cetaceans”."
            ),
            "fr": (
                "Laissez la ligne vide s’il n’existe aucun programme de ce type. Dans la dernière "
                "colonne, indiquez les groupes d’espèces couverts, par exemple « limicoles, oies » "
                "ou « cétacés »."
            ),
            "es": (
                "Deje la fila vacía si no existe ningún programa de ese tipo. En la última "
                "columna, indique los grupos de especies abarcados, por ejemplo «limícolas, "
                "gansos» o «cetáceos»."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "breeding-birds",
                    "label": {
                        "en": "Breeding bird surveys",
                        "fr": "Suivi des oiseaux nicheurs",
                        "es": "Seguimiento de aves reproductoras",
                    },
                },
                {
                    "key": "waterbird-counts",
                    "label": {
                        "en": "Waterbird counts",
                        "fr": "Dénombrements d’oiseaux d’eau",
                        "es": "Censos de aves acuáticas",
                    },
                },
                {
                    "key": "raptor-migration",
                    "label": {
                        "en": "Raptor migration counts",
                        "fr": "Suivi de la migration des rapaces",
                        "es": "Conteos de la migración de rapaces",
                    },
                },
                {
                    "key": "bats",
                    "label": {
                        "en": "Bat monitoring",
                        "fr": "Suivi des chauves-souris",
                        "es": "Seguimiento de murciélagos",
                    },
                },
                {
                    "key": "marine-mammals",
                    "label": {
                        "en": "Marine mammal surveys",
                        "fr": "Recensements de mammifères marins",
                        "es": "Censos de mamíferos marinos",
                    },
                },
                {
                    "key": "sea-turtles",
                    "label": {
                        "en": "Sea turtle nesting beach monitoring",
                        "fr": "Suivi des plages de ponte des tortues marines",
                        "es": "Seguimiento de playas de anidación de tortugas marinas",
                    },
                },
                {
                    "key": "terrestrial-mammals",
                    "label": {
                        "en": "Terrestrial mammal surveys",
                        "fr": "Recensements de mammifères terrestres",
                        "es": "Censos de mamíferos terrestres",
                    },
                },
                {
                    "key": "migratory-fish",
                    "label": {
                        "en": "Migratory fish monitoring",
                        "fr": "Suivi des poissons migrateurs",
                        "es": "Seguimiento de peces migratorios",
                    },
                },
            ],
            "columns": [
                {
                    "key": "frequency",
                    "label": {"en": "Frequency", "fr": "Fréquence", "es": "Frecuencia"},
                    "type": "single_choice",
                    "choices": [
                        {
                            "key": "several-per-year",
                            "label": {
                                "en": "Several times a year",
                                "fr": "Plusieurs fois par an",
                                "es": "Varias veces al año",
                            },
                        },
                        {
                            "key": "annual",
                            "label": {"en": "Annual", "fr": "Annuelle", "es": "Anual"},
                        },
                        {
                            "key": "every-2-5-years",
                            "label": {
                                "en": "Every 2–5 years",
                                "fr": "Tous les 2 à 5 ans",
                                "es": "Cada 2 a 5 años",
                            },
                        },
                        {
                            "key": "irregular",
                            "label": {"en": "Irregular", "fr": "Irrégulière", "es": "Irregular"},
                        },
                    ],
                },
                {
                    "key": "species-groups",
                    "label": {
                        "en": "Species groups covered",
                        "fr": "Groupes d’espèces couverts",
                        "es": "Grupos de especies abarcados",
                    },
                    "type": "short_text",
                },
            ],
        },
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-03",
        "owner": "AEWA",
        "type": "single_choice",
        "text": {
            "en": "Does your country participate in the International Waterbird Census?",
            "fr": "Votre pays participe-t-il au Dénombrement international des oiseaux d’eau ?",
            "es": "¿Participa su país en el Censo Internacional de Aves Acuáticas?",
        },
        "guidance": {
            "en": (
                "The International Waterbird Census (IWC), coordinated by Wetlands International, "
                "takes place mainly in mid-January. Answer “Yes, every year” if count data were "
                "submitted for each year of the reporting period."
            ),
            "fr": (
                "Le Dénombrement international des oiseaux d’eau (DIOE), coordonné par Wetlands "
                "International, a lieu principalement à la mi-janvier. Répondez « Oui, chaque "
                "année » si des données de dénombrement ont été transmises pour chaque année de la "
                "période couverte par le rapport."
            ),
            "es": (
                "El Censo Internacional de Aves Acuáticas (CIAA), coordinado por Wetlands "
                "International, se realiza principalmente a mediados de enero. Responda «Sí, todos "
                "los años» si se remitieron datos de los conteos para cada año del período que "
                "abarca el informe."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "yes-every-year",
                    "label": {
                        "en": "Yes, every year",
                        "fr": "Oui, chaque année",
                        "es": "Sí, todos los años",
                    },
                },
                {
                    "key": "yes-some-years",
                    "label": {
                        "en": "Yes, but not every year",
                        "fr": "Oui, mais pas chaque année",
                        "es": "Sí, pero no todos los años",
                    },
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
            ],
            "allow_other": False,
        },
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
        "versions": [
            {
                "type": "single_choice",
                "text": {
                    "en": (
                        "Does your country participate, or plan to participate, in the "
                        "International Waterbird Census?"
                    ),
                    "fr": (
                        "Votre pays participe-t-il ou prévoit-il de participer au Dénombrement "
                        "international des oiseaux d’eau ?"
                    ),
                    "es": (
                        "¿Participa su país, o tiene previsto participar, en el Censo "
                        "Internacional de Aves Acuáticas?"
                    ),
                },
                "guidance": {
                    "en": (
                        "The International Waterbird Census (IWC), coordinated by Wetlands "
                        "International, takes place mainly in mid-January. Answer “Yes, every "
                        "year” if count data were submitted for each year of the reporting period. "
                        "Select “No, but participation is planned” if a national coordinator has "
                        "been appointed or counts are scheduled for the next January."
                    ),
                    "fr": (
                        "Le Dénombrement international des oiseaux d’eau (DIOE), coordonné par "
                        "Wetlands International, a lieu principalement à la mi-janvier. Répondez "
                        "« Oui, chaque année » si des données de dénombrement ont été transmises "
                        "pour chaque année de la période couverte par le rapport. Sélectionnez "
                        "« Non, mais une participation est prévue » si un coordinateur national a "
                        "été désigné ou si des dénombrements sont programmés pour le mois de "
                        "janvier suivant."
                    ),
                    "es": (
                        "El Censo Internacional de Aves Acuáticas (CIAA), coordinado por Wetlands "
                        "International, se realiza principalmente a mediados de enero. Responda "
                        "«Sí, todos los años» si se remitieron datos de los conteos para cada año "
                        "del período que abarca el informe. Seleccione «No, pero está prevista su "
                        "participación» si se ha designado un coordinador nacional o si hay "
                        "conteos programados para el próximo mes de enero."
                    ),
                },
                "config": {
                    "choices": [
                        {
                            "key": "yes-every-year",
                            "label": {
                                "en": "Yes, every year",
                                "fr": "Oui, chaque année",
                                "es": "Sí, todos los años",
                            },
                        },
                        {
                            "key": "yes-some-years",
                            "label": {
                                "en": "Yes, but not every year",
                                "fr": "Oui, mais pas chaque année",
                                "es": "Sí, pero no todos los años",
                            },
                        },
                        {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
                        {
                            "key": "planned",
                            "label": {
                                "en": "No, but participation is planned",
                                "fr": "Non, mais une participation est prévue",
                                "es": "No, pero está prevista su participación",
                            },
                        },
                    ],
                    "allow_other": False,
                },
            },
        ],
    },
    {
        "code": "RES-MONITOR-04",
        "owner": "AEWA",
        "type": "short_text",
        "text": {
            "en": (
                "Which institution coordinates the International Waterbird Census in your country?"
            ),
            "fr": (
                "Quelle institution coordonne le Dénombrement international des oiseaux d’eau dans "
                "votre pays ?"
            ),
            "es": "¿Qué institución coordina el Censo Internacional de Aves Acuáticas en su país?",
        },
        "guidance": {
            "en": (
                "Give the name of the institution. The contact details of the national coordinator "
                "can be added in the comments."
            ),
            "fr": (
                "Indiquez le nom de l’institution. Les coordonnées du coordinateur national "
                "peuvent être ajoutées dans les commentaires."
            ),
            "es": (
                "Indique el nombre de la institución. Los datos de contacto del coordinador "
                "nacional pueden añadirse en los comentarios."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-05",
        "owner": "AEWA",
        "type": "number",
        "text": {
            "en": (
                "How many sites were counted in your country during the most recent International "
                "Waterbird Census?"
            ),
            "fr": (
                "Combien de sites ont été dénombrés dans votre pays lors du dernier Dénombrement "
                "international des oiseaux d’eau ?"
            ),
            "es": (
                "¿Cuántos sitios se censaron en su país durante el último Censo Internacional de "
                "Aves Acuáticas?"
            ),
        },
        "guidance": {},
        "config": {
            "unit": {"en": "sites", "fr": "sites", "es": "sitios"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21", "sdg:6.6"],
    },
    {
        "code": "RES-MONITOR-06",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Have satellite tracking or other telemetry studies of migratory species been "
                "carried out in your country during the reporting period?"
            ),
            "fr": (
                "Des études de suivi par satellite ou par d’autres méthodes de télémétrie "
                "ont-elles été menées sur des espèces migratrices dans votre pays au cours de la "
                "période couverte par le rapport ?"
            ),
            "es": (
                "¿Se han realizado en su país estudios de seguimiento por satélite u otros "
                "estudios de telemetría de especies migratorias durante el período que abarca el "
                "informe?"
            ),
        },
        "guidance": {
            "en": (
                "Include studies using satellite transmitters, GPS-GSM loggers, geolocators or "
                "radio tracking, whether led by national institutions or by foreign teams working "
                "with national partners."
            ),
            "fr": (
                "Tenez compte des études utilisant des émetteurs satellitaires, des balises "
                "GPS-GSM, des géolocalisateurs ou le radiopistage, qu’elles soient menées par des "
                "institutions nationales ou par des équipes étrangères en collaboration avec des "
                "partenaires nationaux."
            ),
            "es": (
                "Incluya los estudios que utilicen transmisores satelitales, registradores "
                "GPS-GSM, geolocalizadores o radioseguimiento, ya sean dirigidos por instituciones "
                "nacionales o por equipos extranjeros en colaboración con socios nacionales."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-07",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": (
                "Which migratory species have been tracked by satellite or other telemetry during "
                "the reporting period?"
            ),
            "fr": (
                "Quelles espèces migratrices ont fait l’objet d’un suivi par satellite ou par "
                "d’autres méthodes de télémétrie au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Qué especies migratorias han sido objeto de seguimiento por satélite u otros "
                "métodos de telemetría durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Add one entry per species. Where known, give the number of individuals tagged in "
                "the comments."
            ),
            "fr": (
                "Ajoutez une entrée par espèce. Si possible, précisez dans les commentaires le "
                "nombre d’individus équipés."
            ),
            "es": (
                "Añada una entrada por especie. Si se conoce, indique en los comentarios el número "
                "de ejemplares marcados."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-08",
        "owner": "RAPTORS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does your country monitor the migration of birds of prey at key bottleneck sites?"
            ),
            "fr": (
                "Votre pays assure-t-il le suivi de la migration des oiseaux de proie sur les "
                "principaux goulets d’étranglement migratoires ?"
            ),
            "es": (
                "¿Realiza su país un seguimiento de la migración de las aves rapaces en los "
                "principales cuellos de botella migratorios?"
            ),
        },
        "guidance": {
            "en": (
                "Bottleneck sites are places where migrating birds of prey concentrate, such as "
                "straits, mountain passes and coastal promontories."
            ),
            "fr": (
                "Les goulets d’étranglement sont des lieux où se concentrent les oiseaux de proie "
                "en migration, tels que les détroits, les cols de montagne et les promontoires "
                "côtiers."
            ),
            "es": (
                "Los cuellos de botella son lugares donde se concentran las aves rapaces en "
                "migración, como estrechos, puertos de montaña y promontorios costeros."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-MONITOR-09",
        "owner": "EUROBATS",
        "type": "multiple_choice",
        "text": {
            "en": "Which methods are used in your country to monitor bat populations?",
            "fr": (
                "Quelles méthodes sont utilisées dans votre pays pour le suivi des populations de "
                "chauves-souris ?"
            ),
            "es": (
                "¿Qué métodos se utilizan en su país para el seguimiento de las poblaciones de "
                "murciélagos?"
            ),
        },
        "guidance": {
            "en": (
                "Select all methods used in national or regional monitoring programmes, but not "
                "those used only in one-off studies."
            ),
            "fr": (
                "Sélectionnez toutes les méthodes utilisées dans les programmes de suivi nationaux "
                "ou régionaux, à l’exclusion de celles employées uniquement dans des études "
                "ponctuelles."
            ),
            "es": (
                "Seleccione todos los métodos utilizados en los programas de seguimiento "
                "nacionales o regionales, excepto los empleados únicamente en estudios puntuales."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "hibernation-counts",
                    "label": {
                        "en": "Counts at hibernation sites",
                        "fr": "Comptages dans les gîtes d’hibernation",
                        "es": "Conteos en refugios de hibernación",
                    },
                },
                {
                    "key": "maternity-counts",
                    "label": {
                        "en": "Counts at maternity colonies",
                        "fr": "Comptages dans les colonies de mise bas",
                        "es": "Conteos en colonias de cría",
                    },
                },
                {
                    "key": "acoustic",
                    "label": {
                        "en": "Acoustic monitoring",
                        "fr": "Suivi acoustique",
                        "es": "Seguimiento acústico",
                    },
                },
                {
                    "key": "capture",
                    "label": {
                        "en": "Mist-netting or trapping",
                        "fr": "Captures au filet ou au piège",
                        "es": "Capturas con redes o trampas",
                    },
                },
                {
                    "key": "ringing",
                    "label": {"en": "Ringing", "fr": "Baguage", "es": "Anillamiento"},
                },
                {
                    "key": "radio-tracking",
                    "label": {
                        "en": "Radio tracking",
                        "fr": "Radiopistage",
                        "es": "Radioseguimiento",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    # Population estimates and data sharing
    {
        "code": "RES-DATA-01",
        "owner": "AEWA",
        "type": "date",
        "text": {
            "en": "When were the national population estimates for waterbirds last updated?",
            "fr": (
                "À quelle date les estimations nationales des populations d’oiseaux d’eau "
                "ont-elles été mises à jour pour la dernière fois ?"
            ),
            "es": (
                "¿Cuándo se actualizaron por última vez las estimaciones nacionales de población "
                "de las aves acuáticas?"
            ),
        },
        "guidance": {
            "en": (
                "Give the publication date of the most recent national estimates. If only the year "
                "is known, enter 1 January of that year."
            ),
            "fr": (
                "Indiquez la date de publication des estimations nationales les plus récentes. Si "
                "seule l’année est connue, saisissez le 1er janvier de cette année."
            ),
            "es": (
                "Indique la fecha de publicación de las estimaciones nacionales más recientes. Si "
                "solo se conoce el año, introduzca el 1 de enero de ese año."
            ),
        },
        "config": {},
        "tags": ["theme:species-status", "theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-DATA-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does your country share monitoring data on migratory species with international "
                "databases or regional networks?"
            ),
            "fr": (
                "Votre pays partage-t-il les données de suivi des espèces migratrices avec des "
                "bases de données internationales ou des réseaux régionaux ?"
            ),
            "es": (
                "¿Comparte su país los datos de seguimiento de las especies migratorias con bases "
                "de datos internacionales o redes regionales?"
            ),
        },
        "guidance": {
            "en": (
                "Examples include the IWC database, the Global Biodiversity Information Facility "
                "(GBIF), Movebank, the Ocean Biodiversity Information System (OBIS) and the "
                "EuroBirdPortal."
            ),
            "fr": (
                "Il peut s’agir par exemple de la base de données du DIOE, du Système mondial "
                "d’information sur la biodiversité (GBIF), de Movebank, du Système d’information "
                "biogéographique sur les océans (OBIS) ou de l’EuroBirdPortal."
            ),
            "es": (
                "Por ejemplo, la base de datos del CIAA, la Infraestructura Mundial de Información "
                "en Biodiversidad (GBIF), Movebank, el Sistema de Información Biogeográfica de los "
                "Océanos (OBIS) o el EuroBirdPortal."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "theme:cooperation", "spms:4.2", "gbf:21"],
    },
    {
        "code": "RES-DATA-03",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": (
                "How would you rate the overall quality of the population estimates available for "
                "the species listed in the CMS Appendices that occur in your country?"
            ),
            "fr": (
                "Comment évalueriez-vous la qualité globale des estimations de population "
                "disponibles pour les espèces inscrites aux Annexes de la CMS présentes dans votre "
                "pays ?"
            ),
            "es": (
                "¿Cómo valoraría la calidad general de las estimaciones de población disponibles "
                "para las especies incluidas en los Apéndices de la CMS presentes en su país?"
            ),
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "good",
                    "label": {
                        "en": "Good: based on recent and comprehensive surveys",
                        "fr": "Bonne : fondée sur des relevés récents et exhaustifs",
                        "es": "Buena: basada en censos recientes y exhaustivos",
                    },
                },
                {
                    "key": "moderate",
                    "label": {
                        "en": "Moderate: based on incomplete surveys or extrapolation",
                        "fr": "Moyenne : fondée sur des relevés incomplets ou des extrapolations",
                        "es": "Media: basada en censos incompletos o extrapolaciones",
                    },
                },
                {
                    "key": "poor",
                    "label": {
                        "en": "Poor: based mainly on expert opinion",
                        "fr": "Faible : fondée principalement sur l’avis d’experts",
                        "es": "Deficiente: basada principalmente en la opinión de expertos",
                    },
                },
                {
                    "key": "none",
                    "label": {
                        "en": "No estimates available",
                        "fr": "Aucune estimation disponible",
                        "es": "No se dispone de estimaciones",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:species-status", "spms:4.1", "spms:4.2", "gbf:21"],
    },
    # National planning and focal point coordination
    {
        "code": "IMPL-PLAN-01",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": (
                "Has the conservation of migratory species been integrated into your country's "
                "National Biodiversity Strategy and Action Plan (NBSAP)?"
            ),
            "fr": (
                "La conservation des espèces migratrices a-t-elle été intégrée dans la Stratégie "
                "et plan d’action nationaux pour la biodiversité (SPANB) de votre pays ?"
            ),
            "es": (
                "¿Se ha integrado la conservación de las especies migratorias en la Estrategia y "
                "Plan de Acción Nacionales en materia de Biodiversidad (EPANB) de su país?"
            ),
        },
        "guidance": {
            "en": (
                "Refer to the most recent NBSAP submitted to the Convention on Biological "
                "Diversity. “Fully” means that migratory species are addressed by specific "
                "national targets or actions."
            ),
            "fr": (
                "Référez-vous à la SPANB la plus récente soumise à la Convention sur la diversité "
                "biologique. « Entièrement » signifie que les espèces migratrices font l’objet "
                "d’objectifs nationaux ou d’actions spécifiques."
            ),
            "es": (
                "Remítase a la EPANB más reciente presentada al Convenio sobre la Diversidad "
                "Biológica. «Plenamente» significa que las especies migratorias son objeto de "
                "metas nacionales o medidas específicas."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "fully",
                    "label": {"en": "Yes, fully", "fr": "Oui, entièrement", "es": "Sí, plenamente"},
                },
                {
                    "key": "partly",
                    "label": {"en": "Yes, partly", "fr": "Oui, en partie", "es": "Sí, en parte"},
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
                {
                    "key": "under-revision",
                    "label": {
                        "en": "The NBSAP is being revised to integrate it",
                        "fr": "La SPANB est en cours de révision pour l’intégrer",
                        "es": "La EPANB se está revisando para integrarla",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:national-planning", "spms:5.1", "gbf:14"],
        "versions": [
            {
                "type": "single_choice",
                "text": {
                    "en": (
                        "Has the conservation of migratory species been integrated into your "
                        "country's NBSAP updated in line with the Kunming-Montreal Global "
                        "Biodiversity Framework?"
                    ),
                    "fr": (
                        "La conservation des espèces migratrices a-t-elle été intégrée dans la "
                        "SPANB de votre pays actualisée conformément au Cadre mondial de la "
                        "biodiversité de Kunming-Montréal ?"
                    ),
                    "es": (
                        "¿Se ha integrado la conservación de las especies migratorias en la EPANB "
                        "de su país actualizada en consonancia con el Marco Mundial de "
                        "Biodiversidad de Kunming-Montreal?"
                    ),
                },
                "guidance": {
                    "en": (
                        "Refer to the NBSAP, or the national targets, submitted to the Convention "
                        "on Biological Diversity after the adoption of the Kunming-Montreal Global "
                        "Biodiversity Framework in 2022. “Fully” means that migratory species are "
                        "addressed by specific national targets or actions."
                    ),
                    "fr": (
                        "Référez-vous à la SPANB ou aux objectifs nationaux soumis à la Convention "
                        "sur la diversité biologique après l’adoption du Cadre mondial de la "
                        "biodiversité de Kunming-Montréal en 2022. « Entièrement » signifie que "
                        "les espèces migratrices font l’objet d’objectifs nationaux ou d’actions "
                        "spécifiques."
                    ),
                    "es": (
                        "Remítase a la EPANB o a las metas nacionales presentadas al Convenio "
                        "sobre la Diversidad Biológica tras la adopción del Marco Mundial de "
                        "Biodiversidad de Kunming-Montreal en 2022. «Plenamente» significa que las "
                        "especies migratorias son objeto de metas nacionales o medidas específicas."
                    ),
                },
                "config": {
                    "choices": [
                        {
                            "key": "fully",
                            "label": {
                                "en": "Yes, fully",
                                "fr": "Oui, entièrement",
                                "es": "Sí, plenamente",
                            },
                        },
                        {
                            "key": "partly",
                            "label": {
                                "en": "Yes, partly",
                                "fr": "Oui, en partie",
                                "es": "Sí, en parte",
                            },
                        },
                        {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
                        {
                            "key": "not-yet-updated",
                            "label": {
                                "en": "The NBSAP has not yet been updated",
                                "fr": "La SPANB n’a pas encore été actualisée",
                                "es": "La EPANB aún no se ha actualizado",
                            },
                        },
                    ],
                    "allow_other": False,
                },
            },
        ],
    },
    {
        "code": "IMPL-PLAN-02",
        "owner": "CMS",
        "type": "date",
        "text": {
            "en": "On what date was your country's current NBSAP adopted?",
            "fr": "À quelle date la SPANB actuelle de votre pays a-t-elle été adoptée ?",
            "es": "¿En qué fecha se aprobó la EPANB vigente de su país?",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:national-planning", "spms:5.1", "gbf:14"],
    },
    {
        "code": "IMPL-PLAN-03",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Has your country adopted national action plans for individual migratory species "
                "or groups of species?"
            ),
            "fr": (
                "Votre pays a-t-il adopté des plans d’action nationaux pour certaines espèces "
                "migratrices ou certains groupes d’espèces ?"
            ),
            "es": (
                "¿Ha aprobado su país planes de acción nacionales para determinadas especies "
                "migratorias o grupos de especies?"
            ),
        },
        "guidance": {
            "en": (
                "Include national plans that implement international action plans adopted under "
                "CMS or its instruments, as well as plans developed on national initiative."
            ),
            "fr": (
                "Tenez compte des plans nationaux qui mettent en œuvre des plans d’action "
                "internationaux adoptés dans le cadre de la CMS ou de ses instruments, ainsi que "
                "des plans élaborés à l’initiative nationale."
            ),
            "es": (
                "Incluya los planes nacionales que aplican planes de acción internacionales "
                "aprobados en el marco de la CMS o de sus instrumentos, así como los elaborados "
                "por iniciativa nacional."
            ),
        },
        "config": {},
        "tags": ["theme:national-planning", "spms:5.1", "gbf:4"],
    },
    {
        "code": "IMPL-PLAN-04",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": "For which migratory species are national action plans in force?",
            "fr": (
                "Pour quelles espèces migratrices des plans d’action nationaux sont-ils en "
                "vigueur ?"
            ),
            "es": "¿Para qué especies migratorias hay planes de acción nacionales en vigor?",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:national-planning", "spms:5.1", "gbf:4"],
    },
    {
        "code": "IMPL-PLAN-05",
        "owner": "AEWA",
        "type": "table",
        "text": {
            "en": (
                "For each of the following AEWA International Single Species Action Plans, "
                "indicate the status of the corresponding national action plan in your country."
            ),
            "fr": (
                "Pour chacun des plans d’action internationaux par espèce de l’AEWA ci-dessous, "
                "indiquez l’état d’avancement du plan d’action national correspondant dans votre "
                "pays."
            ),
            "es": (
                "Para cada uno de los siguientes planes de acción internacionales para especies "
                "individuales del AEWA, indique la situación del plan de acción nacional "
                "correspondiente en su país."
            ),
        },
        "guidance": {
            "en": (
                "Leave the “Lead institution” column empty if no national plan exists. The AEWA "
                "species working groups coordinate the implementation of the international plans "
                "across the Range States."
            ),
            "fr": (
                "Laissez vide la colonne « Institution chef de file » s’il n’existe pas de plan "
                "national. Les groupes de travail de l’AEWA sur les espèces coordonnent la mise en "
                "œuvre des plans internationaux dans les États de l’aire de répartition."
            ),
            "es": (
                "Deje en blanco la columna «Institución responsable» si no existe un plan "
                "nacional. Los grupos de trabajo del AEWA sobre especies coordinan la aplicación "
                "de los planes internacionales en los Estados del área de distribución."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "lesser-white-fronted-goose",
                    "label": {
                        "en": "Lesser White-fronted Goose (Anser erythropus)",
                        "fr": "Oie naine (Anser erythropus)",
                        "es": "Ánsar chico (Anser erythropus)",
                    },
                },
                {
                    "key": "white-headed-duck",
                    "label": {
                        "en": "White-headed Duck (Oxyura leucocephala)",
                        "fr": "Érismature à tête blanche (Oxyura leucocephala)",
                        "es": "Malvasía cabeciblanca (Oxyura leucocephala)",
                    },
                },
                {
                    "key": "ferruginous-duck",
                    "label": {
                        "en": "Ferruginous Duck (Aythya nyroca)",
                        "fr": "Fuligule nyroca (Aythya nyroca)",
                        "es": "Porrón pardo (Aythya nyroca)",
                    },
                },
                {
                    "key": "black-tailed-godwit",
                    "label": {
                        "en": "Black-tailed Godwit (Limosa limosa)",
                        "fr": "Barge à queue noire (Limosa limosa)",
                        "es": "Aguja colinegra (Limosa limosa)",
                    },
                },
                {
                    "key": "eurasian-curlew",
                    "label": {
                        "en": "Eurasian Curlew (Numenius arquata)",
                        "fr": "Courlis cendré (Numenius arquata)",
                        "es": "Zarapito real (Numenius arquata)",
                    },
                },
                {
                    "key": "northern-bald-ibis",
                    "label": {
                        "en": "Northern Bald Ibis (Geronticus eremita)",
                        "fr": "Ibis chauve (Geronticus eremita)",
                        "es": "Ibis eremita (Geronticus eremita)",
                    },
                },
            ],
            "columns": [
                {
                    "key": "status",
                    "label": {
                        "en": "Status of the national action plan",
                        "fr": "État du plan d’action national",
                        "es": "Situación del plan de acción nacional",
                    },
                    "type": "single_choice",
                    "choices": [
                        {
                            "key": "adopted",
                            "label": {"en": "Adopted", "fr": "Adopté", "es": "Aprobado"},
                        },
                        {
                            "key": "in-preparation",
                            "label": {
                                "en": "In preparation",
                                "fr": "En préparation",
                                "es": "En preparación",
                            },
                        },
                        {
                            "key": "not-started",
                            "label": {"en": "Not started", "fr": "Non entamé", "es": "No iniciado"},
                        },
                        {
                            "key": "species-absent",
                            "label": {
                                "en": "Species does not occur",
                                "fr": "Espèce absente",
                                "es": "Especie no presente",
                            },
                        },
                    ],
                },
                {
                    "key": "lead",
                    "label": {
                        "en": "Lead institution",
                        "fr": "Institution chef de file",
                        "es": "Institución responsable",
                    },
                    "type": "short_text",
                },
                {
                    "key": "working-group",
                    "label": {
                        "en": "Member of the international working group",
                        "fr": "Membre du groupe de travail international",
                        "es": "Miembro del grupo de trabajo internacional",
                    },
                    "type": "yes_no",
                },
            ],
        },
        "tags": ["theme:national-planning", "spms:5.1", "gbf:4"],
    },
    {
        "code": "IMPL-PLAN-06",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Is there a national mechanism for coordination between the focal points of CMS, "
                "the CMS Family instruments and other biodiversity-related conventions?"
            ),
            "fr": (
                "Existe-t-il un mécanisme national de coordination entre les correspondants "
                "nationaux de la CMS, des instruments de la Famille CMS et des autres conventions "
                "relatives à la biodiversité ?"
            ),
            "es": (
                "¿Existe un mecanismo nacional de coordinación entre los puntos focales nacionales "
                "de la CMS, de los instrumentos de la Familia CMS y de otros convenios "
                "relacionados con la diversidad biológica?"
            ),
        },
        "guidance": {
            "en": (
                "For example a national biodiversity committee, an inter-ministerial working group "
                "or regular meetings of the focal points."
            ),
            "fr": (
                "Par exemple un comité national de la biodiversité, un groupe de travail "
                "interministériel ou des réunions régulières des correspondants nationaux."
            ),
            "es": (
                "Por ejemplo, un comité nacional de biodiversidad, un grupo de trabajo "
                "interministerial o reuniones periódicas de los puntos focales nacionales."
            ),
        },
        "config": {},
        "tags": ["theme:national-planning", "theme:cooperation", "spms:5.3", "gbf:14"],
    },
    {
        "code": "IMPL-PLAN-07",
        "owner": "CMS",
        "type": "short_text",
        "text": {
            "en": "If so, give the name of the coordination body or mechanism.",
            "fr": (
                "Dans l’affirmative, indiquez le nom de l’organe ou du mécanisme de coordination."
            ),
            "es": "En caso afirmativo, indique el nombre del órgano o mecanismo de coordinación.",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:national-planning", "theme:cooperation", "spms:5.3", "gbf:14"],
    },
    {
        "code": "IMPL-PLAN-08",
        "owner": "CMS",
        "type": "file",
        "text": {
            "en": (
                "Please attach the national action plans or strategies for migratory species "
                "adopted during the reporting period."
            ),
            "fr": (
                "Veuillez joindre les plans d’action ou stratégies nationaux relatifs aux espèces "
                "migratrices adoptés au cours de la période couverte par le rapport."
            ),
            "es": (
                "Adjunte los planes de acción o estrategias nacionales relativos a las especies "
                "migratorias aprobados durante el período que abarca el informe."
            ),
        },
        "guidance": {
            "en": (
                "Upload the documents in PDF format, or give a link to the published version in "
                "the comments."
            ),
            "fr": (
                "Téléversez les documents au format PDF ou indiquez dans les commentaires un lien "
                "vers la version publiée."
            ),
            "es": (
                "Cargue los documentos en formato PDF o indique en los comentarios un enlace a la "
                "versión publicada."
            ),
        },
        "config": {},
        "tags": ["theme:national-planning", "spms:5.1", "gbf:14"],
    },
    # Legislation
    {
        "code": "IMPL-LEGAL-01",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": (
                "Which Appendix I species occurring in your country are not yet protected from "
                "taking by national legislation?"
            ),
            "fr": (
                "Quelles espèces inscrites à l’Annexe I présentes dans votre pays ne sont pas "
                "encore protégées contre le prélèvement par la législation nationale ?"
            ),
            "es": (
                "¿Qué especies incluidas en el Apéndice I presentes en su país aún no están "
                "protegidas contra la captura por la legislación nacional?"
            ),
        },
        "guidance": {
            "en": (
                "Under Article III, paragraph 5, of the Convention, Range States of an Appendix I "
                "species must prohibit the taking of animals belonging to that species. Leave the "
                "answer empty if all Appendix I species are protected."
            ),
            "fr": (
                "En vertu du paragraphe 5 de l’article III de la Convention, les États de l’aire "
                "de répartition d’une espèce inscrite à l’Annexe I doivent interdire le "
                "prélèvement d’animaux appartenant à cette espèce. Laissez la réponse vide si "
                "toutes les espèces inscrites à l’Annexe I sont protégées."
            ),
            "es": (
                "En virtud del párrafo 5 del artículo III de la Convención, los Estados del área "
                "de distribución de una especie incluida en el Apéndice I deben prohibir la "
                "captura de animales de dicha especie. Deje la respuesta en blanco si todas las "
                "especies incluidas en el Apéndice I están protegidas."
            ),
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:4"],
    },
    {
        "code": "IMPL-LEGAL-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does national legislation require environmental impact assessments to consider "
                "the effects of projects on migratory species and their habitats?"
            ),
            "fr": (
                "La législation nationale exige-t-elle que les évaluations d’impact sur "
                "l’environnement prennent en compte les effets des projets sur les espèces "
                "migratrices et leurs habitats ?"
            ),
            "es": (
                "¿Exige la legislación nacional que las evaluaciones de impacto ambiental tengan "
                "en cuenta los efectos de los proyectos sobre las especies migratorias y sus "
                "hábitats?"
            ),
        },
        "guidance": {
            "en": (
                "Answer “yes” if the effects on migratory species and on the sites they depend on "
                "must be explicitly assessed, including cumulative effects along migration routes."
            ),
            "fr": (
                "Répondez « oui » si les effets sur les espèces migratrices et sur les sites dont "
                "elles dépendent doivent être expressément évalués, y compris les effets cumulés "
                "le long des voies de migration."
            ),
            "es": (
                "Responda «sí» si deben evaluarse de forma explícita los efectos sobre las "
                "especies migratorias y sobre los sitios de los que dependen, incluidos los "
                "efectos acumulativos a lo largo de las rutas migratorias."
            ),
        },
        "config": {},
        "tags": ["theme:legal-protection", "theme:habitat-loss", "spms:1.2", "spms:5.1", "gbf:14"],
    },
    {
        "code": "IMPL-LEGAL-03",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": (
                "Describe any legislation or regulations adopted or amended during the reporting "
                "period that are relevant to the conservation of migratory species and their "
                "habitats."
            ),
            "fr": (
                "Décrivez les textes législatifs ou réglementaires adoptés ou modifiés au cours de "
                "la période couverte par le rapport qui concernent la conservation des espèces "
                "migratrices et de leurs habitats."
            ),
            "es": (
                "Describa la legislación o los reglamentos aprobados o modificados durante el "
                "período que abarca el informe que sean pertinentes para la conservación de las "
                "especies migratorias y sus hábitats."
            ),
        },
        "guidance": {
            "en": (
                "Give the title, date and a short summary of each text, with a link where "
                "available."
            ),
            "fr": (
                "Indiquez l’intitulé, la date et un bref résumé de chaque texte, avec un lien le "
                "cas échéant."
            ),
            "es": (
                "Indique el título, la fecha y un breve resumen de cada texto, con un enlace si "
                "está disponible."
            ),
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:14"],
    },
    # Resource mobilisation
    {
        "code": "IMPL-FUND-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does your country have a dedicated national budget line for the conservation of "
                "migratory species?"
            ),
            "fr": (
                "Votre pays dispose-t-il d’une ligne budgétaire nationale consacrée à la "
                "conservation des espèces migratrices ?"
            ),
            "es": (
                "¿Dispone su país de una partida presupuestaria nacional específica para la "
                "conservación de las especies migratorias?"
            ),
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:resource-mobilisation", "spms:5.2", "gbf:19"],
    },
    {
        "code": "IMPL-FUND-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": (
                "What was the approximate total national public expenditure on the conservation of "
                "migratory species during the reporting period?"
            ),
            "fr": (
                "À combien se sont élevées approximativement les dépenses publiques nationales "
                "consacrées à la conservation des espèces migratrices au cours de la période "
                "couverte par le rapport ?"
            ),
            "es": (
                "¿A cuánto ascendió aproximadamente el gasto público nacional total destinado a la "
                "conservación de las especies migratorias durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Give the amount in US dollars, converted at the average exchange rate of the "
                "reporting period. Include central and regional government spending, but exclude "
                "external funding received."
            ),
            "fr": (
                "Indiquez le montant en dollars des États-Unis, converti au taux de change moyen "
                "de la période couverte par le rapport. Tenez compte des dépenses de "
                "l’administration centrale et des collectivités régionales, mais excluez les "
                "financements extérieurs reçus."
            ),
            "es": (
                "Indique el importe en dólares de los Estados Unidos, convertido al tipo de cambio "
                "medio del período que abarca el informe. Incluya el gasto de la administración "
                "central y de las administraciones regionales, pero excluya la financiación "
                "externa recibida."
            ),
        },
        "config": {
            "unit": {"en": "USD", "fr": "USD", "es": "USD"},
            "min": 0,
            "max": None,
            "integer": False,
        },
        "tags": ["theme:resource-mobilisation", "spms:5.2", "gbf:19"],
    },
    {
        "code": "IMPL-FUND-03",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Has your country received funding from the Global Environment Facility (GEF) for "
                "projects benefiting migratory species during the reporting period?"
            ),
            "fr": (
                "Votre pays a-t-il reçu des financements du Fonds pour l’environnement mondial "
                "(FEM) pour des projets bénéficiant aux espèces migratrices au cours de la période "
                "couverte par le rapport ?"
            ),
            "es": (
                "¿Ha recibido su país financiación del Fondo para el Medio Ambiente Mundial (FMAM) "
                "para proyectos que beneficien a las especies migratorias durante el período que "
                "abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Include national and regional GEF projects in which the conservation of migratory "
                "species is an explicit objective or component."
            ),
            "fr": (
                "Tenez compte des projets nationaux et régionaux du FEM dont la conservation des "
                "espèces migratrices constitue un objectif ou une composante explicite."
            ),
            "es": (
                "Incluya los proyectos nacionales y regionales del FMAM en los que la conservación "
                "de las especies migratorias sea un objetivo o componente explícito."
            ),
        },
        "config": {},
        "tags": ["theme:resource-mobilisation", "spms:5.2", "gbf:19"],
    },
    {
        "code": "IMPL-FUND-04",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": (
                "Please list the funding received from external sources for the conservation of "
                "migratory species during the reporting period."
            ),
            "fr": (
                "Veuillez indiquer les financements reçus de sources extérieures pour la "
                "conservation des espèces migratrices au cours de la période couverte par le "
                "rapport."
            ),
            "es": (
                "Indique la financiación recibida de fuentes externas para la conservación de las "
                "especies migratorias durante el período que abarca el informe."
            ),
        },
        "guidance": {
            "en": (
                "Give the total amount received from each source. If an amount is in national "
                "currency, state the currency in the comments."
            ),
            "fr": (
                "Indiquez le montant total reçu de chaque source. Si un montant est exprimé en "
                "monnaie nationale, précisez la monnaie dans les commentaires."
            ),
            "es": (
                "Indique el importe total recibido de cada fuente. Si un importe está expresado en "
                "moneda nacional, precise la moneda en los comentarios."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "gef",
                    "label": {
                        "en": "Global Environment Facility (GEF)",
                        "fr": "Fonds pour l’environnement mondial (FEM)",
                        "es": "Fondo para el Medio Ambiente Mundial (FMAM)",
                    },
                },
                {
                    "key": "eu",
                    "label": {
                        "en": "European Union (e.g. LIFE programme)",
                        "fr": "Union européenne (par exemple programme LIFE)",
                        "es": "Unión Europea (por ejemplo, programa LIFE)",
                    },
                },
                {
                    "key": "bilateral",
                    "label": {
                        "en": "Bilateral donors",
                        "fr": "Donateurs bilatéraux",
                        "es": "Donantes bilaterales",
                    },
                },
                {
                    "key": "multilateral",
                    "label": {
                        "en": "Other multilateral sources",
                        "fr": "Autres sources multilatérales",
                        "es": "Otras fuentes multilaterales",
                    },
                },
                {
                    "key": "cms-family",
                    "label": {
                        "en": "CMS Family small grants and voluntary funds",
                        "fr": "Petites subventions et fonds volontaires de la Famille CMS",
                        "es": "Pequeñas subvenciones y fondos voluntarios de la Familia CMS",
                    },
                },
                {
                    "key": "private",
                    "label": {
                        "en": "Private sector and foundations",
                        "fr": "Secteur privé et fondations",
                        "es": "Sector privado y fundaciones",
                    },
                },
                {
                    "key": "ngos",
                    "label": {
                        "en": "Non-governmental organisations",
                        "fr": "Organisations non gouvernementales",
                        "es": "Organizaciones no gubernamentales",
                    },
                },
            ],
            "columns": [
                {
                    "key": "amount",
                    "label": {"en": "Amount", "fr": "Montant", "es": "Importe"},
                    "type": "number",
                },
                {
                    "key": "currency",
                    "label": {"en": "Currency", "fr": "Monnaie", "es": "Moneda"},
                    "type": "single_choice",
                    "choices": [
                        {
                            "key": "usd",
                            "label": {
                                "en": "US dollar (USD)",
                                "fr": "Dollar des États-Unis (USD)",
                                "es": "Dólar de los Estados Unidos (USD)",
                            },
                        },
                        {
                            "key": "eur",
                            "label": {"en": "Euro (EUR)", "fr": "Euro (EUR)", "es": "Euro (EUR)"},
                        },
                        {
                            "key": "national",
                            "label": {
                                "en": "National currency",
                                "fr": "Monnaie nationale",
                                "es": "Moneda nacional",
                            },
                        },
                    ],
                },
                {
                    "key": "projects",
                    "label": {
                        "en": "Number of projects",
                        "fr": "Nombre de projets",
                        "es": "Número de proyectos",
                    },
                    "type": "number",
                },
            ],
        },
        "tags": ["theme:resource-mobilisation", "spms:5.2", "gbf:19"],
    },
    {
        "code": "IMPL-FUND-05",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": (
                "Please list the funding provided by your country for the conservation of "
                "migratory species in other countries during the reporting period."
            ),
            "fr": (
                "Veuillez indiquer les financements fournis par votre pays pour la conservation "
                "des espèces migratrices dans d’autres pays au cours de la période couverte par le "
                "rapport."
            ),
            "es": (
                "Indique la financiación aportada por su país para la conservación de las especies "
                "migratorias en otros países durante el período que abarca el informe."
            ),
        },
        "guidance": {
            "en": (
                "Voluntary contributions are those made in addition to the assessed contributions "
                "to the core budget."
            ),
            "fr": (
                "Les contributions volontaires sont celles versées en sus des contributions "
                "statutaires au budget de base."
            ),
            "es": (
                "Las contribuciones voluntarias son las aportadas además de las contribuciones "
                "obligatorias al presupuesto básico."
            ),
        },
        "config": {
            "rows": [
                {
                    "key": "cms-voluntary",
                    "label": {
                        "en": "Voluntary contributions to CMS",
                        "fr": "Contributions volontaires à la CMS",
                        "es": "Contribuciones voluntarias a la CMS",
                    },
                },
                {
                    "key": "instruments-voluntary",
                    "label": {
                        "en": "Voluntary contributions to other CMS Family instruments",
                        "fr": "Contributions volontaires à d’autres instruments de la Famille CMS",
                        "es": "Contribuciones voluntarias a otros instrumentos de la Familia CMS",
                    },
                },
                {
                    "key": "bilateral",
                    "label": {
                        "en": "Bilateral cooperation projects",
                        "fr": "Projets de coopération bilatérale",
                        "es": "Proyectos de cooperación bilateral",
                    },
                },
                {
                    "key": "multilateral",
                    "label": {
                        "en": "Multilateral funds and programmes",
                        "fr": "Fonds et programmes multilatéraux",
                        "es": "Fondos y programas multilaterales",
                    },
                },
                {
                    "key": "ngos",
                    "label": {
                        "en": "Support channelled through non-governmental organisations",
                        "fr": "Soutien acheminé par des organisations non gouvernementales",
                        "es": "Apoyo canalizado a través de organizaciones no gubernamentales",
                    },
                },
            ],
            "columns": [
                {
                    "key": "amount",
                    "label": {"en": "Amount", "fr": "Montant", "es": "Importe"},
                    "type": "number",
                },
                {
                    "key": "currency",
                    "label": {"en": "Currency", "fr": "Monnaie", "es": "Moneda"},
                    "type": "single_choice",
                    "choices": [
                        {
                            "key": "usd",
                            "label": {
                                "en": "US dollar (USD)",
                                "fr": "Dollar des États-Unis (USD)",
                                "es": "Dólar de los Estados Unidos (USD)",
                            },
                        },
                        {
                            "key": "eur",
                            "label": {"en": "Euro (EUR)", "fr": "Euro (EUR)", "es": "Euro (EUR)"},
                        },
                        {
                            "key": "national",
                            "label": {
                                "en": "National currency",
                                "fr": "Monnaie nationale",
                                "es": "Moneda nacional",
                            },
                        },
                    ],
                },
                {
                    "key": "recipients",
                    "label": {
                        "en": "Recipient countries or organisations",
                        "fr": "Pays ou organisations bénéficiaires",
                        "es": "Países u organizaciones beneficiarios",
                    },
                    "type": "short_text",
                },
            ],
        },
        "tags": ["theme:resource-mobilisation", "theme:cooperation", "spms:5.2", "gbf:19"],
    },
    # Capacity building
    {
        "code": "IMPL-CAPACITY-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Have training or other capacity-building activities on the conservation of "
                "migratory species been carried out in your country during the reporting period?"
            ),
            "fr": (
                "Des formations ou d’autres activités de renforcement des capacités relatives à la "
                "conservation des espèces migratrices ont-elles été menées dans votre pays au "
                "cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Se han llevado a cabo en su país cursos de formación u otras actividades de "
                "creación de capacidad sobre la conservación de las especies migratorias durante "
                "el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Include courses, workshops, field training and staff exchanges, whether organised "
                "nationally or with international partners."
            ),
            "fr": (
                "Tenez compte des cours, ateliers, formations sur le terrain et échanges de "
                "personnel, qu’ils soient organisés au niveau national ou avec des partenaires "
                "internationaux."
            ),
            "es": (
                "Incluya cursos, talleres, formación sobre el terreno e intercambios de personal, "
                "tanto si se organizaron a nivel nacional como con socios internacionales."
            ),
        },
        "config": {},
        "tags": ["theme:capacity-building", "spms:5.3", "gbf:20", "sdg:17.9"],
    },
    {
        "code": "IMPL-CAPACITY-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "Approximately how many people took part in these training activities?",
            "fr": "Combien de personnes environ ont participé à ces activités de formation ?",
            "es": (
                "¿Cuántas personas participaron aproximadamente en estas actividades de formación?"
            ),
        },
        "guidance": {},
        "config": {
            "unit": {"en": "people", "fr": "personnes", "es": "personas"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:capacity-building", "spms:5.3", "gbf:20", "sdg:17.9"],
    },
    {
        "code": "IMPL-CAPACITY-03",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which target groups did these activities address?",
            "fr": "À quels publics cibles ces activités étaient-elles destinées ?",
            "es": "¿A qué grupos destinatarios iban dirigidas estas actividades?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "government-staff",
                    "label": {
                        "en": "Staff of national or regional authorities",
                        "fr": "Personnel des autorités nationales ou régionales",
                        "es": "Personal de las autoridades nacionales o regionales",
                    },
                },
                {
                    "key": "protected-area-staff",
                    "label": {
                        "en": "Protected area managers and rangers",
                        "fr": "Gestionnaires et gardes des aires protégées",
                        "es": "Gestores y guardas de áreas protegidas",
                    },
                },
                {
                    "key": "enforcement",
                    "label": {
                        "en": "Police, customs and other enforcement officers",
                        "fr": "Agents de police, des douanes et d’autres services de répression",
                        "es": "Agentes de policía, aduanas y otros servicios de observancia",
                    },
                },
                {
                    "key": "researchers",
                    "label": {
                        "en": "Researchers and monitoring volunteers",
                        "fr": "Chercheurs et bénévoles participant au suivi",
                        "es": "Investigadores y voluntarios que participan en el seguimiento",
                    },
                },
                {
                    "key": "hunters-fishers",
                    "label": {
                        "en": "Hunters and fishers",
                        "fr": "Chasseurs et pêcheurs",
                        "es": "Cazadores y pescadores",
                    },
                },
                {
                    "key": "communities",
                    "label": {
                        "en": "Local communities",
                        "fr": "Communautés locales",
                        "es": "Comunidades locales",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:capacity-building", "spms:5.3", "gbf:20"],
    },
    {
        "code": "IMPL-CAPACITY-04",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": (
                "Are the staff resources available in the national authorities for the "
                "conservation of migratory species sufficient?"
            ),
            "fr": (
                "Les effectifs dont disposent les autorités nationales pour la conservation des "
                "espèces migratrices sont-ils suffisants ?"
            ),
            "es": (
                "¿Son suficientes los recursos de personal de que disponen las autoridades "
                "nacionales para la conservación de las especies migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Consider the staff needed to implement CMS and the CMS Family instruments to "
                "which your country is a Party or Signatory, including for reporting, monitoring "
                "and enforcement."
            ),
            "fr": (
                "Tenez compte du personnel nécessaire à la mise en œuvre de la CMS et des "
                "instruments de la Famille CMS auxquels votre pays est Partie ou Signataire, y "
                "compris pour l’établissement des rapports, le suivi et l’application de la "
                "législation."
            ),
            "es": (
                "Tenga en cuenta el personal necesario para aplicar la CMS y los instrumentos de "
                "la Familia CMS de los que su país es Parte o Signatario, incluidas la "
                "presentación de informes, el seguimiento y la observancia."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "sufficient",
                    "label": {"en": "Sufficient", "fr": "Suffisants", "es": "Suficientes"},
                },
                {
                    "key": "partly-sufficient",
                    "label": {
                        "en": "Partly sufficient",
                        "fr": "Partiellement suffisants",
                        "es": "Parcialmente suficientes",
                    },
                },
                {
                    "key": "insufficient",
                    "label": {"en": "Insufficient", "fr": "Insuffisants", "es": "Insuficientes"},
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:capacity-building", "spms:5.3", "gbf:20"],
    },
    # Cooperation with other multilateral environmental agreements
    {
        "code": "COOP-MEA-01",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": (
                "With which other multilateral environmental agreements does your country "
                "cooperate at national level on issues related to migratory species?"
            ),
            "fr": (
                "Avec quels autres accords multilatéraux sur l’environnement votre pays "
                "coopère-t-il au niveau national sur les questions relatives aux espèces "
                "migratrices ?"
            ),
            "es": (
                "¿Con qué otros acuerdos ambientales multilaterales coopera su país a nivel "
                "nacional en cuestiones relacionadas con las especies migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Cooperation may take the form of joint projects, coordinated reporting, shared "
                "focal points or joint meetings of focal points."
            ),
            "fr": (
                "La coopération peut prendre la forme de projets conjoints, de rapports "
                "coordonnés, de correspondants nationaux communs ou de réunions conjointes des "
                "correspondants nationaux."
            ),
            "es": (
                "La cooperación puede adoptar la forma de proyectos conjuntos, informes "
                "coordinados, puntos focales comunes o reuniones conjuntas de los puntos focales."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "cbd",
                    "label": {
                        "en": "Convention on Biological Diversity (CBD)",
                        "fr": "Convention sur la diversité biologique (CDB)",
                        "es": "Convenio sobre la Diversidad Biológica (CDB)",
                    },
                },
                {
                    "key": "ramsar",
                    "label": {
                        "en": "Ramsar Convention on Wetlands",
                        "fr": "Convention de Ramsar sur les zones humides",
                        "es": "Convención de Ramsar sobre los Humedales",
                    },
                },
                {
                    "key": "cites",
                    "label": {
                        "en": (
                            "Convention on International Trade in Endangered Species of Wild Fauna "
                            "and Flora (CITES)"
                        ),
                        "fr": (
                            "Convention sur le commerce international des espèces de faune et de "
                            "flore sauvages menacées d’extinction (CITES)"
                        ),
                        "es": (
                            "Convención sobre el Comercio Internacional de Especies Amenazadas de "
                            "Fauna y Flora Silvestres (CITES)"
                        ),
                    },
                },
                {
                    "key": "world-heritage",
                    "label": {
                        "en": "World Heritage Convention",
                        "fr": "Convention du patrimoine mondial",
                        "es": "Convención del Patrimonio Mundial",
                    },
                },
                {
                    "key": "bern",
                    "label": {
                        "en": "Bern Convention",
                        "fr": "Convention de Berne",
                        "es": "Convenio de Berna",
                    },
                },
                {
                    "key": "unfccc",
                    "label": {
                        "en": "United Nations Framework Convention on Climate Change (UNFCCC)",
                        "fr": (
                            "Convention-cadre des Nations Unies sur les changements climatiques "
                            "(CCNUCC)"
                        ),
                        "es": (
                            "Convención Marco de las Naciones Unidas sobre el Cambio Climático "
                            "(CMNUCC)"
                        ),
                    },
                },
                {
                    "key": "whaling",
                    "label": {
                        "en": "International Convention for the Regulation of Whaling",
                        "fr": (
                            "Convention internationale pour la réglementation de la chasse à la "
                            "baleine"
                        ),
                        "es": (
                            "Convención Internacional para la Regulación de la Caza de la Ballena"
                        ),
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:cooperation", "spms:5.3", "sdg:17.16"],
    },
    {
        "code": "COOP-MEA-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Have the Ramsar and CMS focal points in your country cooperated on wetlands "
                "important for migratory species, for example on site designation, management "
                "planning or monitoring?"
            ),
            "fr": (
                "Les correspondants nationaux de Ramsar et de la CMS dans votre pays ont-ils "
                "coopéré au sujet des zones humides importantes pour les espèces migratrices, par "
                "exemple pour la désignation de sites, la planification de la gestion ou le suivi ?"
            ),
            "es": (
                "¿Han cooperado los puntos focales nacionales de Ramsar y de la CMS en su país en "
                "relación con los humedales importantes para las especies migratorias, por ejemplo "
                "en la designación de sitios, la planificación de la gestión o el seguimiento?"
            ),
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:cooperation", "theme:protected-areas", "spms:5.3", "gbf:3", "sdg:6.6"],
    },
    {
        "code": "COOP-MEA-03",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does your country coordinate the implementation of CMS and CITES for species "
                "listed under both Conventions, such as sharks, rays and birds of prey?"
            ),
            "fr": (
                "Votre pays coordonne-t-il la mise en œuvre de la CMS et de la CITES pour les "
                "espèces inscrites aux deux Conventions, telles que les requins, les raies et les "
                "oiseaux de proie ?"
            ),
            "es": (
                "¿Coordina su país la aplicación de la CMS y la CITES en lo que respecta a las "
                "especies incluidas en ambas Convenciones, como los tiburones, las rayas y las "
                "aves rapaces?"
            ),
        },
        "guidance": {
            "en": (
                "For example through joint meetings of the CMS focal point and the CITES "
                "Management and Scientific Authorities, or through non-detriment findings that "
                "take CMS listings into account."
            ),
            "fr": (
                "Par exemple au moyen de réunions conjointes du correspondant national de la CMS "
                "et des organes de gestion et autorités scientifiques CITES, ou d’avis de commerce "
                "non préjudiciable qui tiennent compte des inscriptions aux Annexes de la CMS."
            ),
            "es": (
                "Por ejemplo, mediante reuniones conjuntas del punto focal de la CMS y las "
                "autoridades administrativas y científicas CITES, o mediante dictámenes de "
                "extracción no perjudicial que tengan en cuenta la inclusión en los Apéndices de "
                "la CMS."
            ),
        },
        "config": {},
        "tags": ["theme:cooperation", "theme:legal-protection", "spms:5.3", "gbf:5", "sdg:15.7"],
    },
    {
        "code": "COOP-MEA-04",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": (
                "Describe how synergies between CMS and other biodiversity-related conventions are "
                "promoted in your country, for example through joint reporting, shared databases "
                "or joint projects."
            ),
            "fr": (
                "Décrivez comment les synergies entre la CMS et les autres conventions relatives à "
                "la biodiversité sont favorisées dans votre pays, par exemple au moyen de rapports "
                "conjoints, de bases de données communes ou de projets conjoints."
            ),
            "es": (
                "Describa cómo se promueven en su país las sinergias entre la CMS y otros "
                "convenios relacionados con la diversidad biológica, por ejemplo mediante la "
                "presentación conjunta de informes, bases de datos comunes o proyectos conjuntos."
            ),
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:cooperation", "spms:5.3", "gbf:14", "sdg:17.16"],
    },
    # Regional cooperation and flyways
    {
        "code": "COOP-REGION-01",
        "owner": "AEWA",
        "type": "multiple_choice",
        "text": {
            "en": "Which flyway site networks include sites in your country?",
            "fr": (
                "Quels réseaux de sites à l’échelle des voies de migration comprennent des sites "
                "de votre pays ?"
            ),
            "es": (
                "¿Qué redes de sitios a escala de las rutas migratorias incluyen sitios de su país?"
            ),
        },
        "guidance": {
            "en": (
                "A flyway site network links sites of importance for migratory waterbirds along a "
                "flyway so that they are managed as a coherent whole."
            ),
            "fr": (
                "Un réseau de sites à l’échelle d’une voie de migration relie les sites importants "
                "pour les oiseaux d’eau migrateurs le long de cette voie afin qu’ils soient gérés "
                "comme un ensemble cohérent."
            ),
            "es": (
                "Una red de sitios a escala de una ruta migratoria conecta los sitios importantes "
                "para las aves acuáticas migratorias a lo largo de esa ruta, de modo que se "
                "gestionen como un conjunto coherente."
            ),
        },
        "config": {
            "choices": [
                {
                    "key": "csn",
                    "label": {
                        "en": "African-Eurasian Critical Site Network (CSN)",
                        "fr": "Réseau de sites critiques d’Afrique-Eurasie (CSN)",
                        "es": "Red de Sitios Críticos de África-Eurasia (CSN)",
                    },
                },
                {
                    "key": "eaaf",
                    "label": {
                        "en": "East Asian–Australasian Flyway Site Network",
                        "fr": "Réseau de sites de la voie de migration Asie de l’Est-Australasie",
                        "es": "Red de Sitios de la Ruta Migratoria de Asia Oriental-Australasia",
                    },
                },
                {
                    "key": "whsrn",
                    "label": {
                        "en": "Western Hemisphere Shorebird Reserve Network (WHSRN)",
                        "fr": (
                            "Réseau de réserves pour les oiseaux de rivage de l’hémisphère "
                            "occidental (WHSRN)"
                        ),
                        "es": "Red Hemisférica de Reservas para Aves Playeras (RHRAP)",
                    },
                },
                {"key": "none", "label": {"en": "None", "fr": "Aucun", "es": "Ninguna"}},
            ],
            "allow_other": True,
        },
        "tags": ["theme:ecological-networks", "theme:cooperation", "spms:3.2", "gbf:3"],
    },
    {
        "code": "COOP-REGION-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Does your country cooperate with regional fisheries management organisations to "
                "reduce the bycatch of migratory species?"
            ),
            "fr": (
                "Votre pays coopère-t-il avec des organisations régionales de gestion des pêches "
                "pour réduire les prises accessoires d’espèces migratrices ?"
            ),
            "es": (
                "¿Coopera su país con organizaciones regionales de ordenación pesquera para "
                "reducir la captura incidental de especies migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Include cooperation through regional fisheries bodies and regional seas "
                "conventions, such as sharing bycatch data or adopting mitigation measures for "
                "seabirds, marine turtles, cetaceans and sharks."
            ),
            "fr": (
                "Tenez compte de la coopération au sein des organismes régionaux des pêches et des "
                "conventions sur les mers régionales, par exemple le partage de données sur les "
                "prises accessoires ou l’adoption de mesures d’atténuation en faveur des oiseaux "
                "de mer, des tortues marines, des cétacés et des requins."
            ),
            "es": (
                "Incluya la cooperación a través de los órganos regionales de pesca y los "
                "convenios de mares regionales, como el intercambio de datos sobre captura "
                "incidental o la adopción de medidas de mitigación para aves marinas, tortugas "
                "marinas, cetáceos y tiburones."
            ),
        },
        "config": {},
        "tags": ["theme:cooperation", "theme:bycatch", "spms:2.1", "spms:5.3", "sdg:14.4"],
    },
    {
        "code": "COOP-REGION-03",
        "owner": "RAPTORS",
        "type": "long_text",
        "text": {
            "en": (
                "Describe your country's cooperation with other Range States on the conservation "
                "of migratory birds of prey during the reporting period, such as joint surveys at "
                "bottleneck sites or coordinated action against poisoning and illegal killing."
            ),
            "fr": (
                "Décrivez la coopération de votre pays avec d’autres États de l’aire de "
                "répartition en faveur de la conservation des oiseaux de proie migrateurs au cours "
                "de la période couverte par le rapport, telle que des relevés conjoints sur les "
                "goulets d’étranglement ou une action coordonnée contre l’empoisonnement et "
                "l’abattage illégal."
            ),
            "es": (
                "Describa la cooperación de su país con otros Estados del área de distribución en "
                "favor de la conservación de las aves rapaces migratorias durante el período que "
                "abarca el informe, como censos conjuntos en cuellos de botella o acciones "
                "coordinadas contra el envenenamiento y la matanza ilegal."
            ),
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:cooperation", "theme:illegal-killing", "spms:2.2", "spms:5.3"],
    },
    # Awareness and education
    {
        "code": "AWARE-EDU-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Did your country organise or support events for World Migratory Bird Day during "
                "the reporting period?"
            ),
            "fr": (
                "Votre pays a-t-il organisé ou soutenu des manifestations à l’occasion de la "
                "Journée mondiale des oiseaux migrateurs au cours de la période couverte par le "
                "rapport ?"
            ),
            "es": (
                "¿Organizó o apoyó su país actos con motivo del Día Mundial de las Aves "
                "Migratorias durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "World Migratory Bird Day is celebrated on the second Saturday of May and the "
                "second Saturday of October."
            ),
            "fr": (
                "La Journée mondiale des oiseaux migrateurs est célébrée le deuxième samedi de mai "
                "et le deuxième samedi d’octobre."
            ),
            "es": (
                "El Día Mundial de las Aves Migratorias se celebra el segundo sábado de mayo y el "
                "segundo sábado de octubre."
            ),
        },
        "config": {},
        "tags": ["theme:awareness", "spms:1.1", "gbf:21"],
    },
    {
        "code": "AWARE-EDU-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": (
                "How many World Migratory Bird Day events were held in your country during the "
                "reporting period?"
            ),
            "fr": (
                "Combien de manifestations de la Journée mondiale des oiseaux migrateurs ont eu "
                "lieu dans votre pays au cours de la période couverte par le rapport ?"
            ),
            "es": (
                "¿Cuántos actos del Día Mundial de las Aves Migratorias se celebraron en su país "
                "durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "Count the events registered on the World Migratory Bird Day website and any other "
                "events known to the national authorities."
            ),
            "fr": (
                "Comptez les manifestations enregistrées sur le site web de la Journée mondiale "
                "des oiseaux migrateurs et toute autre manifestation connue des autorités "
                "nationales."
            ),
            "es": (
                "Cuente los actos registrados en el sitio web del Día Mundial de las Aves "
                "Migratorias y cualquier otro acto del que tengan conocimiento las autoridades "
                "nacionales."
            ),
        },
        "config": {
            "unit": {"en": "events", "fr": "manifestations", "es": "actos"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:awareness", "spms:1.1", "gbf:21"],
    },
    {
        "code": "AWARE-EDU-03",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": (
                "Which audiences did your awareness-raising and education activities on migratory "
                "species target during the reporting period?"
            ),
            "fr": (
                "À quels publics vos activités de sensibilisation et d’éducation relatives aux "
                "espèces migratrices se sont-elles adressées au cours de la période couverte par "
                "le rapport ?"
            ),
            "es": (
                "¿A qué públicos se dirigieron sus actividades de sensibilización y educación "
                "sobre las especies migratorias durante el período que abarca el informe?"
            ),
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "general-public",
                    "label": {
                        "en": "General public",
                        "fr": "Grand public",
                        "es": "Público en general",
                    },
                },
                {
                    "key": "schools",
                    "label": {
                        "en": "Schools and pupils",
                        "fr": "Établissements scolaires et élèves",
                        "es": "Centros escolares y alumnado",
                    },
                },
                {
                    "key": "hunters",
                    "label": {"en": "Hunters", "fr": "Chasseurs", "es": "Cazadores"},
                },
                {
                    "key": "fishers",
                    "label": {"en": "Fishers", "fr": "Pêcheurs", "es": "Pescadores"},
                },
                {
                    "key": "farmers",
                    "label": {
                        "en": "Farmers and landowners",
                        "fr": "Agriculteurs et propriétaires fonciers",
                        "es": "Agricultores y propietarios de tierras",
                    },
                },
                {
                    "key": "business",
                    "label": {
                        "en": "Energy, infrastructure and other business sectors",
                        "fr": (
                            "Secteurs de l’énergie, des infrastructures et autres secteurs "
                            "économiques"
                        ),
                        "es": (
                            "Sectores de la energía, las infraestructuras y otros sectores "
                            "económicos"
                        ),
                    },
                },
                {
                    "key": "decision-makers",
                    "label": {
                        "en": "Decision-makers",
                        "fr": "Décideurs",
                        "es": "Responsables de la toma de decisiones",
                    },
                },
                {
                    "key": "media",
                    "label": {"en": "Media", "fr": "Médias", "es": "Medios de comunicación"},
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:awareness", "spms:1.1", "gbf:21"],
    },
    {
        "code": "AWARE-EDU-04",
        "owner": "EUROBATS",
        "type": "yes_no",
        "text": {
            "en": (
                "Did your country organise or support International Bat Night events during the "
                "reporting period?"
            ),
            "fr": (
                "Votre pays a-t-il organisé ou soutenu des manifestations dans le cadre de la Nuit "
                "internationale de la chauve-souris au cours de la période couverte par le "
                "rapport ?"
            ),
            "es": (
                "¿Organizó o apoyó su país actos de la Noche Internacional de los Murciélagos "
                "durante el período que abarca el informe?"
            ),
        },
        "guidance": {
            "en": (
                "International Bat Night, coordinated by the EUROBATS Secretariat, takes place "
                "each year in late August and early September."
            ),
            "fr": (
                "La Nuit internationale de la chauve-souris, coordonnée par le Secrétariat "
                "d’EUROBATS, a lieu chaque année fin août et début septembre."
            ),
            "es": (
                "La Noche Internacional de los Murciélagos, coordinada por la Secretaría de "
                "EUROBATS, se celebra cada año a finales de agosto y principios de septiembre."
            ),
        },
        "config": {},
        "tags": ["theme:awareness", "spms:1.1", "gbf:21"],
    },
    # Indigenous peoples and local communities
    {
        "code": "IMPL-IPLC-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Are Indigenous peoples and local communities involved in the management of "
                "protected areas or other sites important for migratory species?"
            ),
            "fr": (
                "Les peuples autochtones et les communautés locales participent-ils à la gestion "
                "des aires protégées ou d’autres sites importants pour les espèces migratrices ?"
            ),
            "es": (
                "¿Participan los pueblos indígenas y las comunidades locales en la gestión de "
                "áreas protegidas u otros sitios importantes para las especies migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Answer “yes” if they take part in decisions on management, not only if they are "
                "consulted occasionally."
            ),
            "fr": (
                "Répondez « oui » s’ils participent aux décisions de gestion, et pas seulement "
                "s’ils sont consultés ponctuellement."
            ),
            "es": (
                "Responda «sí» si participan en la toma de decisiones sobre la gestión, y no solo "
                "si se les consulta de forma puntual."
            ),
        },
        "config": {},
        "tags": ["theme:protected-areas", "theme:cooperation", "spms:3.1", "gbf:22"],
    },
    {
        "code": "IMPL-IPLC-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": (
                "Is the traditional knowledge of Indigenous peoples and local communities used in "
                "research and monitoring of migratory species?"
            ),
            "fr": (
                "Les connaissances traditionnelles des peuples autochtones et des communautés "
                "locales sont-elles utilisées dans la recherche et le suivi des espèces "
                "migratrices ?"
            ),
            "es": (
                "¿Se utilizan los conocimientos tradicionales de los pueblos indígenas y las "
                "comunidades locales en la investigación y el seguimiento de las especies "
                "migratorias?"
            ),
        },
        "guidance": {
            "en": (
                "Traditional knowledge should be used only with the free, prior and informed "
                "consent of its holders."
            ),
            "fr": (
                "Les connaissances traditionnelles ne devraient être utilisées qu’avec le "
                "consentement préalable, donné librement et en connaissance de cause, de leurs "
                "détenteurs."
            ),
            "es": (
                "Los conocimientos tradicionales solo deberían utilizarse con el consentimiento "
                "libre, previo e informado de sus poseedores."
            ),
        },
        "config": {},
        "tags": ["theme:research-monitoring", "spms:4.3", "gbf:21", "gbf:22"],
    },
    {
        "code": "IMPL-IPLC-03",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": (
                "In which ways are Indigenous peoples and local communities involved in the "
                "conservation of migratory species in your country?"
            ),
            "fr": (
                "De quelle manière les peuples autochtones et les communautés locales "
                "participent-ils à la conservation des espèces migratrices dans votre pays ?"
            ),
            "es": (
                "¿De qué manera participan los pueblos indígenas y las comunidades locales en la "
                "conservación de las especies migratorias en su país?"
            ),
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "consultation",
                    "label": {
                        "en": "Consultation on plans and legislation",
                        "fr": "Consultation sur les plans et la législation",
                        "es": "Consulta sobre planes y legislación",
                    },
                },
                {
                    "key": "co-management",
                    "label": {
                        "en": "Co-management of sites",
                        "fr": "Cogestion de sites",
                        "es": "Cogestión de sitios",
                    },
                },
                {
                    "key": "community-areas",
                    "label": {
                        "en": (
                            "Territories and areas conserved by Indigenous peoples and local "
                            "communities"
                        ),
                        "fr": (
                            "Territoires et aires conservés par les peuples autochtones et les "
                            "communautés locales"
                        ),
                        "es": (
                            "Territorios y áreas conservados por pueblos indígenas y comunidades "
                            "locales"
                        ),
                    },
                },
                {
                    "key": "community-monitoring",
                    "label": {
                        "en": "Community-based monitoring",
                        "fr": "Suivi communautaire",
                        "es": "Seguimiento comunitario",
                    },
                },
                {
                    "key": "sustainable-use",
                    "label": {
                        "en": "Management of sustainable harvest",
                        "fr": "Gestion des prélèvements durables",
                        "es": "Gestión del aprovechamiento sostenible",
                    },
                },
                {
                    "key": "employment",
                    "label": {
                        "en": "Employment as rangers or guides",
                        "fr": "Emploi comme gardes ou guides",
                        "es": "Empleo como guardas o guías",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:cooperation", "spms:4.3", "gbf:22"],
    },
    {
        "code": "IMPL-IPLC-04",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": (
                "Give examples of initiatives led by Indigenous peoples or local communities that "
                "contributed to the conservation of migratory species during the reporting period."
            ),
            "fr": (
                "Donnez des exemples d’initiatives menées par des peuples autochtones ou des "
                "communautés locales qui ont contribué à la conservation des espèces migratrices "
                "au cours de la période couverte par le rapport."
            ),
            "es": (
                "Proporcione ejemplos de iniciativas dirigidas por pueblos indígenas o comunidades "
                "locales que hayan contribuido a la conservación de las especies migratorias "
                "durante el período que abarca el informe."
            ),
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:cooperation", "spms:4.3", "gbf:22"],
    },
]
