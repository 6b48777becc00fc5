"""Seed the peer: migrate its database, then the questionnaire of spec.py (one survey, its 10
sections as the package's categories, 300 questions) and a complete response of each of the 130
respondents (39,000 answers), in bulk. Run with the peer's venv, from anywhere:

    .venv-peer/bin/python bench/peer/seed.py      # PEER_DATABASE names the database

Deletes the benchmark survey and respondents first. Prints one JSON line: the survey's id, the
question ids by question number, and a signed-in session of respondent 1 for the bench's
requests.
"""

import json
import os
import sys
import time
import uuid
import warnings
from datetime import timedelta

warnings.filterwarnings("ignore", message="Cannot import 'sankey'")  # an optional extra
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerproj.settings")

import django  # noqa: E402

django.setup()

import spec  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.timezone import now  # noqa: E402
from survey.models import Answer, Category, Question, Response, Survey  # noqa: E402


def seed() -> tuple[Survey, list[Question]]:
    questions = spec.questions()
    with transaction.atomic():
        Survey.objects.filter(name=spec.SURVEY_NAME).delete()
        User.objects.filter(username__startswith="respondent").delete()
        survey = Survey.objects.create(
            name=spec.SURVEY_NAME,
            description="Benchmark: 10 sections of 30 questions, one response per respondent.",
            is_published=True,
            need_logged_user=True,
            editable_answers=True,
            display_method=Survey.BY_CATEGORY,
            publish_date=now().date() - timedelta(days=1),
            expire_date=now().date() + timedelta(days=3650),
        )
        categories = [
            Category.objects.create(name=name, survey=survey, order=i, description=f"Section {i}")
            for i, name in enumerate(spec.SECTION_NAMES, start=1)
        ]
        rows = []
        for question in questions:
            row = Question(
                text=question["text"],
                order=question["n"],
                required=question["required"],
                category=categories[question["section"]],
                survey=survey,
                type=question["type"],
                choices=",".join(question["choices"]) if question["choices"] else None,
            )
            row.save()  # the model checks its choices here
            rows.append(row)
        password = make_password("bench-password")
        User.objects.bulk_create(
            [User(username=spec.RESPONDENT.format(n), password=password)
             for n in range(1, spec.RESPONDENTS + 1)]
        )  # fmt: skip
        users = User.objects.filter(username__startswith="respondent").order_by("username")
        Response.objects.bulk_create(
            [Response(survey=survey, user=u, interview_uuid=uuid.uuid4().hex) for u in users]
        )
        responses = Response.objects.filter(survey=survey).order_by("user__username")
        answers = []
        for respondent, response in enumerate(responses, start=1):
            for question, row in zip(questions, rows, strict=True):
                # Answer() checks a body against the choice labels while the forms store slugs:
                # the body is set after construction, as the form's save leaves it
                given = Answer(question=row, response=response)
                given.body = spec.answer(question, respondent)[0]
                answers.append(given)
        Answer.objects.bulk_create(answers, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return survey, rows


def main() -> None:
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    survey, rows = seed()
    client = Client()
    client.force_login(User.objects.get(username=spec.RESPONDENT.format(1)))
    print(
        json.dumps(
            {
                "survey_id": survey.pk,
                "question_ids": {row.order: row.pk for row in rows},
                "answers": Answer.objects.filter(response__survey=survey).count(),
                "session": client.cookies["sessionid"].value,
                "seconds": round(time.perf_counter() - start, 1),
            }
        )  # fmt: skip
    )


if __name__ == "__main__":
    main()
