"""The strategic assessment as a report: its figures are the assessment pages' figures, a
restricted dataset is in no version classified Unrestricted, and it issues as Word and PDF."""

import datetime

import pytest

from saferplan.assessment.models import (
    CandidateIssue,
    ConcernLink,
    Dataset,
    Dimension,
    HarmWeights,
    Score,
    Survey,
)
from saferplan.crime.statistics import EXACT_TEST
from saferplan.reports import kinds, render
from saferplan.reports.models import IssuedReport, Paragraph, Report
from saferplan.reports.services import new_report
from saferplan.reports.strategic import plain
from tests.crime.factory import THANET, counts
from tests.reminders.conftest import run_worker
from tests.reports.conftest import confirm_issue, docx_text, pdf_pages

SECRET_NAME = "Zeta youth offending"  # the restricted dataset, named nowhere else
SECRET_CAVEAT = "zsecretz"
SECRET_TOTAL = 9137
KIND = Report.Kind.STRATEGIC_ASSESSMENT


def months():
    first = datetime.date(2017, 10, 1)
    return [
        datetime.date(first.year + (first.month + n - 1) // 12, (first.month + n - 1) % 12 + 1, 1)
        for n in range(24)
    ]


def dataset(world, name, owner, count, **fields):
    found = Dataset.objects.create(
        partnership=world.thanet, name=name, owner=owner, counts="Cases", licence="OGL", **fields
    )
    found.rows.create(
        month=datetime.date(2019, 6, 1),
        area_code="E01999001",
        level="lsoa",
        district_code=THANET,
        category="Cases",
        count=count,
    )
    return found


@pytest.fixture
def assessed(places):
    """Two years of police.uk counts (burglary rising in the second), harm weights, three
    candidate issues scored by the partners, an open and a restricted dataset and a survey
    whose answer is linked to burglary."""
    world = places
    for n, month in enumerate(months()):
        counts(f"{month:%Y-%m}", "E01999001", {"Burglary": 1 + 2 * (n >= 12), "Drugs": 2})
    weights = HarmWeights.objects.create(partnership=world.thanet)
    weights.rows.create(category="Burglary", weight=10, source="Made-up index")
    weights.rows.create(category="Drugs", weight=3, source="Made-up index")
    burglary, drugs, youth = (
        CandidateIssue.objects.create(partnership=world.thanet, name=name, category=category)
        for name, category in [("Burglary", "Burglary"), ("Drugs", "Drugs"), ("Youth nuisance", "")]
    )
    for person, issue, dimension, value in [
        (world.coordinator, burglary, Dimension.FREQUENCY, 5),
        (world.police_officer, burglary, Dimension.FREQUENCY, 4),
        (world.police_officer, burglary, Dimension.TREND, 4),
        (world.council_officer, drugs, Dimension.FREQUENCY, 3),
        (world.council_officer, youth, Dimension.PUBLIC_CONCERN, 2),
    ]:
        Score.objects.create(issue=issue, dimension=dimension, scorer=person, value=value)
    dataset(world, "Council ASB reports", world.council, 41, caveats="Reports, not incidents.")
    dataset(world, SECRET_NAME, world.county, SECRET_TOTAL, caveats=SECRET_CAVEAT, restricted=True)
    survey = Survey.objects.create(
        partnership=world.thanet,
        title="Residents' survey 2019",
        carried_out="May 2019",
        respondents=500,
    )
    answer = survey.results.create(line=2, question="Worries?", answer="Burglary", count=160)
    ConcernLink.objects.create(issue=burglary, result=answer)
    return world


def report_of(world, classification=Report.Classification.UNRESTRICTED):
    report = new_report(partnership=world.thanet, kind=KIND, year=2020, author=world.coordinator)
    report.classification = classification
    report.meeting_date = datetime.date(2019, 12, 1)
    report.save()
    report.paragraphs.create(
        part=Paragraph.Part.SUMMARY,
        position=1,
        text="The assessment.",
        classification="unrestricted",
    )
    return report


def section(document, heading):
    return next(s for s in document.sections if s.heading == heading)


def test_the_documents_figures_are_the_assessment_pages_figures(client, assessed):
    document = kinds.build(report_of(assessed))
    client.force_login(assessed.councillor)

    ranking_page = client.get("/p/thanet/assessment/issues/").context
    ranking = section(document, "Ranking").blocks[0]
    assert ranking.table.rows == [[plain(c) for c in row] for row in ranking_page["table"].rows]
    ranked = [row.issue.name for row in ranking_page["ranking"].issues]
    assert ranked == ["Burglary", "Drugs", "Youth nuisance"]  # 4.5 + 4, 3, 2
    assert ranking.chart.series == {"Weighted total": [8.5, 3.0, 2.0]}
    assert section(document, "Recommended priorities").blocks[0].items == [
        "1. Burglary (weighted total 8.5)",
        "2. Drugs (weighted total 3.0)",
        "3. Youth nuisance (weighted total 2.0)",
    ]

    evidence = section(document, "Evidence for each candidate issue")
    assert [s.heading for s in evidence.subsections] == ranked
    for issue_section in evidence.subsections:
        issue = CandidateIssue.objects.get(name=issue_section.heading)
        page = client.get(issue.get_absolute_url()).context["dimensions"]
        scores = issue_section.blocks[0].table.rows
        assert [row[2] for row in scores] == [found or "" for _, found, _, _ in page]
        text = " ".join(block.text for block in issue_section.blocks)
        for _, found, _, suggested in page:
            if found:
                assert found in text
            if suggested:
                assert suggested.sentence() in text

    burglary = evidence.subsections[0].blocks[1]
    # 12 a year before, 36 in the latest 12 months: a rise beyond chance, the test named.
    assert burglary.table.rows == [["Oct 2018 to Sep 2019", 36], ["Oct 2017 to Sep 2018", 12]]
    assert burglary.chart.series == {"Burglary": [1] * 12 + [3] * 12}
    assert "+200.0% on Oct 2017 to Sep 2018 (12): rise" in burglary.text
    assert EXACT_TEST in burglary.text
    # Harm: 36 x 10 of 36 x 10 + 24 x 3.
    assert "83.3% of the harm-weighted total" in burglary.text
    assert "32.0% of the 500 people who answered" in evidence.subsections[0].blocks[2].text
    youth = evidence.subsections[2]
    assert len(youth.blocks) == 1  # no police.uk category: the partners' scores alone


def outputs(document):
    return {
        "page": render.to_html(document),
        "Word": docx_text(render.to_docx(document)),
        "PDF": " ".join(pdf_pages(render.to_pdf(document))),
    }


def test_no_version_names_or_quotes_a_restricted_dataset(assessed):
    unrestricted = kinds.build(report_of(assessed))
    sources = section(unrestricted, "Data sources")
    assert any("Council ASB reports" in block.text for block in sources.blocks)
    for name, text in outputs(unrestricted).items():
        assert "Council ASB reports" in text, name
        for secret in (SECRET_NAME, SECRET_CAVEAT, f"{SECRET_TOTAL:,}", str(SECRET_TOTAL)):
            assert secret not in text, (name, secret)

    # Not even a Restricted version names it: every member reads the reports, while only its
    # owner agency and the coordinators may read a restricted dataset.
    restricted = kinds.build(report_of(assessed, Report.Classification.RESTRICTED))
    text = render.to_html(restricted)
    for secret in (SECRET_NAME, SECRET_CAVEAT, f"{SECRET_TOTAL:,}"):
        assert secret not in text, secret
    assert "The partnership also holds 1 restricted dataset, which this document" in text


def test_it_is_issued_and_frozen_as_word_and_pdf(client, assessed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = report_of(assessed)
    client.force_login(assessed.coordinator)
    response = confirm_issue(client, report)
    run_worker()
    issued = IssuedReport.objects.get()
    assert (
        f'href="/p/thanet/reports/issued/{issued.pk}/"' in client.get(response.url).content.decode()
    )
    word = docx_text(issued.docx.read())
    pdf = " ".join(pdf_pages(issued.pdf.read()))
    for heading in ("Methods", "Data sources", "Evidence for each candidate issue", "Ranking"):
        assert heading in word and heading in pdf
    assert "1. Burglary (weighted total 8.5)" in word
    assert SECRET_NAME not in word + pdf + issued.html

    # Frozen: a new score changes the draft, not the issued version.
    Score.objects.filter(issue__name="Drugs").update(value=5)
    assert "Drugs (weighted total 5.0)" in render.to_html(kinds.build(report))
    assert "Drugs (weighted total 3.0)" in IssuedReport.objects.get().html
