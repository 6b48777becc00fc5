"""One bank question across instruments: for each country, the answer it gave for each
instrument in a period, and a flag where it gave different answers for different instruments,
so that the secretariats can ask which one is right.

Rules:

* The answers of a country for an instrument are those of its latest submission whose date
  falls in the period (from 1 January of the first year to 31 December of the last, UTC): of
  the reports of that instrument's questionnaires, the official data (each report's latest
  submission) submitted last in the period. The default period is the last three calendar
  years up to today.
* Only the instruments the reader analyses; confidential items only where the reader reads
  them (both decided by `query.Scope`).
* Two answers are compared when both hold a value (neither "no information", nor made not
  applicable, nor empty) and their versions of the bank question are compatible (same answer
  type, every choice key of the older version in the newer: `bank.services.compatible`).
  They are compared by canonical value: the choice keys (a multiple choice as a set), the
  number, the date, the table's filled cells, the species; never by words. Texts, sites and
  files are shown, never compared: each report words them anew.
* An item repeated per species or per site is compared per species or site (the loop key: a
  taxon id is the same species for every instrument, a site belongs to its party and is
  reused across its reports): one line per country, species or site, and instrument.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import gettext as _

from app import answers, bounds
from app.analysis import answered, query
from app.analysis.results import loop_labels
from app.analysis.tables import Column, Table
from app.bank.models import BankQuestion, BankVersion
from app.bank.services import compatible
from app.directory.models import Party
from app.extensions import db
from app.i18n import Translated, sort_key, translate
from app.questionnaires.models import Node, NodeKind, Questionnaire, Status
from app.reporting.models import Report, SubmittedAnswer

FIRST_YEAR = 1979  # the Convention on Migratory Species was signed in 1979
LAST_YEAR = 2100
DEFAULT_YEARS = 3
MAX_CODE = 40  # a bank code's column size


@dataclass(frozen=True)
class Period:
    first: int  # a calendar year
    last: int
    default: bool = False

    @property
    def start(self) -> datetime:
        return datetime(self.first, 1, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period."""
        return datetime(self.last + 1, 1, 1, tzinfo=UTC)


def default_period(today: date | None = None) -> Period:
    """The last three calendar years up to today (this year included)."""
    year = (today or date.today()).year
    return Period(year - DEFAULT_YEARS + 1, year, default=True)


def period_from_args(args, today: date | None = None) -> tuple[Period | None, list[str]]:
    """(Period, problems) from `from` and `to` (years, each defaulting to the default period's
    own); a problem names what is refused."""
    default = default_period(today)
    given = {name: (args.get(name) or "").strip() for name in ("from", "to")}
    if not given["from"] and not given["to"]:
        return default, []
    problems = []
    years = {}
    for name, fallback in (("from", default.first), ("to", default.last)):
        if not given[name]:
            years[name] = fallback
            continue
        year = bounds.integer_or(given[name], None, low=FIRST_YEAR, high=LAST_YEAR)
        if year is None:
            problems.append(
                _(
                    "A year is a number from %(first)d to %(last)d.",
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                )
            )
        years[name] = year
    if problems:
        return None, problems
    if years["from"] > years["to"]:
        return None, [_("The first year of the period comes after its last year.")]
    return Period(years["from"], years["to"]), []


class Verdict(StrEnum):
    DIFFERENT = "different"  # differs from a compatible answer given for another instrument
    SAME = "same"  # equals every compatible answer given for another instrument
    INCOMPATIBLE = "incompatible"  # other answers exist, none of a compatible version
    ALONE = ""  # nothing to compare with (the only answer, or no value, or a text)


@dataclass
class Line:
    """One answer: a country's (for one species or site) for one instrument."""

    party_code: str
    party_name: str
    loop_key: str
    loop_label: str
    instrument_code: str
    questionnaire_code: str
    version: int | None
    submitted_at: datetime | None
    words: str
    verdict: Verdict = Verdict.ALONE


@dataclass
class Comparison:
    code: str
    text: Translated  # the latest version's text
    loop: str  # "species", "site" or "" (from the items that ask it)
    period: Period
    lines: list[Line]
    countries: int  # countries with at least one answer in the period
    compared: int  # countries with two answers that could be compared
    different: int  # countries flagged
    texts: bool  # the answers are texts, sites or files: shown, not compared
    incompatible: list[tuple[int, int]] = field(default_factory=list)  # (older, newer)
    versions: list[tuple[int, str]] = field(default_factory=list)  # (number, type label)


# --- which bank questions ----------------------------------------------------------------------


def _readable_uses(scope: query.Scope):
    """SELECT bank code, questionnaire id of the items pinning a bank version in the
    questionnaires `scope` analyses (not drafts), confidential items only where it reads
    them."""
    stmt = (
        sa.select(BankQuestion.code, Questionnaire.id)
        .select_from(Node)
        .join(BankVersion, BankVersion.id == Node.bank_version_id)
        .join(BankQuestion, BankQuestion.id == BankVersion.question_id)
        .join(Questionnaire, Questionnaire.id == Node.questionnaire_id)
        .where(Node.kind == NodeKind.ITEM.value, Questionnaire.status != Status.DRAFT.value)
    )
    if scope.instruments is not None:
        stmt = stmt.where(Questionnaire.instrument_id.in_(sorted(scope.instruments) or [-1]))
    if scope.confidential is not None:
        stmt = stmt.where(
            sa.or_(
                sa.not_(Node.confidential),
                Questionnaire.instrument_id.in_(sorted(scope.confidential) or [-1]),
            )
        )
    return stmt


def used_codes(scope: query.Scope) -> dict[str, int]:
    """Bank code → how many questionnaires `scope` analyses ask it. One statement."""
    uses = _readable_uses(scope).subquery()
    stmt = sa.select(uses.c.code, sa.func.count(sa.distinct(uses.c.id))).group_by(uses.c.code)
    return dict(db.session.execute(stmt).all())


def question_choices(scope: query.Scope, lang: str, minimum: int = 2) -> list[tuple[str, str]]:
    """(code, text in `lang`) of the bank questions asked by at least `minimum` questionnaires
    that `scope` analyses, by text in `lang`'s alphabet (then code)."""
    codes = sorted(code for code, n in used_codes(scope).items() if n >= minimum)
    if not codes:
        return []
    found = db.session.scalars(sa.select(BankQuestion).where(BankQuestion.code.in_(codes)))
    choices = [(q.code, str(translate(q.latest.text, lang=lang))) for q in found]
    choices.sort(key=lambda c: (sort_key(c[1], lang), c[0]))
    return choices


def question_for(code: str, scope: query.Scope) -> BankQuestion | None:
    """The bank question `code` when a questionnaire `scope` analyses asks it; None else."""
    code = (code or "").strip()[:MAX_CODE].upper()
    if not code or code not in used_codes(scope):
        return None
    return db.session.scalar(sa.select(BankQuestion).where(BankQuestion.code == code))


# --- the comparison -----------------------------------------------------------------------------


def compare(
    question: BankQuestion,
    scope: query.Scope,
    period: Period,
    lang: str,
    only_different: bool = False,
) -> Comparison:
    """The answers to `question` that `scope` reads, per country, species or site and
    instrument, in `period`, each with its verdict; by country name in `lang`, then species or
    site, then instrument. With `only_different`, only the countries and species or sites
    with different answers."""
    given = _chosen(_answers(question.code, scope, period))
    questionnaires = {
        q.id: q
        for q in db.session.scalars(
            sa.select(Questionnaire).where(
                Questionnaire.id.in_(sorted({g.questionnaire_id for g in given}) or [-1])
            )
        )
    }
    instruments = {q.instrument_id: q.instrument for q in questionnaires.values()}
    labels: dict[str, str] = {}
    for questionnaire in questionnaires.values():
        labels.update(loop_labels(questionnaire, lang))
    versions = {v.number: v for v in question.versions}
    species = answered.species_names(
        g.value for g in given if g.answer_type == answers.AnswerType.SPECIES
    )
    sayings = {
        instrument.id: answers.Saying(lang, instrument, species=species)
        for instrument in instruments.values()
    }
    groups: dict[tuple[int, str], list[answered.Given]] = defaultdict(list)
    for each in given:
        groups[(each.party_id, each.loop_key)].append(each)

    lines: list[Line] = []
    compared: set[int] = set()
    different: set[int] = set()
    incompatible: set[tuple[int, int]] = set()
    for (party_id, loop_key), group in groups.items():
        verdicts = {id(g): _verdict(g, group, versions, incompatible) for g in group}
        if any(v in (Verdict.SAME, Verdict.DIFFERENT) for v in verdicts.values()):
            compared.add(party_id)
        flagged = Verdict.DIFFERENT in verdicts.values()
        if flagged:
            different.add(party_id)
        if only_different and not flagged:
            continue
        for each in group:
            questionnaire = questionnaires[each.questionnaire_id]
            instrument = instruments[each.instrument_id]
            version = versions.get(each.bank_version or 0)
            lines.append(
                Line(
                    party_code=each.party_code,
                    party_name=str(translate(each.party_name, lang=lang)),
                    loop_key=loop_key,
                    loop_label=labels.get(loop_key, loop_key),
                    instrument_code=instrument.code,
                    questionnaire_code=questionnaire.code,
                    version=each.bank_version,
                    submitted_at=each.submitted_at,
                    words=answered.words(
                        each, version.config if version else {}, sayings[instrument.id]
                    ),
                    verdict=verdicts[id(each)],
                )
            )
    position = {i.code: (i.position, i.code) for i in instruments.values()}
    lines.sort(
        key=lambda line: (
            sort_key(line.party_name, lang),
            line.party_code,
            sort_key(line.loop_label, lang),
            position[line.instrument_code],
        )
    )
    used_versions = sorted({g.bank_version for g in given if g.bank_version in versions})
    types = {v.answer_type for v in question.versions}
    loops = sorted({g.loop_kind for g in given} - {""})
    return Comparison(
        code=question.code,
        text=translate(question.latest.text, lang=lang),
        loop=loops[0] if loops else "",
        period=period,
        lines=lines,
        countries=len({g.party_id for g in given}),
        compared=len(compared),
        different=len(different),
        texts=not types & answered.COMPARED_TYPES,
        incompatible=sorted(incompatible),
        versions=[(n, answers.AnswerType(versions[n].answer_type).label) for n in used_versions],
    )


def _answers(code: str, scope: query.Scope, period: Period) -> list[answered.Given]:
    """The answers to bank question `code` that `scope` reads, from each report's latest
    submission when it was submitted in `period`."""
    last = query.latest_submission()
    stmt = (
        query.base(
            scope,
            query.NO_FILTERS,
            (
                SubmittedAnswer,
                Party,
                query.membership_status(),
                Report.status.label("report_status"),
                last.c.submitted_at,
            ),
            bank_codes=(code,),
        )
        .join(last, last.c.report_id == SubmittedAnswer.report_id)
        .where(last.c.submitted_at >= period.start, last.c.submitted_at < period.end)
        .order_by(Party.code, SubmittedAnswer.id)
    )
    return answered.gather(db.session.execute(stmt))


def _chosen(given: list[answered.Given]) -> list[answered.Given]:
    """Per country and instrument, the answers of the report submitted last (a later cycle
    first when two were submitted at the same instant)."""
    order = dict(
        db.session.execute(
            sa.select(Questionnaire.id, Questionnaire.cycle_order).where(
                Questionnaire.id.in_(sorted({g.questionnaire_id for g in given}) or [-1])
            )
        ).all()
    )
    best: dict[tuple[int, int], tuple] = {}
    for each in given:
        rank = (_instant(each.submitted_at), order.get(each.questionnaire_id, 0), each.report_id)
        key = (each.party_id, each.instrument_id)
        if key not in best or rank > best[key]:
            best[key] = rank
    return [g for g in given if best[(g.party_id, g.instrument_id)][2] == g.report_id]


def _instant(moment: datetime | None) -> str:
    # SQLite gives naive datetimes, PostgreSQL aware ones: compare them as ISO text in UTC
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def _verdict(
    each: answered.Given,
    group: list[answered.Given],
    versions: dict[int, BankVersion],
    incompatible: set[tuple[int, int]],
) -> Verdict:
    """How `each` stands against the answers of the same country (species or site) for the
    other instruments; incompatible pairs of versions met are added to `incompatible`."""
    if not _comparable(each):
        return Verdict.ALONE
    others = [o for o in group if o is not each and _comparable(o)]
    if not others:
        return Verdict.ALONE
    matching = []
    for other in others:
        pair = tuple(sorted((each.bank_version or 0, other.bank_version or 0)))
        older, newer = versions.get(pair[0]), versions.get(pair[1])
        if older is not None and newer is not None and compatible(older, newer):
            matching.append(other)
        else:
            incompatible.add(pair)
    if not matching:
        return Verdict.INCOMPATIBLE
    if any(other.canonical != each.canonical for other in matching):
        return Verdict.DIFFERENT
    return Verdict.SAME


def _comparable(each: answered.Given) -> bool:
    return each.answer_type in answered.COMPARED_TYPES and each.canonical is not None


# --- the table ---------------------------------------------------------------------------------


def verdict_flag(verdict: Verdict) -> str:
    return _("Different answers") if verdict == Verdict.DIFFERENT else ""


def verdict_note(verdict: Verdict) -> str:
    if verdict == Verdict.SAME:
        return _("Same answer as for the other instruments.")
    if verdict == Verdict.INCOMPATIBLE:
        return _("Not compared: the versions of the question are not compatible.")
    return ""


def compare_table(found: Comparison) -> Table:
    """The comparison as the page shows it and its downloads give it: one row per answer."""
    looped = bool(found.loop) or any(line.loop_key for line in found.lines)
    columns = [Column(_("ISO code")), Column(_("Country or organisation"))]
    if looped:
        columns.append(Column(_("Species or site")))
    columns += [
        Column(_("Instrument")),
        Column(_("Questionnaire")),
        Column(_("Version"), "int"),
        Column(_("Submitted"), "datetime"),
        Column(_("Answer")),
        Column(_("Different answers"), "flag"),
        Column(_("Note")),
    ]
    table = Table(
        "compare",
        _("%(code)s — answers by country and instrument", code=found.code),
        columns,
        note=_(
            "Countries with different answers for different instruments: %(different)d; "
            "countries whose answers could be compared: %(compared)d; countries with an "
            "answer in the period: %(countries)d.",
            different=found.different,
            compared=found.compared,
            countries=found.countries,
        ),
    )
    for line in found.lines:
        row: list = [line.party_code, line.party_name]
        if looped:
            row.append(line.loop_label)
        row += [
            line.instrument_code,
            line.questionnaire_code,
            line.version,
            line.submitted_at,
            line.words,
            verdict_flag(line.verdict),
            verdict_note(line.verdict),
        ]
        table.rows.append(row)
    return table
