"""Form pieces shared by several domains."""

from datetime import date

from babel.dates import format_date, parse_date
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from app.i18n import current_language


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
