"""Demo questionnaires, shaped like the real national report formats of CMS (COP14, COP15),
AEWA (MOP9), the Raptors MoU (MOS4) and EUROBATS (MOP11).

Most items reuse harmonised bank questions, a core of which every instrument shares (protection,
poisoning, power lines, critical sites, monitoring, planning, funding, cooperation, and the
per-species questions of the species loops), so that answers compare across treaties.
"""

from __future__ import annotations


def T(en: str, fr: str, es: str = "") -> dict[str, str]:  # noqa: N802 - reads like a literal
    texts = {"en": en, "fr": fr}
    if es:
        texts["es"] = es
    return texts


def bank(code: str, *, required: bool = False, version: int | None = None, **extra) -> dict:
    return {"bank": code, "required": required, "version": version, **extra}


def local(code: str, answer_type: str, text: dict, **extra) -> dict:
    return {"local": code, "type": answer_type, "text": text, **extra}


def section(title: dict, *items: dict, loop: str | None = None, sections=(), **extra) -> dict:
    return {"title": title, "items": list(items), "loop": loop, "sections": list(sections), **extra}


def equals(code: str, value: str) -> dict:
    return {"item": code, "op": "equals", "value": value}


YES = "yes"

# --- shared pieces ------------------------------------------------------------------------------

GENERAL = section(
    T("General information", "Informations générales", "Información general"),
    local(
        "{p}-GEN-01",
        "short_text",
        T(
            "Name of the institution responsible for preparing this report",
            "Nom de l’institution chargée de l’établissement du présent rapport",
            "Nombre de la institución encargada de preparar este informe",
        ),
        required=True,
    ),
    local(
        "{p}-GEN-02",
        "long_text",
        T(
            "Which other institutions and stakeholders contributed to this report?",
            "Quels autres institutions et acteurs ont contribué au présent rapport ?",
            "¿Qué otras instituciones y partes interesadas contribuyeron a este informe?",
        ),
    ),
)

SPECIES_LOOP = section(
    T("Status of the listed species", "État des espèces inscrites",
      "Estado de las especies incluidas"),
    bank("SPEC-OCCUR-01", required=True),
    bank("SPEC-TREND-01", condition={"item": "SPEC-OCCUR-01", "op": "in",
                                     "value": ["breeding", "passage", "wintering"]}),
    bank("SPEC-POP-01", condition={"item": "SPEC-OCCUR-01", "op": "in",
                                   "value": ["breeding", "passage", "wintering"]}),
    bank("SPEC-THREAT-01", condition={"item": "SPEC-OCCUR-01", "op": "not_equals",
                                      "value": "absent"}),
    bank("SPEC-ACTION-01", condition={"item": "SPEC-THREAT-01", "op": "answered"}),
    loop="species",
)  # fmt: skip


def _with_prefix(spec: dict, prefix: str) -> dict:
    """A copy of a shared section whose local codes carry the questionnaire's prefix."""
    items = [
        {**item, "local": item["local"].format(p=prefix)} if "local" in item else dict(item)
        for item in spec["items"]
    ]
    return {**spec, "items": items}


PROTECTION_CORE = [
    bank("SPEC-PROT-01", required=True),
    bank("SPEC-PROT-02", condition={"item": "SPEC-PROT-01", "op": "not_equals",
                                    "value": "not-prohibited"}),
]  # fmt: skip

THREATS_CORE = [
    bank("THR-POISON-01", required=True),
    bank("THR-POISON-02", condition=equals("THR-POISON-01", YES)),
    bank("THR-POWER-01"),
    bank("THR-IKB-01"),
]

HABITATS_CORE = [
    bank("HAB-PA-01", required=True),
    bank("HAB-PA-02", condition=equals("HAB-PA-01", YES)),
    bank("HAB-NETWORK-04"),
]

IMPLEMENTATION_CORE = [
    bank("IMPL-PLAN-03", required=True),
    bank("IMPL-PLAN-04", condition=equals("IMPL-PLAN-03", YES)),
    bank("RES-MONITOR-01"),
    bank("IMPL-FUND-01"),
    bank("IMPL-CAPACITY-01"),
    bank("COOP-MEA-01"),
    bank("AWARE-EDU-01"),
]

# --- CMS ----------------------------------------------------------------------------------------

CMS_COP14 = {
    "code": "CMS-COP14",
    "instrument": "CMS",
    "cycle": "COP14",
    "order": 14,
    "status": "closed",
    "deadline": "2023-05-31",
    "species_list": "COP14",
    "title": T("CMS national report for COP14", "Rapport national CMS pour la COP14",
               "Informe nacional de la CMS para la COP14"),
    "introduction": T(
        "National report of Parties on the implementation of the Convention, for the 14th "
        "meeting of the Conference of the Parties (Samarkand, 2024).",
        "Rapport national des Parties sur la mise en œuvre de la Convention, pour la "
        "14e session de la Conférence des Parties (Samarcande, 2024).",
        "Informe nacional de las Partes sobre la aplicación de la Convención, para la "
        "14.ª reunión de la Conferencia de las Partes (Samarcanda, 2024).",
    ),
    "sections": [
        _with_prefix(GENERAL, "CMS14"),
        section(
            T("Legal protection of Appendix I species", "Protection juridique des espèces de "
              "l’Annexe I", "Protección jurídica de las especies del Apéndice I"),
            bank("SPEC-PROT-01", version=1, required=True),
            bank("SPEC-PROT-02", condition=equals("SPEC-PROT-01", YES)),
            bank("SPEC-PROT-03"),
            bank("SPEC-PROT-04"),
            bank("SPEC-PROT-06", condition=equals("SPEC-PROT-04", YES)),
        ),
        section(
            T("Threats and obstacles to migration", "Menaces et obstacles à la migration",
              "Amenazas y obstáculos a la migración"),
            *THREATS_CORE,
            bank("THR-BYCATCH-01"),
            bank("THR-WIND-01"),
        ),
        _with_prefix(SPECIES_LOOP, "CMS14"),
        section(
            T("Habitats and ecological networks", "Habitats et réseaux écologiques",
              "Hábitats y redes ecológicas"),
            *HABITATS_CORE,
        ),
        section(
            T("Implementation", "Mise en œuvre", "Aplicación"),
            bank("IMPL-PLAN-01", version=1, required=True),
            *IMPLEMENTATION_CORE,
        ),
    ],
}  # fmt: skip

CMS_COP15 = {
    "code": "CMS-COP15",
    "instrument": "CMS",
    "cycle": "COP15",
    "order": 15,
    "status": "published",
    "deadline": "2027-04-30",
    "species_list": "COP15",
    "title": T("CMS national report for COP15", "Rapport national CMS pour la COP15",
               "Informe nacional de la CMS para la COP15"),
    "introduction": T(
        "National report of Parties on the implementation of the Convention and of the "
        "Strategic Plan for Migratory Species 2024–2032, for the 15th meeting of the "
        "Conference of the Parties. Answers given for other instruments of the CMS Family can "
        "be reused.",
        "Rapport national des Parties sur la mise en œuvre de la Convention et du Plan "
        "stratégique pour les espèces migratrices 2024-2032, pour la 15e session de la "
        "Conférence des Parties. Les réponses données pour d’autres instruments de la Famille "
        "CMS peuvent être réutilisées.",
        "Informe nacional de las Partes sobre la aplicación de la Convención y del Plan "
        "Estratégico para las Especies Migratorias 2024-2032, para la 15.ª reunión de la "
        "Conferencia de las Partes. Las respuestas dadas para otros instrumentos de la Familia "
        "CMS pueden reutilizarse.",
    ),
    "sections": [
        _with_prefix(GENERAL, "CMS15"),
        section(
            T("Legal protection of Appendix I species", "Protection juridique des espèces de "
              "l’Annexe I", "Protección jurídica de las especies del Apéndice I"),
            *PROTECTION_CORE,
            bank("SPEC-PROT-03"),
            bank("SPEC-PROT-04"),
            bank("SPEC-PROT-05", condition=equals("SPEC-PROT-04", YES)),
            bank("SPEC-PROT-06", condition=equals("SPEC-PROT-04", YES)),
            bank("SPEC-PROT-07", condition=equals("SPEC-PROT-04", YES)),
            bank("IMPL-LEGAL-01"),
        ),
        section(
            T("Threats and obstacles to migration", "Menaces et obstacles à la migration",
              "Amenazas y obstáculos a la migración"),
            *THREATS_CORE,
            bank("THR-BYCATCH-01"),
            bank("THR-WIND-01"),
            bank("THR-CLIMATE-01"),
            local("CMS15-THR-01", "long_text", T(
                "Describe any emerging threat to migratory species identified in your country "
                "since COP14.",
                "Décrivez toute menace émergente pour les espèces migratrices identifiée dans "
                "votre pays depuis la COP14.",
                "Describa cualquier amenaza emergente para las especies migratorias detectada "
                "en su país desde la COP14.",
            )),
        ),
        _with_prefix(SPECIES_LOOP, "CMS15"),
        section(
            T("Habitats and ecological networks", "Habitats et réseaux écologiques",
              "Hábitats y redes ecológicas"),
            *HABITATS_CORE,
            bank("HAB-NETWORK-01"),
            bank("HAB-NETWORK-02", condition=equals("HAB-NETWORK-01", YES)),
            bank("HAB-RESTORE-01"),
        ),
        section(
            T("Implementation", "Mise en œuvre", "Aplicación"),
            bank("IMPL-PLAN-01", required=True),
            *IMPLEMENTATION_CORE,
            bank("IMPL-FUND-04", condition=equals("IMPL-FUND-01", YES)),
            local("CMS15-IMPL-01", "yes_no", T(
                "Has your country nominated a national focal point for each CMS Family "
                "instrument it belongs to?",
                "Votre pays a-t-il désigné un correspondant national pour chaque instrument de "
                "la Famille CMS auquel il appartient ?",
                "¿Ha designado su país un punto focal nacional para cada instrumento de la "
                "Familia CMS del que forma parte?",
            ), required=True),
        ),
    ],
}  # fmt: skip

# --- AEWA ---------------------------------------------------------------------------------------

AEWA_MOP9 = {
    "code": "AEWA-MOP9",
    "instrument": "AEWA",
    "cycle": "MOP9",
    "order": 9,
    "status": "published",
    "deadline": "2027-01-31",
    "species_list": "MOP9",
    "title": T("AEWA national report for MOP9", "Rapport national AEWA pour la MOP9"),
    "introduction": T(
        "Report on the implementation of the Agreement on the Conservation of African-Eurasian "
        "Migratory Waterbirds for the 9th session of the Meeting of the Parties.",
        "Rapport sur la mise en œuvre de l’Accord sur la conservation des oiseaux d’eau "
        "migrateurs d’Afrique-Eurasie pour la 9e session de la Réunion des Parties.",
    ),
    "sections": [
        _with_prefix(GENERAL, "AEWA9"),
        section(
            T("Species conservation", "Conservation des espèces"),
            *PROTECTION_CORE,
            bank("IMPL-PLAN-05"),
        ),
        _with_prefix(SPECIES_LOOP, "AEWA9"),
        section(
            T("Threats", "Menaces"),
            *THREATS_CORE,
            local("AEWA9-THR-01", "yes_no", T(
                "Has the use of lead gunshot in wetlands been phased out in your country?",
                "L’utilisation de la grenaille de plomb dans les zones humides a-t-elle été "
                "abandonnée dans votre pays ?",
            ), required=True),
        ),
        section(
            T("Habitat conservation", "Conservation des habitats"),
            *HABITATS_CORE,
            bank("HAB-PA-05"),
            bank("COOP-REGION-01"),
        ),
        section(
            T("Research, monitoring and implementation", "Recherche, suivi et mise en œuvre"),
            bank("RES-MONITOR-03", required=True),
            bank("RES-MONITOR-04", condition={"item": "RES-MONITOR-03", "op": "in",
                                              "value": ["yes-every-year", "yes-some-years"]}),
            *IMPLEMENTATION_CORE,
        ),
    ],
}  # fmt: skip

# --- Raptors MoU ---------------------------------------------------------------------------------

RAPTORS_MOS4 = {
    "code": "RAPTORS-MOS4",
    "instrument": "RAPTORS",
    "cycle": "MOS4",
    "order": 4,
    "status": "published",
    "deadline": "2027-02-28",
    "species_list": "MOS4",
    "title": T("Raptors MoU national report for MOS4",
               "Rapport national du MdE Rapaces pour la MOS4"),
    "introduction": T(
        "Report of Signatories on the implementation of the Memorandum of Understanding on the "
        "Conservation of Migratory Birds of Prey in Africa and Eurasia and its Action Plan.",
        "Rapport des Signataires sur la mise en œuvre du Mémorandum d’entente sur la "
        "conservation des oiseaux de proie migrateurs d’Afrique et d’Eurasie et de son plan "
        "d’action.",
    ),
    "sections": [
        _with_prefix(GENERAL, "RAP4"),
        section(
            T("Protection of birds of prey", "Protection des oiseaux de proie"),
            *PROTECTION_CORE,
            bank("SPEC-PROT-08"),
            bank("HAB-PA-06"),
        ),
        _with_prefix(SPECIES_LOOP, "RAP4"),
        section(
            T("Threats", "Menaces"),
            *THREATS_CORE,
            bank("THR-WIND-01"),
            local("RAP4-THR-01", "number", T(
                "How many birds of prey found electrocuted were reported in the reporting period?",
                "Combien d’oiseaux de proie trouvés électrocutés ont été signalés pendant la "
                "période considérée ?",
            ), config={"min": 0, "integer": True}, condition=equals("THR-POWER-01", YES)),
        ),
        section(
            T("Sites, monitoring and cooperation", "Sites, suivi et coopération"),
            *HABITATS_CORE,
            bank("RES-MONITOR-08"),
            *IMPLEMENTATION_CORE,
            bank("COOP-REGION-03"),
        ),
    ],
}  # fmt: skip

# --- EUROBATS (a draft with two French texts still missing) ------------------------------------

EUROBATS_MOP11 = {
    "code": "EUROBATS-MOP11",
    "instrument": "EUROBATS",
    "cycle": "MOP11",
    "order": 11,
    "status": "draft",
    "deadline": "2027-06-30",
    "species_list": "MOP11",
    "title": T("EUROBATS national implementation report for MOP11",
               "Rapport national de mise en œuvre EUROBATS pour la MOP11"),
    "sections": [
        _with_prefix(GENERAL, "EB11"),
        section(
            T("Bat roosts and sites", "Gîtes et sites à chauves-souris"),
            bank("HAB-PA-07", required=True),
            bank("HAB-PA-08", condition=equals("HAB-PA-07", YES)),
            local("EB11-SITE-01", "long_text",
                  {"en": "Describe the measures taken to protect underground sites from "
                         "disturbance."}),
        ),
        _with_prefix(SPECIES_LOOP, "EB11"),
        section(
            {"en": "Wind turbines and bats"},
            bank("THR-WIND-01"),
            bank("THR-WIND-05"),
            bank("RES-MONITOR-09"),
            bank("AWARE-EDU-04"),
        ),
    ],
}  # fmt: skip

QUESTIONNAIRES = [CMS_COP14, CMS_COP15, AEWA_MOP9, RAPTORS_MOS4, EUROBATS_MOP11]
