"""Harmonised bank questions, part 1: species status and listing, legal protection and threats.

Demo content for the question bank. Each entry is one bank question: a stable code, the
instrument that owns it, the answer type, the text and guidance in English, French and Spanish,
the configuration its type needs, and tags (themes, targets of the Strategic Plan for Migratory
Species 2024–2032, the Kunming-Montreal Global Biodiversity Framework and the Sustainable
Development Goals). The top-level type, text, guidance and configuration are version 1;
``versions`` lists the later versions in order. Three questions have a second version:
SPEC-LISTING-04 adds a choice and keeps the others (compatible), SPEC-PROT-01 turns a yes/no
question into a single choice (incompatible) and THR-POWER-02 counts poles instead of
kilometres (a new meaning).

The wording follows the CMS, AEWA, Raptors MoU and EUROBATS national report formats in style
but is written for the demo: it is not an official text of any of these instruments. French
strings use the typographic apostrophe and a no-break space before ? ! : ; and inside « ».
"""

QUESTIONS: list[dict] = [
    {
        "code": "SPEC-LISTING-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Is your country a Range State for any migratory species not currently listed in "
            "the CMS Appendices that would benefit from listing?",
            "fr": "Votre pays est-il un État de l’aire de répartition d’espèces migratrices qui ne "
            "sont pas encore inscrites aux Annexes de la CMS et qui bénéficieraient d’une "
            "inscription ?",
            "es": "¿Es su país Estado del área de distribución de alguna especie migratoria que "
            "aún no esté incluida en los Apéndices de la CMS y que se beneficiaría de su "
            "inclusión?",
        },
        "guidance": {
            "en": "Consider species that are endangered throughout all or a significant portion of "
            "their range (Appendix I) or whose conservation status is unfavourable (Appendix II), "
            "as defined in Article I of the Convention.",
            "fr": "Tenez compte des espèces menacées d’extinction sur l’ensemble ou une partie "
            "importante de leur aire de répartition (Annexe I) ou dont l’état de conservation est "
            "défavorable (Annexe II), au sens de l’article premier de la Convention.",
            "es": "Tenga en cuenta las especies en peligro de extinción en la totalidad o en una "
            "parte importante de su área de distribución (Apéndice I) o cuyo estado de "
            "conservación es desfavorable (Apéndice II), conforme al artículo I de la Convención.",
        },
        "config": {},
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-LISTING-02",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": "Which migratory species not currently listed in the CMS Appendices would "
            "benefit from listing?",
            "fr": "Quelles espèces migratrices non encore inscrites aux Annexes de la CMS "
            "bénéficieraient d’une inscription ?",
            "es": "¿Qué especies migratorias aún no incluidas en los Apéndices de la CMS se "
            "beneficiarían de su inclusión?",
        },
        "guidance": {
            "en": "Include species for which a listing proposal is being prepared as well as those "
            "for which listing is only being considered.",
            "fr": "Incluez les espèces pour lesquelles une proposition d’inscription est en "
            "préparation ainsi que celles dont l’inscription est seulement envisagée.",
            "es": "Incluya tanto las especies para las que se está preparando una propuesta de "
            "inclusión como aquellas cuya inclusión solo se está estudiando.",
        },
        "config": {},
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-LISTING-03",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "Is your country preparing a proposal to amend the CMS Appendices for "
            "consideration at the next meeting of the Conference of the Parties?",
            "fr": "Votre pays prépare-t-il une proposition d’amendement des Annexes de la CMS en "
            "vue de la prochaine session de la Conférence des Parties ?",
            "es": "¿Está preparando su país una propuesta de enmienda de los Apéndices de la CMS "
            "para su examen en la próxima reunión de la Conferencia de las Partes?",
        },
        "guidance": {
            "en": "The text of a proposed amendment must reach the Secretariat at least 150 days "
            "before the meeting (Article XI, paragraph 2). Proponents are encouraged to consult "
            "the other Range States beforehand.",
            "fr": "Le texte de toute proposition d’amendement doit parvenir au Secrétariat au "
            "moins 150 jours avant la session (article XI, paragraphe 2). Les auteurs de "
            "propositions sont invités à consulter au préalable les autres États de l’aire de "
            "répartition.",
            "es": "El texto de toda propuesta de enmienda debe llegar a la Secretaría al menos 150 "
            "días antes de la reunión (artículo XI, párrafo 2). Se alienta a los proponentes a "
            "consultar previamente a los demás Estados del área de distribución.",
        },
        "config": {
            "choices": [
                {
                    "key": "submitted",
                    "label": {
                        "en": "Yes, a proposal has already been submitted",
                        "fr": "Oui, une proposition a déjà été soumise",
                        "es": "Sí, ya se ha presentado una propuesta",
                    },
                },
                {
                    "key": "in-preparation",
                    "label": {
                        "en": "Yes, a proposal is in preparation",
                        "fr": "Oui, une proposition est en cours de préparation",
                        "es": "Sí, se está preparando una propuesta",
                    },
                },
                {
                    "key": "under-consideration",
                    "label": {
                        "en": "A proposal is being considered, but no decision has been taken",
                        "fr": "Une proposition est à l’étude, mais aucune décision n’a été prise",
                        "es": "Se está estudiando una propuesta, pero aún no se ha tomado ninguna "
                        "decisión",
                    },
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
            ],
            "allow_other": False,
        },
        "tags": ["theme:species-status", "theme:cooperation", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-LISTING-04",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "Overall, how has the conservation status of Appendix I species occurring in "
            "your country changed since the last report?",
            "fr": "Dans l’ensemble, comment l’état de conservation des espèces inscrites à "
            "l’Annexe I présentes dans votre pays a-t-il évolué depuis le dernier rapport ?",
            "es": "En general, ¿cómo ha evolucionado el estado de conservación de las especies "
            "incluidas en el Apéndice I presentes en su país desde el último informe?",
        },
        "guidance": {
            "en": "Base the answer on national monitoring data or Red List assessments where "
            "available.",
            "fr": "Fondez votre réponse sur les données de suivi nationales ou sur les évaluations "
            "de la Liste rouge, lorsqu’elles existent.",
            "es": "Base su respuesta en los datos de seguimiento nacionales o en las evaluaciones "
            "de la Lista Roja, cuando se disponga de ellos.",
        },
        "config": {
            "choices": [
                {
                    "key": "improved",
                    "label": {"en": "Improved", "fr": "Il s’est amélioré", "es": "Ha mejorado"},
                },
                {
                    "key": "stable",
                    "label": {
                        "en": "Remained stable",
                        "fr": "Il est resté stable",
                        "es": "Se ha mantenido estable",
                    },
                },
                {
                    "key": "deteriorated",
                    "label": {
                        "en": "Deteriorated",
                        "fr": "Il s’est détérioré",
                        "es": "Ha empeorado",
                    },
                },
                {
                    "key": "unknown",
                    "label": {
                        "en": "Unknown (insufficient data)",
                        "fr": "Évolution inconnue (données insuffisantes)",
                        "es": "Se desconoce (datos insuficientes)",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
        "versions": [
            {
                "type": "single_choice",
                "text": {
                    "en": "Overall, how has the conservation status of Appendix I species "
                    "occurring in your country changed since the last report?",
                    "fr": "Dans l’ensemble, comment l’état de conservation des espèces inscrites à "
                    "l’Annexe I présentes dans votre pays a-t-il évolué depuis le dernier "
                    "rapport ?",
                    "es": "En general, ¿cómo ha evolucionado el estado de conservación de las "
                    "especies incluidas en el Apéndice I presentes en su país desde el último "
                    "informe?",
                },
                "guidance": {
                    "en": "Base the answer on national monitoring data or Red List assessments "
                    "where available. Select “Trends differ between species” when the status of "
                    "some species improved while that of others deteriorated.",
                    "fr": "Fondez votre réponse sur les données de suivi nationales ou sur les "
                    "évaluations de la Liste rouge, lorsqu’elles existent. Sélectionnez « Les "
                    "tendances diffèrent selon les espèces » lorsque l’état de certaines espèces "
                    "s’est amélioré tandis que celui d’autres s’est détérioré.",
                    "es": "Base su respuesta en los datos de seguimiento nacionales o en las "
                    "evaluaciones de la Lista Roja, cuando se disponga de ellos. Seleccione «Las "
                    "tendencias difieren según las especies» cuando el estado de algunas especies "
                    "haya mejorado y el de otras haya empeorado.",
                },
                "config": {
                    "choices": [
                        {
                            "key": "improved",
                            "label": {
                                "en": "Improved",
                                "fr": "Il s’est amélioré",
                                "es": "Ha mejorado",
                            },
                        },
                        {
                            "key": "stable",
                            "label": {
                                "en": "Remained stable",
                                "fr": "Il est resté stable",
                                "es": "Se ha mantenido estable",
                            },
                        },
                        {
                            "key": "deteriorated",
                            "label": {
                                "en": "Deteriorated",
                                "fr": "Il s’est détérioré",
                                "es": "Ha empeorado",
                            },
                        },
                        {
                            "key": "mixed",
                            "label": {
                                "en": "Trends differ between species",
                                "fr": "Les tendances diffèrent selon les espèces",
                                "es": "Las tendencias difieren según las especies",
                            },
                        },
                        {
                            "key": "unknown",
                            "label": {
                                "en": "Unknown (insufficient data)",
                                "fr": "Évolution inconnue (données insuffisantes)",
                                "es": "Se desconoce (datos insuficientes)",
                            },
                        },
                    ],
                    "allow_other": False,
                },
            },
        ],
    },
    {
        "code": "SPEC-LISTING-05",
        "owner": "AEWA",
        "type": "date",
        "text": {
            "en": "When were the national estimates of the waterbird populations listed in Table 1 "
            "of the AEWA Action Plan last updated?",
            "fr": "Quand les estimations nationales des effectifs des populations d’oiseaux d’eau "
            "inscrites au tableau 1 du Plan d’action de l’AEWA ont-elles été mises à jour pour la "
            "dernière fois ?",
            "es": "¿Cuándo se actualizaron por última vez las estimaciones nacionales de las "
            "poblaciones de aves acuáticas incluidas en la tabla 1 del Plan de Acción del AEWA?",
        },
        "guidance": {
            "en": "Give the publication date of the most recent national estimates (breeding, "
            "passage or wintering). If only the year is known, enter 1 January of that year.",
            "fr": "Indiquez la date de publication des estimations nationales les plus récentes "
            "(nidification, passage ou hivernage). Si seule l’année est connue, indiquez le 1er "
            "janvier de cette année.",
            "es": "Indique la fecha de publicación de las estimaciones nacionales más recientes "
            "(reproducción, paso o invernada). Si solo se conoce el año, indique el 1 de enero de "
            "ese año.",
        },
        "config": {},
        "tags": ["theme:species-status", "theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "SPEC-LISTING-06",
        "owner": "RAPTORS",
        "type": "number",
        "text": {
            "en": "What is the current estimate of the national breeding population of the Saker "
            "Falcon (Falco cherrug)?",
            "fr": "Quelle est l’estimation actuelle de la population nicheuse nationale de Faucon "
            "sacre (Falco cherrug) ?",
            "es": "¿Cuál es la estimación actual de la población reproductora nacional de halcón "
            "sacre (Falco cherrug)?",
        },
        "guidance": {
            "en": "Give the best available estimate. If only a range is available, enter its "
            "midpoint. Enter 0 if the species does not breed in your country.",
            "fr": "Indiquez la meilleure estimation disponible. Si seule une fourchette est "
            "disponible, indiquez sa valeur médiane. Indiquez 0 si l’espèce ne niche pas dans "
            "votre pays.",
            "es": "Indique la mejor estimación disponible. Si solo se dispone de un intervalo, "
            "indique su valor medio. Indique 0 si la especie no se reproduce en su país.",
        },
        "config": {
            "unit": {"en": "pairs", "fr": "couples", "es": "parejas"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-PROT-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Is the taking of all Appendix I species prohibited by national legislation?",
            "fr": "Le prélèvement de toutes les espèces inscrites à l’Annexe I est-il interdit par "
            "la législation nationale ?",
            "es": "¿Prohíbe la legislación nacional la captura de todas las especies incluidas en "
            "el Apéndice I?",
        },
        "guidance": {
            "en": "Article III, paragraph 5, of the Convention requires Range States to prohibit "
            "the taking of animals belonging to Appendix I species. “Taking” means taking, "
            "hunting, fishing, capturing, harassing, deliberate killing, or attempting to engage "
            "in any such conduct (Article I, paragraph 1 (i)).",
            "fr": "L’article III, paragraphe 5, de la Convention fait obligation aux États de "
            "l’aire de répartition d’interdire le prélèvement d’animaux appartenant aux espèces "
            "inscrites à l’Annexe I. Le terme « prélèvement » désigne le prélèvement, la chasse, "
            "la pêche, la capture, le harcèlement, la destruction délibérée ou toute tentative "
            "d’entreprendre l’une de ces actions (article premier, paragraphe 1 i)).",
            "es": "El artículo III, párrafo 5, de la Convención obliga a los Estados del área de "
            "distribución a prohibir la captura de animales de las especies incluidas en el "
            "Apéndice I. Por «captura» se entiende la sustracción, caza, pesca, captura, "
            "hostigamiento o matanza deliberada, o la tentativa de realizar cualquiera de estos "
            "actos (artículo I, párrafo 1 i)).",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:2.1", "spms:5.1", "gbf:5"],
        "versions": [
            {
                "type": "single_choice",
                "text": {
                    "en": "To what extent does national legislation prohibit the taking of "
                    "Appendix I species?",
                    "fr": "Dans quelle mesure la législation nationale interdit-elle le "
                    "prélèvement des espèces inscrites à l’Annexe I ?",
                    "es": "¿En qué medida prohíbe la legislación nacional la captura de las "
                    "especies incluidas en el Apéndice I?",
                },
                "guidance": {
                    "en": "If taking is prohibited only for some species or only in part of the "
                    "national territory, list the species that are not fully protected in question "
                    "SPEC-PROT-03.",
                    "fr": "Si le prélèvement n’est interdit que pour certaines espèces ou dans une "
                    "partie seulement du territoire national, indiquez les espèces qui ne sont pas "
                    "pleinement protégées à la question SPEC-PROT-03.",
                    "es": "Si la captura solo está prohibida para algunas especies o en una parte "
                    "del territorio nacional, indique las especies que no están plenamente "
                    "protegidas en la pregunta SPEC-PROT-03.",
                },
                "config": {
                    "choices": [
                        {
                            "key": "all-species",
                            "label": {
                                "en": "Taking is prohibited for all Appendix I species occurring "
                                "in the country",
                                "fr": "Le prélèvement est interdit pour toutes les espèces "
                                "inscrites à l’Annexe I présentes dans le pays",
                                "es": "La captura está prohibida para todas las especies incluidas "
                                "en el Apéndice I presentes en el país",
                            },
                        },
                        {
                            "key": "some-species",
                            "label": {
                                "en": "Taking is prohibited for some Appendix I species only",
                                "fr": "Le prélèvement n’est interdit que pour certaines espèces "
                                "inscrites à l’Annexe I",
                                "es": "La captura solo está prohibida para algunas especies "
                                "incluidas en el Apéndice I",
                            },
                        },
                        {
                            "key": "part-of-territory",
                            "label": {
                                "en": "Taking is prohibited only in part of the national territory "
                                "(e.g. in protected areas)",
                                "fr": "Le prélèvement n’est interdit que dans une partie du "
                                "territoire national (par exemple, dans les aires protégées)",
                                "es": "La captura solo está prohibida en una parte del territorio "
                                "nacional (por ejemplo, en las áreas protegidas)",
                            },
                        },
                        {
                            "key": "not-prohibited",
                            "label": {
                                "en": "Taking of Appendix I species is not prohibited",
                                "fr": "Le prélèvement des espèces inscrites à l’Annexe I n’est pas "
                                "interdit",
                                "es": "La captura de las especies incluidas en el Apéndice I no "
                                "está prohibida",
                            },
                        },
                    ],
                    "allow_other": False,
                },
            },
        ],
    },
    {
        "code": "SPEC-PROT-02",
        "owner": "CMS",
        "type": "short_text",
        "text": {
            "en": "Please give the title and year of the principal legislation prohibiting the "
            "taking of Appendix I species.",
            "fr": "Veuillez indiquer l’intitulé et l’année d’adoption du principal texte "
            "législatif interdisant le prélèvement des espèces inscrites à l’Annexe I.",
            "es": "Indique el título y el año de la principal norma que prohíbe la captura de las "
            "especies incluidas en el Apéndice I.",
        },
        "guidance": {
            "en": "Cite the act and, where relevant, the section, e.g. “Wildlife Conservation Act "
            "2019, section 12”.",
            "fr": "Citez le texte et, le cas échéant, l’article concerné, par exemple « Loi de "
            "2019 sur la conservation de la faune sauvage, article 12 ».",
            "es": "Cite la norma y, en su caso, el artículo correspondiente; por ejemplo: «Ley de "
            "Conservación de la Vida Silvestre de 2019, artículo 12».",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:4"],
    },
    {
        "code": "SPEC-PROT-03",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": "Which Appendix I species occurring in your country are not fully protected from "
            "taking by national legislation?",
            "fr": "Quelles espèces inscrites à l’Annexe I présentes dans votre pays ne sont pas "
            "pleinement protégées contre le prélèvement par la législation nationale ?",
            "es": "¿Qué especies incluidas en el Apéndice I presentes en su país no están "
            "plenamente protegidas frente a la captura por la legislación nacional?",
        },
        "guidance": {
            "en": "Include species that are protected only at certain times of year, in part of "
            "the national territory or at some stages of their life cycle.",
            "fr": "Incluez les espèces qui ne sont protégées qu’à certaines périodes de l’année, "
            "dans une partie du territoire national ou à certains stades de leur cycle de vie.",
            "es": "Incluya las especies protegidas solo en determinadas épocas del año, en una "
            "parte del territorio nacional o en algunas fases de su ciclo vital.",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:4"],
    },
    {
        "code": "SPEC-PROT-04",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Have any exceptions to the prohibition of taking been granted in the reporting "
            "period?",
            "fr": "Des dérogations à l’interdiction de prélèvement ont-elles été accordées au "
            "cours de la période considérée ?",
            "es": "¿Se han concedido excepciones a la prohibición de captura durante el período de "
            "que se informa?",
        },
        "guidance": {
            "en": "Exceptions may be granted only under the conditions set out in Article III, "
            "paragraph 5 (a) to (d), of the Convention. They should be precise as to content and "
            "limited in space and time, and the taking should not operate to the disadvantage of "
            "the species.",
            "fr": "Des dérogations ne peuvent être accordées que dans les conditions prévues à "
            "l’article III, paragraphe 5 a) à d), de la Convention. Elles doivent être précises "
            "quant à leur contenu et limitées dans l’espace et dans le temps, et le prélèvement ne "
            "doit pas porter préjudice à l’espèce.",
            "es": "Solo pueden concederse excepciones en las condiciones previstas en el artículo "
            "III, párrafo 5 a) a d), de la Convención. Deben ser precisas en cuanto a su contenido "
            "y limitadas en el espacio y en el tiempo, y la captura no debe ir en detrimento de la "
            "especie.",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:2.1", "gbf:5"],
    },
    {
        "code": "SPEC-PROT-05",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "For which purposes were the exceptions granted?",
            "fr": "À quelles fins les dérogations ont-elles été accordées ?",
            "es": "¿Con qué fines se concedieron las excepciones?",
        },
        "guidance": {
            "en": "These are the only grounds for exceptions provided for in Article III, "
            "paragraph 5, of the Convention.",
            "fr": "Ce sont les seuls motifs de dérogation prévus à l’article III, paragraphe 5, de "
            "la Convention.",
            "es": "Son los únicos motivos de excepción previstos en el artículo III, párrafo 5, de "
            "la Convención.",
        },
        "config": {
            "choices": [
                {
                    "key": "scientific",
                    "label": {
                        "en": "Scientific purposes",
                        "fr": "Fins scientifiques",
                        "es": "Fines científicos",
                    },
                },
                {
                    "key": "propagation-survival",
                    "label": {
                        "en": "Enhancing the propagation or survival of the species",
                        "fr": "Amélioration de la propagation ou de la survie de l’espèce",
                        "es": "Mejora de la propagación o la supervivencia de la especie",
                    },
                },
                {
                    "key": "subsistence",
                    "label": {
                        "en": "Needs of traditional subsistence users",
                        "fr": "Besoins liés à une économie traditionnelle de subsistance",
                        "es": "Necesidades de una economía tradicional de subsistencia",
                    },
                },
                {
                    "key": "extraordinary",
                    "label": {
                        "en": "Extraordinary circumstances",
                        "fr": "Circonstances exceptionnelles",
                        "es": "Circunstancias extraordinarias",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:legal-protection", "spms:2.1", "gbf:5"],
    },
    {
        "code": "SPEC-PROT-06",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": "Please describe the exceptions granted (species, purpose, number of specimens).",
            "fr": "Veuillez décrire les dérogations accordées (espèces, finalité, nombre de "
            "spécimens).",
            "es": "Describa las excepciones concedidas (especies, finalidad, número de "
            "ejemplares).",
        },
        "guidance": {
            "en": "For each exception, also indicate the period and area to which it applied and "
            "the authority that granted it.",
            "fr": "Pour chaque dérogation, précisez également la période et la zone concernées "
            "ainsi que l’autorité qui l’a accordée.",
            "es": "Para cada excepción, indique también el período y la zona a los que se aplicó y "
            "la autoridad que la concedió.",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:2.1", "gbf:5"],
    },
    {
        "code": "SPEC-PROT-07",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Have these exceptions been notified to the CMS Secretariat in accordance with "
            "Article III, paragraph 7, of the Convention?",
            "fr": "Ces dérogations ont-elles été notifiées au Secrétariat de la CMS conformément à "
            "l’article III, paragraphe 7, de la Convention ?",
            "es": "¿Se han notificado estas excepciones a la Secretaría de la CMS de conformidad "
            "con el artículo III, párrafo 7, de la Convención?",
        },
        "guidance": {
            "en": "Parties are to inform the Secretariat as soon as possible of any exceptions "
            "made under Article III, paragraph 5.",
            "fr": "Les Parties informent le Secrétariat dans les meilleurs délais de toute "
            "dérogation accordée en vertu de l’article III, paragraphe 5.",
            "es": "Las Partes deben informar a la Secretaría lo antes posible de toda excepción "
            "concedida en virtud del artículo III, párrafo 5.",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:5"],
    },
    {
        "code": "SPEC-PROT-08",
        "owner": "RAPTORS",
        "type": "yes_no",
        "text": {
            "en": "Are all birds of prey listed in Category 1 of Table 1 of the Raptors MoU "
            "legally protected from taking in your country?",
            "fr": "Tous les oiseaux de proie inscrits dans la catégorie 1 du tableau 1 du "
            "Mémorandum d’entente sur les rapaces bénéficient-ils d’une protection juridique "
            "contre le prélèvement dans votre pays ?",
            "es": "¿Gozan de protección jurídica frente a la captura en su país todas las aves "
            "rapaces incluidas en la categoría 1 de la tabla 1 del Memorando de Entendimiento "
            "sobre las Aves Rapaces?",
        },
        "guidance": {
            "en": "Category 1 comprises the globally threatened and near-threatened species "
            "covered by the Memorandum of Understanding.",
            "fr": "La catégorie 1 regroupe les espèces menacées et quasi menacées à l’échelle "
            "mondiale couvertes par le Mémorandum d’entente.",
            "es": "La categoría 1 comprende las especies amenazadas y casi amenazadas a nivel "
            "mundial que abarca el Memorando de Entendimiento.",
        },
        "config": {},
        "tags": ["theme:legal-protection", "spms:5.1", "gbf:4"],
    },
    {
        "code": "THR-BYCATCH-01",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "What are the main causes of bycatch of migratory species in your country's "
            "fisheries?",
            "fr": "Quelles sont les principales causes de prises accessoires d’espèces migratrices "
            "dans les pêcheries de votre pays ?",
            "es": "¿Cuáles son las principales causas de captura incidental de especies "
            "migratorias en las pesquerías de su país?",
        },
        "guidance": {
            "en": "Select the fishing gear responsible for most of the bycatch of migratory birds, "
            "marine mammals, sea turtles, sharks and rays, both in national waters and by vessels "
            "flying your country's flag.",
            "fr": "Sélectionnez les engins de pêche responsables de la majeure partie des prises "
            "accessoires d’oiseaux, de mammifères marins, de tortues marines, de requins et de "
            "raies migrateurs, tant dans les eaux nationales que par les navires battant pavillon "
            "de votre pays.",
            "es": "Seleccione los artes de pesca responsables de la mayor parte de la captura "
            "incidental de aves, mamíferos marinos, tortugas marinas, tiburones y rayas "
            "migratorios, tanto en aguas nacionales como por los buques que enarbolan el pabellón "
            "de su país.",
        },
        "config": {
            "choices": [
                {
                    "key": "gillnets",
                    "label": {
                        "en": "Gillnets and entangling nets",
                        "fr": "Filets maillants et filets emmêlants",
                        "es": "Redes de enmalle y de enredo",
                    },
                },
                {
                    "key": "demersal-longlines",
                    "label": {
                        "en": "Demersal longlines",
                        "fr": "Palangres de fond",
                        "es": "Palangres de fondo",
                    },
                },
                {
                    "key": "pelagic-longlines",
                    "label": {
                        "en": "Pelagic longlines",
                        "fr": "Palangres pélagiques",
                        "es": "Palangres pelágicos",
                    },
                },
                {
                    "key": "trawls",
                    "label": {"en": "Trawls", "fr": "Chaluts", "es": "Redes de arrastre"},
                },
                {
                    "key": "purse-seines",
                    "label": {
                        "en": "Purse seines",
                        "fr": "Sennes coulissantes",
                        "es": "Redes de cerco con jareta",
                    },
                },
                {
                    "key": "traps-pots",
                    "label": {
                        "en": "Traps and pots",
                        "fr": "Pièges et casiers",
                        "es": "Trampas y nasas",
                    },
                },
                {
                    "key": "fads",
                    "label": {
                        "en": "Fish aggregating devices (FADs)",
                        "fr": "Dispositifs de concentration de poissons (DCP)",
                        "es": "Dispositivos de concentración de peces (DCP)",
                    },
                },
                {
                    "key": "recreational",
                    "label": {
                        "en": "Recreational fishing",
                        "fr": "Pêche récréative",
                        "es": "Pesca recreativa",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:bycatch", "spms:2.1", "gbf:5", "sdg:14.4"],
    },
    {
        "code": "THR-BYCATCH-02",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": "For each type of fishing gear used in your country, please indicate the level "
            "of bycatch of migratory species and whether mitigation measures are in place.",
            "fr": "Pour chaque type d’engin de pêche utilisé dans votre pays, veuillez indiquer le "
            "niveau des prises accessoires d’espèces migratrices et préciser si des mesures "
            "d’atténuation sont en place.",
            "es": "Para cada tipo de arte de pesca utilizado en su país, indique el nivel de "
            "captura incidental de especies migratorias y si se han adoptado medidas de "
            "mitigación.",
        },
        "guidance": {
            "en": "Assess the level in relation to fishing effort and to the conservation status "
            "of the species caught. “High” means bycatch that may affect the population of at "
            "least one species.",
            "fr": "Évaluez le niveau au regard de l’effort de pêche et de l’état de conservation "
            "des espèces capturées. « Élevé » désigne des prises accessoires susceptibles "
            "d’affecter la population d’au moins une espèce.",
            "es": "Evalúe el nivel en función del esfuerzo pesquero y del estado de conservación "
            "de las especies capturadas. «Alto» designa una captura incidental que puede afectar a "
            "la población de al menos una especie.",
        },
        "config": {
            "rows": [
                {
                    "key": "gillnets",
                    "label": {
                        "en": "Gillnets and entangling nets",
                        "fr": "Filets maillants et filets emmêlants",
                        "es": "Redes de enmalle y de enredo",
                    },
                },
                {
                    "key": "demersal-longlines",
                    "label": {
                        "en": "Demersal longlines",
                        "fr": "Palangres de fond",
                        "es": "Palangres de fondo",
                    },
                },
                {
                    "key": "pelagic-longlines",
                    "label": {
                        "en": "Pelagic longlines",
                        "fr": "Palangres pélagiques",
                        "es": "Palangres pelágicos",
                    },
                },
                {
                    "key": "trawls",
                    "label": {"en": "Trawls", "fr": "Chaluts", "es": "Redes de arrastre"},
                },
                {
                    "key": "purse-seines",
                    "label": {
                        "en": "Purse seines",
                        "fr": "Sennes coulissantes",
                        "es": "Redes de cerco con jareta",
                    },
                },
                {
                    "key": "traps-pots",
                    "label": {
                        "en": "Traps and pots",
                        "fr": "Pièges et casiers",
                        "es": "Trampas y nasas",
                    },
                },
            ],
            "columns": [
                {
                    "key": "level",
                    "label": {
                        "en": "Bycatch level",
                        "fr": "Niveau des prises accessoires",
                        "es": "Nivel de captura incidental",
                    },
                    "type": "single_choice",
                    "choices": [
                        {"key": "high", "label": {"en": "High", "fr": "Élevé", "es": "Alto"}},
                        {"key": "medium", "label": {"en": "Medium", "fr": "Moyen", "es": "Medio"}},
                        {"key": "low", "label": {"en": "Low", "fr": "Faible", "es": "Bajo"}},
                        {
                            "key": "unknown",
                            "label": {"en": "Unknown", "fr": "Inconnu", "es": "Desconocido"},
                        },
                        {
                            "key": "not-used",
                            "label": {
                                "en": "Gear not used",
                                "fr": "Engin non utilisé",
                                "es": "Arte no utilizado",
                            },
                        },
                    ],
                },
                {
                    "key": "mitigation",
                    "label": {
                        "en": "Mitigation measures in place",
                        "fr": "Mesures d’atténuation en place",
                        "es": "Medidas de mitigación adoptadas",
                    },
                    "type": "yes_no",
                },
                {
                    "key": "monitoring",
                    "label": {
                        "en": "Bycatch monitored by observers or electronic monitoring",
                        "fr": "Prises accessoires suivies par des observateurs ou par surveillance "
                        "électronique",
                        "es": "Captura incidental vigilada por observadores o mediante seguimiento "
                        "electrónico",
                    },
                    "type": "yes_no",
                },
            ],
        },
        "tags": ["theme:bycatch", "spms:2.1", "gbf:5", "sdg:14.4"],
    },
    {
        "code": "THR-BYCATCH-03",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": "Which migratory species are most affected by bycatch in your country's "
            "fisheries?",
            "fr": "Quelles espèces migratrices sont les plus touchées par les prises accessoires "
            "dans les pêcheries de votre pays ?",
            "es": "¿Qué especies migratorias se ven más afectadas por la captura incidental en las "
            "pesquerías de su país?",
        },
        "guidance": {
            "en": "Select up to ten species, starting with those for which bycatch is a threat at "
            "population level.",
            "fr": "Sélectionnez au maximum dix espèces, en commençant par celles pour lesquelles "
            "les prises accessoires constituent une menace à l’échelle de la population.",
            "es": "Seleccione hasta diez especies, empezando por aquellas para las que la captura "
            "incidental constituye una amenaza a nivel de población.",
        },
        "config": {},
        "tags": ["theme:bycatch", "spms:2.1", "gbf:5"],
    },
    {
        "code": "THR-BYCATCH-04",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country adopted a national plan of action to reduce the bycatch of "
            "migratory species, such as a National Plan of Action for Seabirds (NPOA-Seabirds)?",
            "fr": "Votre pays a-t-il adopté un plan d’action national visant à réduire les prises "
            "accessoires d’espèces migratrices, tel qu’un plan d’action national pour les oiseaux "
            "de mer (PAN-Oiseaux de mer) ?",
            "es": "¿Ha adoptado su país un plan de acción nacional para reducir la captura "
            "incidental de especies migratorias, como un plan de acción nacional para las aves "
            "marinas (PAN-Aves marinas)?",
        },
        "guidance": {
            "en": "Plans prepared under the FAO International Plans of Action for seabirds or for "
            "sharks count, as do national plans covering marine mammals or sea turtles.",
            "fr": "Sont pris en compte les plans élaborés dans le cadre des plans d’action "
            "internationaux de la FAO pour les oiseaux de mer ou pour les requins, ainsi que les "
            "plans nationaux relatifs aux mammifères marins ou aux tortues marines.",
            "es": "Se tienen en cuenta los planes elaborados en el marco de los planes de acción "
            "internacionales de la FAO para las aves marinas o los tiburones, así como los planes "
            "nacionales relativos a los mamíferos marinos o las tortugas marinas.",
        },
        "config": {},
        "tags": ["theme:bycatch", "theme:national-planning", "spms:2.1", "spms:5.1", "sdg:14.4"],
    },
    {
        "code": "THR-BYCATCH-05",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "What percentage of fishing effort in fisheries with known bycatch of migratory "
            "species was covered by independent observers or electronic monitoring in the last "
            "year of the reporting period?",
            "fr": "Quel pourcentage de l’effort de pêche des pêcheries connues pour leurs prises "
            "accessoires d’espèces migratrices a été couvert par des observateurs indépendants ou "
            "par une surveillance électronique au cours de la dernière année de la période "
            "considérée ?",
            "es": "¿Qué porcentaje del esfuerzo pesquero de las pesquerías con captura incidental "
            "conocida de especies migratorias estuvo cubierto por observadores independientes o "
            "seguimiento electrónico en el último año del período de que se informa?",
        },
        "guidance": {
            "en": "Express fishing effort in the unit used by the national fisheries authority "
            "(e.g. fishing days or hooks set). Where coverage differs between fleets, give the "
            "weighted average.",
            "fr": "Exprimez l’effort de pêche dans l’unité utilisée par l’administration nationale "
            "des pêches (par exemple, jours de pêche ou hameçons posés). Si la couverture varie "
            "selon les flottilles, indiquez la moyenne pondérée.",
            "es": "Exprese el esfuerzo pesquero en la unidad utilizada por la autoridad pesquera "
            "nacional (por ejemplo, días de pesca o anzuelos calados). Si la cobertura varía entre "
            "flotas, indique la media ponderada.",
        },
        "config": {
            "unit": {"en": "%", "fr": "%", "es": "%"},
            "min": 0,
            "max": 100,
            "integer": False,
        },
        "tags": ["theme:bycatch", "theme:research-monitoring", "spms:2.1", "spms:4.2", "sdg:14.4"],
    },
    {
        "code": "THR-BYCATCH-06",
        "owner": "AEWA",
        "type": "yes_no",
        "text": {
            "en": "Have measures been taken to reduce the bycatch of waterbirds, such as sea "
            "ducks, divers and grebes, in gillnet fisheries?",
            "fr": "Des mesures ont-elles été prises pour réduire les prises accessoires d’oiseaux "
            "d’eau, tels que les canards marins, les plongeons et les grèbes, dans les pêcheries "
            "aux filets maillants ?",
            "es": "¿Se han adoptado medidas para reducir la captura incidental de aves acuáticas, "
            "como patos marinos, colimbos y somormujos, en las pesquerías con redes de enmalle?",
        },
        "guidance": {
            "en": "Examples include spatial or seasonal closures in areas where waterbirds "
            "concentrate, alternative gear such as pots, and visual deterrents on nets.",
            "fr": "Il peut s’agir, par exemple, de fermetures spatiales ou saisonnières dans les "
            "zones de concentration des oiseaux d’eau, d’engins de substitution tels que les "
            "casiers ou de dispositifs d’effarouchement visuels sur les filets.",
            "es": "Por ejemplo, vedas espaciales o estacionales en las zonas de concentración de "
            "aves acuáticas, artes alternativos como las nasas o dispositivos de disuasión visual "
            "en las redes.",
        },
        "config": {},
        "tags": ["theme:bycatch", "spms:2.1", "gbf:5"],
    },
    {
        "code": "THR-BYCATCH-07",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": "Please describe the bycatch mitigation measures in place and any evidence of "
            "their effectiveness.",
            "fr": "Veuillez décrire les mesures d’atténuation des prises accessoires en place et "
            "les éventuelles données attestant de leur efficacité.",
            "es": "Describa las medidas de mitigación de la captura incidental adoptadas y los "
            "datos de que se disponga sobre su eficacia.",
        },
        "guidance": {
            "en": "For example: bird-scaring lines, night setting and line weighting in longline "
            "fisheries; acoustic deterrents (pingers) on gillnets; turtle excluder devices in "
            "trawls; circle hooks; time-area closures.",
            "fr": "Par exemple : lignes d’effarouchement des oiseaux, filage de nuit et lestage "
            "des lignes dans les pêcheries palangrières ; répulsifs acoustiques (pingers) sur les "
            "filets maillants ; dispositifs d’exclusion des tortues dans les chaluts ; hameçons "
            "circulaires ; fermetures spatio-temporelles.",
            "es": "Por ejemplo: líneas espantapájaros, calado nocturno y lastrado de las líneas en "
            "las pesquerías de palangre; dispositivos acústicos de disuasión (pingers) en las "
            "redes de enmalle; dispositivos excluidores de tortugas en las redes de arrastre; "
            "anzuelos circulares; vedas espacio-temporales.",
        },
        "config": {},
        "tags": ["theme:bycatch", "spms:2.1", "gbf:5", "sdg:14.4"],
    },
    {
        "code": "THR-POISON-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country adopted a national strategy or action plan to prevent the "
            "poisoning of migratory birds?",
            "fr": "Votre pays a-t-il adopté une stratégie nationale ou un plan d’action national "
            "visant à prévenir l’empoisonnement des oiseaux migrateurs ?",
            "es": "¿Ha adoptado su país una estrategia o un plan de acción nacional para prevenir "
            "el envenenamiento de las aves migratorias?",
        },
        "guidance": {
            "en": "See the Guidelines to Prevent the Risk of Poisoning to Migratory Birds "
            "(Resolution 11.15 (Rev.COP13)), which cover insecticides, rodenticides, poison baits, "
            "veterinary pharmaceuticals, and lead ammunition and fishing weights.",
            "fr": "Voir les Lignes directrices pour prévenir le risque d’empoisonnement des "
            "oiseaux migrateurs (résolution 11.15 (Rev.COP13)), qui portent sur les insecticides, "
            "les rodenticides, les appâts empoisonnés, les médicaments vétérinaires ainsi que les "
            "munitions et les lests de pêche au plomb.",
            "es": "Véanse las Directrices para prevenir el riesgo de envenenamiento de las aves "
            "migratorias (Resolución 11.15 (Rev.COP13)), que abarcan los insecticidas, los "
            "rodenticidas, los cebos envenenados, los medicamentos veterinarios y la munición y "
            "los lastres de pesca de plomo.",
        },
        "config": {},
        "tags": ["theme:poisoning", "theme:national-planning", "spms:2.2", "spms:5.1", "gbf:7"],
    },
    {
        "code": "THR-POISON-02",
        "owner": "CMS",
        "type": "file",
        "text": {
            "en": "Please attach the national strategy or action plan against the poisoning of "
            "birds.",
            "fr": "Veuillez joindre la stratégie nationale ou le plan d’action national de lutte "
            "contre l’empoisonnement des oiseaux.",
            "es": "Adjunte la estrategia o el plan de acción nacional contra el envenenamiento de "
            "las aves.",
        },
        "guidance": {
            "en": "Attach the adopted text, if possible in one of the working languages of the "
            "Convention. PDF is preferred.",
            "fr": "Joignez le texte adopté, si possible dans l’une des langues de travail de la "
            "Convention. Le format PDF est à privilégier.",
            "es": "Adjunte el texto adoptado, de ser posible en uno de los idiomas de trabajo de "
            "la Convención. Se prefiere el formato PDF.",
        },
        "config": {},
        "tags": ["theme:poisoning", "theme:national-planning", "spms:2.2", "spms:5.1"],
    },
    {
        "code": "THR-POISON-03",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": "Please give the number of poisoning incidents involving migratory birds "
            "recorded during the reporting period, by substance.",
            "fr": "Veuillez indiquer, par substance, le nombre de cas d’empoisonnement d’oiseaux "
            "migrateurs enregistrés au cours de la période considérée.",
            "es": "Indique, por sustancia, el número de casos de envenenamiento de aves "
            "migratorias registrados durante el período de que se informa.",
        },
        "guidance": {
            "en": "Count only incidents in which poisoning was confirmed by toxicological analysis "
            "or a veterinary post-mortem examination. Use the last row when poisoning was "
            "confirmed but the substance could not be identified. Enter 0 where no incident was "
            "recorded.",
            "fr": "Ne comptez que les cas dans lesquels l’empoisonnement a été confirmé par une "
            "analyse toxicologique ou une autopsie vétérinaire. Utilisez la dernière ligne lorsque "
            "l’empoisonnement a été confirmé sans que la substance ait pu être identifiée. "
            "Indiquez 0 si aucun cas n’a été enregistré.",
            "es": "Cuente únicamente los casos en que el envenenamiento se confirmó mediante "
            "análisis toxicológico o necropsia veterinaria. Utilice la última fila cuando se "
            "confirmó el envenenamiento pero no pudo identificarse la sustancia. Indique 0 si no "
            "se registró ningún caso.",
        },
        "config": {
            "rows": [
                {
                    "key": "carbamates-organophosphates",
                    "label": {
                        "en": "Carbamate and organophosphate insecticides (e.g. carbofuran, "
                        "aldicarb)",
                        "fr": "Insecticides carbamates et organophosphorés (par exemple, "
                        "carbofuran, aldicarbe)",
                        "es": "Insecticidas carbamatos y organofosforados (por ejemplo, "
                        "carbofurano, aldicarb)",
                    },
                },
                {
                    "key": "rodenticides",
                    "label": {
                        "en": "Anticoagulant rodenticides",
                        "fr": "Rodenticides anticoagulants",
                        "es": "Rodenticidas anticoagulantes",
                    },
                },
                {
                    "key": "strychnine",
                    "label": {"en": "Strychnine", "fr": "Strychnine", "es": "Estricnina"},
                },
                {
                    "key": "lead",
                    "label": {
                        "en": "Lead (ammunition and fishing weights)",
                        "fr": "Plomb (munitions et lests de pêche)",
                        "es": "Plomo (munición y lastres de pesca)",
                    },
                },
                {
                    "key": "nsaids",
                    "label": {
                        "en": "Veterinary NSAIDs (e.g. diclofenac)",
                        "fr": "AINS à usage vétérinaire (par exemple, diclofénac)",
                        "es": "AINE de uso veterinario (por ejemplo, diclofenaco)",
                    },
                },
                {
                    "key": "unidentified",
                    "label": {
                        "en": "Substance not identified",
                        "fr": "Substance non identifiée",
                        "es": "Sustancia no identificada",
                    },
                },
            ],
            "columns": [
                {
                    "key": "incidents",
                    "label": {
                        "en": "Incidents recorded",
                        "fr": "Cas enregistrés",
                        "es": "Casos registrados",
                    },
                    "type": "number",
                },
                {
                    "key": "birds",
                    "label": {
                        "en": "Birds found dead",
                        "fr": "Oiseaux trouvés morts",
                        "es": "Aves halladas muertas",
                    },
                    "type": "number",
                },
                {
                    "key": "prosecutions",
                    "label": {
                        "en": "Cases prosecuted",
                        "fr": "Affaires ayant donné lieu à des poursuites",
                        "es": "Casos enjuiciados",
                    },
                    "type": "number",
                },
            ],
        },
        "tags": ["theme:poisoning", "spms:2.2", "gbf:7", "sdg:12.4"],
    },
    {
        "code": "THR-POISON-04",
        "owner": "CMS",
        "type": "species",
        "text": {
            "en": "Which Appendix I species were affected by poisoning incidents during the "
            "reporting period?",
            "fr": "Quelles espèces inscrites à l’Annexe I ont été victimes d’empoisonnements au "
            "cours de la période considérée ?",
            "es": "¿Qué especies incluidas en el Apéndice I se vieron afectadas por casos de "
            "envenenamiento durante el período de que se informa?",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:poisoning", "spms:2.2", "gbf:4"],
    },
    {
        "code": "THR-POISON-05",
        "owner": "AEWA",
        "type": "single_choice",
        "text": {
            "en": "What is the status of the phase-out of lead shot for hunting in wetlands in "
            "your country?",
            "fr": "Où en est la suppression progressive de la grenaille de plomb pour la chasse "
            "dans les zones humides dans votre pays ?",
            "es": "¿En qué situación se encuentra en su país la eliminación gradual de los "
            "perdigones de plomo para la caza en los humedales?",
        },
        "guidance": {
            "en": "Under paragraph 4.1.4 of the AEWA Action Plan, Parties shall endeavour to phase "
            "out the use of lead shot for hunting in wetlands as soon as possible, in accordance "
            "with self-imposed and published timetables.",
            "fr": "En vertu du paragraphe 4.1.4 du Plan d’action de l’AEWA, les Parties "
            "s’efforcent de supprimer progressivement, dans les meilleurs délais, l’utilisation de "
            "la grenaille de plomb pour la chasse dans les zones humides, selon des calendriers "
            "qu’elles fixent elles-mêmes et qu’elles publient.",
            "es": "De conformidad con el párrafo 4.1.4 del Plan de Acción del AEWA, las Partes "
            "procurarán eliminar gradualmente, lo antes posible, el uso de perdigones de plomo "
            "para la caza en los humedales, con arreglo a calendarios fijados y publicados por "
            "ellas mismas.",
        },
        "config": {
            "choices": [
                {
                    "key": "all-habitats",
                    "label": {
                        "en": "Lead shot is banned for hunting in all habitats",
                        "fr": "La grenaille de plomb est interdite pour la chasse dans tous les "
                        "habitats",
                        "es": "Los perdigones de plomo están prohibidos para la caza en todos los "
                        "hábitats",
                    },
                },
                {
                    "key": "all-wetlands",
                    "label": {
                        "en": "Lead shot is banned for hunting in all wetlands",
                        "fr": "La grenaille de plomb est interdite pour la chasse dans toutes les "
                        "zones humides",
                        "es": "Los perdigones de plomo están prohibidos para la caza en todos los "
                        "humedales",
                    },
                },
                {
                    "key": "some-wetlands",
                    "label": {
                        "en": "Lead shot is banned in some wetlands or regions only",
                        "fr": "La grenaille de plomb n’est interdite que dans certaines zones "
                        "humides ou régions",
                        "es": "Los perdigones de plomo solo están prohibidos en algunos humedales "
                        "o regiones",
                    },
                },
                {
                    "key": "ban-adopted",
                    "label": {
                        "en": "A ban has been adopted but is not yet in force",
                        "fr": "Une interdiction a été adoptée mais n’est pas encore en vigueur",
                        "es": "Se ha adoptado una prohibición que aún no ha entrado en vigor",
                    },
                },
                {
                    "key": "no-ban",
                    "label": {
                        "en": "There is no ban on lead shot",
                        "fr": "Il n’existe aucune interdiction de la grenaille de plomb",
                        "es": "No existe ninguna prohibición de los perdigones de plomo",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:poisoning", "spms:2.2", "gbf:7", "sdg:12.4"],
    },
    {
        "code": "THR-POISON-06",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Does national legislation prohibit the use of poison baits for all purposes, "
            "including predator and pest control?",
            "fr": "La législation nationale interdit-elle l’utilisation d’appâts empoisonnés à "
            "toutes fins, y compris la lutte contre les prédateurs et les nuisibles ?",
            "es": "¿Prohíbe la legislación nacional el uso de cebos envenenados para cualquier "
            "fin, incluido el control de depredadores y plagas?",
        },
        "guidance": {
            "en": "Answer “no” if poison baits remain permitted for any purpose, even under "
            "licence.",
            "fr": "Répondez « non » si les appâts empoisonnés restent autorisés à quelque fin que "
            "ce soit, même sous réserve d’autorisation.",
            "es": "Responda «no» si los cebos envenenados siguen permitidos para algún fin, aunque "
            "sea con autorización.",
        },
        "config": {},
        "tags": ["theme:poisoning", "theme:legal-protection", "spms:2.2", "spms:5.1", "gbf:7"],
    },
    {
        "code": "THR-POISON-07",
        "owner": "RAPTORS",
        "type": "single_choice",
        "text": {
            "en": "Is veterinary diclofenac authorised for use in livestock in your country?",
            "fr": "Le diclofénac à usage vétérinaire est-il autorisé pour le traitement du bétail "
            "dans votre pays ?",
            "es": "¿Está autorizado en su país el diclofenaco de uso veterinario para el "
            "tratamiento del ganado?",
        },
        "guidance": {
            "en": "Diclofenac is lethal to vultures that feed on the carcasses of treated "
            "livestock. The Multi-species Action Plan to Conserve African-Eurasian Vultures "
            "(Vulture MsAP) recommends banning its veterinary use.",
            "fr": "Le diclofénac est mortel pour les vautours qui se nourrissent de carcasses de "
            "bétail traité. Le Plan d’action multi-espèces pour la conservation des vautours "
            "d’Afrique-Eurasie (MsAP Vautours) recommande d’en interdire l’usage vétérinaire.",
            "es": "El diclofenaco es letal para los buitres que se alimentan de cadáveres de "
            "ganado tratado. El Plan de Acción Multiespecies para la Conservación de los Buitres "
            "de África y Eurasia (MsAP para los buitres) recomienda prohibir su uso veterinario.",
        },
        "config": {
            "choices": [
                {
                    "key": "not-authorised",
                    "label": {
                        "en": "No, it has never been authorised",
                        "fr": "Non, il n’a jamais été autorisé",
                        "es": "No, nunca ha estado autorizado",
                    },
                },
                {
                    "key": "withdrawn",
                    "label": {
                        "en": "No, its authorisation has been withdrawn",
                        "fr": "Non, son autorisation a été retirée",
                        "es": "No, se ha retirado su autorización",
                    },
                },
                {
                    "key": "restricted",
                    "label": {
                        "en": "Yes, with restrictions (e.g. not in areas where vultures occur)",
                        "fr": "Oui, avec des restrictions (par exemple, interdit dans les zones "
                        "fréquentées par les vautours)",
                        "es": "Sí, con restricciones (por ejemplo, prohibido en las zonas donde "
                        "hay buitres)",
                    },
                },
                {
                    "key": "authorised",
                    "label": {
                        "en": "Yes, without restrictions",
                        "fr": "Oui, sans restriction",
                        "es": "Sí, sin restricciones",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:poisoning", "spms:2.2", "gbf:7", "sdg:12.4"],
    },
    {
        "code": "THR-POISON-08",
        "owner": "RAPTORS",
        "type": "yes_no",
        "text": {
            "en": "Has the use of safe alternatives, such as meloxicam, been promoted to replace "
            "veterinary non-steroidal anti-inflammatory drugs (NSAIDs) that are toxic to vultures?",
            "fr": "Le recours à des substituts sans danger, comme le méloxicam, a-t-il été "
            "encouragé pour remplacer les anti-inflammatoires non stéroïdiens (AINS) à usage "
            "vétérinaire toxiques pour les vautours ?",
            "es": "¿Se ha fomentado el uso de alternativas inocuas, como el meloxicam, en "
            "sustitución de los antiinflamatorios no esteroideos (AINE) de uso veterinario tóxicos "
            "para los buitres?",
        },
        "guidance": {
            "en": "Besides diclofenac, NSAIDs known to be toxic to vultures include aceclofenac, "
            "carprofen, flunixin, ketoprofen and nimesulide.",
            "fr": "Outre le diclofénac, les AINS connus pour leur toxicité envers les vautours "
            "comprennent l’acéclofénac, le carprofène, la flunixine, le kétoprofène et le "
            "nimésulide.",
            "es": "Además del diclofenaco, entre los AINE tóxicos para los buitres figuran el "
            "aceclofenaco, el carprofeno, el flunixino, el ketoprofeno y la nimesulida.",
        },
        "config": {},
        "tags": ["theme:poisoning", "theme:awareness", "spms:2.2", "gbf:7"],
    },
    {
        "code": "THR-POWER-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country assessed the risk of electrocution of birds on medium-voltage "
            "power lines?",
            "fr": "Votre pays a-t-il évalué le risque d’électrocution des oiseaux sur les lignes "
            "électriques à moyenne tension ?",
            "es": "¿Ha evaluado su país el riesgo de electrocución de aves en los tendidos "
            "eléctricos de media tensión?",
        },
        "guidance": {
            "en": "An assessment identifies the most dangerous pole designs and line sections, for "
            "example by combining pole design with the distribution of vulnerable species. See the "
            "Guidelines on How to Avoid or Mitigate Impact of Electricity Power Grids on Migratory "
            "Birds in the African-Eurasian Region.",
            "fr": "Une évaluation permet de repérer les types de poteaux et les tronçons de ligne "
            "les plus dangereux, par exemple en croisant la conception des poteaux avec la "
            "répartition des espèces vulnérables. Voir les Lignes directrices pour éviter ou "
            "atténuer l’impact des réseaux électriques sur les oiseaux migrateurs dans la région "
            "Afrique-Eurasie.",
            "es": "Una evaluación permite determinar los tipos de apoyo y los tramos de tendido "
            "más peligrosos, por ejemplo cruzando el diseño de los apoyos con la distribución de "
            "las especies vulnerables. Véanse las Directrices para evitar o mitigar el impacto de "
            "las redes eléctricas sobre las aves migratorias en la región de África y Eurasia.",
        },
        "config": {},
        "tags": ["theme:power-lines", "spms:2.3", "gbf:14", "sdg:15.5"],
    },
    {
        "code": "THR-POWER-02",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "How many kilometres of dangerous power lines have been retrofitted during the "
            "reporting period?",
            "fr": "Combien de kilomètres de lignes électriques dangereuses ont été sécurisés au "
            "cours de la période considérée ?",
            "es": "¿Cuántos kilómetros de tendidos eléctricos peligrosos se han corregido durante "
            "el período de que se informa?",
        },
        "guidance": {
            "en": "Count lines on which all dangerous poles have been insulated or modified, and "
            "lines that have been fitted with bird flight diverters, buried or rerouted.",
            "fr": "Comptez les lignes dont tous les poteaux dangereux ont été isolés ou modifiés, "
            "ainsi que celles qui ont été équipées de dispositifs anticollision, enfouies ou "
            "déviées.",
            "es": "Cuente los tendidos en los que se han aislado o modificado todos los apoyos "
            "peligrosos, así como los que se han dotado de salvapájaros, soterrado o desviado.",
        },
        "config": {
            "unit": {"en": "km", "fr": "km", "es": "km"},
            "min": 0,
            "max": None,
            "integer": False,
        },
        "tags": ["theme:power-lines", "spms:2.3", "gbf:14", "sdg:15.5"],
        "versions": [
            {
                "type": "number",
                "text": {
                    "en": "How many dangerous medium-voltage poles have been retrofitted to "
                    "prevent bird electrocution during the reporting period?",
                    "fr": "Combien de poteaux dangereux de lignes à moyenne tension ont été "
                    "sécurisés contre l’électrocution des oiseaux au cours de la période "
                    "considérée ?",
                    "es": "¿Cuántos apoyos peligrosos de tendidos de media tensión se han "
                    "corregido para evitar la electrocución de aves durante el período de que se "
                    "informa?",
                },
                "guidance": {
                    "en": "Count each pole once, whatever the number of interventions. A pole "
                    "counts as retrofitted when its conductors and jumpers are insulated or its "
                    "crossarm has been modified so that a perching bird cannot touch live parts. "
                    "Retrofitting against collision is reported in question THR-POWER-03.",
                    "fr": "Comptez chaque poteau une seule fois, quel que soit le nombre "
                    "d’interventions. Un poteau est considéré comme sécurisé lorsque ses "
                    "conducteurs et ses bretelles sont isolés ou que sa traverse a été modifiée de "
                    "sorte qu’un oiseau posé ne puisse pas toucher les parties sous tension. La "
                    "sécurisation contre les collisions est à indiquer à la question THR-POWER-03.",
                    "es": "Cuente cada apoyo una sola vez, independientemente del número de "
                    "intervenciones. Un apoyo se considera corregido cuando sus conductores y "
                    "puentes están aislados o su cruceta se ha modificado de modo que un ave "
                    "posada no pueda tocar los elementos en tensión. La corrección frente a las "
                    "colisiones se indica en la pregunta THR-POWER-03.",
                },
                "config": {
                    "unit": {"en": "poles", "fr": "poteaux", "es": "apoyos"},
                    "min": 0,
                    "max": None,
                    "integer": True,
                },
            },
        ],
    },
    {
        "code": "THR-POWER-03",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": "Please give, by voltage class, the length of power lines in your country, the "
            "length identified as dangerous to birds and the length retrofitted.",
            "fr": "Veuillez indiquer, par classe de tension, la longueur des lignes électriques de "
            "votre pays, la longueur jugée dangereuse pour les oiseaux et la longueur sécurisée.",
            "es": "Indique, por nivel de tensión, la longitud de los tendidos eléctricos de su "
            "país, la longitud considerada peligrosa para las aves y la longitud corregida.",
        },
        "guidance": {
            "en": "Use the national voltage classes closest to those shown. Count lines as "
            "retrofitted against electrocution, collision or both. Leave a cell empty if no data "
            "are available.",
            "fr": "Utilisez les classes de tension nationales les plus proches de celles "
            "indiquées. Comptez comme sécurisées les lignes traitées contre l’électrocution, "
            "contre les collisions ou contre les deux. Laissez la case vide si aucune donnée n’est "
            "disponible.",
            "es": "Utilice los niveles de tensión nacionales más próximos a los indicados. Cuente "
            "como corregidos los tendidos tratados contra la electrocución, contra las colisiones "
            "o contra ambas. Deje la casilla vacía si no se dispone de datos.",
        },
        "config": {
            "rows": [
                {
                    "key": "low-voltage",
                    "label": {
                        "en": "Low voltage (below 1 kV)",
                        "fr": "Basse tension (moins de 1 kV)",
                        "es": "Baja tensión (menos de 1 kV)",
                    },
                },
                {
                    "key": "medium-voltage",
                    "label": {
                        "en": "Medium voltage (1 kV to 60 kV)",
                        "fr": "Moyenne tension (de 1 kV à 60 kV)",
                        "es": "Media tensión (de 1 kV a 60 kV)",
                    },
                },
                {
                    "key": "high-voltage",
                    "label": {
                        "en": "High and extra-high voltage (above 60 kV)",
                        "fr": "Haute et très haute tension (plus de 60 kV)",
                        "es": "Alta y muy alta tensión (más de 60 kV)",
                    },
                },
            ],
            "columns": [
                {
                    "key": "total-km",
                    "label": {
                        "en": "Total length (km)",
                        "fr": "Longueur totale (km)",
                        "es": "Longitud total (km)",
                    },
                    "type": "number",
                },
                {
                    "key": "dangerous-km",
                    "label": {
                        "en": "Length identified as dangerous (km)",
                        "fr": "Longueur jugée dangereuse (km)",
                        "es": "Longitud considerada peligrosa (km)",
                    },
                    "type": "number",
                },
                {
                    "key": "retrofitted-km",
                    "label": {
                        "en": "Length retrofitted in the reporting period (km)",
                        "fr": "Longueur sécurisée au cours de la période considérée (km)",
                        "es": "Longitud corregida durante el período de que se informa (km)",
                    },
                    "type": "number",
                },
            ],
        },
        "tags": ["theme:power-lines", "spms:2.3", "gbf:14"],
    },
    {
        "code": "THR-POWER-04",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Is bird-safe design mandatory for new power lines in your country?",
            "fr": "Une conception sans danger pour les oiseaux est-elle obligatoire pour les "
            "nouvelles lignes électriques dans votre pays ?",
            "es": "¿Es obligatorio en su país que los nuevos tendidos eléctricos tengan un diseño "
            "seguro para las aves?",
        },
        "guidance": {
            "en": "Answer “yes” if legislation or binding technical standards require new lines to "
            "be designed to prevent electrocution and reduce the risk of collision.",
            "fr": "Répondez « oui » si la législation ou des normes techniques contraignantes "
            "imposent que les nouvelles lignes soient conçues pour prévenir l’électrocution et "
            "réduire le risque de collision.",
            "es": "Responda «sí» si la legislación o normas técnicas vinculantes exigen que los "
            "nuevos tendidos se diseñen para evitar la electrocución y reducir el riesgo de "
            "colisión.",
        },
        "config": {},
        "tags": ["theme:power-lines", "spms:2.3", "spms:5.1", "gbf:14"],
    },
    {
        "code": "THR-POWER-05",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which measures are used in your country to reduce bird collisions with power "
            "lines?",
            "fr": "Quelles mesures sont appliquées dans votre pays pour réduire les collisions "
            "d’oiseaux avec les lignes électriques ?",
            "es": "¿Qué medidas se aplican en su país para reducir las colisiones de aves con los "
            "tendidos eléctricos?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "diverters",
                    "label": {
                        "en": "Marking lines with bird flight diverters",
                        "fr": "Balisage des lignes au moyen de dispositifs anticollision",
                        "es": "Señalización de los tendidos con salvapájaros",
                    },
                },
                {
                    "key": "earth-wire",
                    "label": {
                        "en": "Removing or marking the earth wire",
                        "fr": "Suppression ou balisage du câble de garde",
                        "es": "Eliminación o señalización del cable de tierra",
                    },
                },
                {
                    "key": "undergrounding",
                    "label": {
                        "en": "Burying lines underground",
                        "fr": "Enfouissement des lignes",
                        "es": "Soterramiento de los tendidos",
                    },
                },
                {
                    "key": "rerouting",
                    "label": {
                        "en": "Rerouting lines away from areas of high collision risk",
                        "fr": "Déviation des lignes hors des zones à fort risque de collision",
                        "es": "Desvío de los tendidos fuera de las zonas de alto riesgo de "
                        "colisión",
                    },
                },
                {
                    "key": "route-planning",
                    "label": {
                        "en": "Avoiding sensitive areas when planning new lines",
                        "fr": "Évitement des zones sensibles lors de la planification de nouvelles "
                        "lignes",
                        "es": "Exclusión de las zonas sensibles en la planificación de nuevos "
                        "tendidos",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:power-lines", "spms:2.3", "gbf:14", "sdg:15.5"],
    },
    {
        "code": "THR-POWER-06",
        "owner": "RAPTORS",
        "type": "single_choice",
        "text": {
            "en": "How is the mortality of birds of prey on power lines monitored in your country?",
            "fr": "Comment la mortalité des oiseaux de proie due aux lignes électriques est-elle "
            "suivie dans votre pays ?",
            "es": "¿Cómo se realiza en su país el seguimiento de la mortalidad de aves rapaces en "
            "los tendidos eléctricos?",
        },
        "guidance": {
            "en": "Systematic monitoring means regular searches for carcasses under a "
            "representative sample of lines, with corrections for detection and carcass removal "
            "rates.",
            "fr": "Un suivi systématique suppose des recherches régulières de cadavres sous un "
            "échantillon représentatif de lignes, avec correction des taux de détection et de "
            "disparition des cadavres.",
            "es": "Un seguimiento sistemático implica búsquedas periódicas de cadáveres bajo una "
            "muestra representativa de tendidos, con corrección de las tasas de detección y de "
            "desaparición de cadáveres.",
        },
        "config": {
            "choices": [
                {
                    "key": "national-programme",
                    "label": {
                        "en": "Through a systematic national monitoring programme",
                        "fr": "Dans le cadre d’un programme national de suivi systématique",
                        "es": "Mediante un programa nacional de seguimiento sistemático",
                    },
                },
                {
                    "key": "regional",
                    "label": {
                        "en": "Through regional or project-based monitoring only",
                        "fr": "Uniquement par un suivi régional ou lié à des projets",
                        "es": "Únicamente mediante un seguimiento regional o vinculado a proyectos",
                    },
                },
                {
                    "key": "incidental",
                    "label": {
                        "en": "Only through incidental records (e.g. carcasses reported by the "
                        "public)",
                        "fr": "Uniquement par des observations fortuites (par exemple, cadavres "
                        "signalés par le public)",
                        "es": "Únicamente mediante registros ocasionales (por ejemplo, cadáveres "
                        "notificados por el público)",
                    },
                },
                {
                    "key": "not-monitored",
                    "label": {
                        "en": "It is not monitored",
                        "fr": "Elle n’est pas suivie",
                        "es": "No se realiza ningún seguimiento",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:power-lines", "theme:research-monitoring", "spms:2.3", "spms:4.2"],
    },
    {
        "code": "THR-POWER-07",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "How much was invested in retrofitting dangerous power lines during the "
            "reporting period?",
            "fr": "Quel montant a été investi dans la sécurisation des lignes électriques "
            "dangereuses au cours de la période considérée ?",
            "es": "¿Qué importe se ha invertido en la corrección de tendidos eléctricos peligrosos "
            "durante el período de que se informa?",
        },
        "guidance": {
            "en": "Include public and private funding (e.g. by grid operators). Convert amounts in "
            "other currencies at the average exchange rate for the reporting period.",
            "fr": "Incluez les financements publics et privés (par exemple, ceux des gestionnaires "
            "de réseau). Convertissez les montants exprimés dans d’autres monnaies au taux de "
            "change moyen de la période considérée.",
            "es": "Incluya la financiación pública y privada (por ejemplo, la de los operadores de "
            "red). Convierta los importes en otras monedas al tipo de cambio medio del período de "
            "que se informa.",
        },
        "config": {
            "unit": {"en": "EUR", "fr": "EUR", "es": "EUR"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": [
            "theme:power-lines",
            "theme:resource-mobilisation",
            "spms:2.3",
            "spms:5.2",
            "gbf:19",
        ],
    },
    {
        "code": "THR-WIND-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country adopted national guidelines on the siting of wind farms that "
            "take migratory species into account?",
            "fr": "Votre pays a-t-il adopté des lignes directrices nationales relatives à "
            "l’implantation des parcs éoliens qui tiennent compte des espèces migratrices ?",
            "es": "¿Ha adoptado su país directrices nacionales sobre la ubicación de parques "
            "eólicos que tengan en cuenta las especies migratorias?",
        },
        "guidance": {
            "en": "See the guidelines on the sustainable deployment of renewable energy "
            "technologies endorsed by Resolution 11.27 (Rev.COP13) on renewable energy and "
            "migratory species.",
            "fr": "Voir les lignes directrices sur le déploiement durable des technologies "
            "d’énergie renouvelable approuvées par la résolution 11.27 (Rev.COP13) sur les "
            "énergies renouvelables et les espèces migratrices.",
            "es": "Véanse las directrices sobre el despliegue sostenible de las tecnologías de "
            "energía renovable aprobadas mediante la Resolución 11.27 (Rev.COP13) sobre energías "
            "renovables y especies migratorias.",
        },
        "config": {},
        "tags": ["theme:wind-energy", "theme:national-planning", "spms:2.3", "gbf:1"],
    },
    {
        "code": "THR-WIND-02",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "Are sensitivity maps for migratory birds and bats used in planning wind energy "
            "development?",
            "fr": "Des cartes de sensibilité relatives aux oiseaux migrateurs et aux "
            "chauves-souris sont-elles utilisées pour planifier le développement de l’énergie "
            "éolienne ?",
            "es": "¿Se utilizan mapas de sensibilidad para las aves migratorias y los murciélagos "
            "en la planificación del desarrollo de la energía eólica?",
        },
        "guidance": {
            "en": "Sensitivity maps show where wind energy development is likely to conflict with "
            "migratory species, for example at bottlenecks on migration routes, in corridors used "
            "by soaring birds and near important roosts. One example is AVISTEP, BirdLife "
            "International's Avian Sensitivity Tool for Energy Planning.",
            "fr": "Les cartes de sensibilité indiquent les zones où le développement de l’énergie "
            "éolienne risque d’entrer en conflit avec les espèces migratrices, par exemple les "
            "goulets d’étranglement des voies de migration, les couloirs empruntés par les oiseaux "
            "planeurs et les abords des dortoirs importants. AVISTEP, l’outil de BirdLife "
            "International d’évaluation de la sensibilité aviaire pour la planification "
            "énergétique, en est un exemple.",
            "es": "Los mapas de sensibilidad muestran dónde el desarrollo de la energía eólica "
            "puede entrar en conflicto con las especies migratorias, por ejemplo en los cuellos de "
            "botella de las rutas migratorias, en los corredores de las aves planeadoras y cerca "
            "de los dormideros importantes. Un ejemplo es AVISTEP, la herramienta de BirdLife "
            "International para evaluar la sensibilidad de las aves en la planificación "
            "energética.",
        },
        "config": {
            "choices": [
                {
                    "key": "national",
                    "label": {
                        "en": "Yes, a national sensitivity map is used",
                        "fr": "Oui, une carte de sensibilité nationale est utilisée",
                        "es": "Sí, se utiliza un mapa de sensibilidad nacional",
                    },
                },
                {
                    "key": "partial",
                    "label": {
                        "en": "Yes, but only for some regions or for offshore areas",
                        "fr": "Oui, mais seulement pour certaines régions ou pour les zones en mer",
                        "es": "Sí, pero solo para algunas regiones o para las zonas marinas",
                    },
                },
                {
                    "key": "in-preparation",
                    "label": {
                        "en": "Maps are in preparation",
                        "fr": "Des cartes sont en cours d’élaboration",
                        "es": "Se están elaborando mapas",
                    },
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
            ],
            "allow_other": False,
        },
        "tags": ["theme:wind-energy", "spms:2.3", "gbf:1"],
    },
    {
        "code": "THR-WIND-03",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Is post-construction monitoring of bird and bat collisions mandatory for wind "
            "farms?",
            "fr": "Le suivi post-implantation des collisions d’oiseaux et de chauves-souris est-il "
            "obligatoire pour les parcs éoliens ?",
            "es": "¿Es obligatorio en los parques eólicos el seguimiento de las colisiones de aves "
            "y murciélagos tras su construcción?",
        },
        "guidance": {
            "en": "Answer “yes” only if monitoring is required for all new wind farms, by "
            "legislation or as a standard condition of consent.",
            "fr": "Ne répondez « oui » que si le suivi est exigé pour tous les nouveaux parcs "
            "éoliens, par la législation ou en tant que condition type des autorisations.",
            "es": "Responda «sí» solo si el seguimiento se exige para todos los nuevos parques "
            "eólicos, por ley o como condición general de la autorización.",
        },
        "config": {},
        "tags": ["theme:wind-energy", "theme:research-monitoring", "spms:2.3", "spms:4.2"],
    },
    {
        "code": "THR-WIND-04",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": "Please give the following information on wind energy in your country for the "
            "last year of the reporting period.",
            "fr": "Veuillez fournir les informations suivantes sur l’énergie éolienne dans votre "
            "pays pour la dernière année de la période considérée.",
            "es": "Facilite la siguiente información sobre la energía eólica en su país "
            "correspondiente al último año del período de que se informa.",
        },
        "guidance": {
            "en": "Enter 0 in the offshore row if your country has no offshore wind farms.",
            "fr": "Indiquez 0 dans la ligne consacrée à l’éolien en mer si votre pays ne compte "
            "aucun parc éolien en mer.",
            "es": "Indique 0 en la fila de parques eólicos marinos si su país no tiene ninguno.",
        },
        "config": {
            "rows": [
                {
                    "key": "onshore",
                    "label": {
                        "en": "Onshore wind farms",
                        "fr": "Parcs éoliens terrestres",
                        "es": "Parques eólicos terrestres",
                    },
                },
                {
                    "key": "offshore",
                    "label": {
                        "en": "Offshore wind farms",
                        "fr": "Parcs éoliens en mer",
                        "es": "Parques eólicos marinos",
                    },
                },
            ],
            "columns": [
                {
                    "key": "capacity-mw",
                    "label": {
                        "en": "Installed capacity (MW)",
                        "fr": "Puissance installée (MW)",
                        "es": "Potencia instalada (MW)",
                    },
                    "type": "number",
                },
                {
                    "key": "turbines",
                    "label": {
                        "en": "Number of turbines",
                        "fr": "Nombre d’éoliennes",
                        "es": "Número de aerogeneradores",
                    },
                    "type": "number",
                },
                {
                    "key": "farms-monitored",
                    "label": {
                        "en": "Wind farms with collision monitoring",
                        "fr": "Parcs faisant l’objet d’un suivi des collisions",
                        "es": "Parques con seguimiento de colisiones",
                    },
                    "type": "number",
                },
                {
                    "key": "curtailment",
                    "label": {
                        "en": "Curtailment used to protect birds or bats",
                        "fr": "Bridage pratiqué pour protéger les oiseaux ou les chauves-souris",
                        "es": "Paradas programadas para proteger aves o murciélagos",
                    },
                    "type": "yes_no",
                },
            ],
        },
        "tags": ["theme:wind-energy", "theme:research-monitoring", "spms:2.3", "spms:4.2"],
    },
    {
        "code": "THR-WIND-05",
        "owner": "EUROBATS",
        "type": "yes_no",
        "text": {
            "en": "Have the EUROBATS Guidelines for consideration of bats in wind farm projects "
            "been incorporated into national guidance or permitting requirements?",
            "fr": "Les Lignes directrices d’EUROBATS pour la prise en compte des chauves-souris "
            "dans les projets éoliens ont-elles été intégrées dans les orientations nationales ou "
            "dans les conditions d’autorisation ?",
            "es": "¿Se han incorporado las Directrices de EUROBATS para la consideración de los "
            "murciélagos en los proyectos de parques eólicos a las orientaciones nacionales o a "
            "los requisitos de autorización?",
        },
        "guidance": {
            "en": "The guidelines are published as EUROBATS Publication Series No. 6 (2014 "
            "revision).",
            "fr": "Les lignes directrices sont publiées dans la série des publications d’EUROBATS, "
            "n° 6 (révision de 2014).",
            "es": "Las directrices se publican en la serie de publicaciones de EUROBATS, n.º 6 "
            "(revisión de 2014).",
        },
        "config": {},
        "tags": ["theme:wind-energy", "spms:2.3", "gbf:14"],
    },
    {
        "code": "THR-WIND-06",
        "owner": "EUROBATS",
        "type": "multiple_choice",
        "text": {
            "en": "Which measures are required in your country to reduce bat fatalities at wind "
            "turbines?",
            "fr": "Quelles mesures sont exigées dans votre pays pour réduire la mortalité des "
            "chauves-souris due aux éoliennes ?",
            "es": "¿Qué medidas se exigen en su país para reducir la mortalidad de murciélagos en "
            "los aerogeneradores?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "curtailment",
                    "label": {
                        "en": "Curtailment (raised cut-in wind speed) during periods of high bat "
                        "activity",
                        "fr": "Bridage (relèvement de la vitesse de démarrage) pendant les "
                        "périodes de forte activité des chauves-souris",
                        "es": "Paradas programadas (aumento de la velocidad de arranque) durante "
                        "los períodos de gran actividad de los murciélagos",
                    },
                },
                {
                    "key": "feathering",
                    "label": {
                        "en": "Feathering of blades below the cut-in wind speed",
                        "fr": "Mise en drapeau des pales en dessous de la vitesse de démarrage",
                        "es": "Puesta en bandera de las palas por debajo de la velocidad de "
                        "arranque",
                    },
                },
                {
                    "key": "acoustic-monitoring",
                    "label": {
                        "en": "Acoustic monitoring of bat activity at nacelle height",
                        "fr": "Suivi acoustique de l’activité des chauves-souris à hauteur de "
                        "nacelle",
                        "es": "Seguimiento acústico de la actividad de los murciélagos a la altura "
                        "de la góndola",
                    },
                },
                {
                    "key": "no-forest",
                    "label": {
                        "en": "No turbines in forests",
                        "fr": "Absence d’éoliennes en forêt",
                        "es": "Exclusión de aerogeneradores en los bosques",
                    },
                },
                {
                    "key": "distance-habitats",
                    "label": {
                        "en": "Minimum distance from woodland, hedgerows and water bodies",
                        "fr": "Distance minimale par rapport aux boisements, aux haies et aux "
                        "plans d’eau",
                        "es": "Distancia mínima a bosques, setos y masas de agua",
                    },
                },
                {
                    "key": "roost-buffer",
                    "label": {
                        "en": "Buffer zones around important bat roosts",
                        "fr": "Zones tampons autour des gîtes importants de chauves-souris",
                        "es": "Zonas de amortiguación alrededor de los refugios importantes de "
                        "murciélagos",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:wind-energy", "spms:2.3", "gbf:14", "sdg:15.5"],
    },
    {
        "code": "THR-WIND-07",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": "Please summarise the results of collision monitoring at wind farms, including "
            "the species most affected and the estimated number of fatalities.",
            "fr": "Veuillez résumer les résultats du suivi des collisions dans les parcs éoliens, "
            "en précisant les espèces les plus touchées et le nombre estimé d’individus tués.",
            "es": "Resuma los resultados del seguimiento de las colisiones en los parques eólicos, "
            "indicando las especies más afectadas y el número estimado de ejemplares muertos.",
        },
        "guidance": {
            "en": "Where possible, give fatality estimates corrected for searcher efficiency and "
            "carcass removal, per turbine or per MW and per year.",
            "fr": "Dans la mesure du possible, indiquez des estimations de mortalité corrigées de "
            "l’efficacité de la recherche et de la disparition des cadavres, par éolienne ou par "
            "MW et par an.",
            "es": "En la medida de lo posible, facilite estimaciones de mortalidad corregidas "
            "según la eficacia de búsqueda y la desaparición de cadáveres, por aerogenerador o por "
            "MW y año.",
        },
        "config": {},
        "tags": ["theme:wind-energy", "theme:research-monitoring", "spms:2.3", "spms:4.2"],
    },
    {
        "code": "THR-IKB-01",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "Does your country participate in the Intergovernmental Task Force on Illegal "
            "Killing, Taking and Trade of Migratory Birds in the Mediterranean (MIKT)?",
            "fr": "Votre pays participe-t-il à l’Équipe spéciale intergouvernementale sur "
            "l’abattage, le prélèvement et le commerce illégaux des oiseaux migrateurs en "
            "Méditerranée (MIKT) ?",
            "es": "¿Participa su país en el Grupo Especial Intergubernamental sobre la Matanza, "
            "Captura y Comercio Ilegales de Aves Migratorias en el Mediterráneo (MIKT)?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "member",
                    "label": {
                        "en": "Yes, as a member",
                        "fr": "Oui, en tant que membre",
                        "es": "Sí, como miembro",
                    },
                },
                {
                    "key": "observer",
                    "label": {
                        "en": "Yes, as an observer",
                        "fr": "Oui, en tant qu’observateur",
                        "es": "Sí, como observador",
                    },
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
                {
                    "key": "not-applicable",
                    "label": {
                        "en": "Not applicable (country outside the Mediterranean region)",
                        "fr": "Sans objet (pays situé hors de la région méditerranéenne)",
                        "es": "No procede (país situado fuera de la región mediterránea)",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:illegal-killing", "theme:cooperation", "spms:2.2", "spms:5.3", "sdg:15.7"],
    },
    {
        "code": "THR-IKB-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country adopted a national action plan or strategy to combat illegal "
            "killing, taking and trade of migratory birds?",
            "fr": "Votre pays a-t-il adopté un plan d’action national ou une stratégie nationale "
            "de lutte contre l’abattage, le prélèvement et le commerce illégaux d’oiseaux "
            "migrateurs ?",
            "es": "¿Ha adoptado su país un plan de acción o una estrategia nacional para combatir "
            "la matanza, la captura y el comercio ilegales de aves migratorias?",
        },
        "guidance": {
            "en": "Include plans adopted under the Rome Strategic Plan 2020–2030 or the Tunis "
            "Action Plan 2013–2020, and plans on wildlife crime in general if they address birds "
            "specifically.",
            "fr": "Incluez les plans adoptés dans le cadre du Plan stratégique de Rome 2020-2030 "
            "ou du Plan d’action de Tunis 2013-2020, ainsi que les plans portant sur la "
            "criminalité liée aux espèces sauvages en général s’ils traitent spécifiquement des "
            "oiseaux.",
            "es": "Incluya los planes adoptados en el marco del Plan Estratégico de Roma 2020-2030 "
            "o del Plan de Acción de Túnez 2013-2020, así como los planes sobre delitos contra la "
            "vida silvestre en general si se refieren específicamente a las aves.",
        },
        "config": {},
        "tags": [
            "theme:illegal-killing",
            "theme:national-planning",
            "spms:2.2",
            "spms:5.1",
            "sdg:15.7",
        ],
    },
    {
        "code": "THR-IKB-03",
        "owner": "CMS",
        "type": "date",
        "text": {
            "en": "On what date was the national action plan or strategy against illegal killing, "
            "taking and trade of birds adopted?",
            "fr": "Quelle est la date d’adoption du plan d’action national ou de la stratégie "
            "nationale de lutte contre l’abattage, le prélèvement et le commerce illégaux "
            "d’oiseaux ?",
            "es": "¿En qué fecha se adoptó el plan de acción o la estrategia nacional para "
            "combatir la matanza, la captura y el comercio ilegales de aves?",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:illegal-killing", "theme:national-planning", "spms:5.1"],
    },
    {
        "code": "THR-IKB-04",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country used the Scoreboard to assess progress in combating illegal "
            "killing, taking and trade of birds during the reporting period?",
            "fr": "Votre pays a-t-il utilisé le tableau de bord pour évaluer les progrès accomplis "
            "dans la lutte contre l’abattage, le prélèvement et le commerce illégaux d’oiseaux au "
            "cours de la période considérée ?",
            "es": "¿Ha utilizado su país el cuadro de indicadores para evaluar los progresos en la "
            "lucha contra la matanza, la captura y el comercio ilegales de aves durante el período "
            "de que se informa?",
        },
        "guidance": {
            "en": "The Scoreboard was developed jointly by the MIKT and the Bern Convention's "
            "Network of Special Focal Points on Eradication of Illegal Killing, Trapping and Trade "
            "in Wild Birds. It allows countries to assess their progress in a standardised way.",
            "fr": "Le tableau de bord a été élaboré conjointement par le MIKT et le réseau des "
            "points focaux spéciaux de la Convention de Berne sur l’élimination de l’abattage, du "
            "piégeage et du commerce illégaux des oiseaux sauvages. Il permet aux pays d’évaluer "
            "leurs progrès de manière normalisée.",
            "es": "El cuadro de indicadores fue elaborado conjuntamente por el MIKT y la red de "
            "puntos focales especiales del Convenio de Berna para la erradicación de la matanza, "
            "el trampeo y el comercio ilegales de aves silvestres. Permite a los países evaluar "
            "sus progresos de forma normalizada.",
        },
        "config": {},
        "tags": ["theme:illegal-killing", "spms:2.2", "sdg:15.7"],
    },
    {
        "code": "THR-IKB-05",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "What are the main motivations for illegal killing, taking and trade of birds in "
            "your country?",
            "fr": "Quelles sont les principales motivations de l’abattage, du prélèvement et du "
            "commerce illégaux d’oiseaux dans votre pays ?",
            "es": "¿Cuáles son las principales motivaciones de la matanza, la captura y el "
            "comercio ilegales de aves en su país?",
        },
        "guidance": {
            "en": "Select the motivations behind most cases of illegal killing or taking, not "
            "every motivation recorded.",
            "fr": "Sélectionnez les motivations à l’origine de la majeure partie des cas "
            "d’abattage ou de prélèvement illégaux, et non toutes celles qui ont été relevées.",
            "es": "Seleccione las motivaciones de la mayoría de los casos de matanza o captura "
            "ilegales, no todas las registradas.",
        },
        "config": {
            "choices": [
                {
                    "key": "food",
                    "label": {
                        "en": "Food (subsistence or delicacy)",
                        "fr": "Alimentation (subsistance ou mets recherché)",
                        "es": "Alimentación (subsistencia o consumo gastronómico)",
                    },
                },
                {
                    "key": "sport",
                    "label": {
                        "en": "Sport or recreation",
                        "fr": "Sport ou loisir",
                        "es": "Deporte u ocio",
                    },
                },
                {
                    "key": "cage-birds",
                    "label": {
                        "en": "Trade in live birds (cage birds)",
                        "fr": "Commerce d’oiseaux vivants (oiseaux de cage)",
                        "es": "Comercio de aves vivas (aves de jaula)",
                    },
                },
                {
                    "key": "taxidermy",
                    "label": {
                        "en": "Taxidermy and trophies",
                        "fr": "Taxidermie et trophées",
                        "es": "Taxidermia y trofeos",
                    },
                },
                {
                    "key": "predator-control",
                    "label": {
                        "en": "Predator control (protection of game or livestock)",
                        "fr": "Lutte contre les prédateurs (protection du gibier ou du bétail)",
                        "es": "Control de depredadores (protección de la caza o del ganado)",
                    },
                },
                {
                    "key": "crop-protection",
                    "label": {
                        "en": "Protection of crops or fish farms",
                        "fr": "Protection des cultures ou des piscicultures",
                        "es": "Protección de cultivos o piscifactorías",
                    },
                },
                {
                    "key": "falconry",
                    "label": {
                        "en": "Falconry (taking of birds of prey from the wild)",
                        "fr": "Fauconnerie (prélèvement d’oiseaux de proie dans la nature)",
                        "es": "Cetrería (captura de aves rapaces en el medio natural)",
                    },
                },
                {
                    "key": "belief-medicine",
                    "label": {
                        "en": "Traditional medicine or belief-based use",
                        "fr": "Médecine traditionnelle ou usages liés aux croyances",
                        "es": "Medicina tradicional o usos vinculados a creencias",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:illegal-killing", "spms:2.2", "gbf:5", "sdg:15.7"],
    },
    {
        "code": "THR-IKB-06",
        "owner": "CMS",
        "type": "site",
        "text": {
            "en": "Please identify the sites where illegal killing of birds is most frequent "
            "(black spots).",
            "fr": "Veuillez indiquer les sites où l’abattage illégal d’oiseaux est le plus "
            "fréquent (points noirs).",
            "es": "Indique los sitios en los que la matanza ilegal de aves es más frecuente "
            "(puntos negros).",
        },
        "guidance": {
            "en": "Black spots are sites where large numbers of birds are illegally killed or "
            "taken each year. Where the exact location is sensitive, a larger area may be given.",
            "fr": "Les points noirs sont des sites où un grand nombre d’oiseaux sont tués ou "
            "prélevés illégalement chaque année. Si l’emplacement exact est sensible, une zone "
            "plus étendue peut être indiquée.",
            "es": "Los puntos negros son sitios en los que cada año se matan o capturan "
            "ilegalmente grandes cantidades de aves. Si la ubicación exacta es delicada, puede "
            "indicarse una zona más amplia.",
        },
        "config": {},
        "tags": ["theme:illegal-killing", "spms:2.2", "sdg:15.7"],
    },
    {
        "code": "THR-IKB-07",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "What is the estimated number of birds illegally killed or taken in your country "
            "each year?",
            "fr": "Quel est le nombre estimé d’oiseaux tués ou prélevés illégalement chaque année "
            "dans votre pays ?",
            "es": "¿Cuántas aves se estima que se matan o capturan ilegalmente cada año en su "
            "país?",
        },
        "guidance": {
            "en": "Give the best estimate for an average year of the reporting period. If only a "
            "range is available, enter its midpoint.",
            "fr": "Indiquez la meilleure estimation pour une année moyenne de la période "
            "considérée. Si seule une fourchette est disponible, indiquez sa valeur médiane.",
            "es": "Indique la mejor estimación para un año medio del período de que se informa. Si "
            "solo se dispone de un intervalo, indique su valor medio.",
        },
        "config": {
            "unit": {"en": "individuals", "fr": "individus", "es": "ejemplares"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": [
            "theme:illegal-killing",
            "theme:research-monitoring",
            "spms:2.2",
            "spms:4.2",
            "sdg:15.7",
        ],
    },
    {
        "code": "THR-CLIMATE-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country assessed the vulnerability of migratory species to climate "
            "change?",
            "fr": "Votre pays a-t-il évalué la vulnérabilité des espèces migratrices au changement "
            "climatique ?",
            "es": "¿Ha evaluado su país la vulnerabilidad de las especies migratorias al cambio "
            "climático?",
        },
        "guidance": {
            "en": "Resolution 12.21 on climate change and migratory species encourages Parties to "
            "assess the vulnerability of species listed in the Appendices and to use these "
            "assessments to set priorities for adaptation.",
            "fr": "La résolution 12.21 sur le changement climatique et les espèces migratrices "
            "encourage les Parties à évaluer la vulnérabilité des espèces inscrites aux Annexes et "
            "à s’appuyer sur ces évaluations pour fixer les priorités en matière d’adaptation.",
            "es": "La Resolución 12.21 sobre el cambio climático y las especies migratorias "
            "alienta a las Partes a evaluar la vulnerabilidad de las especies incluidas en los "
            "Apéndices y a utilizar esas evaluaciones para establecer las prioridades de "
            "adaptación.",
        },
        "config": {},
        "tags": ["theme:climate-change", "theme:research-monitoring", "spms:4.2", "gbf:8"],
    },
    {
        "code": "THR-CLIMATE-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Are migratory species and their habitats addressed in your country's national "
            "climate change adaptation policies, such as the National Adaptation Plan?",
            "fr": "Les espèces migratrices et leurs habitats sont-ils pris en compte dans les "
            "politiques nationales d’adaptation au changement climatique de votre pays, telles que "
            "le plan national d’adaptation ?",
            "es": "¿Se tienen en cuenta las especies migratorias y sus hábitats en las políticas "
            "nacionales de adaptación al cambio climático de su país, como el plan nacional de "
            "adaptación?",
        },
        "guidance": {
            "en": "Also consider the adaptation component of the nationally determined "
            "contribution (NDC) under the Paris Agreement.",
            "fr": "Tenez également compte du volet adaptation de la contribution déterminée au "
            "niveau national (CDN) au titre de l’Accord de Paris.",
            "es": "Tenga también en cuenta el componente de adaptación de la contribución "
            "determinada a nivel nacional (CDN) en virtud del Acuerdo de París.",
        },
        "config": {},
        "tags": [
            "theme:climate-change",
            "theme:national-planning",
            "spms:1.1",
            "gbf:8",
            "sdg:13.2",
        ],
    },
    {
        "code": "THR-CLIMATE-03",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which adaptation measures for migratory species have been implemented in your "
            "country?",
            "fr": "Quelles mesures d’adaptation en faveur des espèces migratrices ont été mises en "
            "œuvre dans votre pays ?",
            "es": "¿Qué medidas de adaptación en favor de las especies migratorias se han aplicado "
            "en su país?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "refugia",
                    "label": {
                        "en": "Protection of climate refugia",
                        "fr": "Protection des refuges climatiques",
                        "es": "Protección de los refugios climáticos",
                    },
                },
                {
                    "key": "connectivity",
                    "label": {
                        "en": "Improving connectivity between sites (ecological networks, "
                        "corridors, stopover sites)",
                        "fr": "Amélioration de la connectivité entre les sites (réseaux "
                        "écologiques, corridors, haltes migratoires)",
                        "es": "Mejora de la conectividad entre sitios (redes ecológicas, "
                        "corredores, sitios de escala migratoria)",
                    },
                },
                {
                    "key": "wetland-water",
                    "label": {
                        "en": "Securing the water supply of wetlands",
                        "fr": "Sécurisation de l’alimentation en eau des zones humides",
                        "es": "Garantía del abastecimiento de agua de los humedales",
                    },
                },
                {
                    "key": "coastal",
                    "label": {
                        "en": "Restoration of coastal habitats and managed realignment",
                        "fr": "Restauration des habitats côtiers et dépoldérisation",
                        "es": "Restauración de hábitats costeros y retroceso controlado de la "
                        "línea de costa",
                    },
                },
                {
                    "key": "network-review",
                    "label": {
                        "en": "Reviewing protected area networks to anticipate shifts in species "
                        "ranges",
                        "fr": "Révision des réseaux d’aires protégées pour anticiper le "
                        "déplacement des aires de répartition",
                        "es": "Revisión de las redes de áreas protegidas para anticipar el "
                        "desplazamiento de las áreas de distribución",
                    },
                },
                {
                    "key": "monitoring",
                    "label": {
                        "en": "Monitoring of climate-related changes in phenology and distribution",
                        "fr": "Suivi des changements de phénologie et de répartition liés au "
                        "climat",
                        "es": "Seguimiento de los cambios de fenología y distribución relacionados "
                        "con el clima",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:climate-change", "theme:ecological-networks", "spms:3.2", "gbf:8"],
    },
    {
        "code": "THR-CLIMATE-04",
        "owner": "AEWA",
        "type": "single_choice",
        "text": {
            "en": "To what extent have climate-driven shifts in waterbird distribution been taken "
            "into account in the national network of sites important for waterbirds?",
            "fr": "Dans quelle mesure les modifications de la répartition des oiseaux d’eau dues "
            "au changement climatique ont-elles été prises en compte dans le réseau national de "
            "sites importants pour les oiseaux d’eau ?",
            "es": "¿En qué medida se han tenido en cuenta los cambios en la distribución de las "
            "aves acuáticas debidos al cambio climático en la red nacional de sitios importantes "
            "para las aves acuáticas?",
        },
        "guidance": {
            "en": "Shifts include changes in wintering ranges, in the timing of migration and in "
            "the use of staging sites, as shown for example by International Waterbird Census "
            "data.",
            "fr": "Il s’agit notamment de modifications des aires d’hivernage, du calendrier de la "
            "migration et de l’utilisation des haltes migratoires, telles que les révèlent par "
            "exemple les données du Dénombrement international des oiseaux d’eau.",
            "es": "Se trata, por ejemplo, de cambios en las áreas de invernada, en el calendario "
            "de la migración y en el uso de los sitios de escala migratoria, tal como muestran, "
            "entre otros, los datos del Censo Internacional de Aves Acuáticas.",
        },
        "config": {
            "choices": [
                {
                    "key": "fully",
                    "label": {
                        "en": "Fully: the network has been reviewed and adjusted",
                        "fr": "Pleinement : le réseau a été réexaminé et adapté",
                        "es": "Plenamente: la red se ha revisado y ajustado",
                    },
                },
                {
                    "key": "partly",
                    "label": {
                        "en": "Partly: a review is under way or has led to some adjustments",
                        "fr": "En partie : un réexamen est en cours ou a conduit à certains "
                        "ajustements",
                        "es": "En parte: hay una revisión en curso o ya se han hecho algunos "
                        "ajustes",
                    },
                },
                {
                    "key": "not-yet",
                    "label": {
                        "en": "Not yet, although shifts have been observed",
                        "fr": "Pas encore, bien que des modifications aient été observées",
                        "es": "Todavía no, aunque se han observado cambios",
                    },
                },
                {
                    "key": "no-shifts",
                    "label": {
                        "en": "No significant shifts have been observed",
                        "fr": "Aucune modification significative n’a été observée",
                        "es": "No se han observado cambios significativos",
                    },
                },
                {
                    "key": "unknown",
                    "label": {
                        "en": "Not known",
                        "fr": "Information non disponible",
                        "es": "Se desconoce",
                    },
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:climate-change", "theme:protected-areas", "spms:3.1", "gbf:8"],
    },
    {
        "code": "THR-CLIMATE-05",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": "Please describe the observed impacts of climate change on migratory species in "
            "your country, such as changes in phenology, distribution or breeding success.",
            "fr": "Veuillez décrire les effets observés du changement climatique sur les espèces "
            "migratrices dans votre pays, tels que des modifications de la phénologie, de la "
            "répartition ou du succès de reproduction.",
            "es": "Describa los efectos observados del cambio climático sobre las especies "
            "migratorias en su país, como cambios en la fenología, la distribución o el éxito "
            "reproductor.",
        },
        "guidance": {
            "en": "Cite the main studies or monitoring programmes on which the information is "
            "based.",
            "fr": "Citez les principales études ou les principaux programmes de suivi sur lesquels "
            "reposent ces informations.",
            "es": "Cite los principales estudios o programas de seguimiento en los que se basa la "
            "información.",
        },
        "config": {},
        "tags": ["theme:climate-change", "theme:research-monitoring", "spms:4.2", "gbf:8"],
    },
    {
        "code": "THR-INVASIVE-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country identified invasive alien species that have a significant "
            "impact on migratory species?",
            "fr": "Votre pays a-t-il recensé des espèces exotiques envahissantes ayant un impact "
            "important sur les espèces migratrices ?",
            "es": "¿Ha identificado su país especies exóticas invasoras que tengan un impacto "
            "significativo en las especies migratorias?",
        },
        "guidance": {
            "en": "Consider, for example, introduced predators at seabird colonies, invasive "
            "plants that degrade wetlands, and non-native species that hybridise with native ones.",
            "fr": "Pensez par exemple aux prédateurs introduits dans les colonies d’oiseaux de "
            "mer, aux plantes envahissantes qui dégradent les zones humides et aux espèces non "
            "indigènes qui s’hybrident avec des espèces indigènes.",
            "es": "Piense, por ejemplo, en los depredadores introducidos en las colonias de aves "
            "marinas, las plantas invasoras que degradan los humedales y las especies no nativas "
            "que se hibridan con especies autóctonas.",
        },
        "config": {},
        "tags": ["theme:invasive-species", "spms:2.4", "gbf:6", "sdg:15.8"],
    },
    {
        "code": "THR-INVASIVE-02",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which measures against invasive alien species that affect migratory species "
            "have been implemented during the reporting period?",
            "fr": "Quelles mesures de lutte contre les espèces exotiques envahissantes qui "
            "affectent les espèces migratrices ont été mises en œuvre au cours de la période "
            "considérée ?",
            "es": "¿Qué medidas contra las especies exóticas invasoras que afectan a las especies "
            "migratorias se han aplicado durante el período de que se informa?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "prevention",
                    "label": {
                        "en": "Prevention of introductions (biosecurity, control of pathways)",
                        "fr": "Prévention des introductions (biosécurité, contrôle des voies "
                        "d’introduction)",
                        "es": "Prevención de las introducciones (bioseguridad, control de las vías "
                        "de introducción)",
                    },
                },
                {
                    "key": "early-detection",
                    "label": {
                        "en": "Early detection and rapid response",
                        "fr": "Détection précoce et réaction rapide",
                        "es": "Detección temprana y respuesta rápida",
                    },
                },
                {
                    "key": "eradication",
                    "label": {"en": "Eradication", "fr": "Éradication", "es": "Erradicación"},
                },
                {
                    "key": "control",
                    "label": {
                        "en": "Long-term control or containment",
                        "fr": "Contrôle ou confinement à long terme",
                        "es": "Control o contención a largo plazo",
                    },
                },
                {
                    "key": "restoration",
                    "label": {
                        "en": "Restoration of habitats after removal of invasive species",
                        "fr": "Restauration des habitats après élimination des espèces "
                        "envahissantes",
                        "es": "Restauración de los hábitats tras la eliminación de las especies "
                        "invasoras",
                    },
                },
                {
                    "key": "awareness",
                    "label": {
                        "en": "Awareness raising among the public and relevant sectors",
                        "fr": "Sensibilisation du public et des secteurs concernés",
                        "es": "Sensibilización del público y de los sectores pertinentes",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:invasive-species", "spms:2.4", "gbf:6", "sdg:15.8"],
    },
    {
        "code": "THR-INVASIVE-03",
        "owner": "AEWA",
        "type": "single_choice",
        "text": {
            "en": "What is the status of the Ruddy Duck (Oxyura jamaicensis) in your country?",
            "fr": "Quelle est la situation de l’Érismature rousse (Oxyura jamaicensis) dans votre "
            "pays ?",
            "es": "¿Cuál es la situación de la malvasía canela (Oxyura jamaicensis) en su país?",
        },
        "guidance": {
            "en": "The Ruddy Duck, a North American species, hybridises with the endangered "
            "White-headed Duck (Oxyura leucocephala). Its eradication from the Western Palearctic "
            "is a priority for the conservation of the White-headed Duck.",
            "fr": "L’Érismature rousse, espèce originaire d’Amérique du Nord, s’hybride avec "
            "l’Érismature à tête blanche (Oxyura leucocephala), espèce menacée. Son éradication du "
            "Paléarctique occidental est une priorité pour la conservation de l’Érismature à tête "
            "blanche.",
            "es": "La malvasía canela, especie originaria de Norteamérica, se hibrida con la "
            "malvasía cabeciblanca (Oxyura leucocephala), especie amenazada. Su erradicación del "
            "Paleártico occidental es una prioridad para la conservación de la malvasía "
            "cabeciblanca.",
        },
        "config": {
            "choices": [
                {
                    "key": "never-recorded",
                    "label": {
                        "en": "Never recorded in the wild",
                        "fr": "Jamais observée à l’état sauvage",
                        "es": "Nunca registrada en estado silvestre",
                    },
                },
                {
                    "key": "eradicated",
                    "label": {
                        "en": "Eradicated (no birds remain in the wild)",
                        "fr": "Éradiquée (il ne subsiste aucun oiseau à l’état sauvage)",
                        "es": "Erradicada (no queda ningún ejemplar en estado silvestre)",
                    },
                },
                {
                    "key": "control-ongoing",
                    "label": {
                        "en": "Present; eradication or control under way",
                        "fr": "Présente ; éradication ou contrôle en cours",
                        "es": "Presente; erradicación o control en curso",
                    },
                },
                {
                    "key": "no-control",
                    "label": {
                        "en": "Present; no control measures",
                        "fr": "Présente ; aucune mesure de contrôle",
                        "es": "Presente; sin medidas de control",
                    },
                },
                {
                    "key": "unknown",
                    "label": {"en": "Not known", "fr": "Situation inconnue", "es": "Se desconoce"},
                },
            ],
            "allow_other": False,
        },
        "tags": ["theme:invasive-species", "spms:2.4", "gbf:6", "sdg:15.8"],
    },
    {
        "code": "THR-INVASIVE-04",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "On how many islands important for migratory species were invasive alien "
            "predators eradicated during the reporting period?",
            "fr": "Sur combien d’îles importantes pour les espèces migratrices des prédateurs "
            "exotiques envahissants ont-ils été éradiqués au cours de la période considérée ?",
            "es": "¿En cuántas islas importantes para las especies migratorias se erradicaron "
            "depredadores exóticos invasores durante el período de que se informa?",
        },
        "guidance": {
            "en": "Count only eradications confirmed by follow-up monitoring, for example of rats, "
            "cats or mink at seabird colonies.",
            "fr": "Ne comptez que les éradications confirmées par un suivi ultérieur, par exemple "
            "de rats, de chats ou de visons dans des colonies d’oiseaux de mer.",
            "es": "Cuente solo las erradicaciones confirmadas mediante un seguimiento posterior, "
            "por ejemplo de ratas, gatos o visones en colonias de aves marinas.",
        },
        "config": {
            "unit": {"en": "islands", "fr": "îles", "es": "islas"},
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:invasive-species", "spms:2.4", "gbf:6", "sdg:15.8"],
    },
    {
        "code": "THR-POLLUTION-01",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Has your country taken measures to reduce the impact of artificial light on "
            "migratory species, for example by applying the Light Pollution Guidelines for "
            "Wildlife endorsed by Resolution 13.5?",
            "fr": "Votre pays a-t-il pris des mesures pour réduire l’impact de la lumière "
            "artificielle sur les espèces migratrices, par exemple en appliquant les Lignes "
            "directrices sur la pollution lumineuse pour la faune sauvage approuvées par la "
            "résolution 13.5 ?",
            "es": "¿Ha adoptado su país medidas para reducir el impacto de la luz artificial en "
            "las especies migratorias, por ejemplo aplicando las Directrices sobre contaminación "
            "lumínica para la fauna silvestre aprobadas mediante la Resolución 13.5?",
        },
        "guidance": {
            "en": "Relevant measures include limits on lighting near seabird colonies and turtle "
            "nesting beaches, dimming or switching off lights during peak migration, and "
            "requirements for shielded, low-intensity lighting with little blue light.",
            "fr": "Il peut s’agir, par exemple, de restrictions de l’éclairage à proximité des "
            "colonies d’oiseaux de mer et des plages de ponte des tortues, de la réduction ou de "
            "l’extinction de l’éclairage pendant les pics de migration, ou d’exigences relatives à "
            "un éclairage dirigé vers le sol, de faible intensité et pauvre en lumière bleue.",
            "es": "Entre las medidas pertinentes figuran las restricciones del alumbrado cerca de "
            "las colonias de aves marinas y de las playas de anidación de tortugas, la atenuación "
            "o el apagado de las luces durante los picos de migración y la exigencia de un "
            "alumbrado apantallado, de baja intensidad y con poca luz azul.",
        },
        "config": {},
        "tags": ["theme:pollution", "spms:2.4", "gbf:7"],
    },
    {
        "code": "THR-POLLUTION-02",
        "owner": "CMS",
        "type": "yes_no",
        "text": {
            "en": "Are environmental impact assessments required for marine noise-generating "
            "activities, such as seismic surveys, pile driving and military sonar?",
            "fr": "Des évaluations d’impact environnemental sont-elles exigées pour les activités "
            "générant du bruit marin, telles que les campagnes sismiques, le battage de pieux et "
            "l’utilisation de sonars militaires ?",
            "es": "¿Se exigen evaluaciones de impacto ambiental para las actividades generadoras "
            "de ruido marino, como las prospecciones sísmicas, el hincado de pilotes y los sonares "
            "militares?",
        },
        "guidance": {
            "en": "See the CMS Family Guidelines on Environmental Impact Assessments for Marine "
            "Noise-generating Activities (Resolution 12.14).",
            "fr": "Voir les Lignes directrices de la Famille CMS relatives aux évaluations "
            "d’impact environnemental pour les activités générant du bruit marin (résolution "
            "12.14).",
            "es": "Véanse las Directrices de la Familia de la CMS sobre evaluaciones de impacto "
            "ambiental para actividades generadoras de ruido marino (Resolución 12.14).",
        },
        "config": {},
        "tags": ["theme:pollution", "spms:2.4", "gbf:7", "sdg:14.1"],
    },
    {
        "code": "THR-POLLUTION-03",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which measures has your country taken to reduce plastic pollution affecting "
            "migratory species?",
            "fr": "Quelles mesures votre pays a-t-il prises pour réduire la pollution plastique "
            "qui touche les espèces migratrices ?",
            "es": "¿Qué medidas ha adoptado su país para reducir la contaminación por plásticos "
            "que afecta a las especies migratorias?",
        },
        "guidance": {},
        "config": {
            "choices": [
                {
                    "key": "single-use",
                    "label": {
                        "en": "Restrictions on single-use plastics",
                        "fr": "Restrictions visant les plastiques à usage unique",
                        "es": "Restricciones a los plásticos de un solo uso",
                    },
                },
                {
                    "key": "fishing-gear",
                    "label": {
                        "en": "Prevention and recovery of abandoned, lost or discarded fishing "
                        "gear",
                        "fr": "Prévention et récupération des engins de pêche abandonnés, perdus "
                        "ou rejetés",
                        "es": "Prevención y recuperación de artes de pesca abandonados, perdidos o "
                        "descartados",
                    },
                },
                {
                    "key": "port-reception",
                    "label": {
                        "en": "Port reception facilities for waste from ships",
                        "fr": "Installations portuaires de réception des déchets des navires",
                        "es": "Instalaciones portuarias receptoras de desechos de buques",
                    },
                },
                {
                    "key": "producer-responsibility",
                    "label": {
                        "en": "Extended producer responsibility schemes",
                        "fr": "Régimes de responsabilité élargie des producteurs",
                        "es": "Regímenes de responsabilidad ampliada del productor",
                    },
                },
                {
                    "key": "clean-ups",
                    "label": {
                        "en": "Clean-ups of coasts, rivers and important sites",
                        "fr": "Nettoyage des côtes, des cours d’eau et des sites importants",
                        "es": "Limpieza de costas, ríos y sitios importantes",
                    },
                },
                {
                    "key": "ingestion-monitoring",
                    "label": {
                        "en": "Monitoring of plastic ingestion and entanglement in migratory "
                        "species",
                        "fr": "Suivi de l’ingestion de plastiques et des enchevêtrements chez les "
                        "espèces migratrices",
                        "es": "Seguimiento de la ingestión de plásticos y de los enredos en las "
                        "especies migratorias",
                    },
                },
            ],
            "allow_other": True,
        },
        "tags": ["theme:pollution", "spms:2.4", "gbf:7", "sdg:14.1"],
    },
    {
        "code": "THR-POLLUTION-04",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "Has the outdoor use of neonicotinoid insecticides been restricted in your "
            "country?",
            "fr": "L’utilisation en extérieur des insecticides néonicotinoïdes a-t-elle été "
            "restreinte dans votre pays ?",
            "es": "¿Se ha restringido en su país el uso al aire libre de insecticidas "
            "neonicotinoides?",
        },
        "guidance": {
            "en": "Neonicotinoids reduce the insect prey of aerial insectivores and can poison "
            "seed-eating birds that feed on treated seed (Resolution 11.15 (Rev.COP13)).",
            "fr": "Les néonicotinoïdes réduisent les populations d’insectes dont se nourrissent "
            "les insectivores aériens et peuvent empoisonner les oiseaux granivores qui consomment "
            "des semences enrobées (résolution 11.15 (Rev.COP13)).",
            "es": "Los neonicotinoides reducen las presas de los insectívoros aéreos y pueden "
            "envenenar a las aves granívoras que consumen semillas tratadas (Resolución 11.15 "
            "(Rev.COP13)).",
        },
        "config": {
            "choices": [
                {
                    "key": "banned",
                    "label": {
                        "en": "Yes, outdoor use is banned",
                        "fr": "Oui, leur utilisation en extérieur est interdite",
                        "es": "Sí, su uso al aire libre está prohibido",
                    },
                },
                {
                    "key": "restricted",
                    "label": {
                        "en": "Yes, use is restricted for some crops or active substances",
                        "fr": "Oui, leur utilisation est restreinte pour certaines cultures ou "
                        "substances actives",
                        "es": "Sí, su uso está restringido para algunos cultivos o sustancias "
                        "activas",
                    },
                },
                {
                    "key": "under-consideration",
                    "label": {
                        "en": "Restrictions are under consideration",
                        "fr": "Des restrictions sont à l’étude",
                        "es": "Se están estudiando restricciones",
                    },
                },
                {"key": "no", "label": {"en": "No", "fr": "Non", "es": "No"}},
            ],
            "allow_other": False,
        },
        "tags": ["theme:pollution", "theme:poisoning", "spms:2.4", "gbf:7", "sdg:12.4"],
    },
    {
        "code": "THR-POLLUTION-05",
        "owner": "CMS",
        "type": "table",
        "text": {
            "en": "How significant is each type of pollution as a threat to migratory species in "
            "your country, and are measures in place to address it?",
            "fr": "Quelle est l’importance de chaque type de pollution en tant que menace pour les "
            "espèces migratrices dans votre pays, et des mesures sont-elles en place pour y "
            "remédier ?",
            "es": "¿Qué importancia tiene cada tipo de contaminación como amenaza para las "
            "especies migratorias en su país y se han adoptado medidas para hacerle frente?",
        },
        "guidance": {
            "en": "Assess significance at national level, taking into account the number of "
            "species affected and the scale of the impacts.",
            "fr": "Évaluez l’importance à l’échelle nationale, en tenant compte du nombre "
            "d’espèces touchées et de l’ampleur des effets.",
            "es": "Evalúe la importancia a nivel nacional, teniendo en cuenta el número de "
            "especies afectadas y la magnitud de los efectos.",
        },
        "config": {
            "rows": [
                {
                    "key": "light",
                    "label": {
                        "en": "Light pollution",
                        "fr": "Pollution lumineuse",
                        "es": "Contaminación lumínica",
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
                {
                    "key": "plastics",
                    "label": {
                        "en": "Plastics and other marine debris",
                        "fr": "Plastiques et autres débris marins",
                        "es": "Plásticos y otros desechos marinos",
                    },
                },
                {
                    "key": "pesticides",
                    "label": {"en": "Pesticides", "fr": "Pesticides", "es": "Plaguicidas"},
                },
                {
                    "key": "oil",
                    "label": {
                        "en": "Oil and other hydrocarbons",
                        "fr": "Hydrocarbures",
                        "es": "Petróleo y otros hidrocarburos",
                    },
                },
                {
                    "key": "nutrients",
                    "label": {
                        "en": "Nutrient pollution (eutrophication)",
                        "fr": "Pollution par les nutriments (eutrophisation)",
                        "es": "Contaminación por nutrientes (eutrofización)",
                    },
                },
            ],
            "columns": [
                {
                    "key": "significance",
                    "label": {"en": "Significance", "fr": "Importance", "es": "Importancia"},
                    "type": "single_choice",
                    "choices": [
                        {"key": "high", "label": {"en": "High", "fr": "Élevée", "es": "Alta"}},
                        {
                            "key": "medium",
                            "label": {"en": "Medium", "fr": "Moyenne", "es": "Media"},
                        },
                        {"key": "low", "label": {"en": "Low", "fr": "Faible", "es": "Baja"}},
                        {
                            "key": "unknown",
                            "label": {"en": "Not known", "fr": "Inconnue", "es": "Se desconoce"},
                        },
                    ],
                },
                {
                    "key": "measures",
                    "label": {
                        "en": "Measures in place",
                        "fr": "Mesures en place",
                        "es": "Medidas adoptadas",
                    },
                    "type": "yes_no",
                },
                {
                    "key": "monitoring",
                    "label": {
                        "en": "Impacts on migratory species monitored",
                        "fr": "Suivi des effets sur les espèces migratrices",
                        "es": "Seguimiento de los efectos sobre las especies migratorias",
                    },
                    "type": "yes_no",
                },
            ],
        },
        "tags": ["theme:pollution", "spms:2.4", "gbf:7", "sdg:14.1"],
    },
]
