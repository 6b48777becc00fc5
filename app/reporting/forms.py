"""Forms of the reporting pages that are not questionnaire answers (those come from the
questionnaire itself, see fields.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField

from app.answers.kinds.site import MAX_NAME
from app.answers.reading import MAX_NUMBER_CHARS

COORDINATE = {
    "inputmode": "decimal",
    "autocomplete": "off",
    "spellcheck": "false",
    "maxlength": MAX_NUMBER_CHARS,
}


class SiteForm(FlaskForm):
    """A site of the party. The rules (name, coordinates in the reader's locale) live in
    services.save_site, so that the messages come from one place and the typed text is kept."""

    name = StringField(_l("Site name"), render_kw={"autocomplete": "off", "maxlength": MAX_NAME})
    latitude = StringField(_l("Latitude"), render_kw=COORDINATE)
    longitude = StringField(_l("Longitude"), render_kw=COORDINATE)
    submit = SubmitField(_l("Add the site"))


class RemoveSiteForm(FlaskForm):
    submit = SubmitField(_l("Remove the site"))
