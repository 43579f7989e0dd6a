"""Each report's text becomes paragraphs with their own classification.

A paragraph that starts with the old marker, however it was typed (RESTRICTED, RESTRICTED :,
Restricted -, after spaces…), becomes a restricted paragraph without it; a line that starts with
the marker starts a paragraph even with no blank line before it, and a "blank" line holding spaces
or tabs separates paragraphs; the rest are unrestricted. Issued versions stay as they were issued;
any issued Unrestricted that holds text marked restricted is named on the console.
"""

import re
import sys

from django.db import migrations

from saferplan.reports.marks import OLD_MARK, strip_old_mark

PARAGRAPH_PARTS = ["summary", "introduction", "topics", "financial"]
LINE_PARTS = ["options", "recommendations"]  # one item per line
MARKED_ANYWHERE = re.compile(r"\bRESTRICTED\b|(?i:\brestricted\s*[:\-–—])")


def old_paragraphs(text, *, one_per_line=False):
    """[(restricted, text)] of a text as the person who typed it meant it."""
    chunks = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            chunks.append([])
        elif one_per_line or OLD_MARK.match(line) or not chunks:
            chunks.append([line])
        else:
            chunks[-1].append(line)
    paragraphs = []
    marked_alone = False  # a marker on its own restricts the paragraph after it
    for chunk in filter(None, chunks):
        restricted, first = strip_old_mark(chunk[0])
        words = " ".join([first, *chunk[1:]]).split()
        if restricted and not words:
            marked_alone = True
            continue
        paragraphs.append((restricted or marked_alone, " ".join(words)))
        marked_alone = False
    return paragraphs


def texts_to_paragraphs(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Paragraph = apps.get_model("reports", "Paragraph")
    HistoricalParagraph = apps.get_model("reports", "HistoricalParagraph")
    for report in Report.objects.all():
        for part in PARAGRAPH_PARTS + LINE_PARTS:
            found = old_paragraphs(getattr(report, part), one_per_line=part in LINE_PARTS)
            for position, (restricted, text) in enumerate(found, start=1):
                paragraph = Paragraph.objects.create(
                    report=report,
                    part=part,
                    position=position,
                    text=text,
                    classification="restricted" if restricted else "unrestricted",
                )
                HistoricalParagraph.objects.create(
                    id=paragraph.pk,
                    report_id=report.pk,
                    part=part,
                    position=position,
                    text=text,
                    classification=paragraph.classification,
                    history_date=report.updated,
                    history_type="+",
                    history_change_reason="From the report's text, by migration",
                )
    name_issued_versions_that_hold_marked_text(apps)


def name_issued_versions_that_hold_marked_text(apps):
    IssuedReport = apps.get_model("reports", "IssuedReport")
    for issued in IssuedReport.objects.select_related("report__partnership"):
        content = issued.content
        if content.get("classification") == "Unrestricted" and any(
            MARKED_ANYWHERE.search(text) for text in document_texts(content)
        ):
            report = issued.report
            sys.stdout.write(
                f"\n  Issued version {issued.version} of report {report.pk} '{report.title}' "
                f"({report.partnership.slug}) is Unrestricted but holds text marked RESTRICTED. "
                "It stays as issued: reclassify the report Restricted to take it off the public "
                "pages, and issue a new version."
            )


def document_texts(content):
    summary = content.get("summary", "")
    yield from [summary] if isinstance(summary, str) else (b["text"] for b in summary)
    sections = list(content.get("sections", []))
    while sections:
        section = sections.pop()
        sections += section["subsections"]
        for block in section["blocks"]:
            yield block["text"]
            yield from block["items"]


def paragraphs_to_texts(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    for report in Report.objects.prefetch_related("paragraphs"):
        for part in PARAGRAPH_PARTS + LINE_PARTS:
            texts = [
                ("RESTRICTED: " if p.classification == "restricted" else "") + p.text
                for p in sorted(report.paragraphs.all(), key=lambda p: p.position)
                if p.part == part
            ]
            setattr(report, part, ("\n" if part in LINE_PARTS else "\n\n").join(texts))
        report.save()
    apps.get_model("reports", "Paragraph").objects.all().delete()
    apps.get_model("reports", "HistoricalParagraph").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_paragraph")]

    operations = [migrations.RunPython(texts_to_paragraphs, paragraphs_to_texts)]
