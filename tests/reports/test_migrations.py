"""The move to paragraphs keeps what authors meant: text marked RESTRICTED, however it was typed
and separated, becomes restricted paragraphs; issued versions stay as issued, and any issued
Unrestricted that holds marked text is named."""

import pytest

from tests.migrations import migrate

BEFORE = [("reports", "0003_paragraph")]
AFTER = [("reports", "0005_remove_report_text_fields")]

U, R = "unrestricted", "restricted"


OLD_TEXT = {
    "summary": "What this report is.\n\nRESTRICTED: s1 the victim's name.",
    "introduction": "RESTRICTED:\n\n  Names s2 of the families.",
    "topics": (
        "Members will hear a presentation.\n \nRESTRICTED: s3 first."  # blank line with a space
        "\r\n\t\r\nThe plan's progress.\nRESTRICTED: s4 second."  # a tab; a single line break
        "\n\nRESTRICTED : s5 third.\n\nRestricted - s6 fourth.\r\rrestricted: s7\nfifth."
        "\n\nRestricted access to the park ends in May."  # a sentence, not a marker
    ),
    "options": "To note the updates.\nRESTRICTED: s8 to refer the case.\n  To agree.",
    "financial": "",
    "recommendations": "[Restricted] s9 to close the case\r\nTo note the updates.",
}
EXPECTED = {
    "summary": [(U, "What this report is."), (R, "s1 the victim's name.")],
    "introduction": [(R, "Names s2 of the families.")],
    "topics": [
        (U, "Members will hear a presentation."),
        (R, "s3 first."),
        (U, "The plan's progress."),
        (R, "s4 second."),
        (R, "s5 third."),
        (R, "s6 fourth."),
        (R, "s7 fifth."),
        (U, "Restricted access to the park ends in May."),
    ],
    "options": [(U, "To note the updates."), (R, "s8 to refer the case."), (U, "To agree.")],
    "recommendations": [(R, "s9 to close the case"), (U, "To note the updates.")],
}


def issued_content(classification, text):
    return {
        "classification": classification,
        "summary": "What this report is.",
        "sections": [
            {
                "heading": "Meeting topics",
                "number": "2.0",
                "blocks": [{"text": text, "number": "2.1", "items": [], "restricted": False}],
                "subsections": [],
            }
        ],
    }


@pytest.mark.django_db(transaction=True)
def test_old_text_becomes_classified_paragraphs_and_leaky_issues_are_named(
    back_to_the_latest, capsys
):
    apps = migrate(BEFORE)
    partnership = apps.get_model("partnerships", "Partnership").objects.create(
        slug="thanet", name="Thanet Community Safety Partnership"
    )
    report = apps.get_model("reports", "Report").objects.create(
        partnership=partnership, kind="cover", year=2014, title="Update", author="A", **OLD_TEXT
    )
    leaked = "Members will hear a presentation. RESTRICTED: s3 first."  # as the old parser made it
    IssuedReport = apps.get_model("reports", "IssuedReport")
    versions = {
        1: issued_content("Unrestricted", leaked),
        2: issued_content("Unrestricted", "Members will hear a presentation."),
        3: issued_content("Restricted", leaked),
    }
    for version, content in versions.items():
        IssuedReport.objects.create(
            report=report, version=version, content=content, html="<p>as issued</p>"
        )

    apps = migrate(AFTER)
    paragraphs = apps.get_model("reports", "Paragraph").objects.filter(report=report.pk)
    found = {
        part: [(p.classification, p.text) for p in paragraphs.filter(part=part)]
        for part in EXPECTED
    }
    assert found == EXPECTED
    assert [p.position for p in paragraphs.filter(part="topics")] == list(range(1, 9))
    history = apps.get_model("reports", "HistoricalParagraph").objects.all()
    assert sorted(h.id for h in history) == sorted(p.pk for p in paragraphs)

    said = capsys.readouterr().out
    assert said.count("is Unrestricted but holds text marked RESTRICTED") == 1
    assert "Issued version 1 of report" in said and "'Update' (thanet)" in said
    issued = apps.get_model("reports", "IssuedReport").objects.filter(report=report.pk)
    assert {i.version: i.content for i in issued} == versions  # as issued

    apps = migrate(BEFORE)
    back = apps.get_model("reports", "Report").objects.get(pk=report.pk)
    assert back.topics.startswith("Members will hear a presentation.\n\nRESTRICTED: s3 first.")
    assert back.options == "To note the updates.\nRESTRICTED: s8 to refer the case.\nTo agree."
