"""Sending mail. Each message is rendered in its recipient's language (force_locale), so the
same call serves a French focal point and a Spanish one."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_mail import Message

from app import templating
from app.extensions import mail

log = logging.getLogger(__name__)


def send(to: str, template: str, locale: str | None, **context: Any) -> Message:
    """Render mail/<template>.txt (first line: subject) in `locale` and send it.

    In development (MAIL_CONSOLE) the message is printed instead of sent.
    """
    with force_locale(locale or "en"):
        # as render_template, but with the line breaks as written: they are the mail's layout
        source = templating.plain_text(current_app).get_template(f"mail/{template}.txt")
        current_app.update_template_context(context)
        rendered = source.render(context)
    subject, _, body = rendered.strip().partition("\n")
    message = Message(subject=subject.strip(), recipients=[to], body=body.strip() + "\n")
    if current_app.config.get("MAIL_CONSOLE"):
        print(f"--- mail to {to} ---\nSubject: {message.subject}\n\n{message.body}---", flush=True)
        log.info("mail to %s printed to the console", to)
    else:
        mail.send(message)
    return message
