"""Taxa and species lists imported from CSV or XLSX (app/interchange/species_import.py): a
generated file of the appendices' size (400 taxa) previewed then applied; a renamed taxon keeps
its row, lists and answers; a list compared with the previous cycle's (added, removed, changed
listing) and replacing an open list in place; malformed files refused with a reason, changing
nothing; a frozen list refused; who may import what, page by page."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.bank import species_lists, taxa
from app.bank.models import Species, SpeciesListEntry
from app.demo import species_data
from app.directory import services as directory
from app.extensions import db
from app.interchange import species_import, tabular
from app.reporting.models import Answer
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, CMS_SEC, FP_FRA

TAXA_HEADER = ["taxon_id", "scientific_name", "common_name_en", "common_name_fr",
               "common_name_es", "group"]  # fmt: skip
LIST_HEADER = ["taxon_id", "listing_en", "listing_fr", "listing_es"]
GROUPS = list(taxa.GROUPS)


def as_csv(rows: list[list], delimiter: str = ",", bom: bool = False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def as_xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def generated(count: int = 400) -> list[list]:
    """`count` invented taxa (the demo's own stay as they are), in every group."""
    return [TAXA_HEADER] + [
        [f"gen_{i:04d}", f"Generatus specius{i:04d}", f"Generated bird {i}",
         f"Oiseau généré n° {i}", f"Ave generada {i}", GROUPS[i % len(GROUPS)]]
        for i in range(count)
    ]  # fmt: skip


def species_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Species))


def species(taxon: str) -> Species:
    return db.session.scalar(sa.select(Species).where(Species.taxon_id == taxon))


def cms():
    return directory.instrument_by_code("CMS")


def test_the_demo_taxa_use_the_known_groups_and_ids(ctx):
    assert {s["group"] for s in species_data.SPECIES} <= set(taxa.GROUPS)
    assert all(taxa.TAXON_ID.fullmatch(s["taxon"]) for s in species_data.SPECIES)
    assert (taxa.TAXON_ID_LENGTH, taxa.SCIENTIFIC_NAME_LENGTH) == (80, 120)


# --- taxa ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "encode"),
    [
        ("taxa.csv", as_csv),
        ("taxa.csv", lambda rows: as_csv(rows, ";", bom=True)),  # Excel's "CSV UTF-8" in French
        ("taxa.xlsx", as_xlsx),
    ],
)
def test_four_hundred_taxa_preview_then_apply(ctx, filename, encode):
    before = species_count()
    data = encode(generated())
    preview = species_import.read_taxa(data, filename, apply=False)
    assert preview.ok, preview.refused
    assert (preview.rows, len(preview.added), len(preview.changed), preview.unchanged) == (
        400, 400, 0, 0,
    )  # fmt: skip
    assert preview.ignored_columns == []
    assert species_count() == before  # a preview writes nothing
    done = species_import.read_taxa(data, filename, apply=True)
    assert done.ok and len(done.added) == 400
    assert species_count() == before + 400
    made = species("gen_0007")
    assert made.scientific_name == "Generatus specius0007" and made.group == GROUPS[7 % 5]
    assert made.common_name == {"en": "Generated bird 7", "fr": "Oiseau généré n° 7",
                                "es": "Ave generada 7"}  # fmt: skip
    # found by any name, ignoring accents and case, as the list page searches
    assert [s.taxon_id for s in species_lists.search_species("OISEAU GENERE N° 7")][:1] == [
        "gen_0007"
    ]
    # the same file again changes nothing
    again = species_import.read_taxa(data, filename, apply=False)
    assert again.ok and (len(again.added), len(again.changed), again.unchanged) == (0, 0, 400)


def test_a_renamed_taxon_keeps_its_row_its_lists_and_its_answers(ctx):
    answer = db.session.scalar(sa.select(Answer).where(Answer.loop_key != "").limit(1))
    taxon = species(answer.loop_key)
    assert taxon is not None, "the demo answers species loops"
    row_id, names = taxon.id, dict(taxon.common_name)
    lists = {e.list_id for e in entries_of(taxon)}
    assert lists, "the demo lists the species it answers about"
    data = as_csv([TAXA_HEADER, [taxon.taxon_id, "Nomen novum", "", "Nom nouveau", "",
                                 taxon.group]])  # fmt: skip
    preview = species_import.read_taxa(data, "rename.csv", apply=False)
    [change] = preview.changed
    assert change.before["scientific_name"] == taxon.scientific_name
    assert change.after["scientific_name"] == "Nomen novum"
    assert change.after["common_name"] == {**names, "fr": "Nom nouveau"}
    assert species_import.read_taxa(data, "rename.csv", apply=True).ok
    db.session.expire_all()
    renamed = species(answer.loop_key)
    assert renamed.id == row_id and renamed.scientific_name == "Nomen novum"
    assert renamed.common_name == {**names, "fr": "Nom nouveau"}  # empty cells keep names
    assert "nom nouveau" in renamed.search_text and "nomen novum" in renamed.search_text
    assert db.session.get(Answer, answer.id).loop_key == renamed.taxon_id
    assert {e.list_id for e in entries_of(renamed)} == lists
    [event] = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "species.update", AuditEvent.target_id == row_id
        )
    )
    assert event.details["after"]["scientific_name"] == "Nomen novum"


def entries_of(taxon: Species) -> list[SpeciesListEntry]:
    stmt = sa.select(SpeciesListEntry).where(SpeciesListEntry.species_id == taxon.id)
    return list(db.session.scalars(stmt))


# --- a list for a cycle -------------------------------------------------------------------------


def cop16_rows() -> tuple[list[list], list[str]]:
    """COP15's list without its first two species, the third relisted, two species added."""
    cop15 = species_lists.list_for(cms(), "COP15")
    taxa_ids = [e.species.taxon_id for e in cop15.entries]
    rows = [LIST_HEADER]
    for entry in cop15.entries[2:]:
        listing = dict(entry.listing)
        if entry is cop15.entries[2]:
            listing = {"en": "Appendix II", "fr": "Annexe II", "es": "Apéndice II"}
        rows.append([entry.species.taxon_id, listing.get("en", ""), listing.get("fr", ""),
                     listing.get("es", "")])  # fmt: skip
    rows.append(["gyps_fulvus", "Appendix II", "Annexe II", "Apéndice II"])
    rows.append(["falco_concolor", "Appendix II", "", ""])
    return rows, taxa_ids


def test_a_list_is_compared_with_the_previous_cycle_then_replaced_in_place(ctx):
    rows, cop15_taxa = cop16_rows()
    data = as_csv(rows)
    preview = species_import.read_list(data, "cop16.csv", instrument=cms(), cycle="COP16",
                                       apply=False)  # fmt: skip
    assert preview.ok, preview.refused
    assert preview.compared_with == "COP15" and not preview.replaces
    assert [c.taxon_id for c in preview.added] == ["gyps_fulvus", "falco_concolor"]
    assert [c.taxon_id for c in preview.removed] == cop15_taxa[:2]
    assert [c.taxon_id for c in preview.changed] == [cop15_taxa[2]]
    assert preview.changed[0].after["listing"]["en"] == "Appendix II"
    assert preview.unchanged == 38 - 3
    assert species_lists.list_for(cms(), "COP16") is None  # a preview creates nothing

    done = species_import.read_list(data, "cop16.csv", instrument=cms(), cycle="COP16",
                                    apply=True)  # fmt: skip
    assert done.ok
    db.session.expire_all()
    cop16 = species_lists.list_for(cms(), "COP16")
    assert [e.species.taxon_id for e in cop16.entries] == [r[0] for r in rows[1:]]
    assert [e.position for e in cop16.entries] == list(range(38))
    assert cop16.entries[-1].listing == {"en": "Appendix II"}
    assert len(species_lists.list_for(cms(), "COP15").entries) == 38  # the source untouched

    # The same cycle again: compared with its own list, entries kept in place.
    ids = {e.species.taxon_id: e.id for e in cop16.entries}
    shorter = [rows[0], rows[-1], *rows[1:-2]]  # falco_concolor first, gyps_fulvus dropped
    again = species_import.read_list(as_xlsx(shorter), "cop16.xlsx", instrument=cms(),
                                     cycle="COP16", apply=True)  # fmt: skip
    assert again.ok and again.replaces and again.compared_with == "COP16"
    assert [c.taxon_id for c in again.removed] == ["gyps_fulvus"]
    assert (again.added, again.changed, again.unchanged) == ([], [], 37)
    db.session.expire_all()
    cop16 = species_lists.list_for(cms(), "COP16")
    assert cop16.entries[0].species.taxon_id == "falco_concolor"
    assert {e.species.taxon_id: e.id for e in cop16.entries} == {
        t: i for t, i in ids.items() if t != "gyps_fulvus"
    }
    events = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.action == "species_list.import", AuditEvent.target_id == cop16.id
        )
    ).all()
    assert [(e.details["added"], e.details["removed"]) for e in events] == [(38, 0), (0, 1)]


def test_a_frozen_list_is_refused(ctx):
    cop15 = species_lists.list_for(cms(), "COP15")  # CMS-COP15 is published
    rows = [LIST_HEADER, ["gyps_fulvus", "Appendix II", "", ""]]
    outcome = species_import.read_list(as_csv(rows), "x.csv", instrument=cms(), cycle="COP15",
                                       apply=True)  # fmt: skip
    assert [p.message for p in outcome.refused] == [
        "The list is frozen: CMS-COP15 uses it and is no longer a draft. Its reports are "
        "answered species by species, so its species cannot change."
    ]
    db.session.expire_all()
    assert len(cop15.entries) == 38


# --- malformed files ----------------------------------------------------------------------------


def formula_book() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(TAXA_HEADER)
    book.active.append(["gen_x", '=CONCAT("Aquila", " x")', "", "", "", "birds"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAD_TAXA = [
    ("taxa.xlsx", as_csv(generated(3)), None, "This file is not an Excel workbook (.xlsx)."),
    ("taxa.csv", as_xlsx(generated(3)), None,
     "This file is an Excel workbook, not a CSV file: name it .xlsx."),
    ("taxa.txt", as_csv(generated(3)), None,
     "Send a CSV file (.csv) or an Excel workbook (.xlsx)."),
    ("taxa.csv", b"", None, "The file is empty."),
    ("taxa.csv", b"  \n", None, "The file is empty."),
    ("taxa.csv", "taxon_id,scientific_name,group\ngen_x,Nom café,birds\n".encode("latin-1"),
     None, "This CSV file is not UTF-8 text: save it as “CSV UTF-8” and send it again."),
    ("taxa.csv", as_csv([["taxon_id", "scientific_name"], ["gen_x", "Aquila x"]]), 1,
     "The file has no column “group”."),
    ("taxa.csv", as_csv([["taxon_id", "group", "Group"], ["gen_x", "birds", "birds"]]), 1,
     "The column “group” comes twice."),
    ("taxa.csv", as_csv(generated(3) + [generated(3)[2]]), 5,
     "The taxon id gen_0001 comes twice in the file (first on row 3)."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["", "Aquila x", "", "", "", "birds"]]), 2,
     "The row has no taxon id."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen x", "Aquila x", "", "", "", "birds"]]), 2,
     "A taxon id is made of letters, digits, “_”, “.” and “-”, without spaces."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["g" * 81, "Aquila x", "", "", "", "birds"]]), 2,
     "A taxon id has at most 80 characters."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "A" * 121, "", "", "", "birds"]]), 2,
     "A scientific name has at most 120 characters."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "Aquila x", "", "n" * 201, "", "birds"]]), 2,
     "A common name has at most 200 characters."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "Aquila x", "", "", "", "dragons"]]), 2,
     "The group “dragons” is not one of: birds, mammals, fish, reptiles, insects."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "", "", "", "", "birds"]]), 2,
     "The row has no scientific name."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "Aquila nipalensis", "", "", "", "birds"]]), 2,
     "Aquila nipalensis is already the scientific name of the taxon aquila_nipalensis."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "=1+1", "", "", "", "birds"]]), 2,
     "The column “scientific_name” holds a formula: type the value itself."),
    ("taxa.xlsx", formula_book(), 2,
     "The column “scientific_name” holds a formula: type the value itself."),
    ("taxa.csv", as_csv([TAXA_HEADER, ["gen_x", "Aquila\x00x", "", "", "", "birds"]]), 2,
     "This row holds a character that cannot be stored."),
]  # fmt: skip


@pytest.mark.parametrize(("filename", "data", "row", "reason"), BAD_TAXA)
def test_a_malformed_taxa_file_says_why_and_changes_nothing(ctx, filename, data, row, reason):
    before = species_count()
    outcome = species_import.read_taxa(data, filename, apply=True)
    assert not outcome.ok
    if reason is not None:
        assert outcome.refused[0].message == reason
        assert outcome.refused[0].row == row
    assert species_count() == before
    assert species("gen_x") is None and species("gen_0000") is None


def test_the_size_and_row_limits_are_checked_before_reading(ctx, monkeypatch):
    def no_reading(*args, **kwargs):
        raise AssertionError("read")

    monkeypatch.setattr(tabular, "load_workbook", no_reading)
    monkeypatch.setattr(tabular.csv, "reader", no_reading)
    huge = b"x" * (50 * 1024 * 1024)
    for name in ("taxa.csv", "taxa.xlsx"):
        outcome = species_import.read_taxa(huge, name, apply=True)
        assert [p.message for p in outcome.refused] == ["The file is larger than 10 MB."]
    monkeypatch.undo()
    many = as_csv(generated(tabular.MAX_ROWS + 1))
    outcome = species_import.read_taxa(many, "many.csv", apply=False)
    assert [(p.row, p.message) for p in outcome.refused] == [
        (tabular.MAX_ROWS + 2, "The file has more than 5000 rows.")
    ]


def test_a_list_with_unknown_taxa_or_long_listings_changes_nothing(ctx):
    rows = [LIST_HEADER + ["notes"], ["gyps_fulvus", "Appendix II", "", "", "kept aside"],
            ["nowhere_taxon", "Appendix I", "", "", ""],
            ["falco_concolor", "A" * 201, "", "", ""]]  # fmt: skip
    outcome = species_import.read_list(as_csv(rows), "l.csv", instrument=cms(), cycle="COP16",
                                       apply=True)  # fmt: skip
    assert [(p.row, p.message) for p in outcome.refused] == [
        (4, "A listing has at most 200 characters."),
        (3, "No taxon has the id nowhere_taxon: import it with the taxa first."),
    ]
    assert outcome.ignored_columns == ["notes"]
    assert species_lists.list_for(cms(), "COP16") is None


# --- the pages ----------------------------------------------------------------------------------

PAGE = "/interchange/species/import"


def upload(client, data: bytes, filename: str, **fields):
    form = {"kind": "taxa", **fields, "file": (io.BytesIO(data), filename)}
    return client.post(PAGE, data=form, content_type="multipart/form-data")


def token_of(page: str) -> str:
    return re.search(r'action="/interchange/species/import/([\w-]+)"', page).group(1)


def test_a_secretariat_imports_taxa_then_a_list_from_the_pages(app, client, auth):
    auth.login(CMS_SEC)
    page = client.get("/bank/species-lists/CMS").get_data(as_text=True)
    assert 'href="/interchange/species/import?kind=list&amp;instrument=CMS"' in page
    form = client.get(PAGE).get_data(as_text=True)
    assert "taxon_id, scientific_name, common_name_en, common_name_fr" in form
    assert '<option value="CMS"' in form and '<option value="AEWA"' not in form

    preview = upload(client, as_csv(generated(400)), "taxa.csv")
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and 'id="import-added"' in text
    assert text.count('<tr data-taxon="gen_') == 200  # the first 200 shown, and a count
    with app.app_context():
        assert species("gen_0000") is None
    done = client.post(f"{PAGE}/{token_of(text)}")
    assert done.status_code == 302 and done.headers["Location"].endswith(PAGE)
    with app.app_context():
        assert species("gen_0399").group == GROUPS[399 % 5]
    again = client.post(f"{PAGE}/{token_of(text)}")  # taken once
    assert again.status_code == 302
    with app.app_context():
        assert species_count() == len(species_data.SPECIES) + 400

    rows = [LIST_HEADER, ["gen_0001", "Appendix I", "Annexe I", ""], ["gyps_fulvus", "", "", ""]]
    preview = upload(client, as_xlsx(rows), "cop16.xlsx", kind="list", instrument="CMS",
                     cycle="COP16")  # fmt: skip
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "COP15" in text and 'id="import-removed"' in text
    done = client.post(f"{PAGE}/{token_of(text)}")
    assert done.status_code == 302 and done.headers["Location"].endswith(
        "/bank/species-lists/CMS/COP16"
    )
    listed = client.get("/bank/species-lists/CMS/COP16").get_data(as_text=True)
    assert "Generatus specius0001" in listed and 'id="species-import"' in listed


def test_a_refused_file_offers_nothing_to_apply(client, auth):
    auth.login(CMS_SEC)
    refused = upload(client, b"taxon_id;group\n", "taxa.xlsx")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="import-refused"' in text
    assert "/interchange/species/import/" not in text
    frozen = upload(client, as_csv([LIST_HEADER, ["gyps_fulvus"]]), "l.csv", kind="list",
                    instrument="CMS", cycle="COP15")  # fmt: skip
    assert frozen.status_code == 422 and "CMS-COP15" in frozen.get_data(as_text=True)
    missing = client.post(PAGE, data={"kind": "list", "instrument": "CMS", "cycle": ""})
    assert missing.status_code == 422 and 'id="import-error"' in missing.get_data(as_text=True)


@pytest.mark.parametrize(
    ("user", "form", "taxa_status", "list_status"),
    [
        (CMS_SEC, 200, 200, 200),
        (AEWA_SEC, 200, 200, 403),  # another instrument's list
        (ADMIN, 200, 200, 403),  # the shared taxonomy, not an instrument's list
        (ANALYST, 403, 403, 403),
        (FP_FRA, 403, 403, 403),
        (None, 302, 302, 302),
    ],
)
def test_who_may_import_what(app, client, auth, user, form, taxa_status, list_status):
    if user:
        auth.login(user)
    page = client.get(PAGE)
    assert page.status_code == form
    if form == 200:
        text = page.get_data(as_text=True)
        assert ('value="CMS"' in text) is (user == CMS_SEC)
        assert ('id="kind-list"' in text) is (user != ADMIN)
    taxa_response = upload(client, as_csv(generated(2)), "taxa.csv")
    assert taxa_response.status_code == taxa_status
    assert ('id="import-added"' in taxa_response.get_data(as_text=True)) is (taxa_status == 200)
    list_response = upload(client, as_csv([LIST_HEADER, ["gyps_fulvus", "", "", ""]]), "l.csv",
                           kind="list", instrument="CMS", cycle="COP16")  # fmt: skip
    assert list_response.status_code == list_status
    if list_status == 302:
        assert "/account/login" in list_response.headers["Location"]
    with app.app_context():
        assert species("gen_0000") is None  # previews only
        assert species_lists.list_for(cms(), "COP16") is None


def test_another_persons_preview_cannot_be_applied(app, client, auth):
    auth.login(CMS_SEC)
    text = upload(client, as_csv(generated(2)), "taxa.csv").get_data(as_text=True)
    token = token_of(text)
    auth.logout()
    auth.login(AEWA_SEC)
    stolen = client.post(f"{PAGE}/{token}")
    assert stolen.status_code == 302 and stolen.headers["Location"].endswith(PAGE)
    with app.app_context():
        assert species("gen_0000") is None


def test_the_commands_preview_import_and_refuse(app, database, tmp_path):
    runner = app.test_cli_runner()
    taxa_file = tmp_path / "taxa.csv"
    taxa_file.write_bytes(as_csv(generated(400)))
    preview = runner.invoke(args=["species", "import-taxa", str(taxa_file), "--preview"])
    assert preview.exit_code == 0, preview.output
    assert "Would import taxa: 400 added, 0 changed, 0 unchanged; nothing was changed." in (
        preview.output
    )
    done = runner.invoke(args=["species", "import-taxa", str(taxa_file)])
    assert "Imported taxa: 400 added" in done.output
    list_file = tmp_path / "cop16.xlsx"
    list_file.write_bytes(as_xlsx([LIST_HEADER, ["gen_0001", "Appendix I", "", ""]]))
    args = ["species", "import-list", str(list_file), "--instrument", "cms", "--cycle", "COP16"]
    done = runner.invoke(args=args)
    assert done.exit_code == 0, done.output
    assert "Imported the list of CMS for COP16 (compared with COP15): 1 added, 0 changed, " in (
        done.output
    )
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"taxon_id\n")
    refused = runner.invoke(args=["species", "import-taxa", str(broken)])
    assert refused.exit_code == 1
    assert "refused: This file is not an Excel workbook (.xlsx)." in refused.output
    with app.app_context():
        assert species("gen_0001") is not None
        assert len(species_lists.list_for(cms(), "COP16").entries) == 1
        db.session.rollback()
