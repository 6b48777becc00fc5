"""People, their roles and their countries' memberships, imported by an administrator from a CSV
or XLSX file (read by tabular.py), all or nothing, after a preview.

One row per person × role: `email`, `name`, `locale`, `role` (focal_point, secretariat or
analyst), `instrument` (its code), `party` (ISO 3166-1 alpha-3 code), and `membership_status`
(party, signatory or range_state). The scope a role needs is the grant service's
(auth.services.check_scope): a focal point names an instrument and a country that is a member
of it; a secretariat an instrument; an analyst an instrument, or none for every instrument.

Memberships ride on the same rows rather than in a file of their own: the focal point of a
country the instrument does not list yet needs that membership first, and one file that says
both is applied in that order. A `membership_status` creates the membership or changes its
status through directory.services.set_membership (which holds the rules of statuses per kind
of instrument and opens the reports a new member owes).

An address without an account becomes one, without a password, in the row's `locale` (empty:
the browser's language; its mail in English); after the commit the caller mails each new
account its invitation (app/auth/invitations.py). An existing account keeps its name and
language and gains the roles it lacks; a role it holds is "unchanged". Any refused row (with
its row and a reason in the reader's language) stops the whole import. `read` works in a
savepoint and keeps the changes only when asked to (`apply`); the caller commits."""

from __future__ import annotations

from dataclasses import dataclass, field

from email_validator import EmailNotValidError
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.auth import invitations
from app.auth import services as accounts
from app.auth.models import Role, User
from app.directory import services as directory
from app.directory.models import Instrument, MembershipStatus, Party
from app.extensions import db
from app.forms_common import checked_email
from app.i18n import languages
from app.interchange import tabular
from app.interchange.xlsform_import import Problem

COLUMNS = ["email", "name", "locale", "role", "instrument", "party", "membership_status"]
REQUIRED = ["email", "role"]
ROLES = (Role.FOCAL_POINT, Role.SECRETARIAT, Role.ANALYST)
NAME_LENGTH = 200


@dataclass
class Line:
    """A row that passed the checks that need no writing."""

    row: int
    email: str
    name: str
    locale: str | None
    role: Role
    instrument: Instrument | None
    party: Party | None
    status: str | None
    user: User | None  # None: the account is new


@dataclass
class Person:
    row: int
    email: str
    name: str
    locale: str | None


@dataclass
class Grant:
    row: int
    email: str
    name: str
    role: Role
    instrument: str | None
    party: str | None


@dataclass
class MembershipChange:
    row: int
    party: str
    instrument: str
    before: str | None  # None: a new membership
    after: str


@dataclass
class Outcome:
    """What the file changes (or would change: a preview), and what stops it."""

    rows: int = 0
    new_users: list[Person] = field(default_factory=list)
    new_roles: list[Grant] = field(default_factory=list)
    unchanged: list[Grant] = field(default_factory=list)
    memberships: list[MembershipChange] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)
    # After an applied import: each new account, its invitation token and its mail's language.
    invitations: list[tuple[User, str, str | None]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def changes(self) -> bool:
        return bool(self.new_users or self.new_roles or self.memberships)


class _Reader:
    def __init__(self, table: tabular.Table, outcome: Outcome) -> None:
        self.table, self.outcome = table, outcome
        self.first_row: dict[tuple, int] = {}
        self.people: dict[str, Person] = {}
        self.instruments = {i.code: i for i in directory.instruments()}

    def refuse(self, row: int | None, message) -> None:
        self.outcome.refused.append(Problem(self.table.name, row, str(message)))

    def line(self, row: tabular.Row) -> Line | None:
        """The row read, or None when it is refused (every reason recorded)."""
        problem = tabular.row_problem(row, COLUMNS)
        if problem is not None:
            self.refuse(row.number, problem)
            return None
        values = {c: " ".join(row.values.get(c, "").split()) for c in COLUMNS}
        before = len(self.outcome.refused)
        email = self._email(row.number, values["email"])
        role = self._role(row.number, values["role"])
        instrument = self._instrument(row.number, values["instrument"])
        party = self._party(row.number, values["party"])
        locale = values["locale"].casefold() or None
        if locale is not None and locale not in languages():
            self.refuse(
                row.number,
                _l("The language “%(locale)s” is not one of: %(languages)s.",
                   locale=values["locale"], languages=", ".join(languages())),
            )  # fmt: skip
        status = self._status(row.number, values["membership_status"], instrument, party)
        if len(values["name"]) > NAME_LENGTH:
            self.refuse(
                row.number, _l("A name has at most %(count)d characters.", count=NAME_LENGTH)
            )
        if len(self.outcome.refused) > before:
            return None
        user = accounts.user_by_email(email)
        if user is None and not values["name"]:
            self.refuse(row.number, _l("%(email)s has no account yet: give a name.", email=email))
            return None
        if user is not None and not user.active:
            self.refuse(
                row.number,
                _l("The account of %(email)s is deactivated: activate it first.", email=email),
            )
            return None
        key = (email, role, getattr(instrument, "code", None), getattr(party, "code", None))
        if key in self.first_row:
            self.refuse(
                row.number,
                _l("This person and role come twice in the file (first on row %(row)s).",
                   row=self.first_row[key]),
            )  # fmt: skip
            return None
        self.first_row[key] = row.number
        if user is None and not self._same_person(row.number, email, values["name"], locale):
            return None
        return Line(
            row.number, email, values["name"], locale, role, instrument, party, status, user
        )

    def _same_person(self, number: int, email: str, name: str, locale: str | None) -> bool:
        """A new person on several rows: the rows must agree on the name and the language."""
        first = self.people.setdefault(email, Person(number, email, name, locale))
        if (first.name, first.locale) != (name, locale):
            self.refuse(
                number,
                _l("The name or language of %(email)s differs from row %(row)s.",
                   email=email, row=first.row),
            )  # fmt: skip
            return False
        return True

    def _email(self, number: int, text: str) -> str:
        if not text:
            self.refuse(number, _l("The row has no e-mail address."))
            return ""
        try:
            return accounts.normalise_email(checked_email(text))
        except EmailNotValidError:
            self.refuse(number, _l("“%(email)s” is not a valid e-mail address.", email=text))
            return ""

    def _role(self, number: int, text: str) -> Role:
        for role in ROLES:
            if text.casefold() == role.value:
                return role
        self.refuse(
            number,
            _l("The role “%(role)s” is not one of: %(roles)s.",
               role=text, roles=", ".join(r.value for r in ROLES)),
        )  # fmt: skip
        return Role.ANALYST

    def _instrument(self, number: int, code: str) -> Instrument | None:
        if not code:
            return None
        instrument = self.instruments.get(code.upper())
        if instrument is None:
            self.refuse(number, _l("No instrument has the code %(code)s.", code=code))
        return instrument

    def _party(self, number: int, code: str) -> Party | None:
        if not code:
            return None
        party = directory.party_by_code(code) if len(code) == 3 else None
        if party is None:
            self.refuse(number, _l("No country has the code %(code)s.", code=code))
        return party

    def _status(self, number: int, text: str, instrument, party) -> str | None:
        if not text:
            return None
        status = text.casefold()
        if status not in {s.value for s in MembershipStatus}:
            self.refuse(
                number,
                _l("The membership status “%(status)s” is not one of: %(statuses)s.",
                   status=text, statuses=", ".join(s.value for s in MembershipStatus)),
            )  # fmt: skip
            return None
        if instrument is None or party is None:
            self.refuse(number, _l("A membership status needs an instrument and a country."))
            return None
        return status


def _open(data: bytes, filename: str, outcome: Outcome) -> tabular.Table | None:
    try:
        table = tabular.read(data, filename)
    except tabular.Unreadable as error:
        outcome.refused.append(Problem(filename, error.row, error.message))
        return None
    missing = [c for c in REQUIRED if c not in table.header]
    if missing:
        outcome.refused.append(
            Problem(
                table.name, 1, str(_l("The file has no column “%(column)s”.", column=missing[0]))
            )
        )
        return None
    outcome.ignored_columns = [c for c in table.header if c not in COLUMNS]
    outcome.rows = len(table.rows)
    return table


def read(data: bytes, filename: str, *, apply: bool, actor=None) -> Outcome:
    """Import the directory file `data` (named `filename`). With apply=False, a preview: the
    same work is done in a savepoint and rolled back. Returns the Outcome (with, once applied,
    the invitations to mail); the caller commits."""
    outcome = Outcome()
    table = _open(data, filename, outcome)
    if table is None:
        return outcome
    reader = _Reader(table, outcome)
    lines = [line for line in map(reader.line, table.rows) if line is not None]
    savepoint = db.session.begin_nested()
    try:
        _write(reader, lines, actor)
    except IntegrityError:  # another page or import added the same account meanwhile
        outcome.refused.append(
            Problem("", None, str(_l("The directory changed meanwhile: send the file again.")))
        )
    outcome.refused.sort(key=lambda problem: problem.row or 0)  # in the file's order
    if outcome.refused or not apply:
        outcome.invitations.clear()
        savepoint.rollback()
    else:
        savepoint.commit()
    return outcome


def _write(reader: _Reader, lines: list[Line], actor) -> None:
    """Apply each line in file order: membership, account, role; a refusal is the row's."""
    outcome = reader.outcome
    created: dict[str, User] = {}
    for line in lines:
        if line.status is not None:
            _membership(reader, line, actor)
        user = line.user or created.get(line.email)
        if user is None:
            user = accounts.create_user(line.email, line.name, locale=line.locale, actor=actor)
            created[line.email] = user
            outcome.new_users.append(Person(line.row, line.email, line.name, line.locale))
            outcome.invitations.append((user, invitations.invite(user), line.locale))
        scope = accounts.GrantScope(line.role, line.instrument, line.party)
        grant = Grant(
            line.row, line.email, user.name, line.role,
            getattr(line.instrument, "code", None), getattr(line.party, "code", None),
        )  # fmt: skip
        if accounts.find_grant(user, scope) is not None:
            outcome.unchanged.append(grant)
            continue
        try:
            accounts.grant_role(user, scope, actor=actor)
        except accounts.AuthError as error:
            reader.refuse(line.row, error)
        else:
            outcome.new_roles.append(grant)


def _membership(reader: _Reader, line: Line, actor) -> None:
    party, instrument = line.party, line.instrument
    current = next((m for m in party.memberships if m.instrument_id == instrument.id), None)
    before = current.status if current is not None else None
    if before == line.status:
        return
    try:
        directory.set_membership(party, instrument, line.status, actor=actor)
    except directory.DirectoryError as error:
        reader.refuse(line.row, error)
        return
    if current is None:
        db.session.refresh(party, ["memberships"])
    reader.outcome.memberships.append(
        MembershipChange(line.row, party.code, instrument.code, before, line.status)
    )
