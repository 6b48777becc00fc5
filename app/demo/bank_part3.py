"""Demo bank questions asked once per species, in the species loops of CMS, AEWA, the Raptors MoU
and EUROBATS: the same question about the same taxon, so answers compare across instruments."""


def _c(key: str, en: str, fr: str, es: str) -> dict:
    return {"key": key, "label": {"en": en, "fr": fr, "es": es}}


TREND_CHOICES = [
    _c("increasing", "Increasing", "En augmentation", "En aumento"),
    _c("stable", "Stable", "Stable", "Estable"),
    _c("decreasing", "Decreasing", "En diminution", "En disminución"),
    _c("fluctuating", "Fluctuating", "Fluctuante", "Fluctuante"),
    _c("unknown", "Unknown", "Inconnue", "Desconocida"),
]

QUESTIONS = [
    {
        "code": "SPEC-OCCUR-01",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "What is the status of the species in your country?",
            "fr": "Quel est le statut de l’espèce dans votre pays ?",
            "es": "¿Cuál es la situación de la especie en su país?",
        },
        "guidance": {
            "en": "Choose the status that applies to most of the population occurring in your "
            "country during the reporting period.",
            "fr": "Choisissez le statut qui s’applique à la plus grande partie de la population "
            "présente dans votre pays pendant la période considérée.",
            "es": "Elija la situación que corresponda a la mayor parte de la población presente "
            "en su país durante el período que abarca el informe.",
        },
        "config": {
            "choices": [
                _c("breeding", "Breeding", "Nicheuse ou reproductrice", "Reproductora"),
                _c("passage", "On passage", "De passage", "De paso"),
                _c(
                    "wintering",
                    "Wintering or non-breeding",
                    "Hivernante ou non reproductrice",
                    "Invernante o no reproductora",
                ),
                _c("vagrant", "Vagrant", "Erratique", "Divagante"),
                _c("absent", "Not occurring", "Absente", "Ausente"),
            ],
            "allow_other": False,
        },
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-TREND-01",
        "owner": "CMS",
        "type": "single_choice",
        "text": {
            "en": "What has been the trend of the species’ national population during the "
            "reporting period?",
            "fr": "Quelle a été la tendance de la population nationale de l’espèce pendant la "
            "période considérée ?",
            "es": "¿Cuál ha sido la tendencia de la población nacional de la especie durante el "
            "período que abarca el informe?",
        },
        "guidance": {
            "en": "Base the answer on monitoring data where they exist; otherwise on expert "
            "judgement, and say so in the comment.",
            "fr": "Fondez la réponse sur les données de suivi lorsqu’elles existent ; à défaut, "
            "sur l’avis d’experts, en le précisant dans le commentaire.",
            "es": "Base la respuesta en datos de seguimiento cuando existan y, si no, en la "
            "opinión de expertos, indicándolo en el comentario.",
        },
        "config": {"choices": TREND_CHOICES, "allow_other": False},
        "tags": ["theme:species-status", "theme:research-monitoring", "spms:4.1", "gbf:4"],
    },
    {
        "code": "SPEC-POP-01",
        "owner": "CMS",
        "type": "number",
        "text": {
            "en": "What is the most recent estimate of the species’ national population?",
            "fr": "Quelle est l’estimation la plus récente de la population nationale de "
            "l’espèce ?",
            "es": "¿Cuál es la estimación más reciente de la población nacional de la especie?",
        },
        "guidance": {
            "en": "Give individuals for non-breeding populations and pairs for breeding ones.",
            "fr": "Indiquez des individus pour les populations non reproductrices et des couples "
            "pour les populations reproductrices.",
            "es": "Indique individuos para las poblaciones no reproductoras y parejas para las "
            "reproductoras.",
        },
        "config": {
            "unit": {
                "en": "individuals or pairs",
                "fr": "individus ou couples",
                "es": "individuos o parejas",
            },
            "min": 0,
            "max": None,
            "integer": True,
        },
        "tags": ["theme:species-status", "theme:research-monitoring", "spms:4.2", "gbf:21"],
    },
    {
        "code": "SPEC-THREAT-01",
        "owner": "CMS",
        "type": "multiple_choice",
        "text": {
            "en": "Which threats affect the species in your country?",
            "fr": "Quelles menaces pèsent sur l’espèce dans votre pays ?",
            "es": "¿Qué amenazas afectan a la especie en su país?",
        },
        "guidance": {},
        "config": {
            "choices": [
                _c("bycatch", "Bycatch", "Prises accessoires", "Captura incidental"),
                _c(
                    "habitat-loss",
                    "Habitat loss or degradation",
                    "Perte ou dégradation de l’habitat",
                    "Pérdida o degradación del hábitat",
                ),
                _c("poisoning", "Poisoning", "Empoisonnement", "Envenenamiento"),
                _c("power-lines", "Power lines", "Lignes électriques", "Tendidos eléctricos"),
                _c("wind-energy", "Wind energy", "Énergie éolienne", "Energía eólica"),
                _c(
                    "illegal-killing",
                    "Illegal killing, taking or trade",
                    "Abattage, prélèvement ou commerce illégaux",
                    "Matanza, captura o comercio ilegales",
                ),
                _c(
                    "climate-change",
                    "Climate change",
                    "Changements climatiques",
                    "Cambio climático",
                ),
                _c("pollution", "Pollution", "Pollution", "Contaminación"),
            ],
            "allow_other": True,
        },
        "tags": ["theme:habitat-loss", "theme:bycatch", "spms:2.1", "gbf:5"],
    },
    {
        "code": "SPEC-ACTION-01",
        "owner": "CMS",
        "type": "long_text",
        "text": {
            "en": "What conservation actions were taken for the species during the reporting "
            "period, and with what results?",
            "fr": "Quelles mesures de conservation ont été prises en faveur de l’espèce pendant "
            "la période considérée, et avec quels résultats ?",
            "es": "¿Qué medidas de conservación se adoptaron para la especie durante el período "
            "que abarca el informe y con qué resultados?",
        },
        "guidance": {},
        "config": {},
        "tags": ["theme:species-status", "spms:4.1", "gbf:4"],
    },
]
