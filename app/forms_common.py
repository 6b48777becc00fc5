"""Form pieces shared by several domains."""

from datetime import date

from babel.dates import format_date, parse_date
from babel.numbers import format_decimal
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app import bounds
from app.i18n import current_language, plural_samples


def checked_email(text: str) -> str:
    """`text` as a normalised address, or EmailNotValidError. Outside production the reserved
    `.test` domain (used by the demo accounts) is accepted too. No DNS lookup: the ministries'
    mail servers are not always reachable from here, and a wrong address shows itself when the
    mail bounces. The part before the @ is ASCII: the mail sent to it (Flask-Mail, without
    SMTPUTF8) cannot carry "é@…"; a domain in any script is sent in its ASCII (IDNA) form."""
    return validate_email(
        text or "",
        check_deliverability=False,
        allow_smtputf8=False,
        test_environment=bool(current_app.config.get("DEMO_ALLOWED")),
    ).normalized


class EmailAddress:
    """A syntactically valid address (see `checked_email`)."""

    def __call__(self, form, field) -> None:
        try:
            field.data = checked_email(field.data)
        except EmailNotValidError:
            raise ValidationError(_l("Enter a valid e-mail address.")) from None


class LocalDateField(StringField):
    """A day typed as the reader writes it (31/03/2026 in French, 3/31/26 in English) or as
    ISO (2026-03-31); empty is None. A text box rather than `type="date"`: a browser sends an
    incomplete or impossible date in a date box as an empty value, and the server could not
    tell it from no date at all. What cannot be read is refused with an example."""

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw_text:
            return
        locale = current_language()
        try:
            self.data = date.fromisoformat(self.raw_text)
            return
        except ValueError:
            pass
        try:
            self.data = parse_date(self.raw_text, locale=locale)
        except (ValueError, IndexError):
            example = format_date(date(2026, 3, 31), format="short", locale=locale)
            raise ValueError(_("Enter a date, for example %(example)s.", example=example)) from None

    def _value(self) -> str:
        if self.raw_data is not None and self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return format_date(self.data, format="short", locale=current_language())


class WholeNumberField(IntegerField):
    """A whole number within `low`..`high` (shown as the box's min and max); anything else,
    however long, is refused with the range before it is converted. Empty is None."""

    def __init__(self, label=None, validators=None, low=0, high=bounds.MAX_INT, **kwargs):
        render_kw = {"min": low, "max": high, **(kwargs.pop("render_kw", None) or {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)
        self.low, self.high = low, high

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not str(valuelist[0]).strip():
            return
        try:
            self.data = bounds.integer(valuelist[0], self.low, self.high)
        except ValueError:
            raise ValueError(whole_number_message(self.low, self.high)) from None


def whole_number_message(low: int, high: int) -> str:
    locale = current_language()
    return _(
        "Enter a whole number from %(low)s to %(high)s.",
        low=format_decimal(low, locale=locale),
        high=format_decimal(high, locale=locale),
    )


class TextLength:
    """A long text of at most `max` characters, counted as the browser counts them for the
    `maxlength` it gets (bounds.text_length); refused with the limit, never cut."""

    def __init__(self, max: int) -> None:  # noqa: A002 - the name WTForms' Length uses
        self.max = max
        self.field_flags = {"maxlength": max}

    def __call__(self, form, field) -> None:
        if field.data and bounds.text_length(field.data) > self.max:
            raise ValidationError(too_long_message(self.max))


def too_long_message(limit: int) -> str:
    """The one message for a text over its limit (answers, comments, names, messages)."""
    return _("This text is longer than %(max)d characters.", max=limit)


MAX_SEARCH = 200  # characters: a search of more words than a database query may hold is none


def checked_search(text: str | None) -> tuple[str, str | None]:
    """(the search as typed, stripped; the message refusing it when it is too long to be one,
    in which case nothing is searched)."""
    query = (text or "").strip()
    if len(query) > MAX_SEARCH:
        return query, _("This search is longer than %(max)d characters.", max=MAX_SEARCH)
    return query, None


def counter_sentences() -> dict[str, dict[str, str]]:
    """What static/js/limits.js says under a text box, in the reader's language: characters
    left and characters too many, one sentence per plural category with {n} for the count."""
    samples = plural_samples(current_language())
    left = {
        category: ngettext("%(count)s character left", "%(count)s characters left", n, count="{n}")
        for category, n in samples.items()
    }
    over = {
        category: ngettext(
            "%(count)s character too many", "%(count)s characters too many", n, count="{n}"
        )
        for category, n in samples.items()
    }
    return {"left": left, "over": over}


def options(pairs) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def field_values(form) -> dict:
    """A WTForms form's data by field name, for a template macro shared with forms that are
    plain dicts of what was posted (answers/_settings.html)."""
    return {field.name: field.data for field in form}


def field_errors(form) -> dict[str, str]:
    """A WTForms form's errors by field name, joined into one message each."""
    return {field.name: " ".join(map(str, field.errors)) for field in form if field.errors}


class ConfirmForm(FlaskForm):
    """The POST form of a confirmation page: its CSRF token is the whole of it."""
